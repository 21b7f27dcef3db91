/* panel.js - Baton's visitor pages inside the widget's panel. The optional
 * site script (htdocs/js/baton-site.js) shows them in a frame of Baton's
 * origin on the client's own pages; templates/header.cs loads this script
 * when a page renders for the panel (lib/panel.c).
 *
 * It tells the site script what the panel shows, for its button: the state
 * (asking, waiting, in a conversation, over), unread lines, the connection;
 * never what anyone wrote. In a conversation it makes the visitor's own
 * page of the site the shared view: where the visitor is, their scrolling
 * and pointer go to the others (/seen and /pointer, as the viewer reports
 * them; while the visitor leads, the agent's view follows), and the
 * leader's address, scrolling and pointers come back to the visitor's page
 * through the site script. An address on another site is offered, never
 * forced: the visitor would leave the site, and the panel with it.
 *
 * Messages go to window.parent with the target '*': only the site's
 * registered domains may frame these pages (CSP frame-ancestors). They are
 * heeded only from window.parent, and a page speaks only for addresses of
 * its own origin. Uses baton.js, and channel.js on the conversation page. */
(function () {
  'use strict';
  const B = window.Baton;
  if (!B || window.parent === window) return;
  const { el } = B;
  const say = B.panelSay;

  const page = (/\bpage-(\w+)/.exec(document.body.className) || [])[1] || '';
  let open = true;      // the site script shows the panel (false: minimised)
  let unread = 0;
  let siteOrigin = null;
  let onSite = null;    // the conversation's handler of the site script's news

  /* ---- what this page is, for the site script's button ---------------- */

  function stateOfPage() {
    if (page === 'help') return 'ask';
    if (page === 'wait') {
      const wait = document.getElementById('wait');
      const state = wait ? wait.dataset.state : '';
      return state === 'waiting' || state === 'offered' ? 'waiting' : 'done';
    }
    if (page === 'channel') {
      const root = document.getElementById('channel');
      return root && root.dataset.open === '1' ? 'conversation' : 'ended';
    }
    if (page === 'transcript') return 'ended';
    return 'failed';
  }
  const state = stateOfPage();
  if (state === 'failed') {
    const message = document.getElementById('error-message');
    say({ type: 'failed', message: message ? message.textContent : '' });
  } else {
    // A chat-only conversation (its service level has no co-browse): the
    // site's page reports nothing of itself, and offers no mirror.
    say({ type: 'state', state, cobrowse: !document.getElementById('chat-only') });
  }

  /* A visitor made in this frame: does the browser keep the cookie here?
   * (Not on another site over plain HTTP, nor where cookies in frames are
   * refused.) If not, the site script sends the visitor to the help link. */
  const help = document.getElementById('help');
  if (help && help.dataset.probe === '1') {
    fetch(`/availability?site=${encodeURIComponent(help.dataset.site)}&probe=1`,
      { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } })
      .then((res) => (res.ok ? res.json() : null))
      .then((answer) => { if (answer && answer.visitor_cookie === false) say({ type: 'fallback' }); })
      .catch(() => { /* the page works or fails by itself */ });
  }

  /* ---- the site script's news ----------------------------------------- */

  function focusFirst() {
    const target = document.getElementById('say-text') || document.getElementById('question')
      || document.querySelector('main a, main button, main input, main textarea');
    if (target) target.focus({ preventScroll: true });
  }

  window.addEventListener('message', (e) => {
    if (e.source !== window.parent) return;
    const d = e.data;
    if (!d || typeof d !== 'object' || d.source !== 'baton-site') return;
    siteOrigin = e.origin;
    if (d.type === 'panel') {
      open = d.open === true;
      if (open) {
        unread = 0;
        say({ type: 'unread', count: 0 });
        if (d.focus) focusFirst();
      }
      return;
    }
    if (onSite) onSite(d, e.origin);
  });
  // Escape hides the panel (keys typed in the frame stay in the frame).
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented) say({ type: 'minimise' });
  });

  say({ type: 'ready' });

  /* ---- the conversation: the visitor's page is the shared view -------- */

  const C = window.BatonChannel;
  const root = document.getElementById('channel');
  if (!C || !root) return;

  C.on('event', (ev) => {
    const others = ev.from !== null && ev.from !== undefined && Number(ev.from) !== C.me;
    if ((ev.kind === 'line' || ev.kind === 'private') && others && !open) {
      unread++;
      say({ type: 'unread', count: unread });
      B.chime();
    }
  });
  C.on('ended', () => say({ type: 'state', state: 'ended' }));
  if (C.closed) return;

  const leadStatus = document.getElementById('lead-status');
  const notices = document.getElementById('stage-notices');
  let leader = Number(root.dataset.leader) || 0;
  let ledUrl = root.dataset.url || '';
  // The visitor is on whatever page they are on: what was led before this
  // page came is not led again; each new address is followed once.
  let followed = ledUrl;
  let myUrl = '';
  let lastScrollKey = '';
  let lastPointersKey = '';
  const leading = () => leader === C.me && !C.closed;

  function originOf(url) {
    try {
      const u = new URL(url);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
    } catch (e) {
      return null;
    }
  }
  const withoutHash = (url) => String(url || '').split('#')[0];
  const samePage = (a, b) => !!a && !!b && withoutHash(a) === withoutHash(b);

  /* The newest report of a kind, one at a time, at most one per `every` ms. */
  function reporter(path, every) {
    let busy = false;
    let wanted = null;
    let lastAt = 0;
    let timer = null;
    function pump() {
      if (busy || !wanted || C.closed) return;
      const wait = lastAt + every - Date.now();
      if (wait > 0 && !wanted.urgent) {
        if (!timer) timer = setTimeout(() => { timer = null; pump(); }, wait);
        return;
      }
      const { fields } = wanted;
      wanted = null;
      busy = true;
      lastAt = Date.now();
      B.postForm(path, { channel: C.channelId, token: C.token, ...fields }, { timeout: 10000 })
        .catch(() => { /* the next report makes up for it */ })
        .finally(() => { busy = false; pump(); });
    }
    return { send(fields, urgent) { wanted = { fields, urgent: !!urgent }; pump(); } };
  }
  /* Mirror messages (issue 20), each one, in order: a failed post is
   * tried again until it goes, so a dropped connection resumes where it
   * stopped. The agent's fills and clicks go back to the site script. */
  const mirrorRelay = (() => {
    const queue = [];
    let busy = false;
    let delay = 500;
    function pump() {
      if (busy || !queue.length || C.closed) return;
      busy = true;
      B.postForm('/mirror', { channel: C.channelId, token: C.token, data: JSON.stringify(queue[0]) }, { timeout: 15000 })
        .then(() => { queue.shift(); delay = 500; busy = false; pump(); })
        .catch((err) => {
          busy = false;
          if (err && err.status >= 400 && err.status < 500) { queue.shift(); pump(); return; }
          setTimeout(pump, delay);
          delay = Math.min(delay * 2, 8000);
        });
    }
    // A field's value travels whole in each 'input': one still waiting is
    // dropped for the newer (which goes last, after any change before it),
    // so typing faster than posts go makes fewer posts, not a backlog.
    function send(m) {
      if (m.t === 'input') {
        const waiting = queue.findIndex((q, k) => (k > 0 || !busy) && q.t === 'input' && q.i === m.i);
        if (waiting >= 0) queue.splice(waiting, 1);
      }
      if (queue.length < 2000) queue.push(m);
      pump();
    }
    return { send };
  })();
  C.on('event', (ev) => {
    if (ev.kind !== 'mirror' || ev.role !== 'agent') return;
    try {
      say({ type: 'mirror', m: JSON.parse(ev.body) });
    } catch (e) { /* not a message */ }
  });
  /* The whiteboard's marks on the visitor's page (drawn over it in the
   * agent's viewer, or over its mirrored copy: issue 20), drawn in the
   * real page by the site script as the others' pointers are. */
  const markEvents = new Map(); // seq -> event
  let lastMarksKey = '';
  function takeMark(ev) {
    const seq = Number(ev.seq);
    if (!['mark', 'erase', 'draw'].includes(ev.kind) || markEvents.has(seq)) return false;
    markEvents.set(seq, { seq, kind: ev.kind, from: Number(ev.from), body: ev.body });
    return true;
  }
  function sendMarks() {
    const M = window.BatonMarks;
    if (!M || !myUrl) return;
    const list = M.forPage(M.fold([...markEvents.values()]).marks, myUrl);
    const key = `${M.pageKey(myUrl)}|${JSON.stringify(list)}`;
    if (key === lastMarksKey) return;
    lastMarksKey = key;
    say({ type: 'marks', list });
  }
  C.on('event', (ev) => { if (takeMark(ev)) sendMarks(); });
  if (window.BatonMarks) {
    fetch(`/mark?channel=${encodeURIComponent(C.channelId)}`, {
      credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' },
    }).then((res) => (res.ok ? res.json() : null)).then((body) => {
      if (body && Array.isArray(body.events)) body.events.forEach(takeMark);
      sendMarks();
    }).catch(() => { /* the feed brings the next ones */ });
  }
  const seenReport = reporter('/seen', 250);
  const pointerReport = reporter('/pointer', 100);

  function renderLead() {
    const L = C.people.get(leader);
    if (!leadStatus) return;
    if (leading()) {
      leadStatus.replaceChildren(el('strong', { text: 'You lead.' }), ' The others see the pages of this site you open.');
    } else if (L) {
      leadStatus.replaceChildren(el('strong', { text: `${L.name} leads.` }), ' Your page follows.');
    } else {
      leadStatus.textContent = '';
    }
  }

  function notice(parts) {
    if (!notices) return;
    const close = el('button', { type: 'button', class: 'link dismiss', text: 'Dismiss' });
    const box = el('div', { class: 'stage-notice' }, el('p', {}, ...parts), el('p', { class: 'actions' }, close));
    close.addEventListener('click', () => box.remove());
    notices.replaceChildren(box);
  }

  /* The leader's new address: this site's pages open in place; another
   * site's is offered in a new tab, or in the full viewer. */
  function follow(url) {
    if (samePage(url, myUrl) || !originOf(url)) return;
    if (siteOrigin && originOf(url) === siteOrigin) {
      say({ type: 'navigate', url });
      return;
    }
    const L = C.people.get(leader);
    notice([`${L ? L.name : 'The leader'} shows a page of another site: `,
      el('a', { href: url, target: '_blank', rel: 'noopener', text: url }),
      ' (or see it with everyone in the full viewer).']);
  }

  function followScroll() {
    if (leading()) return;
    const L = C.people.get(leader);
    if (!L || !L.scroll || !samePage(L.url, myUrl)) return;
    const key = `${withoutHash(L.url)}|${L.scroll[0]}|${L.scroll[1]}`;
    if (key === lastScrollKey) return;
    lastScrollKey = key;
    say({ type: 'scroll', x: L.scroll[0], y: L.scroll[1] });
  }

  const COLORS = { fox: '#e8590c', owl: '#5f3dc4', cat: '#495057', bear: '#8d5524', whale: '#1971c2',
    robin: '#c92a2a', bee: '#f08c00', tortoise: '#2b8a3e' };
  function sendPointers() {
    const list = [];
    for (const p of C.people.values()) {
      if (p.me || !p.pointer || p.pointer.mode !== 'page' || !samePage(p.url, myUrl)) continue;
      if (!Number.isFinite(p.pointer.x) || !Number.isFinite(p.pointer.y)) continue;
      list.push({ id: p.id, name: p.name, color: COLORS[p.avatar] || '#2456d3', x: p.pointer.x, y: p.pointer.y });
    }
    const key = JSON.stringify(list);
    if (key === lastPointersKey) return;
    lastPointersKey = key;
    say({ type: 'pointers', list });
  }

  onSite = (d, origin) => {
    const url = typeof d.url === 'string' ? d.url : null;
    if (url !== null && originOf(url) !== origin) return; // a page speaks only for itself
    switch (d.type) {
      case 'hello':
      case 'location': {
        if (url === null) return;
        const moved = !samePage(url, myUrl);
        myUrl = url;
        const sx = Number.isFinite(d.scrollX) ? Math.max(0, Math.round(d.scrollX)) : 0;
        const sy = Number.isFinite(d.scrollY) ? Math.max(0, Math.round(d.scrollY)) : 0;
        seenReport.send({ url, sx: String(sx), sy: String(sy) }, moved);
        if (moved) {
          lastScrollKey = '';
          lastPointersKey = '';
          // Arriving on the page the leader led to counts as following it.
          if (samePage(url, ledUrl)) followed = ledUrl;
        }
        followScroll();
        sendPointers();
        if (d.type === 'hello') lastMarksKey = ''; // a page (re)loaded: its marks again
        sendMarks();
        break;
      }
      case 'mirror': // the visitor's page, mirrored (htdocs/js/mirror.js): in order
        if (d.m && typeof d.m === 'object') mirrorRelay.send(d.m);
        break;
      case 'pointer':
        if (Number.isFinite(d.x) && Number.isFinite(d.y) && d.x >= 0 && d.y >= 0) {
          pointerReport.send({ mode: 'page', x: String(Math.round(d.x)), y: String(Math.round(d.y)) });
        }
        break;
      default:
        break;
    }
  };

  C.on('answer', (a) => {
    if (a.leader === null || typeof a.leader === 'number') {
      if ((a.leader || 0) !== leader) {
        leader = a.leader || 0;
        lastScrollKey = '';
      }
    }
    if (typeof a.url === 'string' && a.url) ledUrl = a.url;
    if (ledUrl && followed !== ledUrl && !leading()) {
      followed = ledUrl;
      follow(ledUrl);
    }
    renderLead();
    followScroll();
    sendPointers();
  });
  C.on('people', () => {
    renderLead();
    followScroll();
    sendPointers();
  });
  renderLead();
}());
