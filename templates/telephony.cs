<?cs set:title = "Telephony" ?><?cs set:page.name = "telephony" ?>
<?cs set:styles.0 = "/css/admin.css" ?>
<?cs include:"header.cs" ?>
<?cs include:"admin_top.cs" ?>
<?cs # A field's value: as typed when the form was refused, else as stored. ?>
<?cs def:phone_value(name) ?><?cs if:form.do == "line" ?><?cs var:form[name] ?><?cs else ?><?cs var:phone[name] ?><?cs /if ?><?cs /def ?>
<?cs def:phone_field(name, label, type, hint) ?>
      <div><label for="<?cs var:name ?>"><?cs var:label ?><?cs if:hint ?> <span class="muted">(<?cs var:hint ?>)</span><?cs /if ?></label>
        <input type="<?cs var:type ?>" id="<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs call:phone_value(name) ?>"<?cs if:type == "number" ?> min="0"<?cs /if ?>></div><?cs /def ?>
<section class="card wide" id="telephony">
  <h1>Telephony <span class="muted">· <?cs var:client.name ?></span></h1>
  <p class="muted">Call-backs visitors ask for, and calls to the help number, which an
     IVR answers. Agents take calls in the browser, or on a desk phone given on
     <a href="<?cs call:admin_link("/agents") ?>">Agents</a>.</p>
  <?cs if:!operator ?>
  <dl class="facts" id="operator-settings">
    <dt>Help number</dt><dd id="help-number"><?cs if:phone.help_number ?><?cs var:phone.help_number ?><?cs else ?>none: no calls come in<?cs /if ?></dd>
    <dt>Caller ID of call-backs</dt><dd id="caller-id"><?cs if:phone.caller_id ?><?cs var:phone.caller_id ?><?cs else ?>the help number<?cs /if ?></dd>
    <dt>Countries called back</dt><dd id="dial-countries"><?cs if:phone.dial_countries ?><?cs var:phone.dial_countries ?><?cs else ?><?cs var:phone.country ?><?cs /if ?></dd>
    <dt>Phone rate</dt><dd id="phone-rate"><?cs var:phone.rate_cents ?> cents per started minute</dd>
  </dl>
  <p class="muted">These four are set by the Baton operator, whose telephone lines they use.</p>
  <?cs /if ?>
  <form method="post" action="/telephony" id="telephony-form" class="admin-form">
    <?cs call:admin_fields("line") ?><input type="hidden" name="whole" value="1">
    <div class="fields">
      <?cs if:operator ?>
      <?cs call:phone_field("help_number", "Help number", "text", "the number the IVR answers; empty: none") ?>
      <?cs call:phone_field("caller_id", "Caller ID of call-backs", "text", "empty: the help number") ?>
      <?cs call:phone_field("dial_countries", "Countries called back", "text", "like GB,IE; empty: the country") ?>
      <?cs call:phone_field("rate_cents", "Phone rate, cents per started minute", "number", "billed from this month on") ?>
      <?cs /if ?>
      <?cs call:phone_field("country", "Country of numbers typed", "text", "two letters, like GB") ?>
      <?cs call:phone_field("time_zone", "Time zone of the calling hours", "text", "like Europe/London") ?>
      <?cs call:phone_field("retry_tries", "Tries per call-back", "number", "") ?>
      <?cs call:phone_field("retry_minutes", "Minutes between tries", "number", "") ?>
      <?cs call:phone_field("ring_seconds", "Seconds to let a phone ring", "number", "") ?>
      <?cs call:phone_field("announce_seconds", "Seconds between place announcements", "number", "") ?>
      <?cs call:phone_field("message_seconds", "Longest voice message, seconds", "number", "") ?>
    </div>
    <label for="calling_hours">Calling hours <span class="muted">(like “mon-fri 09:00-17:00, sat 10:00-13:00”, or always)</span></label>
    <input type="text" id="calling_hours" name="calling_hours" value="<?cs call:phone_value("calling_hours") ?>" maxlength="500">
    <label for="phone-greeting">Greeting callers hear <span class="muted">(spoken; empty: the standard one)</span></label>
    <textarea id="phone-greeting" name="greeting" rows="2" maxlength="500"><?cs call:phone_value("greeting") ?></textarea>
    <button type="submit">Save the telephony settings</button>
  </form>
</section>
<?cs include:"footer.cs" ?>
