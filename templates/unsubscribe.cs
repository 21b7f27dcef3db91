<?cs set:title = "Weekly digest" ?><?cs set:page.name = "unsubscribe" ?>
<?cs include:"header.cs" ?>
<section class="card narrow" id="unsubscribe">
  <h1>Weekly digest</h1>
  <?cs if:notice ?><p class="notice" id="notice"><?cs var:notice ?></p><?cs /if ?>
  <p><?cs var:person.name ?>, you <?cs if:subscribed ?>get<?cs else ?>do not get<?cs /if ?> the weekly digest of <?cs var:client.name ?>'s help desk.</p>
  <form method="post" action="/unsubscribe" id="digest-form">
    <input type="hidden" name="t" value="<?cs var:token ?>">
    <?cs if:subscribed ?>
    <input type="hidden" name="action" value="stop"><button type="submit">Stop the weekly digest</button>
    <?cs else ?>
    <input type="hidden" name="action" value="start"><button type="submit" class="secondary">Get it again</button>
    <?cs /if ?>
  </form>
</section>
<?cs include:"footer.cs" ?>
