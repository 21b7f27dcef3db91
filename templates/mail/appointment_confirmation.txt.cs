<?cs include:"lang.cs" ?><?cs if:visitor.name ?><?cs call:fill(t.mail.hello_name, visitor.name) ?><?cs else ?><?cs var:t.mail.hello ?><?cs /if ?>

<?cs call:fill2(t.mail.appointment_booked, client.name, appointment.when_text) ?>
<?cs if:appointment.question ?>
<?cs call:fill(t.mail.appointment_question, appointment.question) ?>
<?cs /if ?>
<?cs call:fill(t.mail.appointment_calendar, appointment.lead) ?>

<?cs var:t.mail.appointment_link ?>
<?cs var:appointment.link ?>

--
<?cs var:client.name ?>
