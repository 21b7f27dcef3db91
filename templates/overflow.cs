<?cs # The overflow page (cgi-bin/help.c, lib/overflow.h): the desk is
     overloaded for a newcomer (its overflow_after_minutes setting), so they
     are not queued but offered a message (this form comes back to /help
     with contact= and makes the request a message), a call-back where the
     client takes calls and their level allows it, or to try later. What
     they typed (name, e-mail, question) is carried into each form. ?>
<?cs include:"lang.cs" ?><?cs set:title = t.overflow.title ?><?cs set:page.name = "overflow" ?>
<?cs if:callback.enabled ?><?cs set:scripts.0 = "/js/callback.js" ?><?cs /if ?>
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
      <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
      <input type="hidden" name="site" value="<?cs var:site.key ?>">
      <input type="hidden" name="topic" value="<?cs var:topic ?>">
      <input type="hidden" name="page" value="<?cs var:page ?>">
      <input type="hidden" name="lang" value="<?cs var:lang ?>">
      <input type="hidden" name="email" value="<?cs var:email ?>">
      <?cs if:sig ?><input type="hidden" name="priority" value="<?cs var:priority ?>">
      <input type="hidden" name="expires" value="<?cs var:expires ?>">
      <input type="hidden" name="sig" value="<?cs var:sig ?>"><?cs
        if:customer ?><input type="hidden" name="customer" value="<?cs var:customer ?>"><?cs /if ?><?cs
        if:plan ?><input type="hidden" name="plan" value="<?cs var:plan ?>"><?cs /if ?><?cs
        if:customer_name ?><input type="hidden" name="customer_name" value="<?cs var:customer_name ?>"><?cs /if ?><?cs
        if:customer_email ?><input type="hidden" name="customer_email" value="<?cs var:customer_email ?>"><?cs /if ?><?cs /if ?>
      <label for="overflow-name"><?cs var:t.help.name ?></label>
      <input type="text" id="overflow-name" name="name" maxlength="100" autocomplete="name" required value="<?cs var:name ?>">
      <label for="overflow-contact"><?cs var:t.wait.contact ?></label>
      <input type="text" id="overflow-contact" name="contact" maxlength="254" required value="<?cs var:email ?>">
      <label for="overflow-question"><?cs var:t.help.question ?></label>
      <textarea id="overflow-question" name="question" required maxlength="2000" rows="4"><?cs var:question ?></textarea>
      <button type="submit"><?cs var:t.overflow.send ?></button>
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
