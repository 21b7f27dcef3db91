<?cs # stage.cs - an event's stage in the viewer, for its speakers and
     producer (templates/room.cs includes this; htdocs/js/stage.js makes it
     work): the Backstage button, and its panel: the questions the producer
     passed to you (answer them in writing, or aloud and mark them), what is
     on the attendees' screens, the room's chat, and the backstage lines
     (the producer's private lines to you, and yours to them). ?>
<?cs def:stage_tools() ?><?cs if:channel.kind == "stage" && event.id && channel.open ?>
      <button type="button" class="tool" id="backstage-button" aria-controls="stage-panel" aria-expanded="false">Backstage <span class="count zero" id="backstage-count">0</span></button><?cs /if ?><?cs /def ?>
<?cs def:stage_panels() ?><?cs if:channel.kind == "stage" && event.id ?>
      <section id="stage-panel" class="panel stage-backstage" role="dialog" aria-labelledby="stage-panel-title" hidden
               data-event="<?cs var:event.id ?>" data-backstage="<?cs var:event.backstage ?>" data-backstage-token="<?cs var:me.backstage_token ?>"
               data-me-backstage="<?cs var:me.backstage ?>" data-producer="<?cs var:producer.backstage ?>" data-role="<?cs var:stage.role ?>" data-csrf="<?cs var:csrf ?>">
        <div class="panel-head"><h2 id="stage-panel-title">Backstage: <?cs var:event.title ?></h2><button type="button" class="panel-close" aria-label="Close backstage">×</button></div>
        <p class="muted small">Everything you lead, point at and draw, and every line you write in the conversation, reaches every attendee. What is here reaches only the producer and the speakers.</p>
        <h3>Questions passed to you</h3>
        <ol id="passed-questions" class="queue-list"></ol>
        <p id="passed-none" class="muted">None yet.</p>
        <h3>From the producer</h3>
        <ol id="backstage-notes" class="backstage-lines" aria-live="polite"></ol>
        <form id="backstage-form" class="note-form">
          <label for="backstage-text" class="visually-hidden">A private line to the producer</label>
          <input type="text" id="backstage-text" maxlength="2000" placeholder="A private line to the producer">
          <button type="submit" class="small">Send</button>
        </form>
        <h3>On the attendees' screens</h3>
        <ol id="stage-qa" class="qa"></ol>
        <h3>The room's chat</h3>
        <ol id="stage-room" class="room-lines"></ol>
      </section><?cs /if ?><?cs /def ?>
