/* audience.js - an event for its attendee (templates/attend.cs; the
 * server's side is lib/audience.h and cgi-bin/attend.c, ask.c): the page
 * the speakers lead, in a frame, following the leading speaker's scrolling
 * where the page runs Baton's site script; the speakers' pointers and
 * marks (drawn by the site script inside the page, or over the view); the
 * questions and answers on screen; the attendee's own question box and,
 * where the event allows it, the room's chat.
 *
 * It follows /poll?audience=EVENT (long-polling; only what the room may
 * see comes back). Before the event is live it waits behind a curtain
 * (asking /attend?...&state=1 now and then until the stage opens), then
 * takes its seat (POST /attend action=arrive), draws the marks so far and
 * shows the page. A removal or the event's end stops it. Everything from
 * the server reaches the DOM through textContent. Uses baton.js, marks.js. */
(function () {
  'use strict';
  const B = window.Baton;
  const M = window.BatonMarks;
  const root = document.getElementById('audience');
  if (!B || !M || !root) return;
  const { el } = B;
  const $ = (id) => document.getElementById(id);
  // The words in the attendee's language (templates/attend.cs's #audience-words).
  const say = B.words($('audience-words'));

  const eventId = root.dataset.event;
  const csrf = root.dataset.csrf;
  const me = Number(root.dataset.me);
  let state = root.dataset.state;
  let lastSeq = Number(root.dataset.lastSeq) || 0;
  let signals = Number(root.dataset.signals) || 0;
  let ledUrl = root.dataset.url || '';
  let leader = Number(root.dataset.leader) || 0;
  let stopped = root.dataset.refused === '1';
  const SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox';

  const frame = $('view');
  const curtain = $('curtain');
  const curtainText = $('curtain-text');
  const status = $('audience-status');
  const overlay = $('marks-overlay');
  const pointerLayer = $('pointers');
  const notices = $('stage-notices');
  const connection = $('connection');
  const qaList = $('qa');
  const qaEmpty = $('qa-empty');

  const AVATAR_COLORS = {
    fox: '#e8590c', owl: '#5f3dc4', cat: '#495057', bear: '#8d5524', whale: '#1971c2',
    robin: '#c92a2a', bee: '#f08c00', tortoise: '#2b8a3e',
  };
  const speakers = new Map();   // participant id -> { id, name, avatar, url, scroll, pointer }
  const markEvents = new Map(); // seq -> event
  let marks = { marks: [], everyone: false };
  const questions = new Map();  // id -> question as the room sees it
  const mine = new Map();       // my question id -> { li, text }

  function originOf(url) {
    try {
      const u = new URL(url);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
    } catch (e) {
      return null;
    }
  }
  const pageKey = (url) => M.pageKey(url || '');

  /* ---- the frame and the site script ------------------------------------ */

  let viewUrl = '';
  let viewOrigin = null;
  let scripted = false;
  let lastScroll = '';

  function colorOf(p) {
    return AVATAR_COLORS[p.avatar] || '#2456d3';
  }

  function show(url) {
    if (!url || !originOf(url) || state !== 'live' || stopped) return;
    if (pageKey(url) === pageKey(viewUrl) && !frame.hidden) return;
    viewUrl = url;
    viewOrigin = originOf(url);
    scripted = false;
    lastScroll = '';
    if (viewOrigin === window.location.origin) frame.removeAttribute('sandbox');
    else frame.setAttribute('sandbox', SANDBOX);
    frame.src = url;
    frame.hidden = false;
    curtain.hidden = true;
    renderStatus();
    drawOverlay();
  }

  function toView(message) {
    if (!viewOrigin || frame.hidden) return;
    try {
      frame.contentWindow.postMessage({ source: 'baton-viewer', ...message }, viewOrigin);
    } catch (e) { /* navigated meanwhile */ }
  }

  frame.addEventListener('load', () => {
    scripted = false;
    try {
      frame.contentWindow.postMessage({ source: 'baton-viewer', type: 'hello' }, '*');
    } catch (e) { /* gone */ }
  });

  window.addEventListener('message', (e) => {
    if (e.source !== frame.contentWindow) return;
    const d = e.data;
    if (!d || typeof d !== 'object' || d.source !== 'baton-site') return;
    if (typeof d.url === 'string' && originOf(d.url) !== e.origin) return;
    viewOrigin = e.origin;
    if (!scripted) {
      scripted = true;
      lastScroll = '';
    }
    if (d.type === 'hello' || d.type === 'location') {
      followScroll();
      sendToPage();
    }
  });

  /* The leading speaker's scroll, where both are on the same page. */
  function followScroll() {
    const L = speakers.get(leader);
    if (!scripted || !L || !L.scroll || pageKey(L.url) !== pageKey(viewUrl)) return;
    const key = `${pageKey(L.url)}|${L.scroll[0]}|${L.scroll[1]}`;
    if (key === lastScroll) return;
    lastScroll = key;
    toView({ type: 'scroll', x: L.scroll[0], y: L.scroll[1] });
  }

  /* Pointers and marks in page coordinates: the site script draws them. */
  function sendToPage() {
    if (!scripted) return;
    const list = [];
    for (const p of speakers.values()) {
      if (!p.pointer || p.pointer.mode !== 'page' || pageKey(p.url) !== pageKey(viewUrl)) continue;
      list.push({ id: p.id, name: p.name, color: colorOf(p), x: p.pointer.x, y: p.pointer.y });
    }
    toView({ type: 'pointers', list });
    toView({ type: 'marks', list: M.forPage(marks.marks, viewUrl) });
  }

  /* Pointers and marks of pages without the site script, over the view. */
  function drawOverlay() {
    const box = overlay.getBoundingClientRect();
    const at = (x, y) => [x * box.width, y * box.height];
    M.draw(overlay, frame.hidden ? [] : M.forOverlay(marks.marks, viewUrl), at);
    const dots = [];
    for (const p of speakers.values()) {
      if (frame.hidden || !p.pointer || p.pointer.mode !== 'overlay' || pageKey(p.url) !== pageKey(viewUrl)) continue;
      const { x, y } = p.pointer;
      if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) continue;
      const dot = el('div', { class: 'mark', dataset: { participant: p.id } },
        el('span', { class: 'dot' }), el('span', { class: 'label', text: p.name }));
      dot.firstChild.style.background = colorOf(p);
      dot.lastChild.style.background = colorOf(p);
      dot.style.left = `${(x * 100).toFixed(3)}%`;
      dot.style.top = `${(y * 100).toFixed(3)}%`;
      dots.push(dot);
    }
    pointerLayer.replaceChildren(...dots);
  }
  window.addEventListener('resize', drawOverlay);

  function refoldMarks() {
    marks = M.fold([...markEvents.values()]);
    sendToPage();
    drawOverlay();
  }

  async function loadMarks() {
    try {
      const res = await fetch(`/attend?e=${encodeURIComponent(eventId)}&marks=1`,
        { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
      if (!res.ok) return;
      const d = await res.json();
      for (const ev of d.events || []) markEvents.set(Number(ev.seq), { seq: Number(ev.seq), kind: ev.kind, from: Number(ev.from), body: ev.body });
      refoldMarks();
    } catch (e) { /* the feed brings new ones anyway */ }
  }

  /* ---- what the room sees ------------------------------------------------- */

  function renderStatus() {
    const L = speakers.get(leader);
    if (stopped) return;
    if (state === 'ended') status.textContent = say('ended');
    else if (state !== 'live') status.textContent = say('waiting');
    else status.textContent = L ? say('presenting', { name: L.name }) : say('live');
  }

  function renderQuestions() {
    const shown = [...questions.values()].filter((q) => q.state !== 'hidden' && q.state !== 'new')
      .sort((a, b) => a.id - b.id);
    qaEmpty.hidden = shown.length > 0;
    qaList.replaceChildren(...shown.map((q) => {
      const li = el('li', { class: `qa-item state-${q.state}`, dataset: { question: q.id } },
        el('p', { class: 'q' }, el('strong', { text: q.name || say('someone') }), q.votes > 1 ? ` (+${q.votes - 1})` : '', ': ',
          el('span', { class: 'text', text: q.text })));
      if (q.state === 'passed' && q.speaker) li.append(el('p', { class: 'muted', text: say('forSpeaker', { name: q.speaker }) }));
      if (q.answer) li.append(el('p', { class: 'a' }, el('strong', { text: q.by || say('answer') }), ': ', el('span', { class: 'answer', text: q.answer })));
      return li;
    }));
    for (const [id, entry] of mine) {
      const q = questions.get(id);
      if (!q) continue;
      entry.state.textContent = say(q.state === 'answered' ? 'answered' : q.state === 'hidden' ? 'notShown' : 'onScreen');
    }
  }

  function takeQuestion(body) {
    let q;
    try {
      q = JSON.parse(body);
    } catch (e) {
      return;
    }
    if (!q || typeof q.id !== 'number') return;
    questions.set(q.id, q);
    renderQuestions();
  }

  function addRoomLine(ev) {
    const list = $('room-lines');
    if (!list) return;
    list.append(el('li', { class: `room-line${ev.mine ? ' mine' : ''} role-${ev.role}` },
      el('strong', { text: ev.name || say('someone') }), ' ', el('span', { class: 'body', text: ev.body })));
    list.scrollTop = list.scrollHeight;
  }

  function takeEvent(ev) {
    const seq = Number(ev.seq);
    if (!(seq > lastSeq)) return;
    lastSeq = seq;
    switch (ev.kind) {
      case 'stage':
        setState(ev.body === 'ended' ? 'ended' : ev.body === 'live' ? 'live' : state);
        break;
      case 'close':
        setState('ended');
        break;
      case 'address':
        ledUrl = ev.body;
        break;
      case 'lead':
        leader = Number(ev.to) || leader;
        break;
      case 'mark':
      case 'erase':
      case 'draw':
        markEvents.set(seq, { seq, kind: ev.kind, from: Number(ev.from), body: ev.body });
        refoldMarks();
        break;
      case 'qa':
        takeQuestion(ev.body);
        break;
      case 'line':
      case 'aline':
        addRoomLine(ev);
        break;
      case 'removed':
        stop(say('removed'));
        break;
      default:
        break;
    }
  }

  function mergeSpeakers(peers) {
    for (const p of peers) {
      const id = Number(p.id);
      if (!(id > 0)) continue;
      if (p.present === false) {
        speakers.delete(id);
        continue;
      }
      speakers.set(id, {
        id, name: p.name || say('speaker'), avatar: p.avatar || '', url: p.url || '',
        scroll: Array.isArray(p.scroll) ? [Number(p.scroll[0]) || 0, Number(p.scroll[1]) || 0] : null,
        pointer: p.pointer && typeof p.pointer === 'object' ? { mode: p.pointer.mode, x: Number(p.pointer.x), y: Number(p.pointer.y) } : null,
      });
    }
  }

  function onAnswer(a) {
    if (Array.isArray(a.peers)) mergeSpeakers(a.peers);
    if (Array.isArray(a.events)) {
      for (const ev of a.events.slice().sort((x, y) => Number(x.seq) - Number(y.seq))) takeEvent(ev);
    }
    if (typeof a.last_seq === 'number' && a.last_seq > lastSeq) lastSeq = a.last_seq;
    if (typeof a.signals === 'number') signals = a.signals;
    if (typeof a.leader === 'number') leader = a.leader;
    if (typeof a.url === 'string' && a.url) ledUrl = a.url;
    if (a.open === false) setState('ended');
    if (state === 'live') show(ledUrl);
    followScroll();
    sendToPage();
    drawOverlay();
    renderStatus();
    return !stopped;
  }

  /* ---- the event's life ----------------------------------------------------- */

  let feed = { stop() {} };
  let seated = false;

  async function takeSeat() {
    if (seated || stopped) return;
    try {
      await B.postForm('/attend', { e: eventId, csrf, action: 'arrive' });
      seated = true;
      await loadMarks();
      show(ledUrl);
    } catch (err) {
      if (err.status === 409 || err.status === 403 || err.status === 410) stop(err.message);
      else notice(err.message);
    }
  }

  function setState(next) {
    if (next === state && (next !== 'live' || seated)) return;
    state = next;
    root.dataset.state = state;
    if (state === 'live') {
      takeSeat();
    } else if (state === 'ended') {
      feed.stop();
      frame.hidden = true;
      curtain.hidden = false;
      curtainText.textContent = say('thanks');
      for (const id of ['ask-form', 'chat-form']) if ($(id)) $(id).hidden = true;
      stopped = true;
    }
    renderStatus();
  }

  function stop(message) {
    stopped = true;
    feed.stop();
    frame.hidden = true;
    frame.src = 'about:blank';
    curtain.hidden = false;
    curtainText.textContent = message;
    status.textContent = message;
    for (const id of ['ask-form', 'chat-form']) if ($(id)) $(id).hidden = true;
  }

  function notice(message) {
    notices.replaceChildren(el('p', { class: 'stage-notice', role: 'alert', text: message }));
  }

  function startFeed() {
    feed = B.follow(
      () => `/poll?audience=${encodeURIComponent(eventId)}&after=${lastSeq}&signals=${signals}`,
      onAnswer,
      {
        onConnection(ok) {
          connection.hidden = ok;
          connection.textContent = ok ? '' : say('reconnecting');
        },
        onStop(error) {
          stop(error.message);
        },
      });
  }

  /* Before the stage opens there is nothing to follow: ask now and then
   * (spread out, so that a full lobby does not ask all at once). */
  async function waitForStage() {
    if (stopped) return;
    try {
      const res = await fetch(`/attend?e=${encodeURIComponent(eventId)}&state=1`,
        { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
      const d = await res.json();
      if (res.ok && d.stage) {
        startFeed();
        if (d.state === 'live') setState('live');
        return;
      }
      if (res.ok && d.state === 'ended') {
        setState('ended');
        return;
      }
    } catch (e) { /* try again */ }
    setTimeout(waitForStage, 20000 + Math.random() * 20000);
  }

  /* ---- asking and chatting ------------------------------------------------- */

  const askForm = $('ask-form');
  if (askForm) {
    const text = $('ask-text');
    const askStatus = $('ask-status');
    askForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const value = text.value.trim();
      if (!value) return;
      const button = askForm.querySelector('button');
      button.disabled = true;
      try {
        const answer = await B.postForm('/ask', { e: eventId, csrf, text: value });
        const stateEl = el('span', { class: 'state', text: say('sentProducer') });
        const li = el('li', { dataset: { question: answer.question } }, el('span', { class: 'text', text: value }), ' · ', stateEl);
        $('my-questions').prepend(li);
        mine.set(Number(answer.question), { li, state: stateEl });
        text.value = '';
        askStatus.textContent = say('sent');
        renderQuestions();
      } catch (err) {
        askStatus.textContent = err.message;
      } finally {
        button.disabled = false;
      }
    });
  }
  const chatForm = $('chat-form');
  if (chatForm) {
    const input = $('chat-text');
    chatForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const value = input.value.trim();
      if (!value) return;
      try {
        await B.postForm('/ask', { e: eventId, csrf, kind: 'line', text: value });
        input.value = '';
      } catch (err) {
        notice(err.message);
      }
    });
  }

  /* Leaving: the seat comes free at once. */
  window.addEventListener('pagehide', () => {
    if (!seated || stopped || !navigator.sendBeacon) return;
    navigator.sendBeacon('/attend', new URLSearchParams({ e: eventId, csrf, action: 'leave' }));
  });

  /* ---- start ---------------------------------------------------------------- */

  try {
    for (const q of JSON.parse(root.dataset.qa || '[]')) questions.set(q.id, q);
  } catch (e) { /* none */ }
  renderQuestions();
  renderStatus();
  if (!stopped && state !== 'ended') {
    const start = () => {
      if (state === 'live') {
        seated = true; // the page's own load took the seat
        startFeed();
        loadMarks().then(() => show(ledUrl));
      } else {
        waitForStage();
      }
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
    else start();
  }
}());
