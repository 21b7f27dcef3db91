<?cs include:"lang.cs" ?><?cs include:"mail/html_header.cs" ?>
<?cs def:line(e) ?><?cs set:line_shown = 0 ?><?cs if:reader.lang ?><?cs each:x = events ?><?cs if:!line_shown && x.kind == "translation" && x.ref == e.seq && x.lang == reader.lang && x.body ?><span lang="<?cs var:reader.lang ?>"><?cs var:x.body ?></span> <em style="color:#6b7280;">(<?cs var:t.chat.translated ?>)</em><?cs set:line_shown = 1 ?><?cs /if ?><?cs /each ?><?cs /if ?><?cs if:!line_shown ?><?cs var:e.body ?><?cs /if ?><?cs /def ?>
<p><?cs var:t.mail.hello ?></p>
<p><?cs call:fill(t.mail.transcript_intro, client.name) ?></p>
<h1 style="font-size:18px;"><?cs var:channel.name ?></h1>
<table style="border-collapse:collapse;width:100%;font-size:14px;">
<?cs each:e = events ?><?cs if:e.kind == "line" || e.kind == "join" || e.kind == "leave" || e.kind == "transfer" || e.kind == "address" || e.kind == "window" || e.kind == "lead" || e.kind == "close" ?>
<tr><td style="color:#6b7280;padding:2px 8px 2px 0;vertical-align:top;white-space:nowrap;"><?cs var:string.slice(e.at, 11, 16) ?></td>
<td style="padding:2px 0;"><?cs if:e.kind == "line" ?><strong><?cs var:e.name ?>:</strong> <?cs call:line(e) ?><?cs elif:e.kind == "join" ?><em><?cs call:fill(t.chat.joined, e.name) ?></em><?cs elif:e.kind == "leave" ?><em><?cs call:fill(t.chat.left, e.name) ?></em><?cs elif:e.kind == "transfer" ?><em><?cs var:e.body ?></em><?cs elif:e.kind == "address" ?><em><?cs call:fill2(t.chat.led_to, e.name, e.body) ?></em><?cs elif:e.kind == "window" ?><em><?cs call:fill2(t.chat.window_at, e.name, e.body) ?></em><?cs elif:e.kind == "lead" ?><em><?cs call:fill2(t.chat.passed_to, e.name, e.body) ?></em><?cs else ?><em><?cs var:t.chat.ended ?></em><?cs /if ?></td></tr>
<?cs /if ?><?cs /each ?>
</table>
<p style="color:#6b7280;font-size:12px;"><?cs var:t.mail.times_utc ?></p>
<?cs include:"mail/html_footer.cs" ?>
