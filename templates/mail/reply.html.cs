<?cs include:"lang.cs" ?><?cs include:"mail/html_header.cs" ?>
<div style="white-space:pre-wrap;font-size:15px;line-height:1.45;"><?cs var:reply.text ?></div>
<p style="margin-top:20px;"><?cs var:agent.name ?>, <?cs var:client.name ?></p>
<?cs set:mail.footer = t.mail.reply_footer ?>
<?cs include:"mail/html_footer.cs" ?>
