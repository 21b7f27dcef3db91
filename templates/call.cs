<?cs # call.cs - calls in the viewer (templates/channel.cs includes this and
     calls the macros where they go; htdocs/js/call.js makes them work).
     call_tools(): the Call button and its menu, in the viewer's tools.
     call_bar(): who is calling or in the call, their pictures or video,
     who speaks, and mute, camera and hang up; above the conversation. ?>
<?cs def:call_tools() ?><?cs if:channel.open && me.role != "supervisor" ?>
      <span class="call-tools" id="call-tools" hidden>
        <button type="button" class="tool" id="call-button" aria-haspopup="menu" aria-expanded="false">Call</button>
        <span class="call-menu" id="call-menu" role="menu" hidden>
          <button type="button" role="menuitem" class="menu-action" data-media="audio" id="call-audio">Voice call</button>
          <button type="button" role="menuitem" class="menu-action" data-media="video" id="call-video">Video call</button>
        </span>
      </span><?cs /if ?><?cs /def ?>
<?cs def:call_bar() ?><?cs if:channel.open ?>
      <section class="call-bar" id="call-bar" data-state="none" aria-label="Call" aria-live="polite" hidden>
        <p class="call-status" id="call-status"></p>
        <div class="call-actions" id="call-answer" hidden>
          <button type="button" id="call-join-video" data-media="video">Join with video</button>
          <button type="button" id="call-join-audio" class="secondary" data-media="audio">Join with voice only</button>
          <button type="button" id="call-decline" class="secondary decline">Decline</button>
        </div>
        <ul class="call-tiles" id="call-tiles" aria-label="In the call"></ul>
        <div class="call-actions" id="call-controls" hidden>
          <button type="button" class="tool" id="call-mute" aria-pressed="false">Mute</button>
          <button type="button" class="tool" id="call-camera" aria-pressed="false">Stop video</button>
          <button type="button" class="tool hangup" id="call-hangup">Hang up</button>
        </div>
        <p class="call-note muted" id="call-note" hidden></p>
      </section><?cs /if ?><?cs /def ?>
