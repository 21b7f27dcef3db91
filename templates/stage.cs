<?cs # stage.cs - an event's stage in the viewer, for its speakers and
     producer (templates/room.cs includes this; htdocs/js/stage.js makes it
     work): the Backstage button, and its panel: the questions the producer
     passed to you (answer them in writing, or aloud and mark them), what is
     on the attendees' screens, the room's chat, and the backstage lines
     (the producer's private lines to you, and yours to them). ?>
<?cs def:stage_tools() ?><?cs if:channel.kind == "stage" && event.id && channel.open ?>
      <button type="button" class="tool" id="backstage-button" aria-controls="stage-panel" aria-expanded="false"><?cs var:t.stage.backstage ?> <span class="count zero" id="backstage-count">0</span></button><?cs /if ?><?cs /def ?>
<?cs def:stage_panels() ?><?cs if:channel.kind == "stage" && event.id ?>
      <section id="stage-panel" class="panel stage-backstage" role="dialog" aria-labelledby="stage-panel-title" hidden
               data-event="<?cs var:event.id ?>" data-backstage="<?cs var:event.backstage ?>" data-backstage-token="<?cs var:me.backstage_token ?>"
               data-me-backstage="<?cs var:me.backstage ?>" data-producer="<?cs var:producer.backstage ?>" data-role="<?cs var:stage.role ?>" data-csrf="<?cs var:csrf ?>">
        <div id="stage-words" hidden data-answer-writing="<?cs var:t.stage.answer_writing ?>" data-answer-whose="<?cs var:t.stage.answer_whose ?>" data-answer="<?cs var:t.stage.answer ?>" data-aloud="<?cs var:t.stage.aloud ?>" data-aloud-note="<?cs var:t.stage.aloud_note ?>" data-you="<?cs var:t.stage.you ?>" data-someone="<?cs var:t.viewer.someone ?>" data-private="<?cs var:t.stage.private ?>"></div>
        <div class="panel-head"><h2 id="stage-panel-title"><?cs call:fill(t.stage.title, event.title) ?></h2><button type="button" class="panel-close" aria-label="<?cs var:t.stage.close ?>">×</button></div>
        <p class="muted small"><?cs var:t.stage.intro ?></p>
        <h3><?cs var:t.stage.passed ?></h3>
        <ol id="passed-questions" class="queue-list"></ol>
        <p id="passed-none" class="muted"><?cs var:t.stage.none_yet ?></p>
        <h3><?cs var:t.stage.from_producer ?></h3>
        <ol id="backstage-notes" class="backstage-lines" aria-live="polite"></ol>
        <form id="backstage-form" class="note-form">
          <label for="backstage-text" class="visually-hidden"><?cs var:t.stage.private_line ?></label>
          <input type="text" id="backstage-text" maxlength="2000" placeholder="<?cs var:t.stage.private_line ?>">
          <button type="submit" class="small"><?cs var:t.attend.send ?></button>
        </form>
        <h3><?cs var:t.stage.on_screens ?></h3>
        <ol id="stage-qa" class="qa"></ol>
        <h3><?cs var:t.stage.room_chat ?></h3>
        <ol id="stage-room" class="room-lines"></ol>
      </section><?cs /if ?><?cs /def ?>
