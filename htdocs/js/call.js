/* call.js - voice and video calls in the viewer (templates/call.cs; the
 * rules are the server's, lib/call.h): Call offers a voice or video call to
 * everyone here; the others see who calls and join (with video, or voice
 * only) or decline; the bar shows who is in the call, their video or
 * picture, who is muted and who speaks; each can mute, stop their camera and
 * hang up.
 *
 * Up to four people talk through a mesh: one RTCPeerConnection per pair,
 * the newcomer offering to everyone already in (so two never offer to each
 * other at once), media peer to peer where it can go and through the TURN
 * relay where it cannot (the ICE servers, with a TURN credential minted for
 * this person, come with each start or join). Offers, answers and ICE
 * candidates go through /signal and come back as 'rtc' events of the
 * channel's feed, addressed to this person alone (channel.js hears them).
 * Every step of the call (/call) is a 'call' event; on each, the state is
 * read again from GET /call, the one source of truth.
 *
 * The camera and microphone are asked for only after a click of one's own
 * (Call, Join), so a visitor is never on camera or microphone unasked, and
 * the browser's permission prompt comes after that click. Declining asks
 * for nothing. Hanging up, and a call ending, stop every track.
 *
 * A supervisor may listen where the client allows it (GET /call says
 * may_listen): their browser offers to the agents only, receiving; the
 * agent's browser answers by sending its own voice and the voices it hears,
 * so the visitor's browser never learns of them.
 *
 * window.BatonCall is for the tests (and the curious): the state, and the
 * peer connections for getStats(). window.BatonCallOptions, set before this
 * script runs, may ask for { iceTransportPolicy: 'relay' } (as baton.conf's
 * call_relay_only does for everyone). Uses baton.js
 * and channel.js (window.BatonChannel). */
