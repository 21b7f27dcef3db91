<?cs set:title = "Events" ?><?cs set:page.name = "events" ?><?cs set:styles.0 = "/css/event.css" ?>
<?cs include:"header.cs" ?>
<section class="card" id="events-card">
  <h1>Events</h1>
  <p>An event is one to many: a producer, speakers who lead a page (or the whiteboard) for everyone,
     and up to <?cs var:client.seat_cap ?> attendees (this service's seats) who follow it, ask questions and,
     if you let them, chat. Attendees need nothing but the event's link.</p>
  <?cs if:subcount(events) > 0 ?>
  <table class="events" id="event-list">
    <thead><tr><th scope="col">Event</th><th scope="col">Starts (UTC)</th><th scope="col">State</th><th scope="col">Seats</th><th scope="col">Producer</th><th scope="col">Speakers</th><th scope="col">Attended</th><th scope="col"></th></tr></thead>
    <tbody>
    <?cs each:e = events ?><tr data-event="<?cs var:e.id ?>" class="state-<?cs var:e.state ?>">
      <td><strong><?cs var:e.title ?></strong><?cs if:e.my_role ?> <span class="badge"><?cs var:e.my_role ?></span><?cs /if ?></td>
      <td><time datetime="<?cs var:e.starts_iso ?>"><?cs var:e.starts ?></time></td>
      <td><?cs var:e.state ?></td><td class="num"><?cs var:e.seats ?></td>
      <td><?cs var:e.producer ?></td><td><?cs var:e.speakers ?></td><td class="num"><?cs var:e.attendees ?></td>
      <td class="links"><?cs if:e.state != "ended" ?><a href="/event?id=<?cs var:url_escape(e.id) ?>">Open</a> ·
        <a href="/attend?e=<?cs var:url_escape(e.id) ?>" class="attendee-link">Attendees' link</a><?cs else ?>
        <a href="/event?id=<?cs var:url_escape(e.id) ?>">Questions</a><?cs /if ?>
        <?cs if:may_schedule ?> · <a href="/attendance?e=<?cs var:url_escape(e.id) ?>">Attendance</a><?cs /if ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  <?cs else ?><p class="muted" id="events-empty">No event yet.</p><?cs /if ?>
</section>
<?cs if:may_schedule ?>
<section class="card" id="schedule-card">
  <h2>Schedule an event</h2>
  <form method="post" action="/events" id="event-form" class="stack">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <label for="event-title">Title</label>
    <input type="text" id="event-title" name="title" required maxlength="200">
    <label for="event-description">What it is about <span class="muted">(optional, shown to attendees)</span></label>
    <textarea id="event-description" name="description" rows="2" maxlength="2000"></textarea>
    <label for="event-starts">Starts (UTC), as YYYY-MM-DD HH:MM</label>
    <input type="text" id="event-starts" name="starts" required pattern="\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}" value="<?cs var:default_start ?>">
    <label for="event-seats">Seats</label>
    <input type="number" id="event-seats" name="seats" required min="1" max="<?cs var:client.seat_cap ?>" value="<?cs var:default_seats ?>">
    <label for="event-producer">Producer</label>
    <select id="event-producer" name="producer" required>
      <?cs each:a = staff ?><option value="<?cs var:a.id ?>"<?cs if:a.id == me.agent_id ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?>
    </select>
    <?cs loop:i = 1, 4, 1 ?>
    <label for="event-speaker<?cs var:i ?>">Speaker <?cs var:i ?><?cs if:i > 1 ?> <span class="muted">(optional)</span><?cs /if ?></label>
    <select id="event-speaker<?cs var:i ?>" name="speaker<?cs var:i ?>"<?cs if:i == 1 ?> required<?cs /if ?>>
      <?cs if:i > 1 ?><option value="">—</option><?cs /if ?>
      <?cs each:a = staff ?><option value="<?cs var:a.id ?>"><?cs var:a.name ?></option><?cs /each ?>
    </select>
    <?cs /loop ?>
    <fieldset><legend>Attendees</legend>
      <label><input type="radio" name="registration" value="open" checked> come in with the link and a name</label>
      <label><input type="radio" name="registration" value="required"> register first (name and e-mail address)</label>
      <label for="event-field">One more registration question <span class="muted">(optional, e.g. Company)</span></label>
      <input type="text" id="event-field" name="field" maxlength="60">
    </fieldset>
    <fieldset><legend>Attendees may</legend>
      <label><input type="radio" name="talk" value="questions" checked> ask questions</label>
      <label><input type="radio" name="talk" value="chat"> ask questions and chat with everyone</label>
      <label><input type="radio" name="talk" value="none"> only watch</label>
      <label><input type="checkbox" name="show_attendees" value="1"> see who else attends</label>
    </fieldset>
    <button type="submit">Schedule</button>
  </form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
