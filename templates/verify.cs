<?cs set:title = "Your code" ?><?cs set:page.name = "verify" ?>
<?cs include:"header.cs" ?>
<section class="card narrow" id="verify">
  <h1>Two-factor sign-in</h1>
  <p>Type the six-digit code your authenticator app shows for Baton, or one of your recovery codes.</p>
  <?cs if:message ?><p class="message" id="message" role="alert"><?cs var:message ?></p><?cs /if ?>
  <form method="post" action="/verify" id="verify-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <label for="code">Code</label>
    <input type="text" id="code" name="code" required maxlength="30" inputmode="numeric" autocomplete="one-time-code" autofocus>
    <button type="submit">Sign in</button>
  </form>
  <p class="muted"><a href="/signin">Start again</a></p>
</section>
<?cs include:"footer.cs" ?>
