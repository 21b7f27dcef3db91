<?cs set:title = "Sites" ?><?cs set:page.name = "sites" ?>
<?cs set:styles.0 = "/css/admin.css" ?>
<?cs include:"header.cs" ?>
<?cs include:"admin_top.cs" ?>
<section class="card wide" id="sites">
  <h1>Sites <span class="muted">· <?cs var:client.name ?></span></h1>
  <p class="muted">A help link works only on pages of a site's domains (and the domains below them: shop.example.com covers www.shop.example.com). Paste a site's link or button into its pages.</p>
  <?cs each:s = sites ?>
  <div class="site" data-site="<?cs var:s.id ?>">
    <h2><?cs var:s.name ?> <span class="muted">(<?cs var:s.domains ?>)</span></h2>
    <div class="row">
      <form method="post" action="/sites" class="row domain-add-form">
        <?cs call:admin_fields("domain-add") ?><input type="hidden" name="site" value="<?cs var:s.id ?>">
        <label for="domain-add-<?cs var:s.id ?>">Add a domain</label>
        <input type="text" id="domain-add-<?cs var:s.id ?>" name="domain" maxlength="253" placeholder="shop.example.com">
        <button type="submit" class="secondary">Add</button>
      </form>
      <form method="post" action="/sites" class="row domain-remove-form">
        <?cs call:admin_fields("domain-remove") ?><input type="hidden" name="site" value="<?cs var:s.id ?>">
        <label for="domain-remove-<?cs var:s.id ?>">Remove a domain</label>
        <input type="text" id="domain-remove-<?cs var:s.id ?>" name="domain" maxlength="253">
        <button type="submit" class="secondary">Remove</button>
      </form>
    </div>
    <label for="link-<?cs name:s ?>">Help link</label>
    <textarea id="link-<?cs name:s ?>" class="copy" readonly rows="2"><?cs var:s.link ?></textarea>
    <label for="button-<?cs name:s ?>">Help button (link and script)</label>
    <textarea id="button-<?cs name:s ?>" class="copy" readonly rows="3"><?cs var:s.button ?></textarea>
    <div class="row">
      <form method="post" action="/sites" class="inline ask-form">
        <?cs call:admin_fields("ask") ?><input type="hidden" name="site" value="<?cs var:s.id ?>">
        <input type="hidden" name="ask" value="<?cs if:s.ask == "1" ?>0<?cs else ?>1<?cs /if ?>">
        <span><?cs if:s.ask == "1" ?>Visitors type their question before they wait.<?cs else ?>Visitors wait at once, without a question.<?cs /if ?></span>
        <button type="submit" class="secondary"><?cs if:s.ask == "1" ?>Let them wait at once<?cs else ?>Ask for a question first<?cs /if ?></button>
      </form>
    </div>
    <form method="post" action="/sites" class="row help-address-form">
      <?cs call:admin_fields("help-address") ?><input type="hidden" name="site" value="<?cs var:s.id ?>">
      <label for="help-address-<?cs var:s.id ?>">Help address <span class="muted">(mail to it becomes a help request; empty: none)</span></label>
      <input type="email" id="help-address-<?cs var:s.id ?>" name="help_address" maxlength="254" placeholder="help@shop.example" value="<?cs if:form.do == "help-address" && form.site == s.id ?><?cs var:form.help_address ?><?cs else ?><?cs var:s.help_address ?><?cs /if ?>">
      <button type="submit" class="secondary">Save</button>
    </form>
    <details><summary>More…</summary>
      <form method="post" action="/sites" class="row rename-form">
        <?cs call:admin_fields("rename") ?><input type="hidden" name="site" value="<?cs var:s.id ?>">
        <label for="rename-<?cs var:s.id ?>">Name</label>
        <input type="text" id="rename-<?cs var:s.id ?>" name="name" value="<?cs var:s.name ?>" maxlength="200">
        <button type="submit" class="secondary">Rename</button>
      </form>
      <form method="post" action="/sites" class="row secret-form">
        <?cs call:admin_fields("secret") ?><input type="hidden" name="site" value="<?cs var:s.id ?>">
        <span>Signing secret for priorities in help links: <?cs if:s.has_secret == "1" ?>set<?cs else ?>none<?cs /if ?>.</span>
        <button type="submit" class="secondary"><?cs if:s.has_secret == "1" ?>Replace it<?cs else ?>Make one<?cs /if ?></button>
      </form>
      <form method="post" action="/sites" class="danger-zone delete-form">
        <?cs call:admin_fields("delete") ?><input type="hidden" name="site" value="<?cs var:s.id ?>">
        <label for="delete-<?cs var:s.id ?>">To delete this site, type its name</label>
        <input type="text" id="delete-<?cs var:s.id ?>" name="confirm" autocomplete="off">
        <button type="submit" class="secondary danger">Delete the site</button>
      </form>
    </details>
  </div>
  <?cs /each ?>
  <form method="post" action="/sites" id="add-form" class="admin-form">
    <?cs call:admin_fields("add") ?>
    <h2>A new site</h2>
    <div class="fields">
      <div><label for="site-name">Name</label>
        <input type="text" id="site-name" name="name" required maxlength="200"<?cs if:form.do == "add" ?> value="<?cs var:form.name ?>"<?cs /if ?>></div>
      <div><label for="site-domains">Domains <span class="muted">(spaces or commas between)</span></label>
        <input type="text" id="site-domains" name="domains" required maxlength="2000" placeholder="shop.example.com"<?cs if:form.do == "add" ?> value="<?cs var:form.domains ?>"<?cs /if ?>></div>
    </div>
    <button type="submit">Add the site</button>
  </form>
  <h2>Co-browsing script (optional)</h2>
  <p>Add this line to a site's pages for exact pointers, scroll following and follow-the-visitor in conversations.</p>
  <label for="site-script">Site script</label>
  <textarea id="site-script" class="copy" readonly rows="2"><?cs var:site_script ?></textarea>
</section>
<?cs include:"footer.cs" ?>