(function () {
  'use strict';
  const B = window.Baton;
  const C = window.BatonChannel;
  const bar = document.getElementById('call-bar');
  if (!B || !C || !bar || !window.RTCPeerConnection) return;
  const { el } = B;
  // The words in the reader's language (templates/call.cs's #call-words).
  const say = B.words(document.getElementById('call-words'));
  const $ = (id) => document.getElementById(id);

  const options = window.BatonCallOptions || {};
  const { channelId, token, me } = C;
  const RING_MS = 60000;           // an unanswered call is given up after this
  const CANDIDATE_BATCH_MS = 60;   // candidates found together go in one post
  const LEVEL_EVERY_MS = 250;
  const SPEAKING_LEVEL = 0.02;
  const FAILED_GRACE_MS = 8000;    // a lost connection gets this long to come back

  const tools = $('call-tools');
  const callButton = $('call-button');
  const menu = $('call-menu');
  const status = $('call-status');
  const answer = $('call-answer');
  const tiles = $('call-tiles');
  const controls = $('call-controls');
  const muteButton = $('call-mute');
  const cameraButton = $('call-camera');
  const hangupButton = $('call-hangup');
  const note = $('call-note');

  let call = null;         // GET /call's call, or null
  let mayListen = false;
  let ice = [];            // ICE servers for this person
  let iceExpires = 0;      // seconds since 1970; 0: no TURN credential
  let local = null;        // my MediaStream while I am in the call
  let muted = false;
  let cameraOff = false;
  let busy = false;        // a click is being carried out
  let ringTimer = null;
  let lastCallSeen = 0;    // the newest call id this page knows of
  const peers = new Map(); // participant id -> peer
  const early = new Map(); // participant id -> candidates that came before their offer

  /* A word under the call bar (what went wrong, what happened). */
  function tell(text) {
    note.hidden = false;
    note.textContent = text;
  }

  /* ---- the server ------------------------------------------------------ */

  function post(action, fields = {}) {
    return B.postForm('/call', { channel: channelId, token, action, ...fields });
  }

  let refreshing = null;
  let refreshAgain = false;
  /* Reads the call again; calls in a row fold into one read (and one more
   * after it, so the last change is never missed). */
  function refresh() {
    if (refreshing) {
      refreshAgain = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        refreshAgain = false;
        try {
          const res = await fetch(`/call?channel=${encodeURIComponent(channelId)}`, {
            credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' },
          });
          const body = await res.json();
          if (res.ok) apply(body);
        } catch (e) {
          // The feed says when the connection is lost; the next event reads again.
        }
      } while (refreshAgain);
      refreshing = null;
    })();
    return refreshing;
  }

  let relayOnly = options.iceTransportPolicy === 'relay';
  function takeIce(body) {
    if (Array.isArray(body.ice)) {
      ice = body.ice;
      iceExpires = Number(body.ice_expires) || 0;
      // The installation may keep everyone's address from the others.
      relayOnly = body.relay_only === true || options.iceTransportPolicy === 'relay';
    }
  }
  const policy = () => (relayOnly ? 'relay' : 'all');

  /* ---- state ----------------------------------------------------------- */

  function memberOf(id) {
    return call ? call.members.find((m) => m.id === id) : undefined;
  }
  function myState() {
    const m = memberOf(me);
    return m ? m.state : null;
  }
  function nameOf(id) {
    const m = memberOf(id);
    if (m) return m.name;
    const p = C.people.get(id);
    return p ? p.name : say('someone');
  }
  function joinedOthers() {
    return call ? call.members.filter((m) => m.state === 'joined' && m.id !== me) : [];
  }
  /* Whom this browser talks to: everyone in the call, except that a
   * listener talks only with agents, and agents with listeners too. */
  function talksWith(m) {
    if (C.isSupervisor) return m.role === 'agent';
    if (m.role === 'supervisor') return C.role === 'agent';
    return true;
  }

  function apply(body) {
    const was = call;
    call = body.call || null;
    mayListen = !!body.may_listen;
    takeIce(body);
    if (call) lastCallSeen = Math.max(lastCallSeen, call.id);
    const mine = myState();
    if (!call || (was && was.id !== call.id) || (mine !== 'joined' && local && !busy)) {
      // The call is over (or another one began): nothing of the old one stays.
      teardown();
    }
    if (call && mine === 'joined') {
      for (const [id, peer] of peers) {
        const m = memberOf(id);
        if (!m || m.state !== 'joined') closePeer(id, peer);
      }
      // A listener that joined after us offers to us; we never offer to it.
    }
    render();
  }

  /* ---- the peer connections ---------------------------------------------- */

  function newPeer(id, initiator) {
    const pc = new RTCPeerConnection({ iceServers: ice, iceTransportPolicy: policy() });
    const peer = { id, pc, initiator, stream: new MediaStream(), pending: early.get(id) || [], candidates: [],
      timer: null, failedTimer: null, level: 0, callId: call ? call.id : 0, sending: Promise.resolve() };
    early.delete(id);
    peers.set(id, peer);
    const m = memberOf(id);
    if (C.isSupervisor) {
      // A listener only receives: the agent's voice and the voices it hears.
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.addTransceiver('audio', { direction: 'recvonly' });
    } else if (m && m.role === 'supervisor') {
      // Answering a listener: tracks are put on its transceivers later.
    } else if (local) {
      for (const track of local.getTracks()) pc.addTrack(track, local);
      if (initiator && call && call.media === 'video' && !local.getVideoTracks().length) {
        pc.addTransceiver('video', { direction: 'recvonly' });
      }
    }
    pc.addEventListener('track', (e) => {
      peer.stream.addTrack(e.track);
      e.track.addEventListener('ended', () => peer.stream.removeTrack(e.track));
      if (C.role === 'agent') feedListeners();
      render();
    });
    pc.addEventListener('icecandidate', (e) => {
      if (!e.candidate) return;
      peer.candidates.push(e.candidate.toJSON());
      if (!peer.timer) peer.timer = setTimeout(() => sendCandidates(peer), CANDIDATE_BATCH_MS);
    });
    pc.addEventListener('connectionstatechange', () => connectionChanged(peer));
    return peer;
  }

  function sendCandidates(peer) {
    peer.timer = null;
    if (!peer.candidates.length || peers.get(peer.id) !== peer) return;
    const list = peer.candidates.splice(0);
    signal(peer, 'candidate', JSON.stringify(list));
  }

  /* Signals to one person go one after the other, so they arrive in the
   * order they were made (an offer before its candidates). */
  function signal(peer, type, data) {
    const fields = { channel: channelId, token, call: String(peer.callId), to: String(peer.id), type, data };
    peer.sending = peer.sending.then(() => B.postForm('/signal', fields)).catch((err) => {
      // 409 or 400: the call (or the other's part in it) is over; the events say so.
      if (err.status !== 409 && err.status !== 400) tell(say('notReached', { name: nameOf(peer.id), error: err.message }));
    });
    return peer.sending;
  }

  async function offer(peer, restart) {
    const { pc } = peer;
    const description = await pc.createOffer(restart ? { iceRestart: true } : {});
    await pc.setLocalDescription(description);
    await signal(peer, 'offer', pc.localDescription.sdp);
  }

  function closePeer(id, peer) {
    clearTimeout(peer.timer);
    clearTimeout(peer.failedTimer);
    try { peer.pc.close(); } catch (e) { /* closed already */ }
    for (const track of peer.stream.getTracks()) track.stop();
    peers.delete(id);
  }

  async function onSignal(ev) {
    let msg;
    try {
      msg = JSON.parse(ev.body);
    } catch (e) {
      return;
    }
    const from = Number(ev.from);
    if (!msg || !call || msg.call !== call.id || myState() !== 'joined') {
      // A signal of a call we have not read yet: read, then take it.
      if (msg && msg.call > lastCallSeen) {
        await refresh();
        if (!call || msg.call !== call.id || myState() !== 'joined') return;
      } else {
        return;
      }
    }
    let peer = peers.get(from);
    try {
      if (msg.type === 'offer') {
        // An offer from someone this page has not seen join yet (a listener,
        // say): read the call first, as what to answer depends on who it is.
        if (!peer && !memberOf(from)) await refresh();
        peer = peers.get(from);
        if (!peer) peer = newPeer(from, false);
        const m = memberOf(from);
        await peer.pc.setRemoteDescription({ type: 'offer', sdp: msg.data });
        if (m && m.role === 'supervisor' && C.role === 'agent') fillListener(peer);
        await peer.pc.setLocalDescription(await peer.pc.createAnswer());
        await takePending(peer);
        await signal(peer, 'answer', peer.pc.localDescription.sdp);
      } else if (msg.type === 'answer' && peer) {
        await peer.pc.setRemoteDescription({ type: 'answer', sdp: msg.data });
        await takePending(peer);
      } else if (msg.type === 'candidate') {
        const list = JSON.parse(msg.data);
        for (const c of Array.isArray(list) ? list : [list]) {
          if (peer && peer.pc.remoteDescription) await peer.pc.addIceCandidate(c);
          else if (peer) peer.pending.push(c);
          else early.set(from, [...(early.get(from) || []), c]);
        }
      }
    } catch (e) {
      tell(say('notSetUp', { name: nameOf(from), error: e.message }));
    }
  }

  async function takePending(peer) {
    while (peer.pending.length) {
      try {
        await peer.pc.addIceCandidate(peer.pending.shift());
      } catch (e) { /* a candidate of an earlier round */ }
    }
  }

  /* A connection lost: the offering side tries again with fresh ICE
   * (and a fresh TURN credential when the old one has run out). */
  function connectionChanged(peer) {
    const state = peer.pc.connectionState;
    render();
    if (state === 'connected') {
      clearTimeout(peer.failedTimer);
      peer.failedTimer = null;
      return;
    }
    if ((state === 'failed' || state === 'disconnected') && !peer.failedTimer) {
      peer.failedTimer = setTimeout(async () => {
        peer.failedTimer = null;
        if (peers.get(peer.id) !== peer || peer.pc.connectionState === 'connected') return;
        if (!peer.initiator) return;
        try {
          if (iceExpires && iceExpires * 1000 < Date.now() + 60000) {
            takeIce(await post('ice', { call: String(call.id) }));
            peer.pc.setConfiguration({ iceServers: ice, iceTransportPolicy: policy() });
          }
          await offer(peer, true);
        } catch (e) { /* the next change tries again */ }
      }, state === 'failed' ? 0 : FAILED_GRACE_MS);
    }
  }

  /* ---- listeners (supervisors), on the agent's side ---------------------- */

  /* The agent's browser sends a listener its own voice and each voice it
   * receives, on the listener's receiving transceivers. */
  function listenerTracks() {
    const tracks = [];
    if (local && !muted) tracks.push(...local.getAudioTracks());
    for (const [id, p] of peers) {
      const m = memberOf(id);
      if (m && m.role !== 'supervisor') tracks.push(...p.stream.getAudioTracks());
    }
    return tracks;
  }
  function putListenerTracks(peer) {
    const tracks = listenerTracks();
    peer.pc.getTransceivers().forEach((t, i) => {
      if (t.direction === 'sendonly') t.sender.replaceTrack(tracks[i] || null).catch(() => {});
    });
  }
  /* Answering a listener's offer: its receiving transceivers send to it. */
  function fillListener(peer) {
    for (const t of peer.pc.getTransceivers()) {
      if (t.receiver.track.kind === 'audio') t.direction = 'sendonly';
    }
    putListenerTracks(peer);
  }
  /* The voices changed (one came, one muted): every listener hears so. */
  function feedListeners() {
    for (const [id, p] of peers) {
      const m = memberOf(id);
      if (m && m.role === 'supervisor' && p.pc.remoteDescription) putListenerTracks(p);
    }
  }

  /* ---- my camera and microphone ------------------------------------------ */

  async function getMedia(media) {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      throw new Error(say('needsHttps'));
    }
    try {
      return await navigator.mediaDevices.getUserMedia({ audio: true, video: media === 'video' });
    } catch (e) {
      if (media === 'video') {
        // No camera, or not allowed: voice only is still a call.
        try {
          const voice = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
          tell(say('noCamera'));
          return voice;
        } catch (e2) { /* fall through to the message */ }
      }
      throw new Error(e && e.name === 'NotAllowedError'
        ? say('micRefused')
        : say('noMic'));
    }
  }

  function stopLocal() {
    if (local) for (const track of local.getTracks()) track.stop();
    local = null;
    muted = false;
    cameraOff = false;
  }

  function teardown() {
    early.clear();
    clearTimeout(ringTimer);
    ringTimer = null;
    for (const [id, peer] of peers) closePeer(id, peer);
    stopLocal();
  }

  /* ---- clicks ------------------------------------------------------------ */

  /* A click that takes the camera and microphone (Call, Join): one at a
   * time; when it fails, nothing is left running. */
  async function takingMedia(media, act) {
    if (busy) return;
    busy = true;
    note.hidden = true;
    try {
      if (!C.isSupervisor) local = await getMedia(media);
      await act();
    } catch (err) {
      stopLocal();
      C.alert(err.message);
    } finally {
      busy = false;
      render();
    }
  }

  function start(media) {
    closeMenu();
    return takingMedia(media, async () => {
      apply(await post('start', { media }));
      ringTimer = setTimeout(giveUp, RING_MS);
    });
  }

  function join(media) {
    if (!call) return undefined;
    const callId = call.id;
    return takingMedia(media, async () => {
      const sends = local && local.getVideoTracks().length ? media : 'audio';
      apply(await post('join', { call: String(callId), media: sends }));
      if (!call || call.id !== callId) return;
      // The newcomer offers to everyone already in the call.
      for (const m of joinedOthers()) {
        if (!talksWith(m) || peers.has(m.id)) continue;
        offer(newPeer(m.id, true)).catch((e) => tell(say('notSetUp', { name: m.name, error: e.message })));
      }
    });
  }

  async function step(action) {
    if (!call) return;
    const callId = call.id;
    if (action === 'leave' || action === 'decline') teardown();
    try {
      apply(await post(action, { call: String(callId) }));
    } catch (err) {
      if (err.status !== 409) C.alert(err.message);
      refresh();
    }
  }

  /* Nobody answered: the caller hangs up. */
  function giveUp() {
    ringTimer = null;
    if (call && call.state === 'ringing' && call.started_by === me) {
      step('leave');
      tell(say('nobodyAnswered'));
    }
  }

  /* A connection's senders of one kind, with or without a track now (a
   * sender whose track was taken away says its kind only through its
   * transceiver's receiver). */
  function sendersOf(peer, kind) {
    return peer.pc.getTransceivers()
      .filter((t) => t.receiver.track && t.receiver.track.kind === kind && t.direction !== 'recvonly' && !t.stopped)
      .map((t) => t.sender);
  }

  function setMuted(on) {
    if (!local) return;
    muted = on;
    const track = local.getAudioTracks()[0] || null;
    if (track) track.enabled = !on;
    // No audio leaves this browser while muted, not even silence.
    for (const peer of peers.values()) {
      const m = memberOf(peer.id);
      if (m && m.role === 'supervisor') continue;
      for (const sender of sendersOf(peer, 'audio')) sender.replaceTrack(on ? null : track).catch(() => {});
    }
    feedListeners();
    post(on ? 'mute' : 'unmute', { call: String(call.id) }).catch(() => {});
    render();
  }

  /* Stopping the camera stops it (its light goes out); starting it again
   * asks the browser for a new one. */
  async function setCamera(off) {
    if (!local || busy) return;
    const senders = [];
    for (const peer of peers.values()) senders.push(...sendersOf(peer, 'video'));
    if (off) {
      for (const track of local.getVideoTracks()) {
        track.stop();
        local.removeTrack(track);
      }
      for (const s of senders) s.replaceTrack(null).catch(() => {});
    } else {
      busy = true;
      try {
        const fresh = await navigator.mediaDevices.getUserMedia({ video: true });
        const track = fresh.getVideoTracks()[0];
        local.addTrack(track);
        for (const s of senders) s.replaceTrack(track).catch(() => {});
      } catch (e) {
        C.alert(say('cameraFailed'));
        return;
      } finally {
        busy = false;
      }
    }
    cameraOff = off;
    post(off ? 'camera-off' : 'camera-on', { call: String(call.id) }).catch(() => {});
    render();
  }

  /* ---- the bar ------------------------------------------------------------ */

  function closeMenu() {
    if (!menu) return;
    menu.hidden = true;
    callButton.setAttribute('aria-expanded', 'false');
  }

  const levels = new Map(); // participant id -> audio level, 0..1

  function tileFor(m) {
    const key = `tile:${m.id}`;
    let li = tiles.querySelector(`[data-key="${key}"]`);
    if (!li) {
      const video = el('video', { autoplay: true, playsinline: true });
      li = el('li', { class: 'call-tile', dataset: { key, participant: m.id } },
        el('img', { class: 'avatar', alt: '', width: 40, height: 40 }), video,
        el('span', { class: 'call-name' }), el('span', { class: 'call-flags' }));
      if (m.id === me) video.muted = true; // never hear oneself
    }
    const avatar = /^[a-z]+$/.test(m.avatar || '') ? m.avatar : 'owl';
    li.querySelector('img').src = `/avatars/${avatar}.svg`;
    li.querySelector('.call-name').textContent = m.id === me ? say('nameYou', { name: m.name }) : m.name;
    const flags = [];
    if (m.state === 'invited') flags.push(say('ringing'));
    if (m.muted) flags.push(say('muted'));
    if (m.role === 'supervisor') flags.push(say('listening'));
    const peer = peers.get(m.id);
    if (peer && peer.pc.connectionState !== 'connected' && m.state === 'joined') {
      flags.push(peer.pc.connectionState === 'failed' ? say('connectionLost') : say('connecting'));
    }
    li.querySelector('.call-flags').textContent = flags.join(' · ');
    const video = li.querySelector('video');
    const stream = m.id === me ? local : peer ? peer.stream : null;
    if (video.srcObject !== stream) video.srcObject = stream;
    const hasVideo = !!stream && stream.getVideoTracks().some((t) => t.readyState === 'live')
      && !(m.id === me ? cameraOff : m.camera_off);
    li.classList.toggle('has-video', hasVideo);
    li.classList.toggle('speaking', (levels.get(m.id) || 0) > SPEAKING_LEVEL && !m.muted);
    li.dataset.state = m.state;
    return li;
  }

  function render() {
    const mine = myState();
    const inCall = mine === 'joined';
    if (tools) {
      // A supervisor watching silently calls nobody: the page has no button.
      tools.hidden = C.closed;
      callButton.disabled = !!call || busy || C.closed;
      callButton.title = call ? say('underWay') : '';
    }
    if (!call || C.closed) {
      bar.hidden = true;
      bar.dataset.state = 'none';
      tiles.replaceChildren();
      return;
    }
    bar.hidden = false;
    const caller = nameOf(call.started_by);
    const video = call.media === 'video';
    let state;
    if (inCall && call.state === 'ringing') {
      state = 'calling';
      const asked = call.members.filter((m) => m.state === 'invited').map((m) => m.name);
      status.textContent = say('calling', { names: asked.join(', ') || say('theOthers') });
    } else if (inCall) {
      state = 'in-call';
      const with_ = joinedOthers().filter((m) => m.role !== 'supervisor' || C.isStaff).map((m) => m.name);
      status.textContent = say(C.isSupervisor ? 'listeningTo' : video ? 'inVideoCall' : 'inVoiceCall', { names: with_.join(', ') });
    } else if (mine === 'invited') {
      state = 'incoming';
      status.textContent = say(video ? 'callingYouVideo' : 'callingYou', { name: caller });
    } else if (C.isSupervisor) {
      state = 'others';
      status.textContent = say('areInCall', { names: call.members.filter((m) => m.state === 'joined').map((m) => m.name).join(', ') });
    } else {
      state = 'others';
      status.textContent = say(video ? 'startedVideo' : 'startedVoice', { name: caller });
    }
    bar.dataset.state = state;
    // Answer: who is asked, or anyone present not in it (they may join).
    const canJoin = !inCall && !busy && (C.isSupervisor ? mayListen : true);
    answer.hidden = !canJoin;
    $('call-join-video').hidden = !video || C.isSupervisor;
    $('call-join-audio').textContent = say(C.isSupervisor ? 'listen' : video ? 'joinAudio' : 'join');
    $('call-decline').hidden = mine !== 'invited';
    controls.hidden = !inCall;
    muteButton.hidden = C.isSupervisor;
    muteButton.setAttribute('aria-pressed', muted ? 'true' : 'false');
    muteButton.textContent = say(muted ? 'unmute' : 'mute');
    const hasCamera = !!local && (local.getVideoTracks().length > 0 || cameraOff);
    cameraButton.hidden = !hasCamera;
    cameraButton.setAttribute('aria-pressed', cameraOff ? 'true' : 'false');
    cameraButton.textContent = say(cameraOff ? 'startVideo' : 'stopVideo');
    hangupButton.textContent = say(state === 'calling' ? 'cancel' : C.isSupervisor ? 'stopListening' : 'hangUp');
    // Tiles: everyone joined, and those still asked.
    const shown = call.members.filter((m) => (m.state === 'joined' || m.state === 'invited')
      && (m.role !== 'supervisor' || C.role === 'agent' || m.id === me));
    tiles.replaceChildren(...shown.map(tileFor));
  }

  /* Who speaks: the level of each voice heard, and of one's own. */
  async function measure() {
    if (!call || myState() !== 'joined') return;
    for (const [id, peer] of peers) {
      let level = 0;
      for (const receiver of peer.pc.getReceivers()) {
        if (receiver.track.kind !== 'audio' || !receiver.getSynchronizationSources) continue;
        for (const source of receiver.getSynchronizationSources()) level = Math.max(level, source.audioLevel || 0);
      }
      levels.set(id, level);
    }
    if (local && !muted) {
      let level = 0;
      for (const peer of peers.values()) {
        try {
          const stats = await peer.pc.getStats();
          stats.forEach((s) => {
            if (s.type === 'media-source' && s.kind === 'audio' && typeof s.audioLevel === 'number') level = Math.max(level, s.audioLevel);
          });
        } catch (e) { /* closed meanwhile */ }
      }
      levels.set(me, level);
    } else {
      levels.set(me, 0);
    }
    for (const li of tiles.querySelectorAll('li.call-tile')) {
      const id = Number(li.dataset.participant);
      const m = memberOf(id);
      li.classList.toggle('speaking', (levels.get(id) || 0) > SPEAKING_LEVEL && !!m && !m.muted);
    }
  }
  setInterval(measure, LEVEL_EVERY_MS);

  if (callButton && menu) {
    callButton.addEventListener('click', () => {
      const open = menu.hidden;
      menu.hidden = !open;
      callButton.setAttribute('aria-expanded', open ? 'true' : 'false');
      if (open) $('call-audio').focus();
    });
    menu.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-media]');
      if (b) start(b.dataset.media);
    });
    menu.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        closeMenu();
        callButton.focus();
      }
    });
    document.addEventListener('pointerdown', (e) => {
      if (!menu.hidden && !menu.contains(e.target) && e.target !== callButton) closeMenu();
    });
  }
  answer.addEventListener('click', (e) => {
    const b = e.target.closest('button');
    if (!b) return;
    if (b.id === 'call-decline') step('decline');
    else if (b.dataset.media) join(b.dataset.media);
  });
  muteButton.addEventListener('click', () => setMuted(!muted));
  cameraButton.addEventListener('click', () => setCamera(!cameraOff));
  hangupButton.addEventListener('click', () => step('leave'));

  /* ---- the feed ------------------------------------------------------------ */

  let ringing = null;
  C.on('event', (ev) => {
    if (ev.kind === 'rtc' && Number(ev.to) === me) {
      onSignal(ev);
    } else if (ev.kind === 'call') {
      refresh().then(() => {
        // A call for me: chime until answered, declined or over.
        if (myState() === 'invited' && !ringing) {
          B.chime();
          ringing = setInterval(() => (myState() === 'invited' ? B.chime() : stopRinging()), 3000);
        } else if (myState() !== 'invited') {
          stopRinging();
        }
      });
    }
  });
  function stopRinging() {
    clearInterval(ringing);
    ringing = null;
  }
  C.on('ended', () => {
    stopRinging();
    teardown();
    call = null;
    render();
  });
  window.addEventListener('pagehide', () => {
    // The page is going: a call of ours ends with it (navigator.sendBeacon
    // carries no Origin check problem: it is same-origin and a POST).
    if (call && myState() === 'joined') {
      const form = new URLSearchParams({ channel: channelId, token, action: 'leave', call: String(call.id) });
      navigator.sendBeacon('/call', form);
    }
    teardown();
  });

  window.BatonCall = Object.freeze({
    get call() { return call; },
    get local() { return local; },
    get muted() { return muted; },
    connections() { return [...peers.values()].map((p) => ({ id: p.id, pc: p.pc })); },
  });

  render();
  refresh();
}());
