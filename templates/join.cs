<?cs include:"lang.cs" ?><?cs call:split(t.join.title) ?><?cs set:title = split.before + join.room + split.after ?><?cs set:page.name = "join" ?>
<?cs include:"header.cs" ?>
<section class="card narrow" id="join" data-state="<?cs var:join.state ?>">
  <h1><?cs var:title ?></h1>
  <p><?cs call:split2(t.join.invites) ?><?cs var:split2.a ?><strong><?cs var:join.inviter ?></strong><?cs var:split2.b ?><?cs var:join.client ?><?cs var:split2.c ?></p>
  <?cs if:join.error ?><p class="message" role="alert" id="join-error"><?cs var:join.error ?></p><?cs /if ?>
  <?cs if:join.state == "open" ?>
  <form method="post" action="/join" id="join-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="i" value="<?cs var:join.token ?>">
    <?cs if:join.as_staff ?>
    <p><?cs call:fill(t.join.as_staff, me.name) ?></p>
    <?cs elif:join.needs_account ?>
    <p class="muted"><?cs call:fill(t.join.needs_account, join.client) ?></p>
    <label for="login"><?cs var:t.join.login ?></label>
    <input type="text" id="login" name="login" required maxlength="100" autocomplete="username" autocapitalize="off" spellcheck="false">
    <label for="password"><?cs var:t.join.password ?></label>
    <input type="password" id="password" name="password" required maxlength="1000" autocomplete="current-password">
    <?cs else ?>
    <label for="name"><?cs var:t.join.name ?></label>
    <input type="text" id="name" name="name" required maxlength="100" autocomplete="name" value="<?cs var:join.guest_name ?>">
    <?cs /if ?>
    <button type="submit"><?cs var:t.join.submit ?></button>
  </form>
  <p class="muted"><?cs call:split(t.join.until) ?><?cs var:split.before ?><time datetime="<?cs var:join.expires ?>"><?cs var:join.expires ?></time><?cs var:split.after ?></p>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
