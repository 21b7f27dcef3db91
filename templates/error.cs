<?cs set:title = error.reason ?><?cs set:page.name = "error" ?>
<?cs include:"header.cs" ?>
<section class="card">
  <h1><?cs var:error.reason ?></h1>
  <p class="error-message" id="error-message"><?cs var:error.message ?></p>
  <p><a href="/"><?cs var:t.error.back ?></a></p>
</section>
<?cs include:"footer.cs" ?>
