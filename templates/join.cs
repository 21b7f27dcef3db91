<?cs set:title = "Join " + join.room ?><?cs set:page.name = "join" ?>
<?cs include:"header.cs" ?>
<section class="card narrow" id="join" data-state="<?cs var:join.state ?>">
  <h1>Join <?cs var:join.room ?></h1>
  <p><strong><?cs var:join.inviter ?></strong> invites you to a live session with <?cs var:join.client ?>:
     you will chat, browse and look at pages together, right here in your browser. Nothing to install.</p>
  <?cs if:join.error ?><p class="message" role="alert" id="join-error"><?cs var:join.error ?></p><?cs /if ?>
  <?cs if:join.state == "open" ?>
  <form method="post" action="/join" id="join-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="i" value="<?cs var:join.token ?>">
    <?cs if:join.as_staff ?>
    <p>You are signed in as <?cs var:me.name ?>: you join as staff.</p>
    <?cs elif:join.needs_account ?>
    <p class="muted">This session is for people with an id from <?cs var:join.client ?>.</p>
    <label for="login">Your id</label>
    <input type="text" id="login" name="login" required maxlength="100" autocomplete="username" autocapitalize="off" spellcheck="false">
    <label for="password">Password</label>
    <input type="password" id="password" name="password" required maxlength="1000" autocomplete="current-password">
    <?cs else ?>
    <label for="name">Your name, as the others will see it</label>
    <input type="text" id="name" name="name" required maxlength="100" autocomplete="name" value="<?cs var:join.guest_name ?>">
    <?cs /if ?>
    <button type="submit">Join the session</button>
  </form>
  <p class="muted">This invitation works until <time datetime="<?cs var:join.expires ?>"><?cs var:join.expires ?></time>.</p>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
