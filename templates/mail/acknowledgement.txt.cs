<?cs include:"lang.cs" ?><?cs if:visitor.name ?><?cs call:fill(t.mail.hello_name, visitor.name) ?><?cs else ?><?cs var:t.mail.hello ?><?cs /if ?>

<?cs if:message.subject ?><?cs call:fill2(t.mail.ack_thanks_subject, client.name, message.subject) ?><?cs else ?><?cs call:fill(t.mail.ack_thanks, client.name) ?><?cs /if ?>

<?cs var:t.mail.ack_more ?>

--
<?cs var:mail.footer ?>
