<?cs set:title = "Collaborators" ?><?cs set:page.name = "collaborators" ?>
<?cs set:styles.0 = "/css/admin.css" ?>
<?cs include:"header.cs" ?>
<?cs include:"admin_top.cs" ?>
<section class="card wide" id="collaborators">
  <h1>Collaborators <span class="muted">· <?cs var:client.name ?></span></h1>
  <p class="muted">People you invite into a session join <?cs if:room_join == "account" ?>with a collaborator id and password from this list<?cs else ?>with their name only; to ask for a collaborator id and password instead, change “People invited into a session join” in the <a href="<?cs call:admin_link("/settings") ?>">desk settings</a><?cs /if ?>. Collaborators sign in to nothing else.</p>
  <table class="grid" id="collaborator-list">
    <thead><tr><th>Id</th><th>Name</th><th>State</th><th>Password</th></tr></thead>
    <tbody>
    <?cs each:c = collaborators ?>
    <tr data-login="<?cs var:c.login ?>">
      <td class="login"><?cs var:c.login ?></td>
      <td class="name"><?cs var:c.name ?></td>
      <td><span class="chip state"><?cs var:c.state ?></span>
        <form method="post" action="/collaborators" class="inline <?cs if:c.state == "disabled" ?>activate-form<?cs else ?>deactivate-form<?cs /if ?>">
          <?cs if:c.state == "disabled" ?><?cs call:admin_fields("activate") ?><?cs else ?><?cs call:admin_fields("deactivate") ?><?cs /if ?>
          <input type="hidden" name="login" value="<?cs var:c.login ?>">
          <button type="submit" class="secondary<?cs if:c.state != "disabled" ?> danger<?cs /if ?>"><?cs if:c.state == "disabled" ?>Reactivate<?cs else ?>Deactivate<?cs /if ?></button>
        </form></td>
      <td><form method="post" action="/collaborators" class="row password-form">
        <?cs call:admin_fields("password") ?><input type="hidden" name="login" value="<?cs var:c.login ?>">
        <label class="visually-hidden" for="password-<?cs name:c ?>">New password for <?cs var:c.login ?></label>
        <input type="password" id="password-<?cs name:c ?>" name="password" minlength="10" maxlength="1000" autocomplete="new-password" placeholder="empty: make one">
        <button type="submit" class="secondary">New password</button>
      </form></td>
    </tr>
    <?cs /each ?>
    <?cs if:!subcount(collaborators) ?><tr><td colspan="4" class="muted" id="no-collaborators">No collaborators yet.</td></tr><?cs /if ?>
    </tbody>
  </table>
  <form method="post" action="/collaborators" id="add-form" class="admin-form">
    <?cs call:admin_fields("add") ?>
    <h2>A new collaborator</h2>
    <div class="fields">
      <div><label for="collaborator-login">Id <span class="muted">(no spaces)</span></label>
        <input type="text" id="collaborator-login" name="login" required maxlength="100" pattern="\S+" autocomplete="off"<?cs if:form.do == "add" ?> value="<?cs var:form.login ?>"<?cs /if ?>></div>
      <div><label for="collaborator-name">Name</label>
        <input type="text" id="collaborator-name" name="name" required maxlength="100"<?cs if:form.do == "add" ?> value="<?cs var:form.name ?>"<?cs /if ?>></div>
      <div><label for="collaborator-password">Password <span class="muted">(at least 10 characters; empty: one is made and shown once)</span></label>
        <input type="password" id="collaborator-password" name="password" minlength="10" maxlength="1000" autocomplete="new-password"></div>
    </div>
    <button type="submit">Add</button>
  </form>
</section>
<?cs include:"footer.cs" ?>
