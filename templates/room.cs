<?cs # room.cs - rooms in the viewer (templates/channel.cs includes this and
     calls the macros where they go; htdocs/js/room.js makes them work).
     room_tools(): the Invite button, for those who may invite.
     room_list(): in the Rooms panel, the client's open rooms (staff).
     room_panels(): the Invite panel: a new link (single use or up to a
     number of people, expiring; sent to an address if given), the links
     made so far, and who else may invite. ?>
<?cs # An event's stage (issue 17): the speakers' panel, templates/stage.cs. ?>
<?cs include:"stage.cs" ?>
<?cs if:channel.kind == "stage" && event.id ?><?cs set:scripts.24 = "/js/stage.js" ?><?cs set:styles.23 = "/css/event.css" ?><?cs /if ?>
<?cs def:room_tools() ?><?cs call:stage_tools() ?><?cs if:me.may_invite && channel.open ?>
      <button type="button" class="tool" id="invite-button" aria-controls="panel-invite" aria-expanded="false"><?cs var:t.room.invite ?></button><?cs /if ?><?cs /def ?>
<?cs def:room_list() ?><?cs if:subcount(client_rooms) > 0 ?>
        <h3><?cs var:t.room.open_rooms ?></h3>
        <ul id="client-rooms" class="rooms-list">
          <?cs each:room = client_rooms ?><?cs if:room.id != channel.id ?><li data-room="<?cs var:room.id ?>">
            <?cs if:room.mine > 0 ?><a href="/channel?id=<?cs var:url_escape(room.id) ?>"><?cs var:room.name ?></a>
            <?cs else ?><form method="post" action="/rooms" class="inline">
              <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
              <input type="hidden" name="action" value="join">
              <input type="hidden" name="channel" value="<?cs var:room.id ?>">
              <button type="submit" class="link"><?cs var:room.name ?></button>
            </form> <span class="muted"><?cs var:t.room.join ?></span><?cs /if ?>
            <span class="muted"><?cs call:fill(t.room.here, room.people) ?><?cs if:room.names ?>: <?cs var:room.names ?><?cs /if ?></span></li><?cs /if ?><?cs /each ?>
        </ul><?cs /if ?>
        <p><a href="/rooms"><?cs var:t.room.all_rooms ?></a></p><?cs /def ?>
<?cs def:room_panels() ?><?cs call:stage_panels() ?><?cs if:me.may_invite && channel.open ?>
      <section id="panel-invite" class="panel" role="dialog" aria-labelledby="panel-invite-title" hidden data-owner="<?cs var:channel.owner ?>" data-staff="<?cs if:me.role == "agent" ?>1<?cs else ?>0<?cs /if ?>">
        <div id="room-words" hidden data-for-one="<?cs var:t.room.for_one ?>" data-for-many="<?cs var:t.room.for_many ?>" data-used="<?cs var:t.room.used ?>" data-until="<?cs var:t.room.until ?>" data-sent-to="<?cs var:t.room.sent_to ?>" data-state-open="<?cs var:t.room.state_open ?>" data-state-used-up="<?cs var:t.room.state_used_up ?>" data-state-expired="<?cs var:t.room.state_expired ?>" data-state-revoked="<?cs var:t.room.state_revoked ?>" data-withdraw="<?cs var:t.room.withdraw ?>" data-no-visitor="<?cs var:t.room.no_visitor ?>" data-mailed="<?cs var:t.room.mailed ?>" data-copied="<?cs var:t.room.copied ?>" data-press-copy="<?cs var:t.room.press_copy ?>" data-server-answered="<?cs var:t.room.server_answered ?>"></div>
        <div class="panel-head"><h2 id="panel-invite-title"><?cs var:t.room.invite_people ?></h2><button type="button" class="panel-close" aria-label="<?cs var:t.room.close_invitations ?>">×</button></div>
        <form id="invite-form" class="invite-form" novalidate>
          <fieldset>
            <legend><?cs var:t.room.who_may_use ?></legend>
            <label><input type="radio" name="reuse" value="one" checked> <?cs var:t.room.one_person ?></label>
            <label><input type="radio" name="reuse" value="many"> <?cs call:split(t.room.up_to) ?><?cs var:split.before ?><input type="number" id="invite-uses" name="uses" min="2" max="1000" value="5" aria-label="<?cs var:t.room.how_many ?>"><?cs var:split.after ?></label>
          </fieldset>
          <label for="invite-hours"><?cs var:t.room.works_for ?></label>
          <select id="invite-hours" name="hours">
            <option value="1"><?cs var:t.room.hour ?></option>
            <option value="8"><?cs var:t.room.hours_8 ?></option>
            <option value="24" selected><?cs var:t.room.day ?></option>
            <option value="168"><?cs var:t.room.week ?></option>
            <option value="720"><?cs var:t.room.days_30 ?></option>
          </select>
          <label for="invite-email"><?cs var:t.room.send_to ?> <span class="muted"><?cs var:t.help.optional ?></span></label>
          <input type="email" id="invite-email" name="email" maxlength="254" placeholder="<?cs var:t.room.email_example ?>" autocomplete="off">
          <label for="invite-name"><?cs var:t.room.their_name ?> <span class="muted"><?cs var:t.help.optional ?></span></label>
          <input type="text" id="invite-name" name="name" maxlength="100" autocomplete="off">
          <button type="submit" id="invite-make"><?cs var:t.room.make ?></button>
        </form>
        <div id="invite-made" class="invite-made" hidden>
          <label for="invite-link"><?cs var:t.room.the_link ?></label>
          <div class="row"><input type="text" id="invite-link" readonly><button type="button" id="invite-copy" class="secondary"><?cs var:t.room.copy ?></button></div>
          <p id="invite-note" class="muted" role="status"></p>
        </div>
        <h3><?cs var:t.room.so_far ?></h3>
        <ul id="invite-list" class="invite-list"></ul>
        <p id="invite-none" class="muted"><?cs var:t.room.none_yet ?></p>
        <div id="invite-allow" hidden>
          <h3><?cs var:t.room.who_else ?></h3>
          <ul id="invite-allow-list" class="invite-allow-list"></ul>
        </div>
      </section><?cs /if ?><?cs /def ?>
