<?cs set:title = "Rooms" ?><?cs set:page.name = "rooms" ?>
<?cs include:"header.cs" ?>
<section class="card" id="rooms">
  <h1>Rooms</h1>
  <p>A room is a session you open yourself and invite people into (from the viewer's <strong>Invite</strong>
     button): colleagues, customers, anyone with the link. Everyone in it chats, browses together, passes the
     baton, points, draws and calls, as in any session.</p>
  <form method="post" action="/rooms" id="room-open-form" class="row">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="action" value="open">
    <label for="room-name">Name</label>
    <input type="text" id="room-name" name="name" maxlength="200" placeholder="e.g. Kitchen planning with the Smiths">
    <button type="submit">Open a room</button>
  </form>
</section>
<section class="card" id="open-rooms-card">
  <h2>Open rooms <span class="count"><?cs var:subcount(client_rooms) ?></span></h2>
  <ul id="open-rooms" class="rooms-list">
    <?cs each:room = client_rooms ?><li data-room="<?cs var:room.id ?>">
      <strong><?cs var:room.name ?></strong> <span class="muted"><?cs var:room.people ?> here<?cs if:room.names ?>: <?cs var:room.names ?><?cs /if ?></span>
      <?cs if:room.mine > 0 ?><a href="/channel?id=<?cs var:url_escape(room.id) ?>">Go back in</a>
      <?cs else ?><form method="post" action="/rooms" class="inline">
        <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
        <input type="hidden" name="action" value="join">
        <input type="hidden" name="channel" value="<?cs var:room.id ?>">
        <button type="submit" class="secondary small">Join</button>
      </form><?cs /if ?>
    </li><?cs /each ?>
  </ul>
  <?cs if:subcount(client_rooms) == 0 ?><p class="muted" id="open-rooms-empty">No room is open.</p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
