<?cs set:title = "Archive" ?><?cs set:page.name = "archive" ?>
<?cs include:"header.cs" ?>
<?cs include:"duration.cs" ?>
<section class="card wide" id="archive">
  <h1>Archive<?cs if:client_name ?>: <?cs var:client_name ?><?cs /if ?></h1>
  <form method="get" action="/archive" id="archive-search" class="search-form">
    <?cs if:is_operator ?>
    <div><label for="a-client">Client</label>
      <input type="text" id="a-client" name="client" value="<?cs var:client_slug ?>" placeholder="slug"></div>
    <?cs elif:client_slug ?><input type="hidden" name="client" value="<?cs var:client_slug ?>"><?cs /if ?>
    <div><label for="a-from">From</label>
      <input type="date" id="a-from" name="from" value="<?cs var:f.from ?>"></div>
    <div><label for="a-to">To</label>
      <input type="date" id="a-to" name="to" value="<?cs var:f.to ?>"></div>
    <div><label for="a-agent">Agent</label>
      <select id="a-agent" name="agent">
        <option value="">Any agent</option>
        <?cs each:a = agents ?><option value="<?cs var:a.id ?>"<?cs if:#a.id == #f.agent ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?>
      </select></div>
    <div><label for="a-site">Site</label>
      <select id="a-site" name="site">
        <option value="">Any site</option>
        <?cs each:s = sites ?><option value="<?cs var:s.id ?>"<?cs if:#s.id == #f.site ?> selected<?cs /if ?>><?cs var:s.name ?></option><?cs /each ?>
      </select></div>
    <div><label for="a-visitor">Visitor</label>
      <input type="text" id="a-visitor" name="visitor" value="<?cs var:f.visitor ?>" maxlength="100" placeholder="name or request id"></div>
    <div class="grow"><label for="a-q">Words said</label>
      <input type="text" id="a-q" name="q" value="<?cs var:f.q ?>" maxlength="200" placeholder="refund invoice"></div>
    <div><button type="submit">Search</button></div>
  </form>
  <?cs if:problem ?><p class="message" id="message" role="alert"><?cs var:problem ?></p>
  <?cs else ?>
  <p class="muted" id="found">Times are UTC. <?cs if:found == 0 ?>No session matches.<?cs else ?>Sessions <?cs var:(#page - 1) * 50 + 1 ?>–<?cs var:(#page - 1) * 50 + #found ?>, newest first.<?cs /if ?></p>
  <?cs if:found > 0 ?>
  <table class="grid" id="sessions">
    <thead><tr><th>Started</th><th>Agents</th><th>Visitor</th><th>Site</th><th>Length</th><th>Lines</th><th></th></tr></thead>
    <tbody>
    <?cs each:s = sessions ?>
    <tr data-session="<?cs var:s.id ?>">
      <td><?cs var:s.started ?><?cs if:s.state == "open" ?> <span class="chip live">live</span><?cs /if ?></td>
      <td><?cs var:s.agents ?></td>
      <td><?cs var:s.visitor ?></td>
      <td><?cs var:s.site ?></td>
      <td><?cs call:duration(s.seconds) ?></td>
      <td><?cs var:s.lines ?></td>
      <td class="actions"><a href="/session?id=<?cs var:url_escape(s.id) ?>">Transcript</a>
        <a href="/replay?id=<?cs var:url_escape(s.id) ?>">Replay</a></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
  <nav class="pages">
    <?cs if:prev_query ?><a href="/archive?<?cs var:prev_query ?>" rel="prev">Newer</a><?cs /if ?>
    <?cs if:next_query ?><a href="/archive?<?cs var:next_query ?>" rel="next">Older</a><?cs /if ?>
  </nav>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
