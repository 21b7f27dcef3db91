<?cs set:title = "Rates" ?><?cs set:page.name = "rates" ?>
<?cs set:styles.0 = "/css/admin.css" ?>
<?cs include:"header.cs" ?>
<?cs include:"admin_top.cs" ?>
<section class="card wide" id="rates">
  <h1>Rates</h1>
  <p class="muted">What each client pays: per started minute of a session, or per session, with a monthly minimum. A change applies from this month on; months that are over keep their statements.</p>
  <?cs each:c = clients ?>
  <div class="client-rate" data-client="<?cs var:c.slug ?>">
    <h2><?cs var:c.name ?> <span class="muted">(<?cs var:c.slug ?>)</span></h2>
    <p>Now: <strong class="terms"><?cs var:c.rate ?> <?cs var:c.currency ?> per <?cs var:c.unit ?>, monthly minimum <?cs var:c.minimum ?></strong><?cs if:c.reseller ?>; brought by <?cs var:c.reseller ?><?cs /if ?>.
       <a href="/statement?client=<?cs var:url_escape(c.slug) ?>">Statements</a></p>
    <form method="post" action="/rates" class="row rate-form">
      <?cs call:admin_fields("rate") ?><input type="hidden" name="slug" value="<?cs var:c.slug ?>">
      <label for="rate-<?cs var:c.slug ?>">Rate</label>
      <input type="text" id="rate-<?cs var:c.slug ?>" name="rate" value="<?cs var:c.rate ?>" class="narrow-number" inputmode="decimal">
      <label for="unit-<?cs var:c.slug ?>">per</label>
      <select id="unit-<?cs var:c.slug ?>" name="unit">
        <option value="minute"<?cs if:c.unit == "minute" ?> selected<?cs /if ?>>started minute</option>
        <option value="session"<?cs if:c.unit == "session" ?> selected<?cs /if ?>>session</option>
      </select>
      <label for="minimum-<?cs var:c.slug ?>">minimum</label>
      <input type="text" id="minimum-<?cs var:c.slug ?>" name="minimum" value="<?cs var:c.minimum ?>" class="narrow-number" inputmode="decimal">
      <label for="currency-<?cs var:c.slug ?>">currency</label>
      <input type="text" id="currency-<?cs var:c.slug ?>" name="currency" value="<?cs var:c.currency ?>" maxlength="3" class="narrow-number">
      <button type="submit" class="secondary">Set</button>
    </form>
    <form method="post" action="/rates" class="row call-rate-form">
      <?cs call:admin_fields("call-rate") ?><input type="hidden" name="slug" value="<?cs var:c.slug ?>">
      <label for="call-rate-<?cs var:c.slug ?>">Calls: per started minute</label>
      <input type="text" id="call-rate-<?cs var:c.slug ?>" name="call_rate" value="<?cs var:c.call_rate ?>" class="narrow-number" inputmode="decimal">
      <span class="muted">(0: counted, not billed)</span>
      <button type="submit" class="secondary">Set</button>
    </form>
    <form method="post" action="/rates" class="row phone-rate-form">
      <?cs call:admin_fields("phone-rate") ?><input type="hidden" name="slug" value="<?cs var:c.slug ?>">
      <label for="phone-rate-<?cs var:c.slug ?>">Phone: per started minute</label>
      <input type="text" id="phone-rate-<?cs var:c.slug ?>" name="phone_rate" value="<?cs var:c.phone_rate ?>" class="narrow-number" inputmode="decimal">
      <span class="muted">(call-backs and calls to the help number)</span>
      <button type="submit" class="secondary">Set</button>
    </form>
    <form method="post" action="/rates" class="row event-rate-form">
      <?cs call:admin_fields("event-rate") ?><input type="hidden" name="slug" value="<?cs var:c.slug ?>">
      <label for="event-rate-<?cs var:c.slug ?>">Events: per</label>
      <select id="event-unit-<?cs var:c.slug ?>" name="event_unit" aria-label="Events are billed per">
        <option value="attendee"<?cs if:c.event_unit != "seat_minute" ?> selected<?cs /if ?>>attendee</option>
        <option value="seat_minute"<?cs if:c.event_unit == "seat_minute" ?> selected<?cs /if ?>>seat-minute</option>
      </select>
      <input type="text" id="event-rate-<?cs var:c.slug ?>" name="event_rate" value="<?cs var:c.event_rate ?>" class="narrow-number" inputmode="decimal">
      <span class="muted">(0: counted, not billed)</span>
      <button type="submit" class="secondary">Set</button>
    </form>
    <form method="post" action="/rates" class="row reseller-form">
      <?cs call:admin_fields("reseller") ?><input type="hidden" name="slug" value="<?cs var:c.slug ?>">
      <label for="reseller-<?cs var:c.slug ?>">Brought by</label>
      <select id="reseller-<?cs var:c.slug ?>" name="reseller">
        <option value="none">no reseller</option>
        <?cs each:x = resellers ?><option value="<?cs var:x.slug ?>"<?cs if:x.slug == c.reseller ?> selected<?cs /if ?>><?cs var:x.name ?></option><?cs /each ?>
      </select>
      <button type="submit" class="secondary">Set</button>
    </form>
    <details><summary>History</summary>
      <table class="grid history">
        <thead><tr><th>From (UTC)</th><th>Rate</th><th>Minimum</th><th>Calls</th><th>Phone</th><th>Events</th><th>Reseller</th></tr></thead>
        <tbody><?cs each:h = c.history ?><tr><td><?cs var:h.at ?></td><td><?cs var:h.rate ?> <?cs var:h.currency ?> per <?cs var:h.unit ?></td><td><?cs var:h.minimum ?></td><td><?cs var:h.call_rate ?></td><td><?cs var:h.phone_rate ?></td><td><?cs var:h.event_rate ?> per <?cs if:h.event_unit == "seat_minute" ?>seat-minute<?cs else ?>attendee<?cs /if ?></td><td><?cs var:h.reseller ?></td></tr><?cs /each ?></tbody>
      </table>
    </details>
  </div>
  <?cs /each ?>
</section>
<?cs include:"footer.cs" ?>
