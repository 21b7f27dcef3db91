<?cs set:title = "Refused help links" ?><?cs set:page.name = "refused" ?>
<?cs set:styles.0 = "/css/admin.css" ?>
<?cs include:"header.cs" ?>
<?cs include:"admin_top.cs" ?>
<section class="card wide" id="refused">
  <h1>Refused help links</h1>
  <p class="muted">Help links that could not connect a visitor, newest first. “unregistered domain” usually means a site's page is on a domain still to be added to it<?cs if:me.role == "admin" ?> (on <a href="/sites">Sites</a>)<?cs /if ?>.</p>
  <table class="grid" id="refusals">
    <thead><tr><th>When (UTC)</th><?cs if:me.role == "operator" ?><th>Client</th><?cs /if ?><th>Site</th><th>Why</th><th>Page</th><th>From</th></tr></thead>
    <tbody>
    <?cs each:f = refusals ?>
    <tr><td><?cs var:f.at ?></td><?cs if:me.role == "operator" ?><td><?cs var:f.client ?></td><?cs /if ?>
      <td><?cs if:f.site ?><?cs var:f.site ?><?cs else ?><span class="muted">key <?cs var:f.key ?></span><?cs /if ?></td>
      <td class="reason"><?cs if:f.reason == "unregistered_domain" ?>unregistered domain<?cs elif:f.reason == "unknown_key" ?>unknown site key<?cs elif:f.reason == "no_referer" ?>no page given<?cs else ?>client suspended<?cs /if ?></td>
      <td class="referer"><?cs var:f.referer ?></td><td><?cs var:f.address ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs if:subcount(refusals) == 0 ?><p class="muted">None.</p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
