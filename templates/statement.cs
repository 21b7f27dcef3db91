<?cs set:title = "Statement " + month.label + " · " + client.name ?><?cs set:page.name = "statement" ?>
<?cs set:styles.0 = "/css/statement.css" ?>
<?cs include:"header.cs" ?>
<section class="card statement" id="statement" data-month="<?cs var:month.label ?>" data-client="<?cs var:client.slug ?>">
  <div class="statement-head">
    <div>
      <p class="statement-kind">Usage statement</p>
      <h1><span id="client-name"><?cs var:client.name ?></span> <span class="muted">· <span id="month"><?cs var:month.label ?></span></span></h1>
      <p class="muted">Client <?cs var:client.slug ?>; sessions started in <?cs var:month.label ?>, times in UTC.</p>
    </div>
    <dl class="statement-terms">
      <dt>Rate</dt><dd id="rate"><?cs var:rate.amount ?> <?cs var:rate.currency ?> per <?cs var:rate.unit ?></dd>
      <dt>Calls</dt><dd id="call-rate"><?cs if:rate.has_call ?><?cs var:rate.call ?> <?cs var:rate.currency ?> per started minute<?cs else ?>not billed<?cs /if ?></dd>
      <?cs if:totals.phone_calls > 0 ?><dt>Phone</dt><dd id="phone-rate"><?cs var:rate.phone ?> <?cs var:rate.currency ?> per started minute</dd><?cs /if ?>
      <dt>Monthly minimum</dt><dd id="minimum"><?cs if:rate.has_minimum ?><?cs var:rate.minimum ?> <?cs var:rate.currency ?><?cs else ?>none<?cs /if ?></dd>
      <dt>Currency</dt><dd id="currency"><?cs var:rate.currency ?></dd>
    </dl>
  </div>
  <?cs if:month.provisional ?><p class="notice" id="provisional">This month is not over: the statement is provisional, and sessions still open count up to now.</p><?cs /if ?>
  <nav class="statement-tools no-print" aria-label="Statement">
    <a href="/statement?month=<?cs var:url_escape(month.previous) ?><?cs if:client.param ?>&amp;client=<?cs var:url_escape(client.param) ?><?cs /if ?>" id="previous-month">&larr; <?cs var:month.previous ?></a>
    <?cs if:month.next ?><a href="/statement?month=<?cs var:url_escape(month.next) ?><?cs if:client.param ?>&amp;client=<?cs var:url_escape(client.param) ?><?cs /if ?>" id="next-month"><?cs var:month.next ?> &rarr;</a><?cs /if ?>
    <a href="/statement?month=<?cs var:url_escape(month.label) ?><?cs if:client.param ?>&amp;client=<?cs var:url_escape(client.param) ?><?cs /if ?>&amp;format=csv" id="csv-link" download>Download CSV</a>
    <form method="get" action="/statement" class="row statement-pick">
      <label for="pick-month">Month <input type="month" id="pick-month" name="month" value="<?cs var:month.label ?>" pattern="[0-9]{4}-[0-9]{2}" required></label>
      <?cs if:client.param ?><label for="pick-client">Client <input type="text" id="pick-client" name="client" value="<?cs var:client.param ?>" maxlength="64"></label><?cs /if ?>
      <button type="submit">Show</button>
    </form>
  </nav>
  <table class="statement-lines" id="lines">
    <thead><tr><th scope="col">Started (UTC)</th><th scope="col">Session</th><th scope="col">Agents</th>
      <th scope="col" class="num"><?cs if:rate.unit == "session" ?>Sessions<?cs else ?>Minutes<?cs /if ?></th>
      <th scope="col" class="num">Amount (<?cs var:rate.currency ?>)</th></tr></thead>
    <tbody>
    <?cs each:l = lines ?>
    <tr class="line"><td class="when"><?cs var:l.started ?></td><td><?cs var:l.channel ?></td><td><?cs var:l.agents ?></td><td class="num"><?cs var:l.quantity ?></td><td class="num"><?cs var:l.amount ?></td></tr>
    <?cs /each ?>
    <?cs if:totals.sessions == 0 ?><tr class="empty"><td colspan="5" class="muted">No sessions in <?cs var:month.label ?>.</td></tr><?cs /if ?>
    </tbody>
    <tfoot>
    <tr class="usage" id="usage"><th scope="row" colspan="3">Usage: <?cs var:totals.sessions ?> session<?cs if:totals.sessions != 1 ?>s<?cs /if ?>, <?cs var:totals.minutes ?> minute<?cs if:totals.minutes != 1 ?>s<?cs /if ?>, at <?cs var:rate.amount ?> per <?cs var:rate.unit ?></th><td class="num"><?cs var:totals.quantity ?></td><td class="num"><?cs var:totals.usage ?></td></tr>
    <?cs if:totals.calls > 0 ?><tr class="calls" id="calls-total"><th scope="row" colspan="3">Calls: <?cs var:totals.calls ?> call<?cs if:totals.calls != 1 ?>s<?cs /if ?><?cs if:rate.has_call ?>, at <?cs var:rate.call ?> per started minute<?cs else ?> (not billed)<?cs /if ?></th><td class="num"><?cs var:totals.call_minutes ?></td><td class="num"><?cs var:totals.call_amount ?></td></tr><?cs /if ?>
    <?cs if:totals.events > 0 ?><tr class="events" id="events-total"><th scope="row" colspan="3">Events: <?cs var:totals.events ?> event<?cs if:totals.events != 1 ?>s<?cs /if ?>, <?cs var:totals.event_attendees ?> attendees, <?cs var:totals.event_seat_minutes ?> seat-minutes<?cs if:rate.has_event ?>, at <?cs var:rate.event ?> per <?cs var:rate.event_unit ?><?cs else ?> (not billed)<?cs /if ?></th><td class="num"><?cs var:totals.event_quantity ?></td><td class="num"><?cs var:totals.event_amount ?></td></tr><?cs /if ?>
    <?cs if:totals.phone_calls > 0 ?><tr class="phone" id="phone-line"><th scope="row" colspan="3">Phone: <?cs var:totals.phone_calls ?> phone call<?cs if:totals.phone_calls != 1 ?>s<?cs /if ?>, <?cs var:totals.phone_minutes ?> minute<?cs if:totals.phone_minutes != 1 ?>s<?cs /if ?> talking, at <?cs var:rate.phone ?> per started minute</th><td class="num"><?cs var:totals.phone_minutes ?></td><td class="num"><?cs var:totals.phone ?></td></tr><?cs /if ?>
    <?cs if:totals.has_lift ?><tr class="minimum" id="minimum-line"><th scope="row" colspan="4">Monthly minimum <?cs var:rate.minimum ?> <?cs var:rate.currency ?>: the difference</th><td class="num"><?cs var:totals.lift ?></td></tr><?cs /if ?>
    <tr class="total" id="total"><th scope="row" colspan="4">Total</th><td class="num"><?cs var:totals.total ?> <?cs var:rate.currency ?></td></tr>
    </tfoot>
  </table>
  <?cs if:subcount(calls) > 0 ?>
  <h2 class="statement-calls-title">Calls</h2>
  <table class="statement-lines" id="call-lines">
    <thead><tr><th scope="col">Connected (UTC)</th><th scope="col">Session</th><th scope="col" class="num">Minutes</th><th scope="col" class="num">Amount (<?cs var:rate.currency ?>)</th></tr></thead>
    <tbody>
    <?cs each:c = calls ?><tr class="call"><td class="when"><?cs var:c.connected ?></td><td><?cs var:c.channel ?></td><td class="num"><?cs var:c.minutes ?></td><td class="num"><?cs var:c.amount ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
  <?cs if:subcount(events) > 0 ?>
  <h2 class="statement-events-title">Events</h2>
  <table class="statement-lines" id="event-lines">
    <thead><tr><th scope="col">Live (UTC)</th><th scope="col">Event</th><th scope="col" class="num">Attendees</th><th scope="col" class="num">Seat-minutes</th><th scope="col" class="num">Amount (<?cs var:rate.currency ?>)</th></tr></thead>
    <tbody>
    <?cs each:e = events ?><tr class="event"><td class="when"><?cs var:e.held ?></td><td><?cs var:e.title ?></td><td class="num"><?cs var:e.attendees ?></td><td class="num"><?cs var:e.seat_minutes ?></td><td class="num"><?cs var:e.amount ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
  <?cs if:totals.phone_calls > 0 ?>
  <h2>Phone calls</h2>
  <table class="statement-lines" id="phone-calls">
    <thead><tr><th scope="col">Talk began (UTC)</th><th scope="col">Call</th><th scope="col">Number</th>
      <th scope="col" class="num">Minutes</th><th scope="col" class="num">Amount (<?cs var:rate.currency ?>)</th></tr></thead>
    <tbody>
    <?cs each:c = phones ?>
    <tr class="phone-call"><td class="when"><?cs var:c.started ?></td><td><?cs var:c.direction ?></td><td><?cs var:c.number ?></td><td class="num"><?cs var:c.minutes ?></td><td class="num"><?cs var:c.amount ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
