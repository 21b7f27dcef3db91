<?cs set:title = "Supervise" ?><?cs set:page.name = "supervise" ?>
<?cs set:scripts.0 = "/js/supervise.js" ?>
<?cs include:"header.cs" ?>
<?cs include:"duration.cs" ?>
<section class="card wide" id="supervise" data-version="<?cs var:desk.version ?>" data-client="<?cs var:client_slug ?>" data-csrf="<?cs var:csrf ?>" data-wait-target="<?cs var:desk.wait_target ?>">
  <h1>The desk, live</h1>
  <p class="muted"><a href="/archive<?cs if:client_slug ?>?client=<?cs var:url_escape(client_slug) ?><?cs /if ?>" id="archive-link">Past sessions: the archive</a></p>
  <p id="queue-summary" class="desk-summary"><strong id="waiting"><?cs var:desk.waiting ?></strong> waiting<span id="oldest"<?cs if:desk.waiting == 0 ?> hidden<?cs /if ?>>;
     the oldest for <strong id="oldest-wait" data-seconds="<?cs var:desk.oldest_wait ?>"><?cs call:duration(desk.oldest_wait) ?></strong></span>
     <span class="muted">(target <?cs call:duration(desk.wait_target) ?>)</span>.</p>
  <p id="queue-alert" class="alert" role="alert"<?cs if:!desk.queue_alert ?> hidden<?cs /if ?>><?cs var:desk.queue_alert ?></p>
  <p id="connection" class="connection" role="status"></p>
  <h2>The queue</h2>
  <p class="muted">In the order visitors are served: higher priority first, then the longest wait. Change a visitor's priority to put them ahead (it stays on their profile for next time).</p>
  <table class="grid" id="queue-table">
    <thead><tr><th>Visitor</th><th>Waiting</th><th>Priority</th></tr></thead>
    <tbody id="queue-body">
    <?cs each:q = queue ?>
    <tr data-request="<?cs var:q.id ?>" data-state="<?cs var:q.state ?>"<?cs if:q.target ?> data-target="<?cs var:q.target ?>"<?cs /if ?><?cs if:q.target && q.state == "waiting" && #q.waited > #q.target ?> class="late"<?cs /if ?>><td><strong><?cs if:q.name ?><?cs var:q.name ?><?cs else ?>Visitor<?cs /if ?></strong><?cs if:q.level ?> <span class="chip level-chip"><?cs var:q.level ?></span><?cs /if ?> <span class="chip late-chip"<?cs if:!(q.target && q.state == "waiting" && #q.waited > #q.target) ?> hidden<?cs /if ?>>late</span><?cs if:q.offered_to ?> <span class="muted">offered to <?cs var:q.offered_to ?></span><?cs /if ?><?cs if:q.question ?><br><span class="question"><?cs var:q.question ?></span><?cs /if ?></td>
      <td class="waited" data-seconds="<?cs var:q.waited ?>"><?cs call:duration(q.waited) ?></td>
      <td><form method="post" action="/priority" class="row priority-form">
        <input type="hidden" name="csrf" value="<?cs var:csrf ?>"><input type="hidden" name="request" value="<?cs var:q.id ?>">
        <label class="visually-hidden" for="priority-<?cs var:q.id ?>">Priority</label>
        <input type="number" id="priority-<?cs var:q.id ?>" name="priority" min="0" max="1000" value="<?cs var:q.priority ?>" class="narrow-number">
        <button type="submit" class="secondary">Set</button></form></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  <p id="queue-none" class="muted"<?cs if:subcount(queue) > 0 ?> hidden<?cs /if ?>>Nobody is waiting.</p>
  <h2>Agents</h2>
  <table class="grid agents" id="agents">
    <thead><tr><th>Agent</th><th>State</th><th>For</th><th>Sessions</th><th>Running</th><th>Alert</th></tr></thead>
    <tbody id="agents-body">
    <?cs each:a = agents ?>
    <tr data-agent="<?cs var:a.id ?>"<?cs if:a.alert ?> class="alerting"<?cs /if ?>>
      <td class="name"><?cs var:a.name ?></td>
      <td class="state" data-state="<?cs var:a.state ?>"><?cs var:a.state ?></td>
      <td class="for" data-seconds="<?cs var:a.state_seconds ?>"><?cs call:duration(a.state_seconds) ?></td>
      <td class="sessions"><?cs var:a.sessions ?> / <?cs var:a.max_sessions ?></td>
      <td class="running">
        <?cs each:s = a.live ?><form method="post" action="/monitor" target="_blank" class="monitor-form" data-channel="<?cs var:s.id ?>">
          <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
          <input type="hidden" name="channel" value="<?cs var:s.id ?>">
          <span class="length" data-seconds="<?cs var:s.seconds ?>"><?cs call:duration(s.seconds) ?></span>
          <button type="submit" class="secondary">Monitor</button>
        </form><?cs /each ?>
      </td>
      <td class="alert"><?cs var:a.alert ?></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  <p id="no-agents" class="muted"<?cs if:subcount(agents) > 0 ?> hidden<?cs /if ?>>This client has no agents yet.</p>

  <h2>Calls now</h2>
  <table class="grid calls" id="calls">
    <thead><tr><th>Call</th><th>Number</th><th>State</th><th>Agent</th><th>For</th><th>Talking</th></tr></thead>
    <tbody id="calls-body">
    <?cs each:c = calls ?>
    <tr data-call="<?cs var:c.id ?>"><td><?cs if:c.direction == "outbound" ?>call-back<?cs else ?>incoming<?cs /if ?></td>
      <td><?cs var:c.number ?></td><td class="state"><?cs var:c.state ?></td><td><?cs var:c.agent ?></td>
      <td data-seconds="<?cs var:c.seconds ?>"><?cs call:duration(c.seconds) ?></td>
      <td<?cs if:c.talk_seconds ?> data-seconds="<?cs var:c.talk_seconds ?>"<?cs /if ?>><?cs if:c.talk_seconds ?><?cs call:duration(c.talk_seconds) ?><?cs /if ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  <p id="no-calls" class="muted"<?cs if:subcount(calls) > 0 ?> hidden<?cs /if ?>>No call is going on.</p>

  <h2>The call-back list</h2>
  <table class="grid callbacks" id="callbacks">
    <thead><tr><th>Visitor</th><th>Number</th><th>Due</th><th>Tries</th><th>Waiting</th></tr></thead>
    <tbody id="callbacks-body">
    <?cs each:b = callbacks ?>
    <tr data-request="<?cs var:b.id ?>"><td><?cs if:b.name ?><?cs var:b.name ?><?cs else ?>Visitor<?cs /if ?></td>
      <td><?cs var:b.phone ?></td>
      <td class="due"><?cs if:b.state == "offered" ?>offered now<?cs elif:b.due == "1" ?>now<?cs elif:b.next_attempt_at ?>next try <time datetime="<?cs var:b.next_attempt_at ?>"><?cs var:b.next_attempt_at ?></time><?cs elif:b.preferred_at ?>at <time datetime="<?cs var:b.preferred_at ?>"><?cs var:b.preferred_at ?></time><?cs else ?>when calling hours open<?cs /if ?></td>
      <td><?cs var:b.attempts ?></td>
      <td data-seconds="<?cs var:b.waited ?>"><?cs call:duration(b.waited) ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  <p id="no-callbacks" class="muted"<?cs if:subcount(callbacks) > 0 ?> hidden<?cs /if ?>>Nobody is waiting to be called back.</p>
</section>
<?cs include:"footer.cs" ?>
