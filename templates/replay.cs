<?cs set:title = "Replay " + session.name ?><?cs set:page.name = "replay" ?>
<?cs set:scripts.0 = "/js/marks.js" ?><?cs set:scripts.1 = "/js/replay.js" ?><?cs set:scripts.2 = "/js/mirror-view.js" ?><?cs set:styles.1 = "/css/mirror.css" ?><?cs set:styles.0 = "/css/replay.css" ?>
<?cs include:"header.cs" ?>
<section class="card wide replay" id="replay" data-events="<?cs var:events_url ?>" data-state="loading">
  <h1>Replay: <?cs var:session.name ?></h1>
  <p class="muted">Started <?cs var:session.started ?> UTC, lasted <?cs var:#session.seconds / 60 ?> min <?cs var:#session.seconds % 60 ?> s.
    <a href="/session?id=<?cs var:url_escape(session.id) ?>" id="transcript-link">The whole record</a></p>
  <div class="replay-controls row">
    <button type="button" id="replay-play" disabled>Play</button>
    <button type="button" id="replay-pause" class="secondary" disabled>Pause</button>
    <button type="button" id="replay-next" class="secondary" disabled>Next event</button>
    <button type="button" id="replay-restart" class="secondary" disabled>From the start</button>
    <span class="speeds" role="radiogroup" aria-label="Speed">
      <label class="choice"><input type="radio" name="speed" value="1" checked> 1×</label>
      <label class="choice"><input type="radio" name="speed" value="4"> 4×</label>
      <label class="choice"><input type="radio" name="speed" value="16"> 16×</label>
    </span>
    <span class="clock"><span id="replay-clock">0:00</span> / <span id="replay-total">0:00</span></span>
  </div>
  <progress id="replay-progress" max="1000" value="0" aria-label="How far the replay is"></progress>
  <p id="replay-status" class="muted" aria-live="polite">Loading the session…</p>
  <noscript><p class="message">The replay needs JavaScript; <a href="/session?id=<?cs var:url_escape(session.id) ?>">the record</a> has every event without it.</p></noscript>
  <div class="replay-panes">
    <div class="replay-chat">
      <h2>Chat</h2>
      <ol id="replay-lines" class="lines" aria-live="polite"></ol>
    </div>
    <div class="replay-view">
      <h2>Where the view went</h2>
      <p>Now at: <a id="replay-address" href="#" rel="noopener noreferrer" target="_blank" hidden></a><span id="replay-no-address" class="muted">no address led to yet</span></p>
      <label class="choice"><input type="checkbox" id="replay-show-frame" checked> Show the page</label>
      <p id="replay-call" class="replay-call" hidden></p>
      <div class="replay-stage" id="replay-stage">
        <iframe id="replay-frame" title="The page the session was on" sandbox="allow-scripts allow-forms" referrerpolicy="no-referrer" hidden></iframe>
        <svg id="replay-overlay" class="replay-overlay" aria-hidden="true"></svg>
      </div>
      <ol id="replay-addresses" class="addresses"></ol>
    </div>
  </div>
</section>
<?cs include:"footer.cs" ?>
