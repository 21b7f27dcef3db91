<?cs set:title = "Console" ?><?cs set:page.name = "console" ?>
<?cs include:"header.cs" ?>
<section class="card">
  <h1>Hello, <?cs var:me.name ?></h1>
  <p>You are <strong id="state" data-state="<?cs var:me.state ?>"><?cs var:me.state_label ?></strong>
     <span class="muted">(for <?cs var:me.state_minutes ?> min)</span>.</p>
  <form method="post" action="/state" id="state-form" class="row">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <label for="state-choice">Change to</label>
    <select id="state-choice" name="state">
      <?cs each:s = states ?>
      <option value="<?cs var:s.value ?>"<?cs if:s.value == me.state ?> selected<?cs /if ?>><?cs var:s.label ?></option>
      <?cs /each ?>
    </select>
    <button type="submit">Change</button>
  </form>
</section>
<?cs include:"footer.cs" ?>
