<?cs set:title = "Your appointment" ?><?cs set:page.name = "rejoin" ?>
<?cs include:"header.cs" ?>
<section class="card narrow" id="rejoin">
  <h1>Your help session with <?cs var:appointment.client ?></h1>
  <p>Booked for <strong><?cs var:appointment.when ?> (UTC)</strong>.</p>
  <?cs if:appointment.over ?>
  <p class="notice" id="over">This appointment is over: it was cancelled or has taken place.</p>
  <?cs else ?>
  <p>Join now and you go to the head of the queue: the next free person takes you.</p>
  <form method="post" action="/rejoin" id="rejoin-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="r" value="<?cs var:appointment.id ?>">
    <input type="hidden" name="k" value="<?cs var:appointment.key ?>">
    <button type="submit">Join the queue now</button>
  </form>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
