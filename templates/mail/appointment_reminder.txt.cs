Hello<?cs if:visitor.name ?> <?cs var:visitor.name ?><?cs /if ?>,

your help session with <?cs var:client.name ?> is at <?cs var:appointment.when ?> (UTC), in about <?cs var:appointment.lead ?> minutes.

Join here, and you go to the head of the queue:
<?cs var:appointment.link ?>

--
<?cs var:client.name ?>
