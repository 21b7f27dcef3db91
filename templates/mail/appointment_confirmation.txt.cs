Hello<?cs if:visitor.name ?> <?cs var:visitor.name ?><?cs /if ?>,

your help session with <?cs var:client.name ?> is booked for <?cs var:appointment.when ?> (UTC).
<?cs if:appointment.question ?>
Your question: <?cs var:appointment.question ?>
<?cs /if ?>
The calendar file attached puts it in your calendar. We will remind you <?cs var:appointment.lead ?> minutes before.

When it is time, this link brings you to the head of the queue:
<?cs var:appointment.link ?>

--
<?cs var:client.name ?>
