<?cs set:title = report.title + " report" ?><?cs set:page.name = "report" ?>
<?cs set:scripts.0 = "/js/charts.js" ?><?cs set:styles.0 = "/css/report.css" ?>
<?cs include:"header.cs" ?>
<section class="card wide" id="report" data-kind="<?cs var:report.kind ?>">
  <h1><?cs var:report.title ?> report <span class="muted">· <?cs var:report.client_name ?></span></h1>
  <nav class="report-kinds" aria-label="Reports">
    <?cs each:k = kinds ?><a href="/report?kind=<?cs var:k.name ?>&amp;<?cs var:report.base_query ?>"<?cs if:k.name == report.kind ?> aria-current="page" class="current"<?cs /if ?>><?cs var:k.title ?></a>
    <?cs /each ?>
  </nav>
  <form method="get" action="/report" class="report-filters">
    <input type="hidden" name="kind" value="<?cs var:report.kind ?>">
    <?cs if:report.operator ?>
    <label>Client
      <select name="client">
        <?cs each:c = clients ?><option value="<?cs var:c.slug ?>"<?cs if:c.slug == report.client_slug ?> selected<?cs /if ?>><?cs var:c.name ?></option>
        <?cs /each ?>
      </select></label>
    <?cs /if ?>
    <label>From <input type="date" name="from" value="<?cs var:report.from ?>" required></label>
    <label>To <input type="date" name="to" value="<?cs var:report.to ?>" required></label>
    <?cs if:report.kind == "usage" ?>
    <label>Per
      <select name="granularity">
        <option value="day"<?cs if:report.granularity == "day" ?> selected<?cs /if ?>>day</option>
        <option value="week"<?cs if:report.granularity == "week" ?> selected<?cs /if ?>>week</option>
        <option value="month"<?cs if:report.granularity == "month" ?> selected<?cs /if ?>>month</option>
      </select></label>
    <?cs /if ?>
    <?cs if:report.kind == "agents" ?>
    <label>Agent
      <select name="agent">
        <option value="">Every agent</option>
        <?cs each:a = agents ?><option value="<?cs var:a.id ?>"<?cs if:a.id == report.agent ?> selected<?cs /if ?>><?cs var:a.name ?></option>
        <?cs /each ?>
      </select></label>
    <?cs /if ?>
    <?cs if:report.kind == "attendance" ?>
    <label>At least <input type="number" name="people" min="2" max="1000" value="<?cs var:report.people ?>"> people</label>
    <?cs /if ?>
    <button type="submit">Show</button>
  </form>
  <p class="report-meta muted">From <?cs var:report.from ?> to <?cs var:report.to ?>, both days included; times in UTC.
     <a href="/report?<?cs var:report.query ?>&amp;format=csv" id="csv-all" download>Download as CSV</a></p>
  <?cs each:t = tables ?>
  <section class="report-section" aria-labelledby="h-<?cs var:t.id ?>">
    <h2 id="h-<?cs var:t.id ?>"><?cs var:t.title ?></h2>
    <?cs if:t.note ?><p class="muted"><?cs var:t.note ?></p><?cs /if ?>
    <?cs if:t.empty ?>
    <p class="empty">Nothing in this range.</p>
    <?cs else ?>
    <div class="table-wrap">
    <table class="report" id="table-<?cs var:t.id ?>" data-title="<?cs var:t.title ?>"<?cs if:t.charts ?> data-charts="<?cs var:t.charts ?>"<?cs /if ?>>
      <thead><tr><?cs each:c = t.cols ?><th scope="col"<?cs if:c.num ?> class="num"<?cs /if ?><?cs if:c.unit ?> data-unit="<?cs var:c.unit ?>"<?cs /if ?>><?cs var:c.title ?></th><?cs /each ?></tr></thead>
      <tbody>
      <?cs each:row = t.rows ?><tr><?cs each:c = row ?><?cs if:first(c) ?><th scope="row"><?cs var:c.s ?></th><?cs elif:?c.v ?><td class="num" data-value="<?cs var:c.v ?>"><?cs var:c.s ?></td><?cs else ?><td><?cs var:c.s ?></td><?cs /if ?><?cs /each ?></tr>
      <?cs /each ?>
      </tbody>
    </table>
    </div>
    <?cs if:t.truncated ?><p class="notice">Only the first rows are shown; choose a shorter range for the rest.</p><?cs /if ?>
    <p class="report-csv"><a href="/report?<?cs var:report.query ?>&amp;format=csv&amp;table=<?cs var:t.id ?>" download>This table as CSV</a></p>
    <?cs /if ?>
  </section>
  <?cs /each ?>
</section>
<?cs include:"footer.cs" ?>
