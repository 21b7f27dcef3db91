<?cs set:title = "Live help" ?><?cs set:page.name = "help" ?>
<?cs if:callback.enabled ?><?cs set:scripts.0 = "/js/callback.js" ?><?cs /if ?>
<?cs include:"header.cs" ?>
<section class="card narrow">
  <h1>Live help from <?cs var:site.client ?></h1>
  <p>Tell us what you need and an agent will join you here in your browser.</p>
  <form method="post" action="/help" id="help-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="site" value="<?cs var:site.key ?>">
    <input type="hidden" name="topic" value="<?cs var:topic ?>">
    <input type="hidden" name="page" value="<?cs var:page ?>">
    <?cs if:sig ?><input type="hidden" name="priority" value="<?cs var:priority ?>">
    <input type="hidden" name="expires" value="<?cs var:expires ?>">
    <input type="hidden" name="sig" value="<?cs var:sig ?>"><?cs /if ?>
    <label for="name">Your name <span class="muted">(optional)</span></label>
    <input type="text" id="name" name="name" maxlength="100" autocomplete="name">
    <label for="question">Your question</label>
    <textarea id="question" name="question" required maxlength="2000" rows="4"></textarea>
    <button type="submit">Ask for help</button>
  </form>
  <?cs if:callus.number ?>
  <form method="post" action="/callus" id="callus-form" class="inline-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="site" value="<?cs var:site.key ?>">
    <input type="hidden" name="page" value="<?cs var:page ?>">
    <p>Or call us on <strong><?cs var:callus.number ?></strong>:
      <button type="submit" class="link">get a code</button> so that the agent sees this page.</p>
  </form>
  <?cs /if ?>
  <?cs if:callback.enabled ?>
  <details id="callback">
    <summary>Rather talk on the phone? We call you back.</summary>
    <?cs set:callback.site = site.key ?><?cs set:callback.page = page ?>
    <?cs include:"callback_form.cs" ?>
  </details>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
