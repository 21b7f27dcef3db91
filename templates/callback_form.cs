<?cs # "Call me back": the form cgi-bin/callback.c takes, on the help page
     (callback.site and callback.page set) and the waiting page
     (callback.request set). htdocs/js/callback.js fills in the visitor's
     time zone and shows the day and time only for "later". Its words are
     the visitor's catalogue's (t.callback.*, lib/catalogue.h). ?>
<form method="post" action="/callback" id="callback-form" class="callback-form">
  <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
  <?cs if:callback.request ?><input type="hidden" name="r" value="<?cs var:callback.request ?>">
  <?cs else ?><input type="hidden" name="site" value="<?cs var:callback.site ?>">
  <input type="hidden" name="page" value="<?cs var:callback.page ?>"><?cs /if ?>
  <input type="hidden" name="offset" value="0" id="callback-offset">
  <label for="callback-phone"><?cs var:t.callback.phone ?></label>
  <input type="tel" id="callback-phone" name="phone" required maxlength="40" autocomplete="tel" inputmode="tel" placeholder="<?cs var:t.callback.phone_example ?>">
  <fieldset class="callback-when">
    <legend><?cs var:t.callback.when ?></legend>
    <label><input type="radio" name="when" value="now" checked> <?cs var:t.callback.now ?></label>
    <label><input type="radio" name="when" value="later" id="callback-later"> <?cs var:t.callback.later ?></label>
    <div id="callback-time" class="callback-time">
      <label for="callback-date"><?cs var:t.wait.day ?></label>
      <input type="date" id="callback-date" name="date">
      <label for="callback-clock"><?cs var:t.wait.time ?> <span class="muted" id="callback-zone" data-in="<?cs var:t.wait.your_time_in ?>"><?cs var:t.wait.your_time ?></span></label>
      <input type="time" id="callback-clock" name="time">
    </div>
  </fieldset>
  <?cs if:!callback.request ?><label for="callback-question"><?cs var:t.help.question ?> <span class="muted"><?cs var:t.help.optional ?></span></label>
  <textarea id="callback-question" name="question" maxlength="2000" rows="3"><?cs var:callback.question ?></textarea><?cs /if ?>
  <label for="callback-email"><?cs var:t.wait.email ?> <span class="muted"><?cs var:t.callback.email_why ?></span></label>
  <input type="email" id="callback-email" name="email" maxlength="254" autocomplete="email" value="<?cs var:callback.email ?>">
  <button type="submit"><?cs var:t.wait.title_callback ?></button>
</form>
