<?cs set:title = "Attendance: " + event.title ?><?cs set:page.name = "attendance" ?>
<?cs set:styles.0 = "/css/report.css" ?><?cs set:styles.1 = "/css/attendance.css" ?>
<?cs include:"header.cs" ?>
<section class="card wide attendance" id="attendance" data-event="<?cs var:event.id ?>">
  <p class="no-print"><a href="/event?id=<?cs var:url_escape(event.id) ?>">Back to the event</a> ·
     <a href="/attendance?e=<?cs var:url_escape(event.id) ?>&amp;format=csv" id="csv-attendees" download>Attendees as CSV</a> ·
     <a href="/attendance?e=<?cs var:url_escape(event.id) ?>&amp;format=csv&amp;table=event" download>The event as CSV</a></p>
  <h1>Attendance report</h1>
  <p class="certify">This report certifies who took part in <strong><?cs var:event.title ?></strong>, when, and for how long,
     as recorded by Baton while the event ran<?cs if:event.state != "ended" ?> (the event is not over: figures grow while it goes on)<?cs /if ?>. Times are UTC.</p>
  <?cs each:t = tables ?>
  <section class="report-section" aria-labelledby="h-<?cs var:t.id ?>">
    <h2 id="h-<?cs var:t.id ?>"><?cs var:t.title ?></h2>
    <?cs if:t.note ?><p class="muted"><?cs var:t.note ?></p><?cs /if ?>
    <?cs if:t.empty ?><p class="empty">Nobody registered.</p><?cs else ?>
    <div class="table-wrap">
    <table class="report" id="table-<?cs var:t.id ?>">
      <thead><tr><?cs each:c = t.cols ?><th scope="col"<?cs if:c.num ?> class="num"<?cs /if ?>><?cs var:c.title ?></th><?cs /each ?></tr></thead>
      <tbody>
      <?cs each:row = t.rows ?><tr><?cs each:c = row ?><?cs if:first(c) ?><th scope="row"><?cs var:c.s ?></th><?cs elif:?c.v ?><td class="num" data-value="<?cs var:c.v ?>"><?cs var:c.s ?></td><?cs else ?><td><?cs var:c.s ?></td><?cs /if ?><?cs /each ?></tr>
      <?cs /each ?>
      </tbody>
    </table>
    </div>
    <?cs if:t.truncated ?><p class="notice">Only the first rows are shown here; the CSV has them all.</p><?cs /if ?>
    <?cs /if ?>
  </section>
  <?cs /each ?>
  <p class="signature">Issued by Baton on behalf of the organiser.</p>
</section>
<?cs include:"footer.cs" ?>
