<?cs include:"mail/html_header.cs" ?>
<p>Hello,</p>
<p>here is the transcript of your conversation with <?cs var:client.name ?>, as you asked.</p>
<h1 style="font-size:18px;"><?cs var:channel.name ?></h1>
<table style="border-collapse:collapse;width:100%;font-size:14px;">
<?cs each:e = events ?><?cs if:e.kind == "line" || e.kind == "join" || e.kind == "leave" || e.kind == "transfer" || e.kind == "address" || e.kind == "window" || e.kind == "lead" || e.kind == "close" ?>
<tr><td style="color:#6b7280;padding:2px 8px 2px 0;vertical-align:top;white-space:nowrap;"><?cs var:string.slice(e.at, 11, 16) ?></td>
<td style="padding:2px 0;"><?cs if:e.kind == "line" ?><strong><?cs var:e.name ?>:</strong> <?cs var:e.body ?><?cs elif:e.kind == "join" ?><em><?cs var:e.name ?> joined</em><?cs elif:e.kind == "leave" ?><em><?cs var:e.name ?> left</em><?cs elif:e.kind == "transfer" ?><em><?cs var:e.body ?></em><?cs elif:e.kind == "address" ?><em><?cs var:e.name ?> led everyone to <?cs var:e.body ?></em><?cs elif:e.kind == "window" ?><em><?cs var:e.name ?> opened a led window at <?cs var:e.body ?></em><?cs elif:e.kind == "lead" ?><em><?cs var:e.name ?> passed the baton to <?cs var:e.body ?></em><?cs else ?><em>The session ended</em><?cs /if ?></td></tr>
<?cs /if ?><?cs /each ?>
</table>
<p style="color:#6b7280;font-size:12px;">Times are UTC.</p>
<?cs include:"mail/html_footer.cs" ?>
