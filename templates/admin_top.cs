<?cs # The top of every administration page (lib/admin_page.h): the menu of
     the pages this person may use, and what came of the last form. Each
     page sets title and page.name, then includes header.cs and this. ?>
<?cs def:admin_fields(action) ?><input type="hidden" name="csrf" value="<?cs var:csrf ?>">
<input type="hidden" name="do" value="<?cs var:action ?>"><?cs if:client.param ?>
<input type="hidden" name="client" value="<?cs var:client.param ?>"><?cs /if ?><?cs /def ?>
<?cs def:admin_link(path) ?><?cs var:path ?><?cs if:client.param ?>?client=<?cs var:url_escape(client.param) ?><?cs /if ?><?cs /def ?>
<nav class="admin-nav card wide" aria-label="Administration">
  <?cs if:me.role == "operator" ?>
  <span class="group">Installation:</span>
  <a href="/clients" id="nav-clients">Clients</a>
  <a href="/resellers" id="nav-resellers">Resellers</a>
  <a href="/operators" id="nav-operators">Operators</a>
  <a href="/rates" id="nav-rates">Rates</a>
  <a href="/refused" id="nav-refused">Refused links</a>
  <a href="/installation" id="nav-installation">Health</a>
  <a href="/audit" id="nav-audit">Audit log</a>
  <?cs elif:me.role == "reseller" ?>
  <a href="/clients" id="nav-clients">Your clients</a>
  <a href="/audit" id="nav-audit">Audit log</a>
  <?cs /if ?>
  <?cs if:me.role == "admin" || me.role == "operator" ?>
  <span class="group"><?cs if:client.param ?><?cs var:client.name ?><?cs else ?>Your desk<?cs /if ?>:</span>
  <a href="<?cs call:admin_link("/agents") ?>" id="nav-agents">Agents</a>
  <a href="<?cs call:admin_link("/sites") ?>" id="nav-sites">Sites</a>
  <a href="<?cs call:admin_link("/settings") ?>" id="nav-settings">Desk settings</a>
  <a href="<?cs call:admin_link("/telephony") ?>" id="nav-telephony">Telephony</a>
  <a href="<?cs call:admin_link("/canned") ?>" id="nav-canned">Canned phrases</a>
  <a href="<?cs call:admin_link("/rules") ?>" id="nav-rules">Service levels</a>
  <a href="<?cs call:admin_link("/avatars") ?>" id="nav-avatars">Avatars</a>
  <a href="<?cs call:admin_link("/collaborators") ?>" id="nav-collaborators">Collaborators</a>
  <?cs if:me.role == "admin" ?><a href="/refused" id="nav-refused">Refused links</a>
  <a href="/audit" id="nav-audit">Audit log</a><?cs /if ?>
  <?cs elif:me.role == "agent" || me.role == "supervisor" ?>
  <a href="/canned" id="nav-canned">Canned phrases</a>
  <?cs /if ?>
  <a href="/profile" id="nav-profile">Your profile</a>
</nav>
<?cs if:notice ?><p class="notice card wide" id="notice" role="status"><?cs var:notice ?></p><?cs /if ?>
<?cs if:error ?><p class="message card wide" id="error" role="alert"><?cs var:error ?></p><?cs /if ?>
<?cs if:link ?><section class="card wide handover">
  <label for="handover-link"><?cs if:link_label ?><?cs var:link_label ?><?cs else ?>To hand over (shown once)<?cs /if ?></label>
  <input type="text" id="handover-link" class="copy" readonly value="<?cs var:link ?>">
</section><?cs /if ?>
