<?cs include:"lang.cs" ?><?cs if:visitor.name ?><?cs call:fill(t.mail.hello_name, visitor.name) ?><?cs else ?><?cs var:t.mail.hello ?><?cs /if ?>

<?cs call:split2(t.mail.reminder_at) ?><?cs var:split2.a ?><?cs var:client.name ?><?cs var:split2.b ?><?cs var:appointment.when_text ?><?cs call:fill(split2.c, appointment.lead) ?>

<?cs var:t.mail.reminder_link ?>
<?cs var:appointment.link ?>

--
<?cs var:client.name ?>
