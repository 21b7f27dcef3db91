<?cs set:title = "Operators" ?><?cs set:page.name = "operators" ?>
<?cs set:styles.0 = "/css/admin.css" ?>
<?cs include:"header.cs" ?>
<?cs include:"admin_top.cs" ?>
<section class="card wide" id="operators">
  <h1>Operators</h1>
  <p class="muted">Operators run this installation: every client, reseller and rate. Invite a colleague here; they set their own password through the link.<?cs if:house ?> To reset a password, turn off two-factor sign-in or deactivate an operator, use the <a href="/agents?client=<?cs var:url_escape(house) ?>">operators' Agents page</a>.<?cs /if ?></p>
  <table class="grid" id="operator-list">
    <thead><tr><th>Operator</th><th>Account</th></tr></thead>
    <tbody>
    <?cs each:p = people ?><?cs if:p.role == "operator" ?>
    <tr data-agent="<?cs var:p.id ?>" class="<?cs if:p.disabled == "1" ?>disabled<?cs /if ?>">
      <td><strong class="name"><?cs var:p.name ?></strong><br><span class="muted email"><?cs var:p.email ?></span></td>
      <td><?cs if:p.disabled == "1" ?><span class="chip">deactivated</span>
        <?cs elif:p.has_password == "0" ?><span class="chip">invited<?cs if:p.pending == "0" ?>, link expired<?cs /if ?></span>
        <?cs elif:p.last_signin ?><span class="muted">last signed in <?cs var:p.last_signin ?> UTC</span><?cs /if ?></td>
    </tr><?cs /if ?>
    <?cs /each ?>
    </tbody>
  </table>
  <form method="post" action="/operators" id="invite-form" class="admin-form">
    <?cs call:admin_fields("invite") ?>
    <h2>Invite an operator</h2>
    <div class="fields">
      <div><label for="operator-name">Name</label>
        <input type="text" id="operator-name" name="name" required maxlength="100"<?cs if:form.do == "invite" ?> value="<?cs var:form.name ?>"<?cs /if ?>></div>
      <div><label for="operator-email">E-mail address</label>
        <input type="email" id="operator-email" name="email" required maxlength="254"<?cs if:form.do == "invite" ?> value="<?cs var:form.email ?>"<?cs /if ?>></div>
    </div>
    <button type="submit">Invite</button>
  </form>
</section>
<?cs include:"footer.cs" ?>
