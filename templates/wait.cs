<?cs # The waiting page and its form pages (cgi-bin/wait.c). Every sentence
     says only what is so: the desk's state and the wait come from one
     estimate (lib/estimate.c), and the choices offered are its list. Each
     choice has a section in each list below, by its name. A call-back
     (cgi-bin/callback.c) has a page of its own: when the call comes. ?><?cs
if:form == "message" ?><?cs set:title = "Leave a message" ?><?cs
elif:form == "schedule" ?><?cs set:title = "Choose a time" ?><?cs
elif:form == "callback" ?><?cs set:title = "Call me back" ?><?cs
elif:waiting && request.kind == "callback" ?><?cs set:title = "We will call you back" ?><?cs
elif:waiting && desk.state == "nobody" ?><?cs set:title = "Nobody is at the desk right now" ?><?cs
elif:waiting && desk.state == "away" ?><?cs set:title = "Nobody is free right now" ?><?cs
else ?><?cs set:title = "Waiting for an agent" ?><?cs /if ?><?cs
set:page.name = "wait" ?><?cs
# Only the waiting page itself refreshes without JavaScript: never a page
  with a form to fill in. ?><?cs
if:waiting && !form ?><?cs set:refresh = 5 ?><?cs /if ?>
<?cs set:scripts.0 = "/js/wait.js" ?><?cs if:form == "callback" ?><?cs set:scripts.1 = "/js/callback.js" ?><?cs /if ?>
<?cs include:"header.cs" ?>
<?cs def:place(ahead) ?><span id="place"><?cs if:ahead == 0 ?><?cs if:request.kind == "callback" ?>You are next on the call-back list.<?cs else ?>You are next.<?cs /if ?><?cs elif:ahead == 1 ?>There is 1 person ahead of you.<?cs else ?>There are <?cs var:ahead ?> people ahead of you.<?cs /if ?></span><?cs /def ?>
<section class="card narrow" id="wait" data-request="<?cs var:request.id ?>" data-version="<?cs var:request.version ?>" data-state="<?cs var:request.state ?>" data-desk="<?cs var:desk.state ?>" data-choices="<?cs each:c = choices ?><?cs var:c ?> <?cs /each ?>" data-kind="<?cs var:request.kind ?>"<?cs if:request.kind == "callback" ?> data-due="<?cs var:callback.due ?>"<?cs /if ?><?cs if:form ?> data-form="<?cs var:form ?>"<?cs /if ?>>
<?cs if:waiting && request.kind == "callback" ?>
  <h1><?cs var:title ?></h1>
  <p id="callback-number">On <strong><?cs var:callback.phone ?></strong>.</p>
  <?cs if:callback.due ?>
  <p id="status" aria-live="polite"><?cs call:place(request.ahead) ?>
    <?cs if:estimate.words ?>The wait is <strong id="estimate"><?cs var:estimate.words ?></strong>.<?cs
    else ?><span id="estimate-none">We call as soon as an agent is at the desk.</span><?cs /if ?>
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
<?cs elif:waiting && form ?>
  <h1><?cs var:title ?></h1>
  <p id="status" class="muted" aria-live="polite">You keep your place in the queue meanwhile: <?cs call:place(request.ahead) ?></p>
  <p id="connection" class="connection" role="status" hidden></p>
  <?cs if:form == "message" ?>
  <p><?cs var:request.client ?> will get back to you.</p>
  <form method="post" action="/message" id="message-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="r" value="<?cs var:request.id ?>">
    <label for="msg-name">Your name</label>
    <input type="text" id="msg-name" name="name" required maxlength="100" autocomplete="name" value="<?cs var:request.name ?>">
    <label for="msg-contact">E-mail address or phone number</label>
    <input type="text" id="msg-contact" name="contact" required maxlength="254" autocomplete="email">
    <label for="msg-question">Your message</label>
    <textarea id="msg-question" name="question" required maxlength="2000" rows="5"><?cs var:request.question ?></textarea>
    <button type="submit">Leave the message</button>
  </form>
  <?cs elif:form == "callback" ?>
  <p>Leave your number and an agent of <?cs var:request.client ?> calls you, now or at a time you choose: you need not keep this page open. Your question goes with it.</p>
  <?cs include:"callback_form.cs" ?>
  <?cs else ?>
  <p>Choose a day and time for <?cs var:request.client ?> to take up your question.</p>
  <form method="post" action="/schedule" id="schedule-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="r" value="<?cs var:request.id ?>">
    <input type="hidden" name="offset" value="0" id="schedule-offset">
    <label for="schedule-date">Day</label>
    <input type="date" id="schedule-date" name="date" required>
    <label for="schedule-time">Time <span class="muted" id="schedule-zone">(UTC)</span></label>
    <input type="time" id="schedule-time" name="time" required>
    <label for="schedule-contact">E-mail address <span class="muted">(optional, for a reminder)</span></label>
    <input type="text" id="schedule-contact" name="contact" maxlength="254" autocomplete="email">
    <button type="submit">Schedule a session</button>
  </form>
  <?cs /if ?>
  <p><a href="/wait?r=<?cs var:url_escape(request.id) ?>" id="back-to-queue">Back to the queue</a></p>
