<?cs set:title = "Session " + session.name ?><?cs set:page.name = "session" ?>
<?cs include:"header.cs" ?>
<section class="card wide" id="session" data-session="<?cs var:session.id ?>">
  <h1>Session: <?cs var:session.name ?></h1>
  <p class="muted">Times are UTC.
    <a href="/replay?id=<?cs var:url_escape(session.id) ?>" id="replay-link">Replay it</a><?cs if:session.full_view ?> ·
    <a href="/archive" id="archive-link">Back to the archive</a><?cs /if ?></p>
  <dl class="facts">
    <dt>Client</dt><dd><?cs var:session.client ?></dd>
    <dt>Visitor</dt><dd id="visitor"><?cs var:session.visitor ?><?cs if:session.request ?> <span class="muted">(request <?cs var:session.request ?>)</span><?cs /if ?></dd>
    <?cs if:session.site ?><dt>Site</dt><dd><?cs var:session.site ?></dd><?cs /if ?>
    <?cs if:session.page ?><dt>From the page</dt><dd class="address"><?cs var:session.page ?></dd><?cs /if ?>
    <?cs if:session.topic ?><dt>Topic</dt><dd><?cs var:session.topic ?></dd><?cs /if ?>
    <?cs if:session.question ?><dt>Question</dt><dd class="body"><?cs var:session.question ?></dd><?cs /if ?>
    <dt>Started</dt><dd><?cs var:session.started ?></dd>
    <dt>Ended</dt><dd><?cs if:session.ended ?><?cs var:session.ended ?><?cs else ?><span class="chip live">still going on</span><?cs /if ?></dd>
    <dt>Length</dt><dd><?cs var:#session.seconds / 60 ?> min <?cs var:#session.seconds % 60 ?> s</dd>
  </dl>
  <h2>People</h2>
  <table class="grid" id="people">
    <thead><tr><th>Name</th><th>As</th><th>Joined</th><th>Left</th></tr></thead>
    <tbody>
    <?cs each:p = people ?><tr class="role-<?cs var:p.role ?>"><td><?cs var:p.name ?></td><td><?cs var:p.role ?><?cs if:p.role == "supervisor" ?> (silent)<?cs /if ?></td><td><?cs var:p.joined ?></td><td><?cs var:p.left ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  <h2>Everything that happened</h2>
  <ol class="timeline" id="timeline">
    <?cs each:e = timeline ?>
    <li class="tl tl-<?cs var:e.source ?> tl-<?cs var:e.kind ?>" data-source="<?cs var:e.source ?>" data-kind="<?cs var:e.kind ?>"><time datetime="<?cs var:e.at ?>"><?cs var:e.time ?></time>
      <?cs if:e.source == "request" ?><span class="what">
        <?cs if:e.kind == "created" ?>The visitor asked for help
        <?cs elif:e.kind == "routed" ?>Offered to <?cs var:e.who ?>
        <?cs elif:e.kind == "rolled" ?>Not taken in time by <?cs var:e.who ?>
        <?cs elif:e.kind == "accepted" ?>Accepted by <?cs var:e.who ?>
        <?cs elif:e.kind == "cancelled" ?>The visitor stopped waiting
        <?cs elif:e.kind == "scheduled" ?>A session was scheduled
        <?cs elif:e.kind == "message" ?>The visitor left a message
        <?cs else ?>Request <?cs var:e.kind ?><?cs if:e.who ?> (<?cs var:e.who ?>)<?cs /if ?><?cs /if ?></span>
      <?cs elif:e.source == "agent" ?><span class="what">
        <?cs if:e.kind == "signin" ?><?cs var:e.who ?> signed in
        <?cs elif:e.kind == "signout" ?><?cs var:e.who ?> signed out
        <?cs else ?><?cs var:e.who ?> is now <?cs var:e.body ?><?cs /if ?></span>
      <?cs elif:e.kind == "line" ?><span class="who"><?cs var:e.who ?>:</span> <span class="body"><?cs var:e.body ?></span>
      <?cs elif:e.kind == "private" ?><span class="private-mark">private</span> <span class="who"><?cs var:e.who ?> to <?cs var:e.to ?>:</span> <span class="body"><?cs var:e.body ?></span>
      <?cs elif:e.kind == "address" ?><span class="what"><?cs var:e.who ?> led everyone to</span> <?cs if:e.link ?><a class="address" href="<?cs var:e.link ?>" rel="noopener noreferrer" target="_blank"><?cs var:e.body ?></a><?cs else ?><span class="address"><?cs var:e.body ?></span><?cs /if ?>
      <?cs elif:e.kind == "window" ?><span class="what"><?cs var:e.who ?> opened a led window at</span> <?cs if:e.link ?><a class="address" href="<?cs var:e.link ?>" rel="noopener noreferrer" target="_blank"><?cs var:e.body ?></a><?cs else ?><span class="address"><?cs var:e.body ?></span><?cs /if ?>
      <?cs elif:e.kind == "lead" ?><span class="what"><?cs if:e.to_self ?><?cs var:e.who ?> took the lead<?cs else ?><?cs var:e.who ?> gave the lead to <?cs var:e.to ?><?cs /if ?></span>
      <?cs elif:e.kind == "join" ?><span class="what"><?cs var:e.who ?> joined</span>
      <?cs elif:e.kind == "leave" ?><span class="what"><?cs var:e.who ?> left</span>
      <?cs elif:e.kind == "transfer" || e.kind == "phone" ?><span class="what"><?cs var:e.body ?></span>
      <?cs elif:e.kind == "monitor" ?><span class="what"><?cs var:e.who ?> started watching silently</span> <span class="private-mark">staff only</span>
      <?cs elif:e.kind == "lang_offer" ?><span class="what"><?cs var:e.who ?> seemed to write <?cs var:e.body ?>: switching their language was offered</span> <span class="private-mark">staff only</span>
      <?cs elif:e.kind == "lang" ?><span class="what"><?cs var:e.who ?> switched <?cs var:e.to ?>'s language to <?cs var:e.body ?></span>
      <?cs elif:e.kind == "close" ?><span class="what">The session ended</span>
      <?cs elif:e.kind == "call" ?><span class="what"><?cs if:e.body == "start audio" ?><?cs var:e.who ?> started a voice call<?cs elif:e.body == "start video" ?><?cs var:e.who ?> started a video call<?cs elif:e.body == "join audio" ?><?cs var:e.who ?> joined the call (voice)<?cs elif:e.body == "join video" ?><?cs var:e.who ?> joined the call (video)<?cs elif:e.body == "listen" ?><?cs var:e.who ?> listened to the call<?cs elif:e.body == "decline" ?><?cs var:e.who ?> declined the call<?cs elif:e.body == "leave" ?><?cs var:e.who ?> left the call<?cs elif:e.body == "end" ?>The call ended<?cs else ?><?cs var:e.who ?> in the call: <?cs var:e.body ?><?cs /if ?></span>
      <?cs elif:e.kind == "mark" ?><span class="what"><?cs var:e.who ?> drew on the page (<?cs var:e.body ?>)</span>
      <?cs elif:e.kind == "erase" ?><span class="what"><?cs var:e.who ?> cleared marks</span>
      <?cs elif:e.kind == "draw" ?><span class="what"><?cs if:e.body == "everyone" ?><?cs var:e.who ?> let everyone draw<?cs else ?><?cs var:e.who ?> kept drawing to the leader<?cs /if ?></span>
      <?cs else ?><span class="what"><?cs var:e.kind ?></span> <span class="body"><?cs var:e.body ?></span><?cs /if ?>
    </li>
    <?cs /each ?>
  </ol>
</section>
<?cs include:"footer.cs" ?>
