<?cs # call.cs - calls in the viewer (templates/channel.cs includes this and
     calls the macros where they go; htdocs/js/call.js makes them work).
     call_tools(): the Call button and its menu, in the viewer's tools.
     call_bar(): who is calling or in the call, their pictures or video,
     who speaks, and mute, camera and hang up; above the conversation. ?>
<?cs def:call_tools() ?><?cs if:channel.open && me.role != "supervisor" ?>
      <span class="call-tools" id="call-tools" hidden>
        <button type="button" class="tool" id="call-button" aria-haspopup="menu" aria-expanded="false"><?cs var:t.call.call ?></button>
        <span class="call-menu" id="call-menu" role="menu" hidden>
          <button type="button" role="menuitem" class="menu-action" data-media="audio" id="call-audio"><?cs var:t.call.voice ?></button>
          <button type="button" role="menuitem" class="menu-action" data-media="video" id="call-video"><?cs var:t.call.video ?></button>
        </span>
      </span><?cs /if ?><?cs /def ?>
<?cs def:call_bar() ?><?cs if:channel.open ?>
      <section class="call-bar" id="call-bar" data-state="none" aria-label="<?cs var:t.call.bar ?>" aria-live="polite" hidden>
        <p class="call-status" id="call-status"></p>
        <div class="call-actions" id="call-answer" hidden>
          <button type="button" id="call-join-video" data-media="video"><?cs var:t.call.join_video ?></button>
          <button type="button" id="call-join-audio" class="secondary" data-media="audio"><?cs var:t.call.join_audio ?></button>
          <button type="button" id="call-decline" class="secondary decline"><?cs var:t.call.decline ?></button>
        </div>
        <ul class="call-tiles" id="call-tiles" aria-label="<?cs var:t.call.in_call ?>"></ul>
        <div class="call-actions" id="call-controls" hidden>
          <button type="button" class="tool" id="call-mute" aria-pressed="false"><?cs var:t.call.mute ?></button>
          <button type="button" class="tool" id="call-camera" aria-pressed="false"><?cs var:t.call.stop_video ?></button>
          <button type="button" class="tool hangup" id="call-hangup"><?cs var:t.call.hang_up ?></button>
        </div>
        <p class="call-note muted" id="call-note" hidden></p>
      </section><?cs /if ?><?cs /def ?>
