<?cs set:title = "Resellers" ?><?cs set:page.name = "resellers" ?>
<?cs set:styles.0 = "/css/admin.css" ?>
<?cs include:"header.cs" ?>
<?cs include:"admin_top.cs" ?>
<section class="card wide" id="resellers">
  <h1>Resellers</h1>
  <p class="muted">A reseller brings clients and receives a share of what they pay. A new share applies from the month it is set; months that are over keep their statements.</p>
  <table class="grid" id="reseller-list">
    <thead><tr><th>Reseller</th><th>Share</th><th>Clients</th><th>Accounts</th></tr></thead>
    <tbody>
    <?cs each:x = resellers ?>
    <tr data-reseller="<?cs var:x.slug ?>">
      <td><strong><?cs var:x.name ?></strong> <span class="muted">(<?cs var:x.slug ?>)</span>
        <?cs if:x.suspended == "1" ?><span class="chip suspended">suspended</span><?cs /if ?>
        <br><a href="/statement?reseller=<?cs var:url_escape(x.slug) ?>">Statement</a>
        <form method="post" action="/resellers" class="inline">
          <?cs if:x.suspended == "1" ?><?cs call:admin_fields("resume") ?><?cs else ?><?cs call:admin_fields("suspend") ?><?cs /if ?>
          <input type="hidden" name="slug" value="<?cs var:x.slug ?>">
          <button type="submit" class="secondary<?cs if:x.suspended != "1" ?> danger<?cs /if ?>"><?cs if:x.suspended == "1" ?>Resume<?cs else ?>Suspend<?cs /if ?></button>
        </form>
        <details class="delete"><summary>Remove…</summary>
          <form method="post" action="/resellers" class="remove-form">
            <?cs call:admin_fields("remove") ?><input type="hidden" name="slug" value="<?cs var:x.slug ?>">
            <p>Its accounts are deleted and its clients have no reseller from this month on; past statements still name it.</p>
            <label for="remove-<?cs var:x.slug ?>">Type <strong><?cs var:x.slug ?></strong> to confirm</label>
            <input type="text" id="remove-<?cs var:x.slug ?>" name="confirm" autocomplete="off">
            <button type="submit" class="secondary danger">Remove for good</button>
          </form></details></td>
      <td><form method="post" action="/resellers" class="row share-form">
          <?cs call:admin_fields("share") ?><input type="hidden" name="slug" value="<?cs var:x.slug ?>">
          <label class="visually-hidden" for="share-<?cs var:x.slug ?>">Share of <?cs var:x.name ?> in %</label>
          <input type="text" id="share-<?cs var:x.slug ?>" name="share" value="<?cs var:x.share ?>" class="narrow-number" inputmode="decimal"> %
          <button type="submit" class="secondary">Set</button>
        </form></td>
      <td><?cs var:x.clients ?></td>
      <td><?cs var:x.accounts ?>
        <details><summary>Invite an account…</summary>
        <form method="post" action="/resellers" class="admin-form invite-form">
          <?cs call:admin_fields("invite") ?><input type="hidden" name="slug" value="<?cs var:x.slug ?>">
          <label for="invite-name-<?cs var:x.slug ?>">Name</label>
          <input type="text" id="invite-name-<?cs var:x.slug ?>" name="name" required maxlength="100">
          <label for="invite-email-<?cs var:x.slug ?>">E-mail address</label>
          <input type="email" id="invite-email-<?cs var:x.slug ?>" name="email" required maxlength="254">
          <button type="submit">Invite</button>
        </form></details></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  <form method="post" action="/resellers" id="create-form" class="admin-form">
    <?cs call:admin_fields("create") ?>
    <h2>A new reseller</h2>
    <div class="fields">
      <div><label for="reseller-name">Name</label>
        <input type="text" id="reseller-name" name="name" required maxlength="200"<?cs if:form.do == "create" ?> value="<?cs var:form.name ?>"<?cs /if ?>></div>
      <div><label for="reseller-slug">Short name <span class="muted">(a-z, 0-9, -)</span></label>
        <input type="text" id="reseller-slug" name="slug" required maxlength="64"<?cs if:form.do == "create" ?> value="<?cs var:form.slug ?>"<?cs /if ?>></div>
      <div><label for="reseller-share">Share in %</label>
        <input type="text" id="reseller-share" name="share" required maxlength="6" inputmode="decimal"<?cs if:form.do == "create" ?> value="<?cs var:form.share ?>"<?cs /if ?>></div>
    </div>
    <button type="submit">Add the reseller</button>
  </form>
</section>
<?cs include:"footer.cs" ?>
