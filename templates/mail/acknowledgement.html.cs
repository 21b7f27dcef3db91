<?cs include:"lang.cs" ?><?cs include:"mail/html_header.cs" ?>
<p><?cs if:visitor.name ?><?cs call:fill(t.mail.hello_name, visitor.name) ?><?cs else ?><?cs var:t.mail.hello ?><?cs /if ?></p>
<p><?cs if:message.subject ?><?cs call:fill2(t.mail.ack_thanks_subject, client.name, message.subject) ?><?cs else ?><?cs call:fill(t.mail.ack_thanks, client.name) ?><?cs /if ?></p>
<p><?cs var:t.mail.ack_more ?></p>
<?cs include:"mail/html_footer.cs" ?>
