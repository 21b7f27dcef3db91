<?cs set:title = "Service levels and rules" ?><?cs set:page.name = "rules" ?>
<?cs set:styles.0 = "/css/admin.css" ?>
<?cs include:"header.cs" ?>
<?cs include:"admin_top.cs" ?>
<section class="card wide" id="levels-card">
  <h1>Service levels</h1>
  <p class="muted">What a visitor is offered and which agents take them. Visitors no rule gives a level to have the level <strong>default</strong>; without it they are offered everything.</p>
  <table id="levels"><thead><tr><th>Level</th><th>Offers</th><th>Skill needed</th><th>Target answer</th><th>Rank</th><th>Overflow page</th><th></th></tr></thead><tbody>
  <?cs each:l = levels ?><tr data-level="<?cs var:l.name ?>"><td><?cs var:l.name ?></td><td><?cs var:l.channels ?></td><td><?cs var:l.skill ?></td><td><?cs var:l.target ?> s</td><td><?cs var:l.rank ?></td><td class="skip-overflow"><?cs if:l.skip == "1" ?>skips it<?cs else ?>shown<?cs /if ?></td>
    <td><form method="post" action="/rules" class="inline"><?cs call:admin_fields("level-delete") ?><input type="hidden" name="name" value="<?cs var:l.name ?>"><button type="submit" class="secondary danger">Delete</button></form></td></tr><?cs /each ?>
  </tbody></table>
  <h2>Add or change a level</h2>
  <form method="post" action="/rules" class="admin-form" id="level-form">
    <?cs call:admin_fields("level-set") ?>
    <div class="fields">
      <div><label for="level-name">Name</label><input type="text" id="level-name" name="name" maxlength="32" required pattern="[a-z0-9_\-]+" value="<?cs if:form.do == "level-set" ?><?cs var:form.name ?><?cs /if ?>"></div>
      <fieldset><legend>Offers</legend>
        <label><input type="checkbox" name="chat" value="1" checked> chat</label>
        <label><input type="checkbox" name="cobrowse" value="1"> co-browse</label>
        <label><input type="checkbox" name="video" value="1"> video</label>
        <label><input type="checkbox" name="callback" value="1"> call-back</label>
        <label><input type="checkbox" name="message" value="1"> message</label></fieldset>
      <div><label for="level-skill">Skill needed <span class="muted">(optional)</span></label><input type="text" id="level-skill" name="skill" maxlength="32"></div>
      <div><label for="level-target">Target answer (s)</label><input type="text" id="level-target" name="target" value="120" maxlength="6"></div>
      <div><label for="level-rank">Rank</label><input type="text" id="level-rank" name="rank" value="0" maxlength="6"></div>
      <div><label class="check"><input type="checkbox" id="level-skip-overflow" name="skip_overflow" value="1"> may skip the overflow page <span class="muted">(queued even when the desk is overloaded: Settings)</span></label></div>
    </div>
    <button type="submit">Save the level</button>
  </form>
</section>
<section class="card wide" id="rules-card">
  <h1>Rules</h1>
  <p class="muted">Each rule whose condition a visitor's profile meets adds its score to their priority; the highest ranked level among the matching rules is theirs. Conditions: clauses joined by <code>and</code>, e.g. <code>customer = yes and plan = gold</code>, <code>asked:billing &gt;= 2</code>, <code>page contains /pricing</code>, <code>from contains /pricing</code> (the page seen before), <code>seen contains /pricing</code> (any page seen in 7 days), <code>visits_7d &gt; 5</code>, <code>event:cart &gt;= 1</code>, <code>orders &gt;= 3</code>.</p>
  <table id="rules"><thead><tr><th>Rule</th><th>When</th><th>Score</th><th>Level</th><th></th></tr></thead><tbody>
  <?cs each:u = rules ?><tr data-rule="<?cs var:u.id ?>"><td><?cs var:u.label ?></td><td><code><?cs var:u.condition ?></code></td><td><?cs var:u.score ?></td><td><?cs var:u.level ?></td>
    <td><form method="post" action="/rules" class="inline"><?cs call:admin_fields("rule-delete") ?><input type="hidden" name="id" value="<?cs var:u.id ?>"><button type="submit" class="secondary danger">Delete</button></form></td></tr><?cs /each ?>
  </tbody></table>
  <h2>Add a rule</h2>
  <form method="post" action="/rules" class="admin-form" id="rule-form">
    <?cs call:admin_fields("rule-add") ?>
    <div class="fields">
      <div><label for="rule-label">Name</label><input type="text" id="rule-label" name="label" maxlength="100" required value="<?cs if:form.do == "rule-add" ?><?cs var:form.label ?><?cs /if ?>"></div>
      <div class="grow"><label for="rule-condition">When</label><input type="text" id="rule-condition" name="condition" maxlength="500" required value="<?cs if:form.do == "rule-add" ?><?cs var:form.condition ?><?cs /if ?>"></div>
      <div><label for="rule-score">Score</label><input type="text" id="rule-score" name="score" maxlength="6" value="<?cs if:form.do == "rule-add" ?><?cs var:form.score ?><?cs else ?>0<?cs /if ?>"></div>
      <div><label for="rule-level">Level</label><select id="rule-level" name="level"><option value="">(none)</option><?cs each:l = levels ?><option value="<?cs var:l.name ?>"><?cs var:l.name ?></option><?cs /each ?></select></div>
    </div>
    <button type="submit">Add the rule</button>
  </form>
  <h2>Try the rules on an example profile</h2>
  <form method="post" action="/rules" class="admin-form" id="try-form">
    <?cs call:admin_fields("rule-try") ?>
    <label for="try-example">Profile, as FIELD=VALUE words</label>
    <input type="text" id="try-example" name="example" maxlength="1000" placeholder="customer=yes plan=gold orders=3 page=/pricing topic=billing event:cart=2" value="<?cs if:form.do == "rule-try" ?><?cs var:form.example ?><?cs /if ?>">
    <button type="submit" class="secondary">Try</button>
  </form>
</section>
<section class="card wide" id="skills-card">
  <h1>Agents' skills</h1>
  <table id="skills"><thead><tr><th>Agent</th><th>Skills</th></tr></thead><tbody>
  <?cs each:a = agents ?><tr><td><?cs var:a.name ?> <span class="muted"><?cs var:a.email ?></span></td>
    <td><form method="post" action="/rules" class="inline"><?cs call:admin_fields("skills") ?><input type="hidden" name="email" value="<?cs var:a.email ?>">
      <input type="text" name="skills" value="<?cs var:a.skills ?>" maxlength="200" aria-label="Skills of <?cs var:a.name ?>"> <button type="submit" class="secondary">Save</button></form></td></tr><?cs /each ?>
  </tbody></table>
</section>
<section class="card wide" id="profile-settings">
  <h1>Queue and profiles</h1>
  <form method="post" action="/rules" class="admin-form" id="settings-form">
    <?cs call:admin_fields("settings") ?>
    <div class="fields">
      <div><label for="ageing">A waiting visitor gains a priority point every (seconds, 0: never)</label><input type="text" id="ageing" name="ageing" value="<?cs var:settings.ageing ?>" maxlength="6"></div>
      <div><label for="retention">Keep profiles' trails (days)</label><input type="text" id="retention" name="retention" value="<?cs var:settings.retention ?>" maxlength="6"></div>
    </div>
    <button type="submit">Save</button>
  </form>
</section>
<?cs include:"footer.cs" ?>
