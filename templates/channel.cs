<?cs set:title = channel.name ?><?cs set:page.name = "channel" ?>
<?cs set:scripts.0 = "/js/channel.js" ?>
<?cs include:"header.cs" ?>
<section class="card channel" id="channel" data-channel="<?cs var:channel.id ?>" data-token="<?cs var:token ?>" data-me="<?cs var:me.participant ?>" data-role="<?cs var:me.role ?>" data-last-seq="<?cs var:channel.last_seq ?>" data-open="<?cs var:channel.open ?>">
  <div class="channel-head">
    <h1><?cs var:channel.name ?></h1>
    <ul id="people" class="people">
      <?cs each:p = people ?><li data-participant="<?cs var:p.id ?>" class="person role-<?cs var:p.role ?>"><?cs var:p.name ?></li><?cs /each ?>
    </ul>
    <?cs if:channel.open ?>
    <form method="post" action="/leave" id="leave-form" class="inline">
      <input type="hidden" name="channel" value="<?cs var:channel.id ?>">
      <input type="hidden" name="token" value="<?cs var:token ?>">
      <button type="submit" class="secondary">Leave</button>
    </form>
    <?cs /if ?>
  </div>
  <?cs if:monitoring_notice ?><p class="notice" id="monitoring-notice">This session may be monitored for quality.</p><?cs /if ?>
  <ol id="lines" class="lines" aria-live="polite">
    <?cs each:e = events ?>
    <li class="event event-<?cs var:e.kind ?><?cs if:e.mine ?> mine<?cs /if ?>" data-seq="<?cs var:e.seq ?>">
      <?cs if:e.kind == "line" ?><span class="who"><?cs var:e.name ?></span> <span class="body"><?cs var:e.body ?></span>
      <?cs elif:e.kind == "join" ?><span class="notice"><?cs var:e.name ?> joined</span>
      <?cs elif:e.kind == "leave" ?><span class="notice"><?cs var:e.name ?> left</span>
      <?cs elif:e.kind == "transfer" ?><span class="notice"><?cs var:e.body ?></span>
      <?cs elif:e.kind == "close" ?><span class="notice">The session has ended</span><?cs /if ?>
    </li>
    <?cs /each ?>
  </ol>
  <p id="typing" class="typing muted" aria-live="polite"></p>
  <p id="connection" class="muted" hidden></p>
  <?cs if:channel.open ?>
  <form method="post" action="/say" id="say-form" class="say">
    <input type="hidden" name="channel" value="<?cs var:channel.id ?>">
    <input type="hidden" name="token" value="<?cs var:token ?>">
    <label for="say-text" class="visually-hidden">Your message</label>
    <textarea id="say-text" name="text" rows="2" maxlength="2000" required placeholder="Type a message…"></textarea>
    <button type="submit">Send</button>
  </form>
  <?cs if:me.role == "agent" ?>
  <div class="agent-tools">
    <?cs if:subcount(canned) > 0 ?>
    <div id="canned" class="canned"><span class="muted">Phrases:</span>
      <?cs each:c = canned ?><button type="button" class="chip" data-text="<?cs var:c.body ?>"><?cs var:c.title ?></button><?cs /each ?>
    </div>
    <?cs /if ?>
    <form method="post" action="/transfer" id="transfer-form" class="row">
      <input type="hidden" name="channel" value="<?cs var:channel.id ?>">
      <input type="hidden" name="token" value="<?cs var:token ?>">
      <label for="transfer-agent">Hand over to</label>
      <select id="transfer-agent" name="agent" required>
        <?cs each:a = agents ?><option value="<?cs var:a.id ?>"><?cs var:a.name ?></option><?cs /each ?>
      </select>
      <button type="submit" class="secondary"<?cs if:subcount(agents) == 0 ?> disabled<?cs /if ?>>Transfer</button>
    </form>
  </div>
  <?cs /if ?>
  <?cs /if ?>
  <p id="ended" class="notice"<?cs if:channel.open ?> hidden<?cs /if ?>>This session has ended.
     <a href="/transcript?id=<?cs var:url_escape(channel.id) ?>" id="transcript-link">See the transcript</a>.</p>
</section>
<?cs include:"footer.cs" ?>
