<?cs # The overflow page (cgi-bin/help.c, lib/overflow.h): the desk is
     overloaded for a newcomer (its overflow_after_minutes setting), so they
     are not queued but offered a message or a time (these forms come back
     to /help with contact=, or date= and time=, and make the request a
     message or a booking), a call-back where the client takes calls and
     their level allows it, or to try later. What
     they typed (name, e-mail, question) is carried into each form. ?>
<?cs # What the visitor asked with, carried by both forms back to /help. ?><?cs
def:asked() ?><input type="hidden" name="csrf" value="<?cs var:csrf ?>">
      <input type="hidden" name="site" value="<?cs var:site.key ?>">
      <input type="hidden" name="topic" value="<?cs var:topic ?>">
      <input type="hidden" name="page" value="<?cs var:page ?>">
      <input type="hidden" name="lang" value="<?cs var:lang ?>">
      <?cs if:sig ?><input type="hidden" name="priority" value="<?cs var:priority ?>">
      <input type="hidden" name="expires" value="<?cs var:expires ?>">
      <input type="hidden" name="sig" value="<?cs var:sig ?>"><?cs
        if:customer ?><input type="hidden" name="customer" value="<?cs var:customer ?>"><?cs /if ?><?cs
        if:plan ?><input type="hidden" name="plan" value="<?cs var:plan ?>"><?cs /if ?><?cs
        if:customer_name ?><input type="hidden" name="customer_name" value="<?cs var:customer_name ?>"><?cs /if ?><?cs
        if:customer_email ?><input type="hidden" name="customer_email" value="<?cs var:customer_email ?>"><?cs /if ?><?cs /if ?>
<?cs /def ?><?cs include:"lang.cs" ?><?cs set:title = t.overflow.title ?><?cs set:page.name = "overflow" ?>
<?cs set:scripts.0 = "/js/overflow.js" ?><?cs if:callback.enabled ?><?cs set:scripts.1 = "/js/callback.js" ?><?cs /if ?>
<?cs include:"header.cs" ?>
<section class="card narrow" id="overflow" data-site="<?cs var:site.key ?>">
  <h1><?cs var:t.overflow.title ?></h1>
  <p id="overflow-why" class="desk desk-<?cs var:desk.state ?>"><?cs
    if:estimate.words ?><?cs call:split(t.overflow.busy) ?><?cs set:busy_after = split.after ?><?cs var:split.before ?><strong id="estimate"><?cs call:estimate_words() ?></strong><?cs var:busy_after ?><?cs
    else ?><?cs var:t.overflow.nobody ?><?cs /if ?></p>
  <p><?cs var:t.overflow.intro ?></p>
  <details id="overflow-message" open>
    <summary><?cs var:t.wait.title_message ?></summary>
    <form method="post" action="/help" id="overflow-message-form">
      <?cs call:asked() ?><input type="hidden" name="email" value="<?cs var:email ?>">
      <label for="overflow-name"><?cs var:t.help.name ?></label>
      <input type="text" id="overflow-name" name="name" maxlength="100" autocomplete="name" required value="<?cs var:name ?>">
      <label for="overflow-contact"><?cs var:t.wait.contact ?></label>
      <input type="text" id="overflow-contact" name="contact" maxlength="254" required value="<?cs var:email ?>">
      <label for="overflow-question"><?cs var:t.help.question ?></label>
      <textarea id="overflow-question" name="question" required maxlength="2000" rows="4"><?cs var:question ?></textarea>
      <button type="submit"><?cs var:t.overflow.send ?></button>
    </form>
  </details>
  <details id="overflow-schedule">
    <summary><?cs var:t.wait.title_schedule ?></summary>
    <form method="post" action="/help" id="overflow-schedule-form">
      <?cs call:asked() ?><input type="hidden" name="name" value="<?cs var:name ?>">
      <input type="hidden" name="offset" value="0" id="overflow-offset">
      <label for="overflow-date"><?cs var:t.wait.day ?></label>
      <input type="date" id="overflow-date" name="date" required>
      <label for="overflow-time"><?cs var:t.wait.time ?> <span class="muted"><?cs var:t.wait.your_time ?></span></label>
      <input type="time" id="overflow-time" name="time" required>
      <label for="overflow-schedule-question"><?cs var:t.help.question ?></label>
      <textarea id="overflow-schedule-question" name="question" required maxlength="2000" rows="3"><?cs var:question ?></textarea>
      <label for="overflow-email"><?cs var:t.wait.email ?> <span class="muted"><?cs var:t.wait.email_why ?></span></label>
      <input type="email" id="overflow-email" name="email" maxlength="254" autocomplete="email" value="<?cs var:email ?>">
      <button type="submit"><?cs var:t.wait.schedule ?></button>
    </form>
  </details>
  <?cs if:callback.enabled ?>
  <details id="callback">
    <summary><?cs var:t.help.callback ?></summary>
    <?cs set:callback.site = site.key ?><?cs set:callback.page = page ?><?cs set:callback.question = question ?><?cs set:callback.email = email ?>
    <?cs include:"callback_form.cs" ?>
  </details>
  <?cs /if ?>
  <p id="overflow-later"><?cs var:t.wait.later ?>: <a href="<?cs var:page ?>"><?cs var:t.overflow.back ?></a></p>
</section>
<?cs include:"footer.cs" ?>
