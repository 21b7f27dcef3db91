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
      <?cs elif:e.kind == "transfer" || e.kind == "phone" ?><span class="notice"><?cs var:e.body ?></span>
      <?cs elif:e.kind == "close" ?><span class="notice">The session ended</span>
      <?cs elif:e.kind == "address" ?><span class="notice"><?cs var:e.name ?> led everyone to <span class="address"><?cs var:e.body ?></span></span>
      <?cs elif:e.kind == "window" ?><span class="notice"><?cs var:e.name ?> opened a led window at <span class="address"><?cs var:e.body ?></span></span>
      <?cs elif:e.kind == "lead" ?><span class="notice"><?cs var:e.name ?> passed the baton to <?cs var:e.body ?></span>
      <?cs elif:e.kind == "private" && viewer_is_staff ?><span class="who"><?cs var:e.name ?> (private):</span> <span class="body"><?cs var:e.body ?></span>
      <?cs elif:e.kind == "monitor" && viewer_is_staff ?><span class="notice"><?cs var:e.name ?> started watching silently</span><?cs /if ?>
    </li>
    <?cs /each ?>
  </ol>
  <?cs if:mail.offer ?>
  <?cs if:mail.address ?>
  <p class="notice" id="mail-queued"><?cs if:mail.sent ?>This transcript was sent to <?cs var:mail.address ?>.<?cs elif:mail.state == "bounced" || mail.state == "failed" ?>This transcript could not be delivered to <?cs var:mail.address ?>: check the address and send it again.<?cs else ?>This transcript is queued to be sent by e-mail to <?cs var:mail.address ?>.<?cs /if ?></p>
  <?cs /if ?>
  <form method="post" action="/transcript" class="mail-form row" id="mail-form">
    <input type="hidden" name="id" value="<?cs var:channel.id ?>">
    <input type="hidden" name="token" value="<?cs var:token ?>">
    <label for="mail-email"><?cs if:mail.address ?>Send it to another address<?cs else ?>Get this transcript by e-mail later<?cs /if ?></label>
    <input type="email" id="mail-email" name="email" maxlength="254" required autocomplete="email" placeholder="you@example.com">
    <button type="submit" class="secondary">Send it to me</button>
  </form>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
