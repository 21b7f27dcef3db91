Hello <?cs var:agent.name ?>,

you took the appointment with <?cs if:visitor.name ?><?cs var:visitor.name ?><?cs else ?>a visitor<?cs /if ?><?cs if:visitor.contact ?> (<?cs var:visitor.contact ?>)<?cs /if ?> at <?cs var:appointment.when ?> (UTC), in about <?cs var:appointment.lead ?> minutes.
<?cs if:appointment.question ?>
Their question: <?cs var:appointment.question ?>
<?cs /if ?>
At the time it enters the queue and is offered to you first, if you are available:
<?cs var:appointment.console ?>

--
Baton for <?cs var:client.name ?>
