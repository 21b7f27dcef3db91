<?cs include:"lang.cs" ?><?cs set:title = t.help.title ?><?cs set:page.name = "help" ?>
<?cs if:callback.enabled ?><?cs set:scripts.0 = "/js/callback.js" ?><?cs /if ?>
<?cs include:"header.cs" ?>
<section class="card narrow" id="help" data-site="<?cs var:site.key ?>"<?cs if:probe ?> data-probe="1"<?cs /if ?>>
  <h1><?cs var:t.help.heading ?> <?cs var:site.client ?></h1>
  <?cs if:desk.greeting ?><p class="greeting" id="greeting"><?cs var:desk.greeting ?></p><?cs /if ?>
  <p id="desk" class="desk desk-<?cs var:desk.state ?>"><?cs
    if:desk.state == "free" ?><?cs var:t.help.desk_free ?><?cs
    elif:desk.state == "busy" ?><?cs call:split(t.help.desk_busy) ?><?cs set:busy_after = split.after ?><?cs var:split.before ?><strong id="estimate"><?cs call:estimate_words() ?></strong><?cs var:busy_after ?><?cs
    elif:desk.state == "away" ?><?cs var:t.help.desk_away ?><?cs
    elif:desk.closed ?><span id="desk-closed"><?cs var:t.help.desk_hours ?></span><?cs
    else ?><?cs var:t.help.desk_closed ?><?cs /if ?></p>
  <p><?cs if:panel ?><?cs var:t.help.intro_panel ?><?cs else ?><?cs var:t.help.intro ?><?cs /if ?></p>
  <form method="post" action="/help" id="help-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="site" value="<?cs var:site.key ?>">
    <input type="hidden" name="topic" value="<?cs var:topic ?>">
    <input type="hidden" name="page" value="<?cs var:page ?>">
    <?cs if:sig ?><input type="hidden" name="priority" value="<?cs var:priority ?>">
    <input type="hidden" name="expires" value="<?cs var:expires ?>">
    <input type="hidden" name="sig" value="<?cs var:sig ?>"><?cs
      if:customer ?><input type="hidden" name="customer" value="<?cs var:customer ?>"><?cs /if ?><?cs
      if:plan ?><input type="hidden" name="plan" value="<?cs var:plan ?>"><?cs /if ?><?cs
      if:customer_name ?><input type="hidden" name="customer_name" value="<?cs var:customer_name ?>"><?cs /if ?><?cs
      if:customer_email ?><input type="hidden" name="customer_email" value="<?cs var:customer_email ?>"><?cs /if ?><?cs /if ?>
    <label for="name"><?cs var:t.help.name ?> <span class="muted"><?cs var:t.help.optional ?></span></label>
    <input type="text" id="name" name="name" maxlength="100" autocomplete="name" value="<?cs var:known.name ?>">
    <label for="email"><?cs var:t.help.email ?> <span class="muted"><?cs var:t.help.optional ?></span></label>
    <input type="email" id="email" name="email" maxlength="254" autocomplete="email" value="<?cs var:known.email ?>">
    <label for="question"><?cs var:t.help.question ?></label>
    <textarea id="question" name="question" required maxlength="2000" rows="4"></textarea>
    <?cs if:level.video ?><label class="check" id="offer-video"><input type="checkbox" name="video" value="1"> <?cs var:t.help.video ?></label><?cs /if ?>
    <?cs # The language picker: the page's language (the site's lang=, else
         the browser's) chosen; the visitor's choice goes with the question
         and stays with their request (lib/visitor_lang.c). A page language
         without a catalogue (Italian) is kept for the chat's translation. ?>
    <label for="help-lang"><?cs var:t.lang.label ?></label>
    <select name="lang" id="help-lang"><?cs each:l = langs ?>
      <option value="<?cs var:l.tag ?>" lang="<?cs var:l.tag ?>"<?cs if:l.tag == t.lang && !lang_other ?> selected<?cs /if ?>><?cs var:l.name ?></option><?cs /each ?><?cs
      if:lang_other ?>
      <option value="<?cs var:lang ?>" selected><?cs var:lang ?></option><?cs /if ?>
    </select>
    <button type="submit"><?cs var:t.help.ask ?></button>
  </form>
  <?cs if:callus.number ?>
  <form method="post" action="/callus" id="callus-form" class="inline-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="site" value="<?cs var:site.key ?>">
    <input type="hidden" name="page" value="<?cs var:page ?>">
    <p><?cs var:t.help.call_us ?> <strong><?cs var:callus.number ?></strong>:
      <button type="submit" class="link"><?cs var:t.help.get_code ?></button> <?cs var:t.help.code_why ?></p>
  </form>
  <?cs /if ?>
  <?cs if:callback.enabled ?>
  <details id="callback">
    <summary><?cs var:t.help.callback ?></summary>
    <?cs set:callback.site = site.key ?><?cs set:callback.page = page ?>
    <?cs include:"callback_form.cs" ?>
  </details>
  <?cs /if ?>
  <p class="muted" id="kept"><?cs var:t.help.kept ?> <?cs var:t.help.kept_pages ?> <a href="/myprofile?site=<?cs var:url_escape(site.key) ?>" target="_blank" rel="noopener"><?cs var:t.help.see_profile ?></a></p>
</section>
<?cs include:"footer.cs" ?>
