<?cs set:title = "Settings" ?><?cs set:page.name = "settings" ?>
<?cs include:"header.cs" ?>
<section class="card" id="settings">
  <h1>Settings for <?cs var:me.client ?></h1>
  <h2>Help links</h2>
  <p>Paste a site's help link into any of its pages. The button version also shows
     visitors whether someone is at the desk right now.</p>
  <?cs each:s = sites ?>
  <div class="site">
    <h3><?cs var:s.name ?> <span class="muted">(<?cs var:s.domains ?>)</span></h3>
    <label for="link-<?cs name:s ?>">Help link</label>
    <textarea id="link-<?cs name:s ?>" class="copy" readonly rows="2"><?cs var:s.link ?></textarea>
    <label for="button-<?cs name:s ?>">Help button (link and script)</label>
    <textarea id="button-<?cs name:s ?>" class="copy" readonly rows="3"><?cs var:s.button ?></textarea>
    <p class="help-address">Help by e-mail: <?cs if:s.help_address ?><strong><?cs var:s.help_address ?></strong>: mail to it (or forwarded to it) waits in your queue as a help request<?cs else ?><span class="muted">no help address yet (your Baton operator gives the site one)</span><?cs /if ?>.</p>
  </div>
  <?cs /each ?>
  <h2>Site script: the widget and co-browsing (optional)</h2>
  <p>Add this line to a site's pages, beside the help link. The help link then opens
     live help in a panel over the page: visitors ask, wait and talk there while they go
     on browsing the site, and the panel follows them from page to page. A link marked
     <code>data-baton-widget="off"</code> stays a plain link to Baton's own page, as it
     is without the script. (On a site that is not on Baton's own domain the panel needs
     Baton on HTTPS; otherwise the link simply goes its own way.)</p>
  <p>When a site's pages are shown in a conversation, the same script lets the others
     see exactly where each person points, follow the leader's scrolling, and follow
     links clicked in the page, also in the separate window that pages refusing to be
     shown inside another page open in. It never sends what anyone types; password
     fields, and anything you mark with <code>data-baton-private</code>, are never
     reported.</p>
  <label for="site-script">Site script</label>
  <textarea id="site-script" class="copy" readonly rows="2"><?cs var:site_script ?></textarea>
  <h2>Desk</h2>
  <dl class="facts">
    <dt>Sessions at once (seat cap)</dt><dd id="seat-cap"><?cs var:client.seat_cap ?></dd>
    <dt>Seconds to accept before a request rolls on</dt><dd><?cs var:client.accept_timeout ?></dd>
    <dt>Missed requests before an agent is set away</dt><dd><?cs var:client.max_missed ?></dd>
    <dt>People per session</dt><dd><?cs var:client.participant_cap ?></dd>
  </dl>
</section>
<?cs include:"footer.cs" ?>
