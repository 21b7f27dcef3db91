<?cs set:title = "Transcript" ?><?cs set:page.name = "transcript" ?>
<?cs include:"header.cs" ?>
<section class="card transcript" id="transcript">
  <h1>Transcript: <?cs var:channel.name ?></h1>
  <?cs if:channel.open ?><p class="muted">This session is still going on. <a href="/channel?id=<?cs var:url_escape(channel.id) ?>">Back to it</a>.</p><?cs /if ?>
  <ol class="lines">
    <?cs each:e = events ?>
    <li class="event event-<?cs var:e.kind ?>"><time datetime="<?cs var:e.at ?>"><?cs var:e.at ?></time>
      <?cs if:e.kind == "line" ?><span class="who"><?cs var:e.name ?>:</span> <span class="body"><?cs var:e.body ?></span>
      <?cs elif:e.kind == "join" ?><span class="notice"><?cs var:e.name ?> joined</span>
      <?cs elif:e.kind == "leave" ?><span class="notice"><?cs var:e.name ?> left</span>
      <?cs elif:e.kind == "transfer" ?><span class="notice"><?cs var:e.body ?></span>
      <?cs elif:e.kind == "close" ?><span class="notice">The session ended</span><?cs /if ?>
    </li>
    <?cs /each ?>
  </ol>
</section>
<?cs include:"footer.cs" ?>
