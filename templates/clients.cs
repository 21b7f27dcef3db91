<?cs set:title = "Clients" ?><?cs set:page.name = "clients" ?>
<?cs set:styles.0 = "/css/admin.css" ?>
<?cs include:"header.cs" ?>
<?cs include:"admin_top.cs" ?>
<section class="card wide" id="clients">
  <h1><?cs if:me.role == "reseller" ?>Your clients<?cs else ?>Clients<?cs /if ?></h1>
  <form method="post" action="/clients" id="create-form" class="admin-form">
    <?cs call:admin_fields("create") ?>
    <h2>A new client</h2>
    <p class="muted">The business that will answer its visitors. Its first administrator gets a link to set their password and then sets up the desk: sites, agents, settings.</p>
    <div class="fields">
      <div><label for="client-name">Name</label>
        <input type="text" id="client-name" name="name" required maxlength="200"<?cs if:form.do == "create" ?> value="<?cs var:form.name ?>"<?cs /if ?>></div>
      <div><label for="client-slug">Short name <span class="muted">(a-z, 0-9, -)</span></label>
        <input type="text" id="client-slug" name="slug" required maxlength="64" pattern="[a-z0-9\-]+"<?cs if:form.do == "create" ?> value="<?cs var:form.slug ?>"<?cs /if ?>></div>
      <div><label for="admin-name">Administrator's name</label>
        <input type="text" id="admin-name" name="admin_name" maxlength="100"<?cs if:me.role == "reseller" ?> required<?cs /if ?><?cs if:form.do == "create" ?> value="<?cs var:form.admin_name ?>"<?cs /if ?>></div>
      <div><label for="admin-email">Administrator's e-mail address</label>
        <input type="email" id="admin-email" name="admin_email" maxlength="254"<?cs if:me.role == "reseller" ?> required<?cs /if ?><?cs if:form.do == "create" ?> value="<?cs var:form.admin_email ?>"<?cs /if ?>></div>
      <?cs if:me.role == "operator" ?>
      <div><label for="client-reseller">Brought by</label>
        <select id="client-reseller" name="reseller">
          <option value="none">no reseller</option>
          <?cs each:x = resellers ?><option value="<?cs var:x.slug ?>"<?cs if:form.do == "create" && form.reseller == x.slug ?> selected<?cs /if ?>><?cs var:x.name ?></option><?cs /each ?>
        </select></div>
      <?cs /if ?>
    </div>
    <button type="submit">Create the client</button>
  </form>

  <h2>This month</h2>
  <table class="grid" id="client-list">
    <thead><tr><th>Client</th><?cs if:me.role == "operator" ?><th>Reseller</th><?cs /if ?><th>Agents</th><th>Sites</th><th>Sessions</th><th>Minutes</th><th></th></tr></thead>
    <tbody>
    <?cs each:c = clients ?>
    <tr data-client="<?cs var:c.slug ?>" class="<?cs if:c.suspended == "1" ?>disabled<?cs /if ?>">
      <td><strong class="name"><?cs var:c.name ?></strong> <span class="muted">(<?cs var:c.slug ?>)</span>
        <?cs if:c.house == "1" ?><span class="chip">your own</span><?cs /if ?>
        <?cs if:c.suspended == "1" ?><span class="chip suspended">suspended</span><?cs /if ?>
        <br><span class="muted">since <?cs var:c.created ?></span></td>
      <?cs if:me.role == "operator" ?><td><?cs var:c.reseller_name ?></td><?cs /if ?>
      <td class="num"><?cs var:c.agents ?></td><td class="num"><?cs var:c.sites ?></td>
      <td class="num sessions"><?cs var:c.sessions ?></td><td class="num"><?cs var:c.minutes ?></td>
      <td class="actions">
        <a href="/statement?client=<?cs var:url_escape(c.slug) ?>">Statement</a>
        <?cs if:me.role == "operator" ?>
        <a href="/agents?client=<?cs var:url_escape(c.slug) ?>">Desk</a>
        <a href="/report?client=<?cs var:url_escape(c.slug) ?>">Reports</a>
        <?cs if:c.house != "1" ?>
        <form method="post" action="/clients" class="inline">
          <?cs if:c.suspended == "1" ?><?cs call:admin_fields("resume") ?><?cs else ?><?cs call:admin_fields("suspend") ?><?cs /if ?>
          <input type="hidden" name="slug" value="<?cs var:c.slug ?>">
          <button type="submit" class="secondary<?cs if:c.suspended != "1" ?> danger<?cs /if ?>"><?cs if:c.suspended == "1" ?>Resume<?cs else ?>Suspend<?cs /if ?></button>
        </form>
        <details class="delete">
          <summary>Delete…</summary>
          <form method="post" action="/clients" class="delete-form">
            <?cs call:admin_fields("delete") ?>
            <input type="hidden" name="slug" value="<?cs var:c.slug ?>">
            <p>This deletes <?cs var:c.name ?> with its sites, people, sessions and their archive. It cannot be undone.</p>
            <label for="confirm-<?cs var:c.id ?>">Type <strong><?cs var:c.slug ?></strong> to confirm</label>
            <input type="text" id="confirm-<?cs var:c.id ?>" name="confirm" autocomplete="off">
            <button type="submit" class="secondary danger">Delete for good</button>
          </form>
        </details>
        <?cs /if ?><?cs /if ?>
      </td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs if:me.role == "reseller" ?><p><a href="/statement">Your statements</a> (your share of what your clients pay)</p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
