<?cs # The waiting page and its form pages (cgi-bin/wait.c). Every sentence
     says only what is so: the desk's state and the wait come from one
     estimate (lib/estimate.c), and the choices offered are its list. Each
     choice has a section in each list below, by its name. A call-back
     (cgi-bin/callback.c) has a page of its own: when the call comes. All
     words come from the visitor's catalogue (t.wait.*, lib/catalogue.h);
     the #wait-words element gives htdocs/js/wait.js those it rewrites. ?><?cs
include:"lang.cs" ?><?cs
if:form == "message" ?><?cs set:title = t.wait.title_message ?><?cs
elif:form == "schedule" ?><?cs set:title = t.wait.title_schedule ?><?cs
elif:form == "callback" ?><?cs set:title = t.wait.title_callback ?><?cs
elif:waiting && request.kind == "callback" ?><?cs set:title = t.wait.title_called ?><?cs
elif:waiting && desk.state == "nobody" ?><?cs set:title = t.wait.title_nobody ?><?cs
elif:waiting && desk.state == "away" ?><?cs set:title = t.wait.title_away ?><?cs
else ?><?cs set:title = t.wait.title ?><?cs /if ?><?cs
set:page.name = "wait" ?><?cs
# Only the waiting page itself refreshes without JavaScript: never a page
  with a form to fill in. ?><?cs
if:waiting && !form ?><?cs set:refresh = 5 ?><?cs /if ?>
<?cs set:scripts.0 = "/js/wait.js" ?><?cs if:form == "callback" ?><?cs set:scripts.1 = "/js/callback.js" ?><?cs /if ?>
<?cs include:"header.cs" ?>
<?cs def:place(ahead) ?><span id="place"><?cs if:ahead == 0 ?><?cs if:request.kind == "callback" ?><?cs var:t.wait.next_callback ?><?cs else ?><?cs var:t.wait.next ?><?cs /if ?><?cs else ?><?cs call:count(t.wait.ahead, ahead) ?><?cs /if ?></span><?cs /def ?>
<?cs def:wait_is() ?><?cs call:split(t.wait.wait_is) ?><?cs set:wait_is_after = split.after ?><?cs var:split.before ?><strong id="estimate"><?cs call:estimate_words() ?></strong><?cs var:wait_is_after ?><?cs /def ?>
<?cs def:client_says(text) ?><?cs call:fill(text, request.client) ?><?cs /def ?>
<?cs def:choice_link(text, link, id, choice) ?><?cs call:split(text) ?><?cs set:choice_after = split.after ?><?cs
  var:split.before ?><a href="/wait?r=<?cs var:url_escape(request.id) ?>&amp;choice=<?cs var:choice ?>" id="<?cs var:id ?>" class="choice-link"><?cs
  var:link ?></a><?cs call:fill(choice_after, request.client) ?><?cs /def ?>
<div id="wait-words" hidden data-next="<?cs var:t.wait.next ?>" data-next-callback="<?cs var:t.wait.next_callback ?>" data-ahead-one="<?cs var:t.wait.ahead.one ?>" data-ahead-other="<?cs var:t.wait.ahead.other ?>" data-under-minute="<?cs var:t.estimate.under_minute ?>" data-minutes-one="<?cs var:t.estimate.minutes.one ?>" data-minutes-other="<?cs var:t.estimate.minutes.other ?>" data-half-hour="<?cs var:t.estimate.half_hour ?>" data-hour="<?cs var:t.estimate.hour ?>" data-over-hour="<?cs var:t.estimate.over_hour ?>" data-connecting="<?cs var:t.wait.connecting ?>" data-calling="<?cs var:t.wait.calling ?>" data-ready-title="<?cs var:t.wait.ready_title ?>" data-ready-body="<?cs var:t.wait.ready_body ?>" data-ready-go="<?cs var:t.wait.ready_go ?>" data-ready-note="<?cs var:t.wait.ready_note ?>" data-ready-taking="<?cs var:t.wait.ready_taking ?>" data-your-time="<?cs var:t.wait.your_time ?>" data-your-time-in="<?cs var:t.wait.your_time_in ?>" data-reconnecting="<?cs var:t.wait.reconnecting ?>" data-stopped="<?cs var:t.wait.stopped ?>"></div>
<section class="card narrow" id="wait" data-request="<?cs var:request.id ?>" data-version="<?cs var:request.version ?>" data-state="<?cs var:request.state ?>" data-desk="<?cs var:desk.state ?>" data-choices="<?cs each:c = choices ?><?cs var:c ?> <?cs /each ?>" data-kind="<?cs var:request.kind ?>"<?cs if:request.kind == "callback" ?> data-due="<?cs var:callback.due ?>"<?cs /if ?><?cs if:form ?> data-form="<?cs var:form ?>"<?cs /if ?>>
<?cs include:"lang_picker.cs" ?>
<?cs if:waiting && request.kind == "callback" ?>
  <h1><?cs var:title ?></h1>
  <p id="callback-number"><?cs call:split(t.wait.callback_on) ?><?cs var:split.before ?><strong><?cs var:callback.phone ?></strong><?cs var:split.after ?></p>
  <?cs if:callback.due ?>
  <p id="status" aria-live="polite"><?cs call:place(request.ahead) ?>
    <?cs if:estimate.words ?><?cs call:wait_is() ?><?cs
    else ?><span id="estimate-none"><?cs var:t.wait.callback_asap ?></span><?cs /if ?>
  </p>
  <?cs if:request.state == "offered" ?><p class="notice" id="connecting"><?cs var:t.wait.calling ?></p><?cs /if ?>
  <?cs else ?>
  <p id="status" aria-live="polite"><?cs call:split(t.wait.callback_at) ?><?cs var:split.before ?><strong><time id="callback-at" datetime="<?cs var:callback.next_call ?>"><?cs var:callback.next_call_text ?></time></strong><?cs var:split.after ?><?cs
    if:callback.attempts > 0 ?> <?cs call:count(t.wait.callback_tried, callback.attempts) ?><?cs /if ?></p>
  <?cs /if ?>
  <p class="muted"><?cs var:t.wait.callback_keep_open ?></p>
  <p id="connection" class="connection" role="status" hidden></p>
  <form method="post" action="/cancel" id="cancel-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="r" value="<?cs var:request.id ?>">
    <button type="submit" class="secondary"><?cs var:t.wait.callback_cancel ?></button>
  </form>
