<?cs set:title = "Settings" ?><?cs set:page.name = "settings" ?>
<?cs set:styles.0 = "/css/admin.css" ?>
<?cs include:"header.cs" ?>
<?cs if:me.role == "admin" || me.role == "operator" ?><?cs include:"admin_top.cs" ?><?cs else ?>
<?cs if:notice ?><p class="notice card wide" id="notice" role="status"><?cs var:notice ?></p><?cs /if ?>
<?cs if:error ?><p class="message card wide" id="error" role="alert"><?cs var:error ?></p><?cs /if ?><?cs /if ?>
<?cs def:settings_fields(action) ?><input type="hidden" name="csrf" value="<?cs var:csrf ?>">
<input type="hidden" name="do" value="<?cs var:action ?>"><?cs if:client.param ?>
<input type="hidden" name="client" value="<?cs var:client.param ?>"><?cs /if ?><?cs /def ?>
<section class="card" id="settings">
  <h1>Settings for <?cs var:client.name ?></h1>
  <h2>Help links</h2>
  <p>Paste a site's help link into any of its pages. The button version also shows
     visitors whether someone is at the desk right now.<?cs if:may_edit ?> Sites and their domains are on <a href="/sites<?cs if:client.param ?>?client=<?cs var:url_escape(client.param) ?><?cs /if ?>">Sites</a>.<?cs /if ?></p>
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
    <dt>Sessions at once (seat cap)</dt><dd id="seat-cap"><?cs var:desk.seat_cap ?></dd>
    <dt>Seconds to accept before a request rolls on</dt><dd id="accept-timeout"><?cs var:desk.accept_timeout_seconds ?></dd>
    <dt>Missed requests before an agent is set away</dt><dd id="max-missed"><?cs var:desk.max_missed_offers ?></dd>
    <dt>People per session</dt><dd id="participant-cap"><?cs var:desk.channel_participant_cap ?></dd>
    <dt>Opening hours</dt><dd id="hours-summary"><?cs if:hours_set ?><?cs if:open_now ?>open now<?cs else ?>closed now<?cs /if ?> (<?cs var:desk.time_zone ?>)<?cs else ?>always open<?cs /if ?></dd>
  </dl>
</section>
<?cs if:may_edit ?>
<section class="card" id="desk-settings">
  <h2>Change the desk</h2>
  <form method="post" action="/settings" id="desk-form" class="admin-form">
    <?cs call:settings_fields("desk") ?>
    <div class="fields">
      <div><label for="seat_cap">Sessions at once, whole desk</label>
        <input type="number" id="seat_cap" name="seat_cap" min="1" max="100000" value="<?cs var:desk.seat_cap ?>" required></div>
      <div><label for="channel_participant_cap">People per session</label>
        <input type="number" id="channel_participant_cap" name="channel_participant_cap" min="2" max="1000" value="<?cs var:desk.channel_participant_cap ?>" required></div>
      <div><label for="accept_timeout_seconds">Seconds to accept an offer</label>
        <input type="number" id="accept_timeout_seconds" name="accept_timeout_seconds" min="5" max="600" value="<?cs var:desk.accept_timeout_seconds ?>" required></div>
      <div><label for="max_missed_offers">Missed offers before “away”</label>
        <input type="number" id="max_missed_offers" name="max_missed_offers" min="1" max="100" value="<?cs var:desk.max_missed_offers ?>" required></div>
      <div><label for="wait_target_seconds">Wait target (seconds)</label>
        <input type="number" id="wait_target_seconds" name="wait_target_seconds" min="10" max="86400" value="<?cs var:desk.wait_target_seconds ?>" required></div>
      <div><label for="time_zone">Time zone</label>
        <input type="text" id="time_zone" name="time_zone" value="<?cs var:desk.time_zone ?>" maxlength="64" placeholder="Europe/Paris" required></div>
      <div><label for="tell_visitors_monitored">Tell visitors sessions may be monitored</label>
        <select id="tell_visitors_monitored" name="tell_visitors_monitored"><option value="1"<?cs if:desk.tell_visitors_monitored == "1" ?> selected<?cs /if ?>>yes</option><option value="0"<?cs if:desk.tell_visitors_monitored != "1" ?> selected<?cs /if ?>>no</option></select></div>
      <div><label for="supervisors_listen">Supervisors may listen to calls <span class="muted">(with the monitoring notice)</span></label>
        <select id="supervisors_listen" name="supervisors_listen"><option value="1"<?cs if:desk.supervisors_listen == "1" ?> selected<?cs /if ?>>yes</option><option value="0"<?cs if:desk.supervisors_listen != "1" ?> selected<?cs /if ?>>no</option></select></div>
      <div><label for="overflow_after_minutes">Overflow page past this estimated wait (minutes; 0: never) <span class="muted">(newcomers are offered a message, a call-back or an appointment instead of the queue)</span></label>
        <input type="number" id="overflow_after_minutes" name="overflow_after_minutes" min="0" max="1440" value="<?cs var:desk.overflow_after_minutes ?>" required></div>
      <div><label for="show_rooms">Rooms button in the viewer</label>
        <select id="show_rooms" name="show_rooms"><option value="1"<?cs if:desk.show_rooms == "1" ?> selected<?cs /if ?>>shown</option><option value="0"<?cs if:desk.show_rooms != "1" ?> selected<?cs /if ?>>hidden</option></select></div>
    </div>
    <label for="greeting">Greeting for visitors asking for help <span class="muted">(optional)</span></label>
    <textarea id="greeting" name="greeting" rows="2" maxlength="500"><?cs var:desk.greeting ?></textarea>
    <input type="hidden" name="panel" value="1">
    <fieldset class="field-list"><legend>The visitor panel beside a conversation shows the name and</legend>
      <?cs each:f = panel ?><label><input type="checkbox" name="panel_<?cs var:f.name ?>" value="1"<?cs if:f.on ?> checked<?cs /if ?>> <?cs var:f.name ?></label>
      <?cs /each ?></fieldset>
    <button type="submit">Save the desk settings</button>
  </form>
