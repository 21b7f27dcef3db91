<?cs set:title = "Console" ?><?cs set:page.name = "console" ?>
<?cs set:scripts.0 = "/js/messages.js" ?><?cs set:scripts.1 = "/js/console.js" ?><?cs set:styles.0 = "/css/messages.css" ?>
<?cs include:"header.cs" ?>
<section class="card" id="console" data-csrf="<?cs var:csrf ?>" data-version="0">
  <h1>Hello, <?cs var:me.name ?></h1>
  <p>You are <strong id="state" data-state="<?cs var:me.state ?>"><?cs var:me.state_label ?></strong>
     <span class="muted">(for <?cs var:me.state_minutes ?> min)</span>.</p>
  <form method="post" action="/state" id="state-form" class="row">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <label for="state-choice">Change to</label>
    <select id="state-choice" name="state">
      <?cs each:s = states ?>
      <option value="<?cs var:s.value ?>"<?cs if:s.value == me.state ?> selected<?cs /if ?>><?cs var:s.label ?></option>
      <?cs /each ?>
    </select>
    <button type="submit">Change</button>
  </form>
  <p id="notify-hint" class="muted" hidden><button type="button" id="notify-enable" class="link">Turn on notifications</button> to hear of new visitors in other tabs.</p>
</section>
<section class="card" id="queue-card">
  <h2>Waiting <span id="queue-count" class="count"><?cs var:subcount(queue) ?></span></h2>
  <ul id="queue" class="queue">
    <?cs each:q = queue ?>
    <li class="request<?cs if:q.offered_to_me == "1" ?> offered<?cs /if ?>" data-request="<?cs var:q.id ?>">
      <div class="request-main"><strong><?cs if:q.name ?><?cs var:q.name ?><?cs else ?>Visitor<?cs /if ?></strong><?cs if:q.via == "email" ?> <span class="chip">by e-mail</span><?cs /if ?>
        <?cs if:q.kind == "callback" ?><span class="chip phone-chip">Call-back <?cs var:q.phone ?></span><?cs elif:q.kind == "call" ?><span class="chip phone-chip">On the phone<?cs if:q.phone ?> <?cs var:q.phone ?><?cs /if ?></span><?cs /if ?>
        <span class="muted">waiting <?cs var:q.waited ?> s · <?cs var:q.past_sessions ?> earlier sessions</span>
        <?cs if:q.question ?><p class="question"><?cs var:q.question ?></p><?cs /if ?>
        <?cs if:q.page ?><p class="page muted">From <?cs var:q.page ?></p><?cs /if ?></div>
      <form method="post" action="/accept" class="accept-form">
        <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
        <input type="hidden" name="request" value="<?cs var:q.id ?>">
        <button type="submit">Accept</button>
      </form>
    </li>
    <?cs /each ?>
  </ul>
  <p id="queue-empty" class="muted"<?cs if:subcount(queue) > 0 ?> hidden<?cs /if ?>>Nobody is waiting.</p>
</section>
<section class="card" id="channels-card">
  <h2>Your sessions</h2>
  <ul id="channels" class="channels">
    <?cs each:c = channels ?><li><a href="/channel?id=<?cs var:url_escape(c.id) ?>"><?cs var:c.name ?></a> <span class="muted">with <?cs var:c.with ?></span></li><?cs /each ?>
  </ul>
</section>
<section class="card" id="scheduled-card">
  <h2>Scheduled sessions</h2>
  <ul id="scheduled" class="scheduled">
    <?cs each:s = scheduled ?><li data-scheduled="<?cs var:s.id ?>"><strong><?cs var:s.at ?> UTC</strong> <?cs var:s.name ?> <span class="muted"><?cs var:s.contact ?></span> <?cs var:s.question ?>
      <form method="post" action="/appointment" class="take-form inline">
        <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
        <input type="hidden" name="request" value="<?cs var:s.id ?>">
        <?cs if:s.mine == "1" ?><input type="hidden" name="action" value="release"><span class="chip">yours</span> <button type="submit" class="link">Give back</button>
        <?cs elif:s.owner ?><span class="muted">taken by <?cs var:s.owner ?></span>
        <?cs else ?><input type="hidden" name="action" value="take"><button type="submit" class="secondary">Take it</button><?cs /if ?>
      </form></li><?cs /each ?>
  </ul>
</section>
<section class="card" id="messages-card">
  <h2>Messages <a class="muted small" href="/messages">all</a></h2>
  <?cs include:"messages_list.cs" ?><?cs call:thread_list(messages, "messages") ?>
</section>
<?cs include:"footer.cs" ?>