<?cs elif:waiting && form ?>
  <h1><?cs var:title ?></h1>
  <p id="status" class="muted" aria-live="polite"><?cs var:t.wait.keep_place ?> <?cs call:place(request.ahead) ?></p>
  <p id="connection" class="connection" role="status" hidden></p>
  <?cs if:form == "message" ?>
  <p><?cs call:client_says(t.wait.message_intro) ?></p>
  <form method="post" action="/message" id="message-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="r" value="<?cs var:request.id ?>">
    <label for="msg-name"><?cs var:t.wait.your_name ?></label>
    <input type="text" id="msg-name" name="name" required maxlength="100" autocomplete="name" value="<?cs var:request.name ?>">
    <label for="msg-contact"><?cs var:t.wait.contact ?></label>
    <input type="text" id="msg-contact" name="contact" required maxlength="254" autocomplete="email">
    <label for="msg-question"><?cs var:t.wait.your_message ?></label>
    <textarea id="msg-question" name="question" required maxlength="2000" rows="5"><?cs var:request.question ?></textarea>
    <button type="submit"><?cs var:t.wait.leave_message ?></button>
  </form>
  <?cs elif:form == "callback" ?>
  <p><?cs call:client_says(t.wait.callback_intro) ?></p>
  <?cs include:"callback_form.cs" ?>
  <?cs else ?>
  <p><?cs call:client_says(t.wait.schedule_intro) ?></p>
  <form method="post" action="/schedule" id="schedule-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="r" value="<?cs var:request.id ?>">
    <input type="hidden" name="offset" value="0" id="schedule-offset">
    <label for="schedule-date"><?cs var:t.wait.day ?></label>
    <input type="date" id="schedule-date" name="date" required>
    <label for="schedule-time"><?cs var:t.wait.time ?> <span class="muted" id="schedule-zone">(UTC)</span></label>
    <input type="time" id="schedule-time" name="time" required>
    <label for="schedule-contact"><?cs var:t.wait.email ?> <span class="muted"><?cs var:t.wait.email_why ?></span></label>
    <input type="text" id="schedule-contact" name="contact" maxlength="254" autocomplete="email">
    <button type="submit"><?cs var:t.wait.schedule ?></button>
  </form>
  <?cs /if ?>
  <p><a href="/wait?r=<?cs var:url_escape(request.id) ?>" id="back-to-queue"><?cs var:t.wait.back ?></a></p>
