<?cs include:"lang.cs" ?><?cs set:title = event.title ?><?cs set:page.name = "attend" ?>
<?cs if:registered ?><?cs set:scripts.0 = "/js/marks.js" ?><?cs set:scripts.1 = "/js/audience.js" ?><?cs /if ?>
<?cs set:styles.0 = "/css/audience.css" ?>
<?cs include:"header.cs" ?>
<?cs if:!registered ?>
<section class="card narrow" id="register">
  <h1><?cs var:event.title ?></h1>
  <p class="muted"><?cs call:fill(t.attend.by, event.client) ?> · <time datetime="<?cs var:event.starts_iso ?>"><?cs var:event.starts ?> UTC</time></p>
  <?cs if:event.description ?><p><?cs var:event.description ?></p><?cs /if ?>
  <?cs if:event.state == "ended" ?>
  <p class="notice" id="event-ended"><?cs var:t.attend.ended ?></p>
  <?cs else ?>
  <p><?cs var:t.attend.intro ?></p>
  <form method="post" action="/attend" id="register-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="e" value="<?cs var:event.id ?>">
    <input type="hidden" name="from" value="<?cs var:from ?>">
    <label for="name"><?cs var:t.attend.name ?></label>
    <input type="text" id="name" name="name" required maxlength="100" autocomplete="name">
    <?cs if:event.registration == "required" ?>
    <label for="email"><?cs var:t.attend.email ?></label>
    <input type="email" id="email" name="email" required maxlength="254" autocomplete="email">
    <?cs if:event.field_label ?><label for="field"><?cs var:event.field_label ?></label>
    <input type="text" id="field" name="field" maxlength="200"><?cs /if ?>
    <button type="submit"><?cs var:t.attend.register ?></button>
    <?cs else ?>
    <button type="submit"><?cs var:t.attend.join ?></button>
    <?cs /if ?>
  </form>
  <?cs /if ?>
</section>
<?cs else ?>
<section class="audience" id="audience" data-event="<?cs var:event.id ?>" data-state="<?cs var:event.state ?>" data-csrf="<?cs var:csrf ?>" data-me="<?cs var:me.attendee ?>" data-name="<?cs var:attendee.name ?>" data-talk="<?cs var:event.talk ?>" data-last-seq="<?cs var:stage.last_seq ?>" data-signals="<?cs var:stage.signals ?>" data-url="<?cs var:stage.url ?>" data-leader="<?cs var:stage.leader ?>" data-muted="<?cs var:me.muted ?>" data-qa="<?cs var:qa_json ?>"<?cs if:refusal ?> data-refused="1"<?cs /if ?>>
  <div id="audience-words" hidden data-someone="<?cs var:t.viewer.someone ?>" data-reconnecting="<?cs var:t.viewer.reconnecting ?>" data-ended="<?cs var:t.attend.ended ?>" data-waiting="<?cs var:t.attend.waiting ?>" data-presenting="<?cs var:t.attend.presenting ?>" data-live="<?cs var:t.attend.live ?>" data-for-speaker="<?cs var:t.attend.for_speaker ?>" data-answer="<?cs var:t.attend.answer ?>" data-answered="<?cs var:t.attend.answered ?>" data-not-shown="<?cs var:t.attend.not_shown ?>" data-on-screen="<?cs var:t.attend.on_screen ?>" data-removed="<?cs var:t.attend.removed ?>" data-speaker="<?cs var:t.attend.speaker ?>" data-thanks="<?cs var:t.attend.thanks ?>" data-sent-producer="<?cs var:t.attend.sent_producer ?>" data-sent="<?cs var:t.attend.sent ?>"></div>
  <div class="audience-bar">
    <h1><?cs var:event.title ?></h1>
    <p id="audience-status" class="audience-status" role="status"></p>
  </div>
  <div class="audience-main">
    <div class="stage" id="stage">
      <iframe id="view" title="<?cs var:t.attend.view_title ?>" hidden></iframe>
      <svg id="marks-overlay" class="marks-overlay" aria-hidden="true"></svg>
      <div id="pointers" class="pointers" aria-hidden="true"></div>
      <div id="curtain" class="curtain">
        <?cs if:refusal ?><p class="message" role="alert" id="refusal"><?cs var:refusal ?></p>
        <?cs elif:event.state == "ended" ?><p id="curtain-text"><?cs var:t.attend.thanks ?></p>
        <?cs elif:event.state == "live" ?><p id="curtain-text"><?cs var:t.attend.no_page ?></p>
        <?cs else ?><p id="curtain-text"><?cs call:split(t.attend.starts) ?><?cs var:split.before ?><time datetime="<?cs var:event.starts_iso ?>"><?cs var:event.starts ?> UTC</time><?cs var:split.after ?></p><?cs /if ?>
        <p class="muted"><?cs call:fill(t.attend.you_are, attendee.name) ?></p>
      </div>
      <div id="stage-notices" class="stage-notices" aria-live="polite"></div>
    </div>
    <aside class="audience-side">
      <h2><?cs var:t.attend.qa ?></h2>
      <ol id="qa" class="qa" aria-live="polite"></ol>
      <p id="qa-empty" class="muted"><?cs var:t.attend.qa_empty ?></p>
      <?cs if:event.talk != "none" ?>
      <form id="ask-form" class="ask-form">
        <label for="ask-text"><?cs var:t.attend.your_question ?> <span class="muted"><?cs var:t.attend.to_producer ?></span></label>
        <textarea id="ask-text" rows="2" maxlength="1000" required></textarea>
        <button type="submit"><?cs var:t.attend.ask ?></button>
        <p id="ask-status" class="muted" role="status"></p>
      </form>
      <ol id="my-questions" class="my-questions"></ol>
      <?cs /if ?>
      <?cs if:event.talk == "chat" ?>
      <h2><?cs var:t.attend.chat ?></h2>
      <ol id="room-lines" class="room-lines" aria-live="polite"></ol>
      <form id="chat-form" class="chat-form">
        <label for="chat-text" class="visually-hidden"><?cs var:t.attend.line_all ?></label>
        <input type="text" id="chat-text" maxlength="1000" placeholder="<?cs var:t.attend.write_all ?>">
        <button type="submit" class="secondary"><?cs var:t.attend.send ?></button>
      </form>
      <?cs /if ?>
      <p id="connection" class="muted" hidden></p>
    </aside>
  </div>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