<?cs elif:waiting ?>
  <h1><?cs if:desk.state == "nobody" || desk.state == "away" ?><?cs var:title ?><?cs else ?>You are in the queue<?cs /if ?></h1>
  <?cs if:desk.greeting ?><p class="greeting" id="greeting"><?cs var:desk.greeting ?></p><?cs /if ?>
  <?cs if:desk.closed && request.state != "offered" ?><p class="notice" id="desk-closed">The desk is closed at this hour. You may wait, leave a message or choose a time to come back.</p><?cs /if ?>
  <p id="status" aria-live="polite"><?cs call:place(request.ahead) ?>
    <?cs if:request.state == "offered" || desk.state == "free" || desk.state == "busy" ?>The wait is <strong id="estimate"><?cs var:estimate.words ?></strong>.<?cs
    elif:desk.state == "away" ?><span id="estimate-none">The agents are away from the desk for now, so nobody can say how long the wait will be.</span><?cs
    elif:desk.closed ?><span id="estimate-none">Nobody can answer until the desk opens, so nobody can say how long the wait will be.</span><?cs
    else ?><span id="estimate-none">Nobody can answer until an agent signs in, so nobody can say how long the wait will be.</span><?cs /if ?>
  </p>
  <?cs if:request.state == "offered" ?><p class="notice" id="connecting">An agent is being connected to you…</p><?cs /if ?>
  <p id="connection" class="connection" role="status" hidden></p>
  <h2 id="choices-title"><?cs if:subcount(choices) > 2 ?>What would you like to do?<?cs else ?>While you wait<?cs /if ?></h2>
  <ul class="choices" id="choices" aria-labelledby="choices-title"><?cs each:c = choices ?><?cs
    if:c == "wait" ?>
    <li class="choice choice-wait" id="choice-wait"><strong>Wait<?cs if:desk.state == "nobody" || desk.state == "away" ?> in case someone comes<?cs /if ?>.</strong>
      <?cs if:panel ?>Go on browsing this site: this panel stays with you from page to page.<?cs
      else ?>Keep this page open; you can go on browsing in another tab.<?cs /if ?>
      <span id="wait-alerts" hidden>When an agent is ready, <?cs if:panel ?>this panel says so and chimes.<?cs else ?>this page's title changes and it chimes.<?cs /if ?></span>
      <noscript>This page looks again every 5 seconds.</noscript>
      <?cs if:!panel ?><span id="notify-hint" hidden><button type="button" id="notify-enable" class="link">Notify me</button> even if this window is in the background.</span><?cs /if ?></li><?cs
    elif:c == "callback" ?>
    <li class="choice"><a href="/wait?r=<?cs var:url_escape(request.id) ?>&amp;choice=callback" id="choose-callback" class="choice-link">Call me back</a>: leave your number and <?cs var:request.client ?> calls you, now or when you choose, with your place kept.</li><?cs
    elif:c == "schedule" ?>
    <li class="choice"><a href="/wait?r=<?cs var:url_escape(request.id) ?>&amp;choice=schedule" id="choose-schedule" class="choice-link">Choose a time</a> for <?cs var:request.client ?> to take up your question later.</li><?cs
    elif:c == "message" ?>
    <li class="choice"><a href="/wait?r=<?cs var:url_escape(request.id) ?>&amp;choice=message" id="choose-message" class="choice-link">Leave a message</a> and <?cs var:request.client ?> will get back to you.</li><?cs
    elif:c == "later" ?><?cs
      if:callus.number && desk.state != "free" && request.state != "offered" ?>
    <li class="choice"><form method="post" action="/callus" id="callus-form" class="inline-form">
      <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
      <input type="hidden" name="r" value="<?cs var:request.id ?>">
      Or call us on <strong id="callus-number"><?cs var:callus.number ?></strong>:
      <button type="submit" class="link" id="callus-get-code">get a code</button> so that the agent sees your page.
    </form></li><?cs /if ?>
    <li class="choice choice-later"><form method="post" action="/cancel" id="cancel-form">
      <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
      <input type="hidden" name="r" value="<?cs var:request.id ?>">
      <button type="submit" class="secondary"><?cs if:desk.state == "free" || request.state == "offered" ?>Cancel my request<?cs else ?>Try again later<?cs /if ?></button>
    </form></li><?cs /if ?><?cs /each ?>
  </ul>
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