</section>
<section class="card" id="opening-hours">
  <h2>Opening hours <span class="muted">(<?cs var:desk.time_zone ?>)</span></h2>
  <p class="muted">Outside them visitors are told the desk is closed and may leave a message or choose a time. Ranges like 09:00-12:30, 13:30-17:00; nothing for a closed day.</p>
  <form method="post" action="/settings" id="hours-form" class="admin-form hours">
    <?cs call:settings_fields("hours") ?>
    <?cs each:d = days ?>
    <label for="hours_<?cs name:d ?>"><?cs var:d.name ?></label>
    <input type="text" id="hours_<?cs name:d ?>" name="hours_<?cs name:d ?>" value="<?cs var:d.hours ?>" maxlength="100">
    <?cs /each ?>
    <label class="choice"><input type="checkbox" name="always" value="1"<?cs if:!hours_set ?> checked<?cs /if ?>> Always open (the hours above are ignored)</label>
    <button type="submit">Save the opening hours</button>
  </form>
</section>
<section class="card" id="rooms-settings">
  <h2>Rooms</h2>
  <form method="post" action="/settings" id="rooms-form" class="admin-form">
    <?cs call:settings_fields("rooms") ?>
    <div class="fields">
      <div><label for="room_join">People invited into a session join</label>
        <select id="room_join" name="room_join"><option value="guest"<?cs if:rooms.join != "account" ?> selected<?cs /if ?>>with their name</option><option value="account"<?cs if:rooms.join == "account" ?> selected<?cs /if ?>>with a collaborator id and password</option></select></div>
      <div><label for="show_who">Who button in the viewer</label>
        <select id="show_who" name="show_who"><option value="1"<?cs if:rooms.show_who == "1" ?> selected<?cs /if ?>>shown</option><option value="0"<?cs if:rooms.show_who != "1" ?> selected<?cs /if ?>>hidden</option></select></div>
    </div>
    <p class="muted">Collaborators' ids and passwords are on the <a href="<?cs call:admin_link("/collaborators") ?>">Collaborators</a> page.</p>
    <button type="submit">Save the room settings</button>
  </form>
</section>
<section class="card" id="mail-settings">
  <h2>Alerts by e-mail</h2>
  <form method="post" action="/settings" id="alert-form" class="admin-form">
    <?cs call:settings_fields("alert") ?>
    <label for="alert_email">Tell this address when your help link is used on a domain you have not registered <span class="muted">(empty: nobody; the refused-link log keeps them)</span></label>
    <input type="email" id="alert_email" name="alert_email" maxlength="254" placeholder="webmaster@shop.example" value="<?cs if:form.do == "alert" ?><?cs var:form.alert_email ?><?cs else ?><?cs var:mail.alert_email ?><?cs /if ?>">
    <button type="submit">Save the alert address</button>
  </form>
  <p class="muted">Each site's help address (mail to it becomes a help request) is on the <a href="<?cs call:admin_link("/sites") ?>">Sites</a> page; who gets the weekly digest, on the <a href="<?cs call:admin_link("/agents") ?>">Agents</a> page.</p>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
