/* phone.js - the agent's phone in the viewer (templates/phone_bar.cs), an
 * ES module: for the channel's call it asks /phone for a key, then dials
 * the dialer with SIP.js (htdocs/js/vendor/sip.js, over Kamailio's
 * WebSocket at /sip-ws) so that the browser's microphone and speaker carry
 * the call: the dialer calls the customer of a call-back as soon as this
 * phone is on, or joins a caller waiting in the IVR. Mute is local; hold,
 * back to the queue and hang-up are the dialer's (/phone); keypad digits
 * go as SIP INFO. An agent with a desk phone (baton-admin agent phone) gets
 * {desk:true} instead of a key: the dialer rings that phone, and this bar
 * keeps only the call's controls (hold, keypad, back to the queue, hang
 * up). The call's news ("Calling...", "answered") arrives as
 * the channel's "phone" events (channel.js). window.BatonPhone tells tests
 * the state and the inbound audio. */
import { Web } from './vendor/sip.js/lib/index.js';

const bar = document.getElementById('phone');
const root = document.getElementById('channel');
const B = window.Baton;

if (bar && root && B) start();

function start() {
  const channel = root.dataset.channel;
  const token = root.dataset.token;
  const stateEl = document.getElementById('phone-state');
  const audio = document.getElementById('phone-audio');
  const buttons = {
    mute: document.getElementById('phone-mute'),
    hold: document.getElementById('phone-hold'),
    keypad: document.getElementById('phone-keypad-button'),
    requeue: document.getElementById('phone-requeue'),
    retry: document.getElementById('phone-retry'),
    hangup: document.getElementById('phone-hangup'),
  };
  const keypad = document.getElementById('phone-keypad');
  let user = null;
  let state = 'connecting';
  let held = false;
  let desk = false;

  const say = (text) => { stateEl.textContent = text; };
  const setState = (s) => {
    state = s;
    bar.dataset.state = s;
    const live = s === 'on';
    for (const b of [buttons.mute, buttons.hold, buttons.keypad, buttons.requeue]) b.disabled = !live;
    buttons.retry.hidden = s !== 'failed';
    buttons.hangup.disabled = s === 'ended';
  };

  const post = (action, extra = {}) => B.postForm('/phone', { channel, token, action, ...extra });

  async function connect() {
    setState('connecting');
    say('Connecting your phone…');
    try {
      const answer = await post('key');
      if (answer.desk) {
        desk = true;
        buttons.mute.hidden = true;
        setState('on');
        say(answer.outbound ? `Call-back to ${answer.number}: your desk phone rings; pick it up.`
          : `Caller ${answer.number}: your desk phone rings; pick it up.`);
        return;
      }
      const ws = answer.ws.startsWith('/')
        ? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${answer.ws}` : answer.ws;
      user = new Web.SimpleUser(ws, {
        media: { constraints: { audio: true, video: false }, remote: { audio } },
        delegate: {
          onCallAnswered() {
            setState('on');
            say(answer.outbound ? `Call-back to ${answer.number}: your phone is on.` : `Caller ${answer.number}: your phone is on.`);
            audio.play().catch(() => offerSound());
          },
          onCallHangup() {
            if (state === 'ended') return;
            setState('ended');
            say('The call has ended.');
          },
          onServerDisconnect(error) {
            if (error && state !== 'ended') {
              setState('failed');
              say('The phone lost its connection.');
            }
          },
        },
        userAgentOptions: { displayName: 'Baton agent', logLevel: 'error' },
      });
      await user.connect();
      await user.call(answer.uri);
    } catch (err) {
      setState('failed');
      say(`The phone could not connect: ${err.message || err}`);
    }
  }

  /* A browser that will not play sound the page did not start: one click. */
  function offerSound() {
    const b = B.el('button', { type: 'button', class: 'tool', text: 'Turn on the sound' });
    b.addEventListener('click', () => { audio.play(); b.remove(); });
    stateEl.after(b);
  }

  buttons.mute.addEventListener('click', () => {
    if (!user) return;
    const muted = buttons.mute.getAttribute('aria-pressed') === 'true';
    if (muted) user.unmute(); else user.mute();
    buttons.mute.setAttribute('aria-pressed', String(!muted));
    buttons.mute.textContent = muted ? 'Mute' : 'Unmute';
  });

  buttons.hold.addEventListener('click', async () => {
    try {
      await post(held ? 'resume' : 'hold');
      held = !held;
      buttons.hold.setAttribute('aria-pressed', String(held));
      buttons.hold.textContent = held ? 'Resume' : 'Hold';
      say(held ? 'On hold: the customer hears music.' : 'Back on the call.');
    } catch (err) {
      say(err.message);
    }
  });

  buttons.keypad.addEventListener('click', () => {
    keypad.hidden = !keypad.hidden;
    buttons.keypad.setAttribute('aria-expanded', String(!keypad.hidden));
  });
  keypad.addEventListener('click', (e) => {
    const digit = e.target.closest('button') && e.target.closest('button').dataset.digit;
    if (!digit) return;
    if (user) user.sendDTMF(digit).catch(() => post('digits', { digits: digit }));
    else if (desk) post('digits', { digits: digit }).catch((err) => say(err.message));
  });

  buttons.requeue.addEventListener('click', async () => {
    try {
      const answer = await post('requeue');
      setState('ended');
      if (user) user.hangup().catch(() => {});
      location.assign(answer.next || '/console');
    } catch (err) {
      say(err.message);
    }
  });

  /* Hanging up is the dialer's: it ends both legs and sends this phone its
   * BYE. A BYE of ours as well would cross it (sip.js logs the one it
   * drops, and the dialer may take ours for the phone dropping out before
   * it hears that the agent hung up), so this phone goes quiet at once and
   * hangs up itself only if the dialer could not be told, or its BYE has
   * not come within HANGUP_GRACE_MS. */
  const HANGUP_GRACE_MS = 3000;
  const hangUpHere = () => {
    if (user && user.session) user.hangup().catch(() => { /* over already */ });
  };
  buttons.hangup.addEventListener('click', async () => {
    setState('ended');
    say('The call has ended.');
    if (user) {
      user.mute();
      audio.muted = true;
    }
    try {
      await post('hangup');
      setTimeout(hangUpHere, HANGUP_GRACE_MS);
    } catch (e) {
      hangUpHere();
    }
  });

  buttons.retry.addEventListener('click', connect);

  // The dialer's news of the call, in the channel's record.
  if (window.BatonChannel) {
    window.BatonChannel.on('event', (ev) => {
      if (ev.kind === 'phone' && ev.body && state !== 'ended') say(ev.body);
    });
    window.BatonChannel.on('ended', () => {
      if (user && state !== 'ended') user.hangup().catch(() => {});
      setState('ended');
    });
  }
  window.addEventListener('pagehide', () => {
    if (user && state !== 'ended') user.hangup().catch(() => {});
  });

  window.BatonPhone = Object.freeze({
    get state() { return state; },
    get desk() { return desk; },
    /* Bytes and level of the audio arriving from the call (getStats). */
    async inboundAudio() {
      const session = user && user.session;
      const pc = session && session.sessionDescriptionHandler && session.sessionDescriptionHandler.peerConnection;
      if (!pc) return { bytes: 0, energy: 0 };
      const stats = await pc.getStats();
      let out = { bytes: 0, energy: 0 };
      stats.forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') out = { bytes: s.bytesReceived || 0, energy: s.totalAudioEnergy || 0 };
      });
      return out;
    },
  });

  connect();
}