<?cs elif:waiting ?>
  <h1><?cs if:desk.state == "nobody" || desk.state == "away" ?><?cs var:title ?><?cs else ?><?cs var:t.wait.in_queue ?><?cs /if ?></h1>
  <?cs if:desk.greeting ?><p class="greeting" id="greeting"><?cs var:desk.greeting ?></p><?cs /if ?>
  <?cs if:desk.closed && request.state != "offered" ?><p class="notice" id="desk-closed"><?cs var:t.wait.desk_closed ?></p><?cs /if ?>
  <p id="status" aria-live="polite"><?cs call:place(request.ahead) ?>
    <?cs if:request.state == "offered" || desk.state == "free" || desk.state == "busy" ?><?cs call:wait_is() ?><?cs
    elif:desk.state == "away" ?><span id="estimate-none"><?cs var:t.wait.none_away ?></span><?cs
    elif:desk.closed ?><span id="estimate-none"><?cs var:t.wait.none_closed ?></span><?cs
    else ?><span id="estimate-none"><?cs var:t.wait.none_nobody ?></span><?cs /if ?>
  </p>
  <?cs if:request.state == "offered" ?><p class="notice" id="connecting"><?cs var:t.wait.connecting ?></p><?cs /if ?>
  <p id="connection" class="connection" role="status" hidden></p>
  <h2 id="choices-title"><?cs if:subcount(choices) > 2 ?><?cs var:t.wait.choices_what ?><?cs else ?><?cs var:t.wait.choices_while ?><?cs /if ?></h2>
  <ul class="choices" id="choices" aria-labelledby="choices-title"><?cs each:c = choices ?><?cs
    if:c == "wait" ?>
    <li class="choice choice-wait" id="choice-wait"><strong><?cs if:desk.state == "nobody" || desk.state == "away" ?><?cs var:t.wait.wait_in_case ?><?cs else ?><?cs var:t.wait.wait ?><?cs /if ?></strong>
      <?cs if:panel ?><?cs var:t.wait.browse_panel ?><?cs
      else ?><?cs var:t.wait.browse_tab ?><?cs /if ?>
      <span id="wait-alerts" hidden><?cs if:panel ?><?cs var:t.wait.alerts_panel ?><?cs else ?><?cs var:t.wait.alerts_page ?><?cs /if ?></span>
      <noscript><?cs var:t.wait.noscript ?></noscript>
      <?cs if:!panel ?><span id="notify-hint" hidden><?cs call:split(t.wait.notify) ?><?cs var:split.before ?><button type="button" id="notify-enable" class="link"><?cs var:t.wait.notify_button ?></button><?cs var:split.after ?></span><?cs /if ?></li><?cs
    elif:c == "callback" ?>
    <li class="choice"><?cs call:choice_link(t.wait.choice_callback, t.wait.choice_callback_link, "choose-callback", "callback") ?></li><?cs
    elif:c == "schedule" ?>
    <li class="choice"><?cs call:choice_link(t.wait.choice_schedule, t.wait.choice_schedule_link, "choose-schedule", "schedule") ?></li><?cs
    elif:c == "message" ?>
    <li class="choice"><?cs call:choice_link(t.wait.choice_message, t.wait.choice_message_link, "choose-message", "message") ?></li><?cs
    elif:c == "later" ?><?cs
      if:callus.number && desk.state != "free" && request.state != "offered" ?>
    <li class="choice"><form method="post" action="/callus" id="callus-form" class="inline-form">
      <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
      <input type="hidden" name="r" value="<?cs var:request.id ?>">
      <?cs var:t.help.call_us ?> <strong id="callus-number"><?cs var:callus.number ?></strong>:
      <button type="submit" class="link" id="callus-get-code"><?cs var:t.help.get_code ?></button> <?cs var:t.wait.code_why ?>
    </form></li><?cs /if ?>
    <li class="choice choice-later"><form method="post" action="/cancel" id="cancel-form">
      <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
      <input type="hidden" name="r" value="<?cs var:request.id ?>">
      <button type="submit" class="secondary"><?cs if:desk.state == "free" || request.state == "offered" ?><?cs var:t.wait.cancel ?><?cs else ?><?cs var:t.wait.later ?><?cs /if ?></button>
    </form></li><?cs /if ?><?cs /each ?>
  </ul>
<?cs elif:request.state == "scheduled" ?>
  <h1><?cs var:t.wait.scheduled_title ?></h1>
  <p><?cs call:split(t.wait.scheduled_for) ?><?cs var:split.before ?><strong><time id="scheduled-for" datetime="<?cs var:request.scheduled_for ?>Z"><?cs var:request.scheduled_text ?></time></strong><?cs var:split.after ?></p>
  <form method="post" action="/requeue" id="requeue-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="r" value="<?cs var:request.id ?>">
    <button type="submit"><?cs var:t.wait.requeue ?></button>
  </form>
<?cs elif:request.state == "message" ?>
  <h1><?cs var:t.wait.thanks ?></h1>
  <p id="status"><?cs call:client_says(t.wait.message_passed) ?></p>
<?cs elif:request.state == "unreachable" ?>
  <h1><?cs var:t.wait.unreachable_title ?></h1>
  <p id="status"><?cs call:fill(t.wait.unreachable_number, callback.phone) ?> <?cs call:count(t.wait.unreachable, callback.attempts) ?> <?cs var:t.wait.ask_again ?></p>
<?cs elif:request.state == "cancelled" ?>
  <h1><?cs var:t.wait.left_title ?></h1>
  <p id="status"><?cs var:t.wait.cancelled ?></p>
<?cs elif:request.state == "closed" ?>
  <h1><?cs var:t.wait.left_title ?></h1>
  <p id="status"><?cs call:client_says(t.wait.timed_out) ?></p>
<?cs else ?>
  <h1><?cs var:t.wait.closed_title ?></h1>
  <p id="status"><?cs var:t.wait.closed ?></p>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
