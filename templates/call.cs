<?cs # call.cs - calls in the viewer (templates/channel.cs includes this and
     calls the macros where they go; htdocs/js/call.js makes them work).
     call_tools(): the Call button and its menu, in the viewer's tools.
     call_bar(): who is calling or in the call, their pictures or video,
     who speaks, and mute, camera and hang up; above the conversation;
     #call-words, what call.js writes, in the reader's language. ?>
<?cs def:call_tools() ?><?cs if:channel.open && me.role != "supervisor" ?>
      <span class="call-tools" id="call-tools" hidden>
        <button type="button" class="tool" id="call-button" aria-haspopup="menu" aria-expanded="false"><?cs var:t.call.call ?></button>
        <span class="call-menu" id="call-menu" role="menu" hidden>
          <button type="button" role="menuitem" class="menu-action" data-media="audio" id="call-audio"><?cs var:t.call.voice ?></button>
          <button type="button" role="menuitem" class="menu-action" data-media="video" id="call-video"><?cs var:t.call.video ?></button>
        </span>
      </span><?cs /if ?><?cs /def ?>
<?cs def:call_bar() ?><?cs if:channel.open ?>
      <div id="call-words" hidden data-someone="<?cs var:t.viewer.someone ?>" data-not-reached="<?cs var:t.call.not_reached ?>" data-not-set-up="<?cs var:t.call.not_set_up ?>" data-needs-https="<?cs var:t.call.needs_https ?>" data-no-camera="<?cs var:t.call.no_camera ?>" data-mic-refused="<?cs var:t.call.mic_refused ?>" data-no-mic="<?cs var:t.call.no_mic ?>" data-nobody-answered="<?cs var:t.call.nobody_answered ?>" data-camera-failed="<?cs var:t.call.camera_failed ?>" data-name-you="<?cs var:t.call.name_you ?>" data-ringing="<?cs var:t.call.ringing ?>" data-muted="<?cs var:t.call.muted ?>" data-listening="<?cs var:t.call.listening ?>" data-connection-lost="<?cs var:t.call.connection_lost ?>" data-connecting="<?cs var:t.call.connecting ?>" data-under-way="<?cs var:t.call.under_way ?>" data-calling="<?cs var:t.call.calling ?>" data-the-others="<?cs var:t.call.the_others ?>" data-listening-to="<?cs var:t.call.listening_to ?>" data-in-video-call="<?cs var:t.call.in_video_call ?>" data-in-voice-call="<?cs var:t.call.in_voice_call ?>" data-calling-you="<?cs var:t.call.calling_you ?>" data-calling-you-video="<?cs var:t.call.calling_you_video ?>" data-are-in-call="<?cs var:t.call.are_in_call ?>" data-started-video="<?cs var:t.call.started_video ?>" data-started-voice="<?cs var:t.call.started_voice ?>" data-listen="<?cs var:t.call.listen ?>" data-join-audio="<?cs var:t.call.join_audio ?>" data-join="<?cs var:t.call.join ?>" data-unmute="<?cs var:t.call.unmute ?>" data-mute="<?cs var:t.call.mute ?>" data-start-video="<?cs var:t.call.start_video ?>" data-stop-video="<?cs var:t.call.stop_video ?>" data-cancel="<?cs var:t.call.cancel ?>" data-stop-listening="<?cs var:t.call.stop_listening ?>" data-hang-up="<?cs var:t.call.hang_up ?>"></div>
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
