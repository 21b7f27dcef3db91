<?cs set:title = "Your profile" ?><?cs set:page.name = "profile" ?>
<?cs set:styles.0 = "/css/admin.css" ?>
<?cs if:two_factor.uri ?><?cs set:scripts.0 = "/js/vendor/qrcode.js" ?><?cs set:scripts.1 = "/js/profile.js" ?><?cs /if ?>
<?cs include:"header.cs" ?>
<?cs include:"admin_top.cs" ?>
<?cs def:pref(name, label) ?><label class="choice"><input type="checkbox" name="<?cs var:name ?>" value="1"<?cs if:profile[name] == "1" ?> checked<?cs /if ?>> <?cs var:label ?></label><?cs /def ?>
<section class="card" id="profile">
  <h1>Your profile</h1>
  <p class="muted">Signed in as <?cs var:profile.email ?>.</p>
  <form method="post" action="/profile" id="name-form" class="row">
    <?cs call:admin_fields("name") ?>
    <label for="profile-name">Your name, as visitors and colleagues see it</label>
    <input type="text" id="profile-name" name="name" value="<?cs var:profile.name ?>" maxlength="100" required>
    <button type="submit" class="secondary">Save</button>
  </form>
  <?cs if:me.role != "reseller" ?>
  <form method="post" action="/profile" id="avatar-form">
    <?cs call:admin_fields("avatar") ?>
    <fieldset class="avatar-choices"><legend>Your picture in conversations</legend>
      <label class="choice"><input type="radio" name="avatar" value=""<?cs if:!profile.avatar ?> checked<?cs /if ?>> none</label>
      <?cs each:a = avatars ?><label class="choice"><input type="radio" name="avatar" value="<?cs var:a ?>"<?cs if:a == profile.avatar ?> checked<?cs /if ?>> <img src="/avatars/<?cs var:a ?>.svg" alt="" width="24" height="24"> <?cs var:a ?></label>
      <?cs /each ?></fieldset>
    <button type="submit" class="secondary">Save the picture</button>
  </form>
  <form method="post" action="/profile" id="lang-form" class="row">
    <?cs call:admin_fields("lang") ?>
    <label for="profile-lang">The language you read and write <span class="muted">(en, es, pt-BR…: lines in others are translated for you)</span></label>
    <input type="text" id="profile-lang" name="lang" value="<?cs var:profile.lang ?>" maxlength="12" size="6" required>
    <button type="submit" class="secondary">Save</button>
  </form>
  <?cs if:me.role == "supervisor" || me.role == "admin" ?>
  <form method="post" action="/profile" id="digest-form" class="row">
    <?cs call:admin_fields("digest") ?>
    <input type="hidden" name="digest" value="<?cs if:profile.digest == "1" ?>0<?cs else ?>1<?cs /if ?>">
    <span id="digest-state"><?cs if:profile.digest == "1" ?>You get a weekly digest of your desk by e-mail.<?cs else ?>You get no weekly digest.<?cs /if ?></span>
    <button type="submit" class="secondary"><?cs if:profile.digest == "1" ?>Stop it<?cs else ?>Send it to me<?cs /if ?></button>
  </form><?cs /if ?>
  <h2>Notifications</h2>
  <form method="post" action="/profile" id="preferences-form">
    <?cs call:admin_fields("preferences") ?>
    <fieldset><legend>Chime for</legend>
      <?cs call:pref("sound_offer", "a visitor offered to me") ?>
      <?cs call:pref("sound_line", "a new line in a conversation in the background") ?>
      <?cs call:pref("sound_supervisor", "a line from a supervisor") ?></fieldset>
    <fieldset><legend>Desktop notification for</legend>
      <?cs call:pref("desktop_offer", "a visitor offered to me") ?>
      <?cs call:pref("desktop_line", "a new line in a conversation in the background") ?>
      <?cs call:pref("desktop_supervisor", "a line from a supervisor") ?></fieldset>
    <p class="muted">Desktop notifications show when Baton's tab is not in front, once you allow them on the console.</p>
    <button type="submit" class="secondary">Save the notifications</button>
  </form>
  <?cs /if ?>
  <h2>Password</h2>
  <form method="post" action="/profile" id="password-form">
    <?cs call:admin_fields("password") ?>
    <input type="email" name="email" value="<?cs var:profile.email ?>" autocomplete="username" hidden>
    <label for="current">Your current password</label>
    <input type="password" id="current" name="current" autocomplete="current-password" required>
    <label for="new-password">New password <span class="muted">(at least 10 characters)</span></label>
    <input type="password" id="new-password" name="password" autocomplete="new-password" required minlength="10">
    <label for="new-again">The new password again</label>
    <input type="password" id="new-again" name="again" autocomplete="new-password" required minlength="10">
    <button type="submit" class="secondary">Change the password</button>
  </form>
  <h2>Two-factor sign-in</h2>
  <?cs if:profile.two_factor == "1" ?>
  <p id="two-factor-state">On: Baton asks for a code from your authenticator app after your password. <?cs var:profile.recovery_left ?> recovery codes left.</p>
  <form method="post" action="/profile" id="two-factor-off-form" class="row">
    <?cs call:admin_fields("two-factor-off") ?>
    <label for="off-password">Your password</label>
    <input type="password" id="off-password" name="current" autocomplete="current-password" required>
    <button type="submit" class="secondary danger">Turn it off</button>
  </form>
  <?cs elif:two_factor.key ?>
  <p id="two-factor-state">Waiting for your first code. Scan the QR code with your authenticator app, or type the key in it:</p>
  <div id="two-factor-qr" class="qr" data-uri="<?cs var:two_factor.uri ?>"></div>
  <p><code id="two-factor-key"><?cs var:two_factor.key ?></code></p>
  <form method="post" action="/profile" id="two-factor-confirm-form" class="row">
    <?cs call:admin_fields("two-factor-confirm") ?>
    <label for="two-factor-code">The code your app shows</label>
    <input type="text" id="two-factor-code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="10" required>
    <button type="submit" class="secondary">Turn it on</button>
  </form>
  <?cs else ?>
  <p id="two-factor-state">Off. With it on, signing in takes your password and a code from an app on your phone (any TOTP authenticator).</p>
  <form method="post" action="/profile" id="two-factor-start-form">
    <?cs call:admin_fields("two-factor-start") ?>
    <button type="submit" class="secondary">Set up two-factor sign-in</button>
  </form>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
