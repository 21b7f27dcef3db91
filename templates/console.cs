<?cs set:title = "Console" ?><?cs set:page.name = "console" ?>
<?cs set:scripts.0 = "/js/messages.js" ?><?cs set:scripts.1 = "/js/console.js" ?><?cs set:styles.0 = "/css/messages.css" ?>
<?cs include:"header.cs" ?>
<?cs def:request_item(q) ?>
    <li class="request<?cs if:q.offered_to_me == "1" ?> offered<?cs /if ?>" data-request="<?cs var:q.id ?>" data-priority="<?cs var:q.priority ?>" data-waited="<?cs var:q.waited ?>">
      <div class="request-main"><strong class="visitor-name"><?cs if:q.name ?><?cs var:q.name ?><?cs else ?>Visitor<?cs /if ?></strong>
        <?cs if:q.via == "email" ?><span class="chip">by e-mail</span><?cs /if ?>
        <?cs if:q.priority != "0" ?><span class="chip priority-chip">priority <?cs var:q.priority ?></span><?cs /if ?>
        <?cs if:q.kind == "callback" ?><span class="chip phone-chip">Call-back <?cs var:q.phone ?></span><?cs elif:q.kind == "call" ?><span class="chip phone-chip">On the phone<?cs if:q.phone ?> <?cs var:q.phone ?><?cs /if ?></span><?cs /if ?>
        <span class="muted">waiting <?cs var:q.waited ?> s · <?cs var:q.past_sessions ?> earlier sessions</span>
        <?cs if:q.offered_to ?><span class="muted offered-to">offered to <?cs var:q.offered_to ?></span><?cs /if ?>
        <?cs if:q.question ?><p class="question"><?cs var:q.question ?></p><?cs /if ?>
        <?cs if:q.page ?><p class="page muted">From <?cs var:q.page ?></p><?cs /if ?></div>
      <?cs if:q.state == "waiting" || q.offered_to_me == "1" ?>
      <form method="post" action="/accept" class="accept-form">
        <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
        <input type="hidden" name="request" value="<?cs var:q.id ?>">
        <button type="submit">Accept</button>
      </form><?cs /if ?>
      <?cs if:may_prioritize ?>
      <form method="post" action="/priority" class="priority-form">
        <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
        <input type="hidden" name="request" value="<?cs var:q.id ?>">
        <label>Priority <input type="number" name="priority" min="0" max="1000" value="<?cs var:q.priority ?>"></label>
        <button type="submit" class="secondary">Set</button>
      </form><?cs /if ?>
    </li>
<?cs /def ?>
<section class="card" id="console" data-csrf="<?cs var:csrf ?>" data-version="0" data-may-prioritize="<?cs var:may_prioritize ?>">
  <h1>Hello, <?cs var:me.name ?></h1>
  <p>You are <strong id="state" data-state="<?cs var:me.state ?>"><?cs var:me.state_label ?></strong>
     <span class="muted">(for <?cs var:me.state_minutes ?> min; change it in the top bar)</span>.</p>
  <p id="notify-hint" class="muted" hidden><button type="button" id="notify-enable" class="link">Turn on notifications</button> to hear of new visitors in other tabs.</p>
  <form method="get" action="/console" id="search-form" class="row search-today">
    <label for="search-q">Today's sessions</label>
    <input type="search" id="search-q" name="q" maxlength="100" value="<?cs var:search.q ?>" placeholder="a name, a word from the question or the conversation">
    <button type="submit" class="secondary">Search</button>
  </form>
  <?cs if:search.q ?>
  <div id="search-results">
    <h2>Today's sessions with “<?cs var:search.q ?>” <span class="count"><?cs var:subcount(results) ?></span></h2>
    <ul class="channels">
      <?cs each:s = results ?><li><a href="/session?id=<?cs var:url_escape(s.id) ?>"><?cs if:s.visitor ?><?cs var:s.visitor ?><?cs else ?><?cs var:s.name ?><?cs /if ?></a>
        <span class="muted"><?cs var:s.at ?> UTC · <?cs var:s.agents ?><?cs if:s.open == "1" ?> · going on<?cs /if ?></span>
        <?cs if:s.question ?><p class="question"><?cs var:s.question ?></p><?cs /if ?></li><?cs /each ?>
    </ul>
    <?cs if:subcount(results) == 0 ?><p class="muted">None today.</p><?cs /if ?>
  </div>
  <?cs /if ?>
</section>
<div class="desk-columns">
<section class="card" id="queue-card">
  <div class="card-head">
    <h2>Waiting <span id="queue-count" class="count"><?cs var:desk.waiting ?></span></h2>
    <label class="sort">Order <select id="queue-sort">
      <option value="priority">priority, then longest wait</option>
      <option value="wait">longest wait first</option>
    </select></label>
  </div>
  <ul id="queue" class="queue">
    <?cs each:q = queue ?><?cs if:q.state == "waiting" ?><?cs call:request_item(q) ?><?cs /if ?><?cs /each ?>
  </ul>
  <p id="queue-empty" class="muted"<?cs if:desk.waiting > 0 ?> hidden<?cs /if ?>>Nobody is waiting.</p>
</section>
<section class="card" id="offered-card">
  <h2>Offered <span id="offered-count" class="count"><?cs var:desk.offered ?></span></h2>
  <ul id="offered" class="queue">
    <?cs each:q = queue ?><?cs if:q.state == "offered" ?><?cs call:request_item(q) ?><?cs /if ?><?cs /each ?>
  </ul>
  <p id="offered-empty" class="muted"<?cs if:desk.offered > 0 ?> hidden<?cs /if ?>>No visitor is being offered to an agent.</p>
</section>
<section class="card" id="channels-card">
  <h2>Your sessions <span id="channels-count" class="count"><?cs var:subcount(channels) ?></span></h2>
  <ul id="channels" class="channels">
    <?cs each:c = channels ?><li><a href="/channel?id=<?cs var:url_escape(c.id) ?>"><?cs var:c.name ?></a> <span class="muted">with <?cs var:c.with ?></span></li><?cs /each ?>
  </ul>
</section>
<section class="card" id="scheduled-card">
  <h2>Scheduled <span id="scheduled-count" class="count"><?cs var:subcount(scheduled) ?></span></h2>
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
  <h2>Messages <span id="messages-count" class="count"><?cs var:subcount(messages) ?></span> <a class="muted small" href="/messages">all</a></h2>
  <?cs include:"messages_list.cs" ?><?cs call:thread_list(messages, "messages") ?>
</section>
</div>
<?cs include:"footer.cs" ?>
