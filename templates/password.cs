<?cs set:title = "Set your password" ?><?cs set:page.name = "password" ?>
<?cs include:"header.cs" ?>
<section class="card narrow" id="invite">
  <h1><?cs if:kind == "reset" ?>Choose a new password<?cs else ?>Welcome to Baton<?cs /if ?></h1>
  <p><?cs var:account.name ?>, <?cs if:kind == "reset" ?>choose a new password for your account<?cs else ?>you are invited as <strong><?cs var:account.role ?></strong>. Choose a password for your account<?cs /if ?>
     <strong id="invite-email"><?cs var:account.email ?></strong>.</p>
  <?cs if:message ?><p class="message" id="message" role="alert"><?cs var:message ?></p><?cs /if ?>
  <form method="post" action="/password" id="invite-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="t" value="<?cs var:token ?>">
    <input type="email" name="email" value="<?cs var:account.email ?>" autocomplete="username" hidden>
    <label for="password">New password <span class="muted">(at least <?cs var:password_min ?> characters)</span></label>
    <input type="password" id="password" name="password" required minlength="<?cs var:password_min ?>" maxlength="1024" autocomplete="new-password" autofocus>
    <label for="again">The same password again</label>
    <input type="password" id="again" name="again" required minlength="<?cs var:password_min ?>" maxlength="1024" autocomplete="new-password">
    <button type="submit">Set my password</button>
  </form>
</section>
<?cs include:"footer.cs" ?>
