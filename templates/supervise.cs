<?cs set:title = "Supervise" ?><?cs set:page.name = "supervise" ?>
<?cs set:scripts.0 = "/js/supervise.js" ?>
<?cs include:"header.cs" ?>
<section class="card" id="supervise" data-version="<?cs var:desk.version ?>" data-client="<?cs var:client_slug ?>" data-csrf="<?cs var:csrf ?>">
  <h1>The desk, live</h1>
  <p id="queue-summary"><strong id="waiting"><?cs var:desk.waiting ?></strong> waiting;
     the oldest for <strong id="oldest-wait"><?cs var:desk.oldest_wait ?></strong> s
     <span class="muted">(target <?cs var:desk.wait_target ?> s)</span>.</p>
  <p id="queue-alert" class="alert" role="alert"<?cs if:!desk.queue_alert ?> hidden<?cs /if ?>><?cs var:desk.queue_alert ?></p>
  <table class="agents" id="agents">
    <thead><tr><th>Agent</th><th>State</th><th>For</th><th>Sessions</th><th>Running</th><th></th></tr></thead>
    <tbody>
    <?cs each:a = agents ?>
    <tr data-agent="<?cs var:a.id ?>"<?cs if:a.alert ?> class="alerting"<?cs /if ?>>
      <td><?cs var:a.name ?></td><td class="state"><?cs var:a.state ?></td>
      <td><?cs var:a.state_seconds ?> s</td><td><?cs var:a.sessions ?> / <?cs var:a.max_sessions ?></td>
      <td><?cs var:a.session_seconds ?></td>
      <td class="alert"><?cs var:a.alert ?></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
</section>
<?cs include:"footer.cs" ?>
