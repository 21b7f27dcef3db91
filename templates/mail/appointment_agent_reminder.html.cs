<?cs include:"mail/html_header.cs" ?>
<p>Hello <?cs var:agent.name ?>,</p>
<p>you took the appointment with <?cs if:visitor.name ?><?cs var:visitor.name ?><?cs else ?>a visitor<?cs /if ?><?cs if:visitor.contact ?> (<?cs var:visitor.contact ?>)<?cs /if ?> at <strong><?cs var:appointment.when ?> (UTC)</strong>, in about <?cs var:appointment.lead ?> minutes.</p>
<?cs if:appointment.question ?><p>Their question: <?cs var:appointment.question ?></p><?cs /if ?>
<p>At the time it enters the queue and is offered to you first, if you are available: <a href="<?cs var:appointment.console ?>">open your console</a>.</p>
<?cs include:"mail/html_footer.cs" ?>
