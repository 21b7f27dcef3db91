<?cs set:title = "Waiting for an agent" ?><?cs set:page.name = "wait" ?>
<?cs if:waiting ?><?cs set:refresh = 5 ?><?cs /if ?>
<?cs set:scripts.0 = "/js/wait.js" ?><?cs set:scripts.1 = "/js/callback.js" ?>
<?cs include:"header.cs" ?>
<section class="card narrow" id="wait" data-request="<?cs var:request.id ?>" data-version="<?cs var:request.version ?>" data-state="<?cs var:request.state ?>" data-kind="<?cs var:request.kind ?>"<?cs if:request.kind == "callback" ?> data-due="<?cs var:callback.due ?>"<?cs /if ?>>
<?cs if:waiting && request.kind == "callback" ?>
  <h1>We will call you back</h1>
  <p id="callback-number">On <strong><?cs var:callback.phone ?></strong>.</p>
  <?cs if:callback.due ?>
  <p id="status" aria-live="polite">
    <?cs if:request.ahead == 0 ?>You are next on the call-back list.<?cs elif:request.ahead == 1 ?>There is 1 person ahead of you.<?cs else ?>There are <?cs var:request.ahead ?> people ahead of you.<?cs /if ?>
    The wait is <strong id="estimate"><?cs var:request.estimate ?></strong>.
  </p>
  <?cs if:request.state == "offered" ?><p class="notice" id="connecting">An agent is about to call you…</p><?cs /if ?>
  <?cs else ?>
  <p id="status" aria-live="polite">We will call you at
    <strong><time id="callback-at" datetime="<?cs var:callback.next_call ?>"><?cs var:callback.next_call_text ?></time></strong><?cs if:callback.attempts > 0 ?>:
    we tried <?cs var:callback.attempts ?> of <?cs var:callback.tries ?> times so far and could not reach you<?cs /if ?>.</p>
  <?cs /if ?>
  <p class="muted">Keep this page open and the agent who calls you can show you pages on
     the screen as you talk. You can close it too: the call comes all the same.</p>
  <p id="connection" class="connection" role="status" hidden></p>
  <form method="post" action="/cancel" id="cancel-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="r" value="<?cs var:request.id ?>">
    <button type="submit" class="secondary">Cancel the call-back</button>
  </form>
<?cs elif:waiting ?>
  <h1>You are in the queue</h1>
  <p id="status" aria-live="polite">
    <?cs if:request.ahead == 0 ?>You are next.<?cs elif:request.ahead == 1 ?>There is 1 person ahead of you.<?cs else ?>There are <?cs var:request.ahead ?> people ahead of you.<?cs /if ?>
    The wait is <strong id="estimate"><?cs var:request.estimate ?></strong>.
  </p>
  <?cs if:request.state == "offered" ?><p class="notice" id="connecting">An agent is being connected to you…</p><?cs /if ?>
  <p class="muted">Keep this page open; it updates by itself. You can go on browsing in
     another tab: this page's title changes and it chimes when an agent is ready.</p>
  <p id="connection" class="connection" role="status" hidden></p>
  <p id="notify-hint" class="muted" hidden><button type="button" id="notify-enable" class="link">Notify me</button> when an agent is ready, even if this window is in the background.</p>
  <?cs if:agents.signed_in == 0 ?>
  <h2>Nobody is at the desk right now</h2>
  <p>Leave a message and <?cs var:request.client ?> will get back to you.</p>
  <form method="post" action="/message" id="message-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="r" value="<?cs var:request.id ?>">
    <label for="msg-name">Your name</label>
    <input type="text" id="msg-name" name="name" required maxlength="100">
    <label for="msg-contact">E-mail address or phone number</label>
    <input type="text" id="msg-contact" name="contact" required maxlength="254">
    <label for="msg-question">Your message</label>
    <textarea id="msg-question" name="question" required maxlength="2000" rows="4"><?cs var:request.question ?></textarea>
    <button type="submit">Leave the message</button>
  </form>
  <?cs /if ?>
  <?cs if:overflow ?>
  <details id="schedule" <?cs if:agents.signed_in == 0 ?><?cs else ?>open<?cs /if ?>>
    <summary>Rather come back later?</summary>
    <form method="post" action="/schedule" id="schedule-form">
      <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
      <input type="hidden" name="r" value="<?cs var:request.id ?>">
      <input type="hidden" name="offset" value="0" id="schedule-offset">
      <label for="schedule-date">Day</label>
      <input type="date" id="schedule-date" name="date" required>
      <label for="schedule-time">Time <span class="muted" id="schedule-zone">(UTC)</span></label>
      <input type="time" id="schedule-time" name="time" required>
      <label for="schedule-contact">E-mail address <span class="muted">(optional, for a reminder)</span></label>
      <input type="text" id="schedule-contact" name="contact" maxlength="254">
      <button type="submit">Schedule a session</button>
    </form>
  </details>
  <?cs /if ?>
  <?cs if:callback.enabled ?>
  <details id="callback">
    <summary>Rather not wait here? We call you back.</summary>
    <?cs include:"callback_form.cs" ?>
  </details>
  <?cs /if ?>
  <form method="post" action="/cancel" id="cancel-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="r" value="<?cs var:request.id ?>">
    <button type="submit" class="secondary">Cancel my request</button>
  </form>
<?cs elif:request.state == "scheduled" ?>
  <h1>Your session is scheduled</h1>
  <p>For <strong><time id="scheduled-for" datetime="<?cs var:request.scheduled_for ?>Z"><?cs var:request.scheduled_for ?> UTC</time></strong>.
     Come back to this page's address then: bookmark it.</p>
  <form method="post" action="/requeue" id="requeue-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="r" value="<?cs var:request.id ?>">
    <button type="submit">Join the queue now</button>
  </form>
<?cs elif:request.state == "message" ?>
  <h1>Thank you</h1>
  <p id="status">Your message has been passed on to <?cs var:request.client ?>.</p>
<?cs elif:request.state == "unreachable" ?>
  <h1>We could not reach you</h1>
  <p id="status">We called <?cs var:callback.phone ?> <?cs var:callback.attempts ?> times and nobody answered.
     Ask for help again whenever you like.</p>
<?cs elif:request.state == "cancelled" ?>
  <h1>You have left the queue</h1>
  <p id="status">Your request is cancelled. You can close this page.</p>
<?cs elif:request.state == "closed" ?>
  <h1>You have left the queue</h1>
  <p id="status">This page was closed for a while, so your request left the queue. To ask
     again, use the help link on <?cs var:request.client ?>'s site.</p>
<?cs else ?>
  <h1>This request is closed</h1>
  <p id="status">You can close this page.</p>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
