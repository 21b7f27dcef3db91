<?cs set:title = "Avatars" ?><?cs set:page.name = "avatars" ?>
<?cs set:styles.0 = "/css/admin.css" ?>
<?cs include:"header.cs" ?>
<?cs include:"admin_top.cs" ?>
<section class="card wide" id="avatars">
  <h1>Visitors' pictures <span class="muted">· <?cs var:client.name ?></span></h1>
  <p class="muted">A visitor gets the picture of the rule whose address start is the longest match for the page the help link was on; without a match, the fox. Agents choose their own picture in their profile.</p>
  <table class="grid" id="rules">
    <thead><tr><th>Pages starting with</th><th>Picture</th><th></th></tr></thead>
    <tbody>
    <?cs each:rule = rules ?>
    <tr data-rule="<?cs var:rule.id ?>"><td class="prefix"><?cs var:rule.prefix ?></td>
      <td><img src="/avatars/<?cs var:rule.avatar ?>.svg" alt="" width="24" height="24"> <span class="avatar"><?cs var:rule.avatar ?></span></td>
      <td><form method="post" action="/avatars" class="inline delete-form">
        <?cs call:admin_fields("delete") ?><input type="hidden" name="id" value="<?cs var:rule.id ?>">
        <button type="submit" class="secondary danger">Delete</button></form></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  <form method="post" action="/avatars" id="add-form" class="admin-form">
    <?cs call:admin_fields("add") ?>
    <h2>A new rule</h2>
    <div class="fields">
      <div class="grow"><label for="rule-prefix">Pages whose address starts with</label>
        <input type="text" id="rule-prefix" name="prefix" required maxlength="500" placeholder="https://shop.example.com/kids/"<?cs if:form.do == "add" ?> value="<?cs var:form.prefix ?>"<?cs /if ?>></div>
      <div><label for="rule-avatar">get the picture</label>
        <select id="rule-avatar" name="avatar"><?cs each:a = avatars ?><option value="<?cs var:a ?>"<?cs if:form.avatar == a ?> selected<?cs /if ?>><?cs var:a ?></option><?cs /each ?></select></div>
    </div>
    <button type="submit">Add the rule</button>
  </form>
</section>
<?cs include:"footer.cs" ?>
