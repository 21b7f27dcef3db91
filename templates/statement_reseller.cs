<?cs set:title = "Reseller statement " + month.label + " · " + reseller.name ?><?cs set:page.name = "statement-reseller" ?>
<?cs set:styles.0 = "/css/statement.css" ?>
<?cs include:"header.cs" ?>
<section class="card statement" id="reseller-statement" data-month="<?cs var:month.label ?>" data-reseller="<?cs var:reseller.slug ?>">
  <div class="statement-head">
    <div>
      <p class="statement-kind">Reseller statement</p>
      <h1><span id="reseller-name"><?cs var:reseller.name ?></span> <span class="muted">· <span id="month"><?cs var:month.label ?></span></span></h1>
      <p class="muted">Reseller <?cs var:reseller.slug ?>; its clients' totals for <?cs var:month.label ?> (UTC) and its share of each.</p>
    </div>
    <dl class="statement-terms">
      <dt>Share</dt><dd id="share"><?cs var:reseller.share ?> %</dd>
    </dl>
  </div>
  <?cs if:month.provisional ?><p class="notice" id="provisional">This month is not over: the statement is provisional.</p><?cs /if ?>
  <nav class="statement-tools no-print" aria-label="Statement">
    <a href="/statement?month=<?cs var:url_escape(month.previous) ?>&amp;reseller=<?cs var:url_escape(reseller.slug) ?>" id="previous-month">&larr; <?cs var:month.previous ?></a>
    <?cs if:month.next ?><a href="/statement?month=<?cs var:url_escape(month.next) ?>&amp;reseller=<?cs var:url_escape(reseller.slug) ?>" id="next-month"><?cs var:month.next ?> &rarr;</a><?cs /if ?>
    <a href="/statement?month=<?cs var:url_escape(month.label) ?>&amp;reseller=<?cs var:url_escape(reseller.slug) ?>&amp;format=csv" id="csv-link" download>Download CSV</a>
  </nav>
  <table class="statement-lines" id="clients">
    <thead><tr><th scope="col">Client</th><th scope="col" class="num">Sessions</th><th scope="col" class="num">Total</th><th scope="col" class="num">Share</th><th scope="col">Currency</th></tr></thead>
    <tbody>
    <?cs each:c = clients ?>
    <tr class="line"><td><a href="/statement?month=<?cs var:url_escape(month.label) ?>&amp;client=<?cs var:url_escape(c.slug) ?>"><?cs var:c.name ?></a> <span class="muted">(<?cs var:c.slug ?>)</span></td><td class="num"><?cs var:c.sessions ?></td><td class="num"><?cs var:c.total ?></td><td class="num"><?cs var:c.share ?></td><td><?cs var:c.currency ?></td></tr>
    <?cs /each ?>
    <?cs if:subcount(clients) == 0 ?><tr class="empty"><td colspan="5" class="muted">This reseller has no clients.</td></tr><?cs /if ?>
    </tbody>
    <tfoot>
    <?cs each:t = sums ?>
    <tr class="total"><th scope="row">Total, <?cs var:t.clients ?> client<?cs if:t.clients != 1 ?>s<?cs /if ?></th><td class="num"><?cs var:t.sessions ?></td><td class="num"><?cs var:t.total ?></td><td class="num"><?cs var:t.share ?></td><td><?cs var:t.currency ?></td></tr>
    <?cs /each ?>
    </tfoot>
  </table>
</section>
<?cs include:"footer.cs" ?>
