/* replay.js - plays a session back on the replay page (templates/replay.cs):
 * the chat lines as they were said and the addresses the view was led to,
 * at the real pace or 4 or 16 times faster, with pause, next event and
 * restart. The events (with milliseconds since the session opened) come as
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
  const buttons = {
    play: $('replay-play'), pause: $('replay-pause'), next: $('replay-next'), restart: $('replay-restart'),
  };

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
      case 'monitor': lines.append(notice(e, `${e.who || 'A supervisor'} started watching silently`)); break;
      case 'close': lines.append(notice(e, 'The session ended')); break;
      default: lines.append(notice(e, e.kind));
    }
    lines.scrollTop = lines.scrollHeight;
  }

  function render() {
    while (next < events.length && events[next].t <= position) show(events[next++]);
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
