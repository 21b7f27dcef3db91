Hello <?cs var:person.name ?>,

here is the week of <?cs var:week ?> at <?cs var:client.name ?>'s help desk.

The week in figures
<?cs each:f = figures ?>  <?cs var:f.label ?>: <?cs var:f.value ?>
<?cs /each ?>
Suggestions
<?cs if:suggestion_count == 0 ?>  Nothing stood out this week.
<?cs /if ?><?cs if:hour.span ?>  - Between <?cs var:hour.span ?> (UTC) <?cs var:hour.requests ?> visitors asked for help<?cs if:hour.left > 0 ?> and <?cs var:hour.left ?> left while waiting<?cs /if ?><?cs if:hour.wait_words ?>; those taken waited <?cs var:hour.wait_words ?> on average<?cs /if ?>, with <?cs var:hour.agents ?> agents available on average. More agents at that hour would help.
<?cs /if ?><?cs each:m = missed ?>  - <?cs var:m.name ?> let <?cs var:m.now ?> offers pass this week (<?cs var:m.before ?> the week before): worth a word about notifications or breaks.
<?cs /each ?><?cs if:subcount(pages) > 0 ?>  - The pages that most often led to help requests:
<?cs each:p = pages ?>      <?cs var:p.requests ?> from <?cs var:p.url ?>
<?cs /each ?>    A clearer answer on those pages would save visitors the wait.
<?cs /if ?>
The full reports: <?cs var:reports ?>

--
Baton for <?cs var:client.name ?>. You get this as a supervisor or admin; to stop it: <?cs var:unsubscribe ?>
