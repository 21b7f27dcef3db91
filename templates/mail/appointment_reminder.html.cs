<?cs include:"lang.cs" ?><?cs include:"mail/html_header.cs" ?>
<p><?cs if:visitor.name ?><?cs call:fill(t.mail.hello_name, visitor.name) ?><?cs else ?><?cs var:t.mail.hello ?><?cs /if ?></p>
<p><?cs call:split2(t.mail.reminder_at) ?><?cs var:split2.a ?><?cs var:client.name ?><?cs var:split2.b ?><strong><?cs var:appointment.when_text ?></strong><?cs call:fill(split2.c, appointment.lead) ?></p>
<p><a href="<?cs var:appointment.link ?>" style="display:inline-block;background:#3b5bdb;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none;"><?cs var:t.mail.reminder_join ?></a></p>
<p style="color:#6b7280;font-size:13px;"><?cs var:t.mail.reminder_head ?></p>
<?cs include:"mail/html_footer.cs" ?>
