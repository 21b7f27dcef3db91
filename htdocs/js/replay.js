/* replay.js - plays a session back on the replay page (templates/replay.cs):
 * the chat lines as they were said and the addresses the view was led to,
 * the pointers moving, the leader's scrolling, the marks drawn and the
 * calls starting and ending, at the real pace or 4 or 16 times faster, with
 * pause, next event and restart. In the page shown, Baton's site script
 * (when the page has it) draws the pointers and marks and scrolls as the
 * leader did, as in the viewer; for pages without it, pointers and marks in
 * fractions of the view are drawn over the frame. Sampled kinds the replay
 * does not know are skipped (the record may grow). The events (with milliseconds since the session opened) come as
 * JSON from the address in #replay's data-events. Everything from the
 * server reaches the page through textContent, never as HTML.
 * #replay's data-state says loading, ready, playing, paused or ended, and
 * data-shown how many events are on screen (for tests and assistive tech). */
(function () {
  'use strict';

  const root = document.getElementById('replay');
  if (!root) return;
  const $ = (id) => document.getElementById(id);
  const TICK_MS = 100;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clock(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const sec = String(s % 60).padStart(2, '0');
    return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
  }

  function timeOfDay(at) {
    return typeof at === 'string' && at.length >= 19 ? at.slice(11, 19) : '';
  }

  function isWebAddress(s) {
    return typeof s === 'string' && /^https?:\/\//i.test(s);
  }

  const M = window.BatonMarks;
  let events = [];
  let total = 0;       // ms of session time
  let position = 0;    // ms of session time shown so far
  let next = 0;        // index of the first event not yet shown
  let speed = 1;
  let timer = null;
  let last = 0;        // performance.now() at the last tick

  const lines = $('replay-lines');
  const addresses = $('replay-addresses');
  const address = $('replay-address');
  const noAddress = $('replay-no-address');
  const frame = $('replay-frame');
  const showFrame = $('replay-show-frame');
  const status = $('replay-status');
  const overlay = $('replay-overlay');
  const callLine = $('replay-call');
  const buttons = {
    play: $('replay-play'), pause: $('replay-pause'), next: $('replay-next'), restart: $('replay-restart'),
  };

  /* ---- what is drawn over the page: pointers, marks, scroll, the call ---- */

  const COLORS = ['#e8590c', '#1971c2', '#2b8a3e', '#862e9c', '#c92a2a', '#0c8599', '#f59f00'];
  let pointers = new Map();   // participant -> { name, color, mode, x, y }
  let boardEvents = [];       // mark, erase and draw events shown so far
  let scroll = null;          // the leader's scroll: [x, y]
  let inCall = new Map();     // participant -> name, while a call lasts
  let shownPointers = 0;
  const colorOf = new Map();
  function color(pid) {
    if (!colorOf.has(pid)) colorOf.set(pid, COLORS[colorOf.size % COLORS.length]);
    return colorOf.get(pid);
  }

  /* To the site script in the frame (its origin is opaque: sandboxed). */
  function toFrame(message) {
    if (frame.hidden || !frame.contentWindow) return;
    try {
      frame.contentWindow.postMessage({ source: 'baton-viewer', ...message }, '*');
    } catch (e) { /* navigating */ }
  }

  function drawView() {
    const url = root.dataset.address || '';
    const { marks } = M.fold(boardEvents);
    const page = [];
    const over = [];
    for (const [id, p] of pointers) {
      if (p.mode === 'pointer') page.push({ id, name: p.name, color: p.color, x: p.x, y: p.y });
      else over.push(p);
    }
    toFrame({ type: 'pointers', list: page });
    toFrame({ type: 'marks', list: M.forPage(marks, url) });
    if (scroll) toFrame({ type: 'scroll', x: scroll[0], y: scroll[1] });
    const box = overlay.getBoundingClientRect();
    const at = (x, y) => [x * box.width, y * box.height];
    M.draw(overlay, frame.hidden ? [] : M.forOverlay(marks, url), at);
    for (const p of frame.hidden ? [] : over) {
      const [x, y] = at(p.x, p.y);
      const dot = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
      for (const [k, v] of Object.entries({ cx: x, cy: y, r: 7, fill: p.color, stroke: '#fff', 'stroke-width': 2, 'data-pointer': p.name })) dot.setAttribute(k, String(v));
      overlay.append(dot);
    }
    root.dataset.marks = String(marks.length);
    root.dataset.pointers = String(shownPointers);
  }
  // A page that loads (or says hello) gets what stands.
  window.addEventListener('message', (e) => {
    if (e.source === frame.contentWindow && e.data && e.data.source === 'baton-site' && e.data.type === 'hello') drawView();
  });
  frame.addEventListener('load', () => drawView());

  const CALL_WORDS = {
    'start audio': 'started a voice call', 'start video': 'started a video call', 'join audio': 'joined the call (voice)',
    'join video': 'joined the call (video)', listen: 'listened to the call', decline: 'declined the call', leave: 'left the call',
    mute: 'muted', unmute: 'unmuted', 'camera off': 'stopped their camera', 'camera on': 'started their camera',
  };
  function showCall(e) {
    const verb = e.body || '';
    if (verb.startsWith('start') || verb.startsWith('join') || verb === 'listen') inCall.set(e.pid, e.who || '');
    else if (verb === 'leave' || verb === 'decline') inCall.delete(e.pid);
    else if (verb === 'end') inCall = new Map();
    callLine.hidden = inCall.size === 0;
    callLine.textContent = inCall.size ? `In a call: ${[...inCall.values()].join(', ')}` : '';
    root.dataset.call = inCall.size ? 'on' : 'off';
    if (verb === 'mute' || verb === 'unmute' || verb.startsWith('camera')) return; // not worth a line
    lines.append(notice(e, verb === 'end' ? 'The call ended' : `${e.who || 'Someone'} ${CALL_WORDS[verb] || verb}`));
  }

  const TOOL_WORDS = { pen: 'drew a line', highlight: 'highlighted', circle: 'drew a circle', rect: 'drew a box', arrow: 'drew an arrow', text: 'wrote a note' };

  function showSample(e) {
    if (e.kind === 'pointer' || e.kind === 'overlay') {
      pointers.set(e.pid, { name: e.who || '', color: color(e.pid), mode: e.kind, x: Number(e.x), y: Number(e.y) });
      shownPointers++;
    } else if (e.kind === 'scroll') {
      scroll = [Number(e.x), Number(e.y)];
    }
  }

  function setState(state) {
    root.dataset.state = state;
    buttons.play.disabled = state === 'playing' || state === 'loading' || events.length === 0;
    buttons.pause.disabled = state !== 'playing';
    buttons.next.disabled = state === 'loading' || next >= events.length;
    buttons.restart.disabled = state === 'loading' || events.length === 0;
    buttons.play.textContent = state === 'paused' ? 'Resume' : state === 'ended' ? 'Play again' : 'Play';
  }

  function notice(e, text) {
    const li = el('li', `event event-${e.kind}`);
    li.append(el('time', null, timeOfDay(e.at)), el('span', 'notice', text));
    if (e.at) li.querySelector('time').setAttribute('datetime', e.at);
    return li;
  }

  function goTo(url, e, inWindow) {
    const item = el('li', inWindow ? 'window' : null);
    item.append(el('time', null, timeOfDay(e.at)), ' ');
    if (isWebAddress(url)) {
      const a = el('a', null, url);
      a.href = url;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      item.append(a);
    } else {
      item.append(el('span', null, url));
    }
    if (inWindow) item.append(el('span', 'muted', ' (in a led window)'));
    addresses.append(item);
    if (!inWindow) scroll = null; // a new page opens at its top
    address.textContent = url;
    address.hidden = false;
    noAddress.hidden = true;
    if (isWebAddress(url)) {
      address.href = url;
      if (showFrame.checked) {
        frame.hidden = false;
        if (frame.getAttribute('src') !== url) frame.setAttribute('src', url);
      }
    } else {
      address.removeAttribute('href');
    }
    root.dataset.address = url;
  }

  function show(e) {
    switch (e.kind) {
      case 'line':
      case 'private': {
        const li = el('li', `event event-${e.kind}${e.role === 'visitor' ? '' : ' mine'}`);
        const who = el('span', 'who', e.kind === 'private' ? `${e.who || ''} to ${e.to || ''} (private)` : e.who || '');
        const t = el('time', null, timeOfDay(e.at));
        if (e.at) t.setAttribute('datetime', e.at);
        li.append(t, who, el('span', 'body', e.body || ''));
        lines.append(li);
        break;
      }
      case 'address':
        goTo(e.body || '', e, false);
        lines.append(notice(e, `${e.who || 'The leader'} led everyone to ${e.body || ''}`));
        break;
      case 'window':
        goTo(e.body || '', e, true);
        lines.append(notice(e, `${e.who || 'The leader'} opened a led window at ${e.body || ''}`));
        break;
      case 'join': lines.append(notice(e, `${e.who || 'Someone'} joined`)); break;
      case 'leave': lines.append(notice(e, `${e.who || 'Someone'} left`)); break;
      case 'lead': lines.append(notice(e, e.to_self ? `${e.who || 'Someone'} took the lead`
        : `${e.who || 'Someone'} gave the lead to ${e.to || e.body || ''}`)); break;
      case 'transfer': lines.append(notice(e, e.body || 'The session was handed over')); break;
      case 'phone': lines.append(notice(e, e.body || 'The phone call')); break;
      case 'monitor': lines.append(notice(e, `${e.who || 'A supervisor'} started watching silently`)); break;
      case 'close': lines.append(notice(e, 'The session ended')); break;
      // A visitor writing another language (lib/lang_switch.c): body is the language.
      case 'lang_offer': lines.append(notice(e, `${e.who || 'The visitor'} seemed to write ${e.body || ''}: switching was offered (staff only)`)); break;
      case 'lang': lines.append(notice(e, `${e.who || 'Someone'} switched ${e.to || 'the visitor'}'s language to ${e.body || ''}`)); break;
      case 'call': showCall(e); break;
      case 'mark': {
        boardEvents.push({ seq: e.seq, kind: 'mark', from: e.pid, body: e.body });
        let tool = '';
        try { tool = JSON.parse(e.body).tool; } catch (err) { tool = ''; }
        lines.append(notice(e, `${e.who || 'Someone'} ${TOOL_WORDS[tool] || 'drew'} on the page`));
        break;
      }
      case 'erase':
        boardEvents.push({ seq: e.seq, kind: 'erase', from: e.pid, body: e.body });
        lines.append(notice(e, `${e.who || 'Someone'} cleared marks`));
        break;
      case 'draw':
        boardEvents.push({ seq: e.seq, kind: 'draw', from: e.pid, body: e.body });
        break;
      case 'pointer':
      case 'overlay':
      case 'scroll':
        showSample(e);
        return;
      case 'mirror': // the visitor's own page (htdocs/js/mirror-view.js)
        if (window.BatonMirrorView) window.BatonMirrorView.show(e);
        return;
      default:
        if (e.seq > 0) lines.append(notice(e, e.kind));
        return; // samples of kinds this page does not know
    }
    lines.scrollTop = lines.scrollHeight;
  }

  function render() {
    let shown = false;
    while (next < events.length && events[next].t <= position) {
      show(events[next++]);
      shown = true;
    }
    if (shown) drawView();
    root.dataset.shown = String(next);
    $('replay-clock').textContent = clock(position);
    $('replay-progress').value = total > 0 ? Math.round((1000 * Math.min(position, total)) / total) : 0;
    buttons.next.disabled = next >= events.length;
  }

  function stop() {
    if (timer !== null) clearInterval(timer);
    timer = null;
  }

  function tick() {
    const now = performance.now();
    position += (now - last) * speed;
    last = now;
    if (position >= total) position = total;
    render();
    if (next >= events.length && position >= total) {
      stop();
      setState('ended');
      status.textContent = 'The end of the session.';
    }
  }

  function play() {
    if (root.dataset.state === 'ended') restart();
    stop();
    last = performance.now();
    timer = setInterval(tick, TICK_MS);
    setState('playing');
    status.textContent = `Playing at ${speed}×.`;
    tick();
  }

  function pause() {
    stop();
    setState('paused');
    status.textContent = 'Paused.';
  }

  function restart() {
    const playing = root.dataset.state === 'playing';
    stop();
    position = 0;
    next = 0;
    lines.replaceChildren();
    addresses.replaceChildren();
    address.hidden = true;
    noAddress.hidden = false;
    frame.hidden = true;
    frame.removeAttribute('src');
    delete root.dataset.address;
    pointers = new Map();
    boardEvents = [];
    scroll = null;
    inCall = new Map();
    shownPointers = 0;
    callLine.hidden = true;
    drawView();
    render();
    setState('ready');
    if (playing) play();
  }

  /* Jumps to the next event (long silences need not be sat through). */
  function skip() {
    if (next >= events.length) return;
    position = Math.max(position, events[next].t);
    last = performance.now();
    render();
    if (next >= events.length && root.dataset.state !== 'playing') {
      position = total;
      render();
      setState('ended');
    }
  }

  buttons.play.addEventListener('click', play);
  buttons.pause.addEventListener('click', pause);
  buttons.next.addEventListener('click', skip);
  buttons.restart.addEventListener('click', restart);
  for (const radio of document.querySelectorAll('input[name=speed]')) {
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      speed = Number(radio.value) || 1;
      if (root.dataset.state === 'playing') status.textContent = `Playing at ${speed}×.`;
    });
  }
  showFrame.addEventListener('change', () => {
    const url = root.dataset.address;
    frame.hidden = !showFrame.checked || !isWebAddress(url);
    if (!frame.hidden && frame.getAttribute('src') !== url) frame.setAttribute('src', url);
  });

  async function load() {
    let body = null;
    let res = null;
    try {
      res = await fetch(root.dataset.events, {
        credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' },
      });
      body = await res.json();
    } catch (e) {
      body = null;
    }
    if (!res || !res.ok || !body || !Array.isArray(body.events)) {
      status.textContent = body && body.error ? body.error : 'The session could not be loaded. Reload the page to try again.';
      root.dataset.state = 'failed';
      return;
    }
    events = body.events.filter((e) => typeof e.t === 'number').sort((a, b) => a.t - b.t || a.seq - b.seq);
    const lastEvent = events.length ? events[events.length - 1].t : 0;
    total = Math.max(lastEvent, (body.channel && body.channel.seconds ? body.channel.seconds * 1000 : 0));
    // An open session's length grows; the replay ends with its last event.
    if (body.channel && body.channel.state === 'open') total = lastEvent;
    root.dataset.count = String(events.length);
    $('replay-total').textContent = clock(total);
    render();
    setState('ready');
    status.textContent = events.length ? `${events.length} events. Press Play.` : 'Nothing happened in this session.';
  }

  load();
}());
