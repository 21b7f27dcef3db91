<?cs set:title = "Canned phrases and addresses" ?><?cs set:page.name = "canned" ?>
<?cs set:styles.0 = "/css/admin.css" ?>
<?cs include:"header.cs" ?>
<?cs include:"admin_top.cs" ?>
<?cs def:entry_rows(kind, list, field) ?>
  <?cs each:e = list ?>
  <li class="entry" data-id="<?cs var:e.id ?>">
    <?cs if:e.agent || may_edit_all ?>
    <form method="post" action="/canned" class="entry-form">
      <?cs call:admin_fields(kind + "-edit") ?><input type="hidden" name="id" value="<?cs var:e.id ?>">
      <div class="fields">
        <div><label for="<?cs var:kind ?>-title-<?cs var:e.id ?>">Title <?cs if:!e.agent ?><span class="chip">everyone's</span><?cs else ?><span class="chip">yours</span><?cs /if ?></label>
          <input type="text" id="<?cs var:kind ?>-title-<?cs var:e.id ?>" name="title" value="<?cs var:e.title ?>" maxlength="100" required></div>
        <div class="grow"><label for="<?cs var:kind ?>-body-<?cs var:e.id ?>"><?cs if:kind == "phrase" ?>Text<?cs else ?>Address<?cs /if ?></label>
          <?cs if:kind == "phrase" ?><textarea id="phrase-body-<?cs var:e.id ?>" name="text" rows="2" maxlength="2000" required><?cs var:e.body ?></textarea>
          <?cs else ?><input type="text" id="address-body-<?cs var:e.id ?>" name="url" value="<?cs var:e.body ?>" maxlength="2000" required><?cs /if ?></div>
      </div>
      <button type="submit" class="secondary">Save</button>
    </form>
    <form method="post" action="/canned" class="inline delete-form">
      <?cs call:admin_fields(kind + "-delete") ?><input type="hidden" name="id" value="<?cs var:e.id ?>">
      <button type="submit" class="secondary danger">Delete</button>
    </form>
    <?cs if:kind == "phrase" ?><details class="translations"<?cs if:form.do == "translate" && form.id == e.id ?> open<?cs /if ?>><summary>Translations</summary>
      <p class="muted">Written translations are sent instead of machine translation to people who read that language. An empty text removes one.</p>
      <?cs each:t = translations ?><?cs if:t.phrase == e.id ?>
      <form method="post" action="/canned" class="translation-form" data-lang="<?cs var:t.lang ?>">
        <?cs call:admin_fields("translate") ?><input type="hidden" name="id" value="<?cs var:e.id ?>"><input type="hidden" name="lang" value="<?cs var:t.lang ?>">
        <label for="translation-<?cs var:e.id ?>-<?cs var:t.lang ?>"><?cs var:t.lang ?></label>
        <textarea id="translation-<?cs var:e.id ?>-<?cs var:t.lang ?>" name="text" rows="2" maxlength="2000"><?cs var:t.text ?></textarea>
        <button type="submit" class="secondary">Save</button>
      </form><?cs /if ?><?cs /each ?>
      <form method="post" action="/canned" class="translation-add-form">
        <?cs call:admin_fields("translate") ?><input type="hidden" name="id" value="<?cs var:e.id ?>">
        <label for="translation-lang-<?cs var:e.id ?>">Language</label>
        <input type="text" id="translation-lang-<?cs var:e.id ?>" name="lang" maxlength="12" size="6" placeholder="es" required>
        <label for="translation-new-<?cs var:e.id ?>">Text</label>
        <textarea id="translation-new-<?cs var:e.id ?>" name="text" rows="2" maxlength="2000" required></textarea>
        <button type="submit" class="secondary">Add the translation</button>
      </form>
    </details><?cs /if ?>
    <?cs else ?>
    <strong><?cs var:e.title ?></strong> <span class="chip">everyone's</span> <span class="body"><?cs var:e.body ?></span>
    <?cs /if ?>
  </li>
  <?cs /each ?>
<?cs /def ?>
<?cs def:add_form(kind) ?>
  <form method="post" action="/canned" class="admin-form add-form" id="<?cs var:kind ?>-add-form">
    <?cs call:admin_fields(kind + "-add") ?>
    <div class="fields">
      <div><label for="<?cs var:kind ?>-new-title">Title</label>
        <input type="text" id="<?cs var:kind ?>-new-title" name="title" maxlength="100" required<?cs if:form.do == kind + "-add" ?> value="<?cs var:form.title ?>"<?cs /if ?>></div>
      <div class="grow"><label for="<?cs var:kind ?>-new-body"><?cs if:kind == "phrase" ?>Text<?cs else ?>Address (http:// or https://)<?cs /if ?></label>
        <?cs if:kind == "phrase" ?><textarea id="phrase-new-body" name="text" rows="2" maxlength="2000" required><?cs if:form.do == "phrase-add" ?><?cs var:form.text ?><?cs /if ?></textarea>
        <?cs else ?><input type="text" id="address-new-body" name="url" maxlength="2000" required<?cs if:form.do == "address-add" ?> value="<?cs var:form.url ?>"<?cs /if ?>><?cs /if ?></div>
      <?cs if:may_edit_all ?><div><label for="<?cs var:kind ?>-new-for">For</label>
        <select id="<?cs var:kind ?>-new-for" name="for"><option value="all">everyone</option><option value="me">me only</option></select></div><?cs /if ?>
    </div>
    <button type="submit">Add</button>
  </form>
<?cs /def ?>
<section class="card wide" id="canned">
  <h1>Canned phrases</h1>
  <p class="muted">Lines you send with one click in a conversation. <?cs if:may_edit_all ?>Everyone's are shown to every agent of <?cs var:client.name ?>; yours only to you.<?cs else ?>Everyone's are kept by your administrators; add your own.<?cs /if ?></p>
  <ul class="entries" id="phrases"><?cs call:entry_rows("phrase", phrases, "text") ?></ul>
  <h2>Add a phrase</h2>
  <?cs call:add_form("phrase") ?>
</section>
<section class="card wide" id="canned-addresses">
  <h1>Canned addresses</h1>
  <p class="muted">Pages you lead a visitor to with one click in the viewer.</p>
  <ul class="entries" id="addresses"><?cs call:entry_rows("address", addresses, "url") ?></ul>
  <h2>Add an address</h2>
  <?cs call:add_form("address") ?>
</section>
<?cs include:"footer.cs" ?>
