<?cs set:title = "Audit log" ?><?cs set:page.name = "audit" ?>
<?cs set:styles.0 = "/css/admin.css" ?>
<?cs include:"header.cs" ?>
<?cs include:"admin_top.cs" ?>
<section class="card wide" id="audit">
  <h1>Audit log<?cs if:client.name ?> <span class="muted">· <?cs var:client.name ?></span><?cs /if ?></h1>
  <p class="muted">Every change made in the administration pages or with baton-admin: who, when (UTC), from where, and what.</p>
  <table class="grid" id="entries">
    <thead><tr><th>When</th><th>Who</th><th>From</th><?cs if:me.role != "admin" ?><th>Client</th><?cs /if ?><th>What</th></tr></thead>
    <tbody>
    <?cs each:e = entries ?>
    <tr data-action="<?cs var:e.action ?>"><td><?cs var:e.at ?></td>
      <td><?cs var:e.actor ?> <span class="muted">(<?cs var:e.role ?>)</span></td>
      <td><?cs var:e.address ?></td><?cs if:me.role != "admin" ?><td><?cs var:e.client ?></td><?cs /if ?>
      <td><code><?cs var:e.action ?></code> <?cs var:e.object ?><?cs if:e.detail ?>: <span class="detail"><?cs var:e.detail ?></span><?cs /if ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs if:subcount(entries) == 0 ?><p class="muted">Nothing yet.</p><?cs /if ?>
  <?cs if:older ?><p><a href="/audit?before=<?cs var:older ?><?cs if:client.param ?>&amp;client=<?cs var:url_escape(client.param) ?><?cs /if ?>" id="older">Older entries</a></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
