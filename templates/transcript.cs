<?cs include:"lang.cs" ?><?cs set:title = t.transcript.title ?><?cs set:page.name = "transcript" ?>
<?cs set:scripts.0 = "/js/transcript.js" ?>
<?cs include:"header.cs" ?>
<?cs include:"translated_line.cs" ?>
<section class="card transcript" id="transcript">
  <h1><?cs if:client.name ?><?cs call:fill(t.transcript.heading_client, client.name) ?><?cs else ?><?cs call:fill(t.transcript.heading, channel.name) ?><?cs /if ?></h1>
  <?cs if:channel.open && !me.left ?><p class="muted" id="still-open"><?cs var:t.transcript.still_open ?> <a href="/channel?id=<?cs var:url_escape(channel.id) ?>"><?cs var:t.transcript.back ?></a>.</p><?cs
  elif:channel.open ?><p class="muted" id="over-for-you"><?cs var:t.transcript.over ?></p><?cs /if ?>
  <?cs # Times are UTC here; transcript.js shows them in the reader's own zone. ?>
  <ol class="lines">
    <?cs each:e = events ?><?cs if:e.kind != "translation" && e.kind != "lang_offer" ?>
    <li class="event event-<?cs var:e.kind ?><?cs if:e.mine || (!viewer_is_staff && e.role == "visitor") ?> mine<?cs /if ?>"><time class="at" datetime="<?cs var:e.at ?>"><?cs var:string.slice(e.at, 11, 16) ?> UTC</time>
      <?cs if:e.kind == "line" ?><span class="who"><?cs var:e.name ?>:</span> <?cs call:transcript_line(e) ?>
      <?cs elif:e.kind == "join" ?><span class="notice"><?cs call:fill(t.chat.joined, e.name) ?></span>
      <?cs elif:e.kind == "leave" ?><span class="notice"><?cs call:fill(t.chat.left, e.name) ?></span>
      <?cs elif:e.kind == "transfer" || e.kind == "phone" ?><span class="notice"><?cs var:e.body ?></span>
      <?cs elif:e.kind == "close" ?><span class="notice"><?cs var:t.chat.ended ?></span>
      <?cs elif:e.kind == "lang" ?><span class="notice"><?cs if:t.langname[e.body] ?><?cs set:lang_named = t.langname[e.body] ?><?cs else ?><?cs set:lang_named = e.body ?><?cs /if ?><?cs if:viewer_is_staff ?><?cs call:fill2(t.chat.lang_switched, e.name, lang_named) ?><?cs else ?><?cs call:fill2(t.chat.lang_yours, e.name, lang_named) ?><?cs /if ?></span>
      <?cs elif:e.kind == "address" ?><span class="notice"><?cs call:split2(t.chat.led_to) ?><?cs var:split2.a ?><?cs var:e.name ?><?cs var:split2.b ?><span class="address"><?cs var:e.body ?></span><?cs var:split2.c ?></span>
      <?cs elif:e.kind == "window" ?><span class="notice"><?cs call:split2(t.chat.window_at) ?><?cs var:split2.a ?><?cs var:e.name ?><?cs var:split2.b ?><span class="address"><?cs var:e.body ?></span><?cs var:split2.c ?></span>
      <?cs elif:e.kind == "lead" ?><span class="notice"><?cs if:e.to_self ?><?cs call:fill(t.chat.took_lead, e.name) ?><?cs else ?><?cs call:fill2(t.chat.gave_lead, e.name, e.body) ?><?cs /if ?></span>
      <?cs elif:e.kind == "private" && viewer_is_staff ?><span class="who"><?cs call:fill(t.transcript.private, e.name) ?></span> <span class="body"><?cs var:e.body ?></span>
      <?cs elif:e.kind == "monitor" && viewer_is_staff ?><span class="notice"><?cs call:fill(t.transcript.watching, e.name) ?></span><?cs /if ?>
    </li>
    <?cs /if ?><?cs /each ?>
  </ol>
  <?cs if:rating.offer ?>
  <form method="post" action="/rate" class="rating-form" id="rating">
    <input type="hidden" name="channel" value="<?cs var:channel.id ?>">
    <input type="hidden" name="token" value="<?cs var:token ?>">
    <fieldset class="stars">
      <legend><?cs if:rating.stars ?><?cs call:fill(t.rating.yours, rating.stars) ?><?cs else ?><?cs var:t.rating.how ?><?cs /if ?></legend>
      <?cs loop:n = 1, 5, 1 ?><input type="radio" name="stars" value="<?cs var:n ?>" id="stars-<?cs var:n ?>" required<?cs if:rating.stars == n ?> checked<?cs /if ?>><label for="stars-<?cs var:n ?>"><span aria-hidden="true">★</span><span class="visually-hidden"><?cs call:count(t.rating.stars, n) ?></span></label><?cs /loop ?>
      <span class="stars-hint muted"><?cs var:t.rating.hint ?></span>
    </fieldset>
    <label for="rating-comment"><?cs var:t.rating.comment ?> <span class="muted"><?cs var:t.help.optional ?></span></label>
    <textarea id="rating-comment" name="comment" maxlength="2000" rows="3"><?cs var:rating.comment ?></textarea>
    <button type="submit"><?cs if:rating.stars ?><?cs var:t.rating.change ?><?cs else ?><?cs var:t.rating.send ?><?cs /if ?></button>
    <?cs if:rating.stars ?><p class="notice" id="rating-thanks" role="status"><?cs var:t.rating.thanks ?></p><?cs /if ?>
  </form>
  <?cs /if ?>
  <?cs if:mail.offer ?>
  <?cs if:mail.address ?>
  <p class="notice" id="mail-queued"><?cs if:mail.sent ?><?cs call:fill(t.transcript.mail_sent, mail.address) ?><?cs elif:mail.state == "bounced" || mail.state == "failed" ?><?cs call:fill(t.transcript.mail_failed, mail.address) ?><?cs else ?><?cs call:fill(t.transcript.mail_queued, mail.address) ?><?cs /if ?></p>
  <?cs /if ?>
  <form method="post" action="/transcript" class="mail-form row" id="mail-form">
    <input type="hidden" name="id" value="<?cs var:channel.id ?>">
    <input type="hidden" name="token" value="<?cs var:token ?>">
    <label for="mail-email"><?cs if:mail.address ?><?cs var:t.transcript.mail_other ?><?cs else ?><?cs var:t.transcript.mail_later ?><?cs /if ?></label>
    <input type="email" id="mail-email" name="email" maxlength="254" required autocomplete="email" placeholder="<?cs var:t.transcript.mail_example ?>">
    <button type="submit" class="secondary"><?cs var:t.transcript.mail_send ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
