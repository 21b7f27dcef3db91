<?cs set:title = "Health" ?><?cs set:page.name = "installation" ?>
<?cs set:styles.0 = "/css/admin.css" ?><?cs set:scripts.0 = "/js/installation.js" ?>
<?cs include:"header.cs" ?>
<?cs include:"admin_top.cs" ?>
<section class="card wide" id="installation">
  <h1>The installation's health</h1>
  <dl class="facts">
    <dt>Baton</dt><dd id="version"><?cs var:version ?></dd>
    <dt>Database</dt><dd id="database">reachable: MariaDB <?cs var:database.version ?> on <?cs var:database.host ?>, its clock <?cs var:database.now ?> UTC</dd>
    <dt>Time zones</dt><dd id="zones"><?cs if:database.zones == "1" ?>loaded (opening hours use each client's zone)<?cs else ?><strong class="alert">not loaded</strong>: opening hours are read in UTC (see INSTALL, “The database”)<?cs /if ?></dd>
    <dt>Schema</dt><dd id="schema"><?cs var:subcount(migrations) ?> migrations applied<?cs if:subcount(pending) > 0 ?>; <strong class="alert"><?cs var:subcount(pending) ?> to apply</strong> (baton-admin migrate): <?cs each:p = pending ?><?cs var:p ?> <?cs /each ?><?cs /if ?><?cs if:schema_unreadable ?>; the schema directory cannot be read here<?cs /if ?></dd>
  </dl>
  <h2>Now</h2>
  <dl class="facts" id="counts">
    <dt>Visitors waiting</dt><dd id="count-waiting"><?cs var:counts.waiting ?></dd>
    <dt>Offered to an agent</dt><dd id="count-offered"><?cs var:counts.offered ?></dd>
    <dt>Sessions open</dt><dd id="count-open"><?cs var:counts.open ?></dd>
    <dt>Staff signed in</dt><dd id="count-staff"><?cs var:counts.staff ?></dd>
    <dt>Clients</dt><dd id="count-clients"><?cs var:counts.clients ?></dd>
    <dt>Mail not yet sent</dt><dd id="count-mail"><?cs var:counts.unsent_mail ?></dd>
  </dl>
  <?cs if:subcount(queues) > 0 ?>
  <table class="grid" id="queues">
    <thead><tr><th>Client</th><th>Waiting</th><th>Offered</th><th>Open</th><th>Agents available</th><th>Longest wait (s)</th></tr></thead>
    <tbody><?cs each:q = queues ?><tr><td><?cs var:q.name ?> <span class="muted">(<?cs var:q.slug ?>)</span></td><td><?cs var:q.waiting ?></td><td><?cs var:q.offered ?></td><td><?cs var:q.open ?></td><td><?cs var:q.available ?></td><td><?cs var:q.longest ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs /if ?>
  <h2>Programs</h2>
  <p class="muted">Each program asked through the web server, from your browser: “answers” means it runs and is reachable.</p>
  <ul id="programs" class="programs">
    <?cs each:p = programs ?><li data-program="<?cs var:p ?>"><code>/<?cs var:p ?></code> <span class="probe muted">not asked yet</span></li>
    <?cs /each ?>
  </ul>
  <h2>Translation engine</h2>
  <form method="post" action="/installation" id="translate-form" class="admin-form">
    <?cs call:admin_fields("translate") ?>
    <p class="muted">Try the engine (translate_url in baton.conf) as chat lines go through it.</p>
    <div class="fields">
      <div><label for="translate-from">From</label>
        <input type="text" id="translate-from" name="from" maxlength="12" size="6" required value="<?cs if:form.from ?><?cs var:form.from ?><?cs else ?>en<?cs /if ?>"></div>
      <div><label for="translate-to">Into</label>
        <input type="text" id="translate-to" name="to" maxlength="12" size="6" required value="<?cs if:form.to ?><?cs var:form.to ?><?cs else ?>es<?cs /if ?>"></div>
      <div class="grow"><label for="translate-text">Text</label>
        <input type="text" id="translate-text" name="text" maxlength="2000" required value="<?cs if:form.text ?><?cs var:form.text ?><?cs else ?>Good morning, how can I help you?<?cs /if ?>"></div>
    </div>
    <button type="submit" class="secondary">Translate</button>
  </form>
  <h2>Migrations applied</h2>
  <ul class="migrations"><?cs each:m = migrations ?><li><?cs var:m.name ?></li><?cs /each ?></ul>
</section>
<?cs include:"footer.cs" ?>
