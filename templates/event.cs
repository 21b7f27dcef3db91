<?cs set:title = event.title ?><?cs set:page.name = "event" ?>
<?cs if:event.runs ?><?cs set:scripts.0 = "/js/producer.js" ?><?cs /if ?>
<?cs set:styles.0 = "/css/event.css" ?>
<?cs include:"header.cs" ?>
<section class="card event-head" id="event" data-event="<?cs var:event.id ?>" data-state="<?cs var:event.state ?>" data-role="<?cs var:event.role ?>" data-talk="<?cs var:event.talk ?>" data-stage="<?cs var:event.stage ?>" data-backstage="<?cs var:event.backstage ?>" data-backstage-token="<?cs var:me.backstage_token ?>" data-me-backstage="<?cs var:me.backstage ?>" data-field-label="<?cs var:event.field_label ?>">
  <h1><?cs var:event.title ?> <span class="state-pill state-<?cs var:event.state ?>" id="event-state"><?cs var:event.state ?></span></h1>
  <p class="muted">Starts <time datetime="<?cs var:event.starts_iso ?>"><?cs var:event.starts ?> UTC</time> · <?cs var:event.seats ?> seats ·
     <?cs if:event.registration == "required" ?>registration required<?cs else ?>open to anyone with the link<?cs /if ?> ·
     attendees <?cs if:event.talk == "chat" ?>chat and ask<?cs elif:event.talk == "questions" ?>ask questions<?cs else ?>only watch<?cs /if ?></p>
  <?cs if:event.description ?><p><?cs var:event.description ?></p><?cs /if ?>
  <p><label for="attendee-link">Attendees' link</label>
     <input type="text" id="attendee-link" class="link-box" readonly value="<?cs var:event.link ?>"></p>
  <?cs if:event.runs && event.state != "ended" ?>
  <div class="event-steps">
    <?cs if:event.state == "scheduled" ?><form method="post" action="/event" class="inline"><input type="hidden" name="csrf" value="<?cs var:csrf ?>"><input type="hidden" name="id" value="<?cs var:event.id ?>"><button type="submit" name="action" value="open" id="open-stage" class="secondary">Open the stage</button></form><?cs /if ?>
    <?cs if:event.state != "live" ?><form method="post" action="/event" class="inline"><input type="hidden" name="csrf" value="<?cs var:csrf ?>"><input type="hidden" name="id" value="<?cs var:event.id ?>"><button type="submit" name="action" value="live" id="go-live">Go live</button></form><?cs /if ?>
    <form method="post" action="/event" class="inline" id="end-form"><input type="hidden" name="csrf" value="<?cs var:csrf ?>"><input type="hidden" name="id" value="<?cs var:event.id ?>"><button type="submit" name="action" value="end" id="end-event" class="secondary danger">End the event</button></form>
    <?cs if:event.stage ?><a href="/channel?id=<?cs var:url_escape(event.stage) ?>" id="stage-link">See the stage</a><?cs /if ?>
  </div>
  <p class="muted">Open the stage for the speakers to get ready (attendees wait in the lobby), then go live.</p>
  <?cs elif:event.role == "speaker" ?>
  <?cs if:event.stage && event.state != "ended" ?><p><a class="button" href="/channel?id=<?cs var:url_escape(event.stage) ?>" id="stage-link">Go on stage</a></p>
  <?cs elif:event.state != "ended" ?><p id="stage-wait">The producer has not opened the stage yet; come back here when they have.</p><?cs /if ?>
  <?cs /if ?>
  <?cs if:event.state == "ended" && event.runs ?><p><a href="/attendance?e=<?cs var:url_escape(event.id) ?>" id="attendance-link">Attendance report</a></p><?cs /if ?>
</section>

<?cs if:event.runs ?>
<div class="event-grid">
  <section class="card" id="population-card" aria-labelledby="population-title">
    <h2 id="population-title">Audience</h2>
    <p class="big-figures"><span><strong id="pop-present">0</strong> here now</span> <span class="muted">of <?cs var:event.seats ?> seats</span>
       <span><strong id="pop-registered">0</strong> registered</span> <span><strong id="pop-ever">0</strong> came</span></p>
    <svg id="pop-chart" class="pop-chart" viewBox="0 0 600 120" role="img" aria-label="Attendees present, minute by minute"></svg>
    <p class="muted small" id="pop-chart-note">Present (line), joins (green) and leaves (grey) per minute, the last two hours.</p>
    <div class="pop-groups">
      <div><h3>By site</h3><ol id="pop-sites" class="pop-list"></ol></div>
      <div><h3><?cs if:event.field_label ?><?cs var:event.field_label ?><?cs else ?>Registration field<?cs /if ?></h3><ol id="pop-fields" class="pop-list"></ol></div>
    </div>
  </section>

  <section class="card" id="questions-card" aria-labelledby="questions-title">
    <h2 id="questions-title">Questions <span class="count" id="questions-new">0</span></h2>
    <p class="muted small">New questions reach only you. Approve one to show it to everyone; pass it to a speaker; answer it in writing; merge repeats; hide the rest.</p>
    <ol id="queue" class="queue-list" aria-live="polite"></ol>
    <p id="queue-empty" class="muted">No question yet.</p>
  </section>

  <section class="card" id="speakers-card" aria-labelledby="speakers-title">
    <h2 id="speakers-title">Speakers</h2>
    <ul id="speakers" class="speakers">
      <?cs each:s = speakers ?><li data-agent="<?cs var:s.agent ?>" data-stage="<?cs var:s.stage ?>" data-backstage="<?cs var:s.backstage ?>">
        <img class="avatar" src="/avatars/<?cs var:s.avatar ?>.svg" alt="" width="28" height="28"> <strong class="name"><?cs var:s.name ?></strong> <span class="leads badge" hidden>leads</span>
        <?cs if:event.stage && event.state != "ended" ?><button type="button" class="secondary small give-lead">Give the lead</button>
        <form class="note-form">
          <label class="visually-hidden" for="note-<?cs var:s.agent ?>">A private line to <?cs var:s.name ?></label>
          <input type="text" id="note-<?cs var:s.agent ?>" class="note-text" maxlength="2000" placeholder="A private line to <?cs var:s.name ?> (nobody else sees it)">
          <button type="submit" class="small">Send</button>
        </form><?cs /if ?>
      </li><?cs /each ?>
    </ul>
    <h3>Backstage</h3>
    <ol id="backstage-lines" class="backstage-lines" aria-live="polite"></ol>
  </section>

  <section class="card" id="attendees-card" aria-labelledby="attendees-title">
    <h2 id="attendees-title">Attendees</h2>
    <form id="attendee-search" class="row" role="search">
      <label for="attendee-q" class="visually-hidden">Find an attendee</label>
      <input type="search" id="attendee-q" placeholder="Name or e-mail address" maxlength="100">
      <button type="submit" class="secondary">Find</button>
    </form>
    <ul id="attendee-list" class="attendee-list"></ul>
  </section>
</div>
<?cs /if ?>
<?cs include:"footer.cs" ?>
