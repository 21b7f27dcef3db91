<?cs set:title = "Agents" ?><?cs set:page.name = "agents" ?>
<?cs set:styles.0 = "/css/admin.css" ?>
<?cs include:"header.cs" ?>
<?cs include:"admin_top.cs" ?>
<section class="card wide" id="agents">
  <h1>Agents and supervisors <span class="muted">· <?cs var:client.name ?></span></h1>
  <form method="post" action="/agents" id="invite-form" class="admin-form">
    <?cs call:admin_fields("invite") ?>
    <h2>Invite someone</h2>
    <p class="muted">They get a link to set their own password; it works once.</p>
    <div class="fields">
      <div><label for="invite-name">Name</label>
        <input type="text" id="invite-name" name="name" required maxlength="100"<?cs if:form.do == "invite" ?> value="<?cs var:form.name ?>"<?cs /if ?>></div>
      <div><label for="invite-email">E-mail address</label>
        <input type="email" id="invite-email" name="email" required maxlength="254"<?cs if:form.do == "invite" ?> value="<?cs var:form.email ?>"<?cs /if ?>></div>
      <div><label for="invite-role">Role</label>
        <select id="invite-role" name="role"><?cs each:role = roles ?>
          <option value="<?cs var:role ?>"<?cs if:form.do == "invite" && form.role == role ?> selected<?cs /if ?>><?cs var:role ?></option><?cs /each ?>
        </select></div>
    </div>
    <button type="submit">Invite</button>
  </form>

  <h2>Everyone</h2>
  <table class="grid" id="people">
    <thead><tr><th>Person</th><th>Role</th><th>Sessions at once</th><th>Language</th><th>Now</th><th>Account</th></tr></thead>
    <tbody>
    <?cs each:p = people ?>
    <tr data-agent="<?cs var:p.id ?>" class="<?cs if:p.disabled == "1" ?>disabled<?cs /if ?>">
      <td><strong class="name"><?cs var:p.name ?></strong><br><span class="muted email"><?cs var:p.email ?></span>
        <?cs if:p.reseller ?><br><span class="chip">reseller <?cs var:p.reseller ?></span><?cs /if ?>
        <?cs if:p.two_factor == "1" ?><br><span class="chip">two-factor</span><?cs /if ?>
        <?cs if:p.desk_phone ?><br><span class="chip desk-phone">desk phone <?cs var:p.desk_phone ?></span><?cs /if ?></td>
      <td><?cs if:p.role == "operator" || p.role == "reseller" ?><span class="role"><?cs var:p.role ?></span><?cs else ?>
        <form method="post" action="/agents" class="row role-form">
          <?cs call:admin_fields("role") ?><input type="hidden" name="agent" value="<?cs var:p.id ?>">
          <label class="visually-hidden" for="role-<?cs var:p.id ?>">Role of <?cs var:p.name ?></label>
          <select id="role-<?cs var:p.id ?>" name="role"><?cs each:role = roles ?>
            <option value="<?cs var:role ?>"<?cs if:role == p.role ?> selected<?cs /if ?>><?cs var:role ?></option><?cs /each ?>
          </select>
          <button type="submit" class="secondary">Change</button>
        </form><?cs /if ?></td>
      <td><form method="post" action="/agents" class="row capacity-form">
          <?cs call:admin_fields("capacity") ?><input type="hidden" name="agent" value="<?cs var:p.id ?>">
          <label class="visually-hidden" for="capacity-<?cs var:p.id ?>">Sessions at once for <?cs var:p.name ?></label>
          <input type="number" id="capacity-<?cs var:p.id ?>" name="capacity" min="1" max="<?cs var:capacity_max ?>" value="<?cs var:p.capacity ?>" class="narrow-number">
          <button type="submit" class="secondary">Set</button>
        </form></td>
      <td><form method="post" action="/agents" class="row lang-form">
          <?cs call:admin_fields("lang") ?><input type="hidden" name="agent" value="<?cs var:p.id ?>">
          <label class="visually-hidden" for="lang-<?cs var:p.id ?>">Language of <?cs var:p.name ?></label>
          <input type="text" id="lang-<?cs var:p.id ?>" name="lang" maxlength="12" size="5" pattern="[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?" value="<?cs var:p.lang ?>" class="narrow-number">
          <button type="submit" class="secondary">Set</button>
        </form></td>
      <td><span class="state" data-state="<?cs var:p.state ?>"><?cs var:p.state ?></span>
        <br><span class="muted"><?cs var:p.open ?> open</span></td>
      <td class="actions">
        <?cs if:p.disabled == "1" ?><span class="chip">deactivated</span>
        <?cs elif:p.has_password == "0" ?><span class="chip">invited<?cs if:p.pending == "0" ?>, link expired<?cs /if ?></span>
        <?cs elif:p.last_signin ?><span class="muted">last signed in <?cs var:p.last_signin ?> UTC</span><?cs /if ?>
        <div class="row">
        <form method="post" action="/agents" class="inline reset-form">
          <?cs call:admin_fields("reset") ?><input type="hidden" name="agent" value="<?cs var:p.id ?>">
          <button type="submit" class="secondary"><?cs if:p.has_password == "0" ?>New invitation link<?cs else ?>Password reset link<?cs /if ?></button>
        </form>
        <?cs if:p.two_factor == "1" ?>
        <form method="post" action="/agents" class="inline two-factor-off-form">
          <?cs call:admin_fields("two-factor-off") ?><input type="hidden" name="agent" value="<?cs var:p.id ?>">
          <button type="submit" class="secondary">Turn off two-factor</button>
        </form><?cs /if ?>
        <?cs if:p.role != "operator" && p.role != "reseller" ?>
        <form method="post" action="/agents" class="inline desk-phone-form">
          <?cs call:admin_fields("desk-phone") ?><input type="hidden" name="agent" value="<?cs var:p.id ?>">
          <button type="submit" class="secondary"><?cs if:p.desk_phone ?>New desk-phone password<?cs else ?>Desk phone<?cs /if ?></button>
        </form><?cs /if ?>
        <?cs if:p.desk_phone ?>
        <form method="post" action="/agents" class="inline desk-phone-off-form">
          <?cs call:admin_fields("desk-phone-off") ?><input type="hidden" name="agent" value="<?cs var:p.id ?>">
          <button type="submit" class="secondary">Calls in the browser</button>
        </form><?cs /if ?>
        <?cs if:p.role == "supervisor" || p.role == "admin" ?>
        <form method="post" action="/agents" class="inline digest-form">
          <?cs call:admin_fields("digest") ?><input type="hidden" name="agent" value="<?cs var:p.id ?>">
          <input type="hidden" name="digest" value="<?cs if:p.digest == "1" ?>0<?cs else ?>1<?cs /if ?>">
          <button type="submit" class="secondary"><?cs if:p.digest == "1" ?>Stop the weekly digest<?cs else ?>Send the weekly digest<?cs /if ?></button>
        </form><?cs /if ?>
        <?cs if:p.disabled == "1" ?>
        <form method="post" action="/agents" class="inline activate-form">
          <?cs call:admin_fields("activate") ?><input type="hidden" name="agent" value="<?cs var:p.id ?>">
          <button type="submit" class="secondary">Reactivate</button>
        </form>
        <?cs else ?>
        <form method="post" action="/agents" class="inline deactivate-form">
          <?cs call:admin_fields("deactivate") ?><input type="hidden" name="agent" value="<?cs var:p.id ?>">
          <button type="submit" class="secondary danger">Deactivate</button>
        </form>
        <?cs /if ?>
        </div></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  <p class="muted">A desk phone is a SIP account at Baton's SIP proxy for a phone on the agent's desk: their calls ring it instead of the browser. Its password is shown once.</p>
  <p class="muted">“Language” is the one a person reads and writes (en, es, pt-BR…): lines in other languages are translated for them. Supervisors and administrators may get a weekly digest of their desk by e-mail.</p>
  <p class="muted">“Sessions at once” is how many conversations an agent is offered at the same time: routing offers a waiting visitor only to an available agent below it.</p>
</section>
<?cs include:"footer.cs" ?>
