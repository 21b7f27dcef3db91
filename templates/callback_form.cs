<?cs # "Call me back": the form cgi-bin/callback.c takes, on the help page
     (callback.site and callback.page set) and the waiting page
     (callback.request set). htdocs/js/callback.js fills in the visitor's
     time zone and shows the day and time only for "later". ?>
<form method="post" action="/callback" id="callback-form" class="callback-form">
  <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
  <?cs if:callback.request ?><input type="hidden" name="r" value="<?cs var:callback.request ?>">
  <?cs else ?><input type="hidden" name="site" value="<?cs var:callback.site ?>">
  <input type="hidden" name="page" value="<?cs var:callback.page ?>"><?cs /if ?>
  <input type="hidden" name="offset" value="0" id="callback-offset">
  <label for="callback-phone">Your telephone number</label>
  <input type="tel" id="callback-phone" name="phone" required maxlength="40" autocomplete="tel" inputmode="tel" placeholder="e.g. 020 7946 0000 or +44 20 7946 0000">
  <fieldset class="callback-when">
    <legend>When shall we call?</legend>
    <label><input type="radio" name="when" value="now" checked> As soon as someone is free</label>
    <label><input type="radio" name="when" value="later" id="callback-later"> At a time I choose</label>
    <div id="callback-time" class="callback-time">
      <label for="callback-date">Day</label>
      <input type="date" id="callback-date" name="date">
      <label for="callback-clock">Time <span class="muted" id="callback-zone">(your time)</span></label>
      <input type="time" id="callback-clock" name="time">
    </div>
  </fieldset>
  <?cs if:!callback.request ?><label for="callback-question">Your question <span class="muted">(optional)</span></label>
  <textarea id="callback-question" name="question" maxlength="2000" rows="3"></textarea><?cs /if ?>
  <label for="callback-email">E-mail address <span class="muted">(optional: a link to share your screen, and news if we cannot reach you)</span></label>
  <input type="email" id="callback-email" name="email" maxlength="254" autocomplete="email">
  <button type="submit">Call me back</button>
</form>
