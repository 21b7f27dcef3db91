<?cs # The agent's phone for the channel's call (htdocs/js/phone.js does the
     calling, through SIP over WebSocket): its state and the controls. ?>
<section id="phone" class="phone" aria-label="Phone" data-call="<?cs var:call.id ?>" data-number="<?cs var:call.number ?>" data-outbound="<?cs var:call.outbound ?>">
  <span class="phone-icon" aria-hidden="true">☎</span>
  <span id="phone-state" class="phone-state" role="status"><?cs if:call.outbound ?>Call-back to <?cs var:call.number ?>: connecting your phone…<?cs else ?>Caller <?cs var:call.number ?>: connecting your phone…<?cs /if ?></span>
  <span class="phone-controls" role="group" aria-label="Call controls">
    <button type="button" id="phone-mute" class="tool" aria-pressed="false" disabled>Mute</button>
    <button type="button" id="phone-hold" class="tool" aria-pressed="false" disabled>Hold</button>
    <button type="button" id="phone-keypad-button" class="tool" aria-expanded="false" aria-controls="phone-keypad" disabled>Keypad</button>
    <button type="button" id="phone-requeue" class="tool" disabled title="The caller waits for the next agent">Back to queue</button>
    <button type="button" id="phone-retry" class="tool" hidden>Connect again</button>
    <button type="button" id="phone-hangup" class="tool exit">Hang up</button>
  </span>
  <div id="phone-keypad" class="phone-keypad" role="group" aria-label="Keypad" hidden>
    <?cs each:k = phone_keys ?><button type="button" class="tool" data-digit="<?cs var:k ?>"><?cs var:k ?></button><?cs /each ?>
  </div>
  <audio id="phone-audio" autoplay></audio>
</section>
