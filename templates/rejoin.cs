<?cs include:"lang.cs" ?><?cs set:title = t.rejoin.title ?><?cs set:page.name = "rejoin" ?>
<?cs include:"header.cs" ?>
<section class="card narrow" id="rejoin">
  <h1><?cs call:fill(t.rejoin.heading, appointment.client) ?></h1>
  <p><?cs call:split(t.rejoin.booked) ?><?cs var:split.before ?><strong><?cs var:appointment.when_text ?></strong><?cs var:split.after ?></p>
  <?cs if:appointment.over ?>
  <p class="notice" id="over"><?cs var:t.rejoin.over ?></p>
  <?cs else ?>
  <p><?cs var:t.rejoin.join_why ?></p>
  <form method="post" action="/rejoin" id="rejoin-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="r" value="<?cs var:appointment.id ?>">
    <input type="hidden" name="k" value="<?cs var:appointment.key ?>">
    <button type="submit"><?cs var:t.wait.requeue ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
