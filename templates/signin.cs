<?cs set:title = "Sign in" ?><?cs set:page.name = "signin" ?>
<?cs include:"header.cs" ?>
<section class="card narrow">
  <h1>Agent sign-in</h1>
  <?cs if:setup_pending ?><p class="notice" id="setup-notice">This installation has no accounts
     yet. Open the setup address printed on the server when Baton was installed (or run
     <code>baton-admin setup-token</code> there for a new one) to create the operator's account.</p><?cs /if ?>
  <?cs if:message ?><p class="message" id="message" role="alert"><?cs var:message ?></p><?cs /if ?>
  <form method="post" action="/signin" id="signin-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <label for="email">E-mail address</label>
    <input type="email" id="email" name="email" required maxlength="254" autocomplete="username" value="<?cs var:form.email ?>" autofocus>
    <label for="password">Password</label>
    <input type="password" id="password" name="password" required maxlength="1024" autocomplete="current-password">
    <fieldset>
      <legend>Start as</legend>
      <?cs each:s = states ?>
      <label class="choice"><input type="radio" name="state" value="<?cs var:s.value ?>"<?cs if:s.value == form.state ?> checked<?cs /if ?>> <?cs var:s.label ?></label>
      <?cs /each ?>
    </fieldset>
    <button type="submit">Sign in</button>
  </form>
</section>
<?cs include:"footer.cs" ?>
