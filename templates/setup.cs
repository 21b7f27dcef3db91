<?cs set:title = "Set up Baton" ?><?cs set:page.name = "setup" ?>
<?cs include:"header.cs" ?>
<section class="card narrow" id="setup">
  <?cs if:setup.state == "open" ?>
  <h1>Set up Baton</h1>
  <p>This installation has no operator yet. Create the operator's account: the
     operator runs Baton for every client (reports, statements, archives). This
     page works once, with the token the server printed.</p>
  <h2>Database</h2>
  <p id="setup-database">Connected; <?cs var:db.migrations ?> schema migrations
     applied (the latest is <?cs var:db.version ?>).</p>
  <h2>Public address</h2>
  <?cs if:address.public_url ?>
  <p id="setup-address">Help links and mail point to <strong><?cs var:address.public_url ?></strong>
     (public_url in baton.conf).</p>
  <?cs if:address.differs ?><p class="notice" id="setup-address-differs">You reached this page at
     <?cs var:address.origin ?>, not at that address. If visitors should use this one, set
     public_url in baton.conf to it before handing out help links.</p><?cs /if ?>
  <?cs else ?>
  <p class="notice" id="setup-address">public_url is not set in baton.conf: help links and mail
     will use the address each page was reached at, <?cs var:address.origin ?> here. Behind
     TLS or a proxy, set it to the address visitors use.</p>
  <?cs /if ?>
  <?cs if:message ?><p class="message" id="message" role="alert"><?cs var:message ?></p><?cs /if ?>
  <form method="post" action="/setup" id="setup-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="token" value="<?cs var:token ?>">
    <h2>Your organisation</h2>
    <label for="org_name">Name</label>
    <input type="text" id="org_name" name="org_name" required maxlength="200" value="<?cs var:form.org_name ?>" autofocus>
    <label for="org_slug">Short name (a-z, 0-9 and -)</label>
    <input type="text" id="org_slug" name="org_slug" required maxlength="64" pattern="[a-z0-9\-]+" value="<?cs var:form.org_slug ?>">
    <h2>The operator</h2>
    <label for="name">Your name</label>
    <input type="text" id="name" name="name" required maxlength="100" autocomplete="name" value="<?cs var:form.name ?>">
    <label for="email">E-mail address (you sign in with it)</label>
    <input type="email" id="email" name="email" required maxlength="254" autocomplete="username" value="<?cs var:form.email ?>">
    <label for="password">Password (at least 10 characters)</label>
    <input type="password" id="password" name="password" required minlength="10" maxlength="1024" autocomplete="new-password">
    <label for="password2">The password again</label>
    <input type="password" id="password2" name="password2" required minlength="10" maxlength="1024" autocomplete="new-password">
    <h2>Address and mail</h2>
    <p class="muted" id="setup-conf-how">These go into <span class="path"><?cs var:conf.path ?></span>, the file Baton's
       programs read. The page does not write that file: it belongs to root and holds the
       database password and the mail command, so no web program may change it. After the
       setup this page shows the lines to put there.</p>
    <label for="public_url">Public address (what visitors open, e.g. https://help.example.com)</label>
    <input type="url" id="public_url" name="public_url" maxlength="300" value="<?cs var:form.public_url ?>">
    <label for="mail_domain">Mail domain (Baton's own addresses: replies, bounces, help addresses)</label>
    <input type="text" id="mail_domain" name="mail_domain" maxlength="253" value="<?cs var:form.mail_domain ?>">
    <label for="mail_from">From address of Baton's mail (empty: help@ the mail domain)</label>
    <input type="email" id="mail_from" name="mail_from" maxlength="253" value="<?cs var:form.mail_from ?>">
    <label for="operator_email">Operator's address for alerts (help links on unknown domains)</label>
    <input type="email" id="operator_email" name="operator_email" maxlength="253" value="<?cs var:form.operator_email ?>">
    <h2>Your first client (optional)</h2>
    <p class="muted">The business whose site gets the help link. You can add
       clients later with baton-admin.</p>
    <label for="client_name">Client's name</label>
    <input type="text" id="client_name" name="client_name" maxlength="200" value="<?cs var:form.client_name ?>">
    <label for="client_slug">Client's short name (a-z, 0-9 and -)</label>
    <input type="text" id="client_slug" name="client_slug" maxlength="64" pattern="[a-z0-9\-]+" value="<?cs var:form.client_slug ?>">
    <label for="site_domain">Its site's domain (example.com)</label>
    <input type="text" id="site_domain" name="site_domain" maxlength="253" value="<?cs var:form.site_domain ?>">
    <button type="submit">Create the operator</button>
  </form>
  <?cs elif:setup.state == "created" ?>
  <h1>Baton is set up</h1>
  <p id="setup-done">The operator account <strong><?cs var:done.email ?></strong> is
     made and signed in. This setup page is now gone for good.</p>
  <h2>Mail</h2>
  <p id="setup-mail">A welcome message to <?cs var:done.email ?> is on its way. If it
     does not arrive, check the mail settings (INSTALL, "E-mail") and the mailer's log:
     Baton mails transcripts, replies and alerts the same way.</p>
  <h2>Address and mail settings</h2>
  <?cs if:conf.lines ?>
  <p id="setup-conf">To keep the address and mail settings, put these lines into
     <strong class="path"><?cs var:conf.path ?></strong> on the server (replacing the same settings
     there), then restart Baton's programs (with the Debian package:
     <code>sudo systemctl restart 'baton@*' baton-mailer</code>):</p>
  <pre id="setup-conf-lines"><?cs var:conf.lines ?></pre>
  <?cs else ?>
  <p id="setup-conf"><?cs var:conf.path ?> holds these settings already.</p>
  <?cs /if ?>
  <?cs if:done.link ?>
  <h2>The help link of <?cs var:done.client ?></h2>
  <p>Paste it into any page of <?cs var:done.domain ?>:</p>
  <label for="setup-link">Help link</label>
  <textarea id="setup-link" class="copy" readonly rows="4"><?cs var:done.link ?></textarea>
  <p class="muted">It works from the site's own pages: Baton checks the page a visitor
     comes from against the site's domains. More sites and domains: baton-admin site add.</p>
  <?cs /if ?>
  <h2>Next</h2>
  <ul>
    <li><a id="setup-report" href="/report">Reports for every client</a></li>
    <li><a href="/console">The console</a></li>
  </ul>
  <?cs elif:setup.state == "done" ?>
  <h1>Not found</h1>
  <p id="setup-gone">This installation is set up already. Sign in at
     <a href="/signin">the sign-in page</a>.</p>
  <?cs else ?>
  <h1>Set up Baton</h1>
  <?cs if:message ?><p class="message" id="message" role="alert"><?cs var:message ?></p><?cs /if ?>
  <p id="setup-how">The setup needs the one-time token printed on the server when
     Baton was installed. For a new one, run there:</p>
  <pre>sudo baton-admin setup-token</pre>
  <p>and open the address it prints.</p>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
