<?cs set:title = "Transcript" ?><?cs set:page.name = "transcript" ?>
<?cs set:scripts.0 = "/js/transcript.js" ?>
<?cs include:"header.cs" ?>
<?cs include:"translated_line.cs" ?>
<section class="card transcript" id="transcript">
  <h1>Transcript: <?cs if:client.name ?>live help from <?cs var:client.name ?><?cs else ?><?cs var:channel.name ?><?cs /if ?></h1>
  <?cs if:channel.open && !me.left ?><p class="muted" id="still-open">This session is still going on. <a href="/channel?id=<?cs var:url_escape(channel.id) ?>">Back to it</a>.</p><?cs
  elif:channel.open ?><p class="muted" id="over-for-you">You have left this session: it is over for you.</p><?cs /if ?>
  <?cs # Times are UTC here; transcript.js shows them in the reader's own zone. ?>
  <ol class="lines">
    <?cs each:e = events ?><?cs if:e.kind != "translation" ?>
    <li class="event event-<?cs var:e.kind ?><?cs if:e.mine || (!viewer_is_staff && e.role == "visitor") ?> mine<?cs /if ?>"><time class="at" datetime="<?cs var:e.at ?>"><?cs var:string.slice(e.at, 11, 16) ?> UTC</time>
      <?cs if:e.kind == "line" ?><span class="who"><?cs var:e.name ?>:</span> <?cs call:transcript_line(e) ?>
      <?cs elif:e.kind == "join" ?><span class="notice"><?cs var:e.name ?> joined</span>
      <?cs elif:e.kind == "leave" ?><span class="notice"><?cs var:e.name ?> left</span>
      <?cs elif:e.kind == "transfer" || e.kind == "phone" ?><span class="notice"><?cs var:e.body ?></span>
      <?cs elif:e.kind == "close" ?><span class="notice">The session ended</span>
      <?cs elif:e.kind == "address" ?><span class="notice"><?cs var:e.name ?> led everyone to <span class="address"><?cs var:e.body ?></span></span>
      <?cs elif:e.kind == "window" ?><span class="notice"><?cs var:e.name ?> opened a led window at <span class="address"><?cs var:e.body ?></span></span>
      <?cs elif:e.kind == "lead" ?><span class="notice"><?cs if:e.to_self ?><?cs var:e.name ?> took the lead<?cs else ?><?cs var:e.name ?> gave the lead to <?cs var:e.body ?><?cs /if ?></span>
      <?cs elif:e.kind == "private" && viewer_is_staff ?><span class="who"><?cs var:e.name ?> (private):</span> <span class="body"><?cs var:e.body ?></span>
      <?cs elif:e.kind == "monitor" && viewer_is_staff ?><span class="notice"><?cs var:e.name ?> started watching silently</span><?cs /if ?>
    </li>
    <?cs /if ?><?cs /each ?>
  </ol>
  <?cs if:rating.offer ?>
  <form method="post" action="/rate" class="rating-form" id="rating">
    <input type="hidden" name="channel" value="<?cs var:channel.id ?>">
    <input type="hidden" name="token" value="<?cs var:token ?>">
    <fieldset class="stars">
      <legend><?cs if:rating.stars ?>Your rating: <?cs var:rating.stars ?> of 5. Change it?<?cs else ?>How was this session?<?cs /if ?></legend>
      <?cs loop:n = 1, 5, 1 ?><input type="radio" name="stars" value="<?cs var:n ?>" id="stars-<?cs var:n ?>" required<?cs if:rating.stars == n ?> checked<?cs /if ?>><label for="stars-<?cs var:n ?>"><span aria-hidden="true">★</span><span class="visually-hidden"><?cs var:n ?> <?cs if:n == 1 ?>star<?cs else ?>stars<?cs /if ?></span></label><?cs /loop ?>
      <span class="stars-hint muted">1 poor, 5 excellent</span>
    </fieldset>
    <label for="rating-comment">Anything to add? <span class="muted">(optional)</span></label>
    <textarea id="rating-comment" name="comment" maxlength="2000" rows="3"><?cs var:rating.comment ?></textarea>
    <button type="submit"><?cs if:rating.stars ?>Change my rating<?cs else ?>Send my rating<?cs /if ?></button>
    <?cs if:rating.stars ?><p class="notice" id="rating-thanks" role="status">Thank you for rating this session.</p><?cs /if ?>
  </form>
  <?cs /if ?>
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
