/* viewer.js - browsing together in the channel page (templates/channel.cs):
 * the shared page in a frame, the avatars, the address bar, the baton,
 * two pointers, and the panels (history, who, rooms, help).
 *
 * Baton carries addresses, never pages: the leader's address goes to
 * everyone (POST /go, or links clicked inside the page, reported by the
 * site script and turned into an address by POST /seen), and each browser
 * loads the page from its site. Followers follow the poll's `url`; with
 * Baton's site script in the page (htdocs/js/baton-site.js) they also follow
 * the leader's scrolling and see the others' pointers drawn on the page.
 * Pages without the script get a pointing overlay; pages that refuse to be
 * framed open in a separate window that is still led, and the script there
 * reports and follows as it does in the frame.
 *
 * Messages are heeded only when they come from the window showing the view
 * (the frame, or the led window while a refusing page is shown), say they
 * are from the site script, and speak only for their own origin: a page
 * redirected to another origin (http to https, www) still counts, as it is
 * what the view shows. Everything reaches the DOM through textContent. The
 * conversation and the feed are channel.js's (window.BatonChannel). */
(function () {
  'use strict';
  const B = window.Baton;
  const C = window.BatonChannel;
  const root = document.getElementById('channel');
  if (!B || !C || !root) return;
  const { el } = B;
  const say = B.words(document.getElementById('viewer-words'));

  const { channelId, token, me, people } = C;
  const isAgent = C.role === 'agent';
  const PROBE_MS = 1500;          // the site script says hello within this, or there is none
  const SEEN_EVERY_MS = 250;
  const POINTER_EVERY_MS = 100;   // ~10 a second
  const LOAD_PATIENCE_MS = 15000;
  const SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals allow-downloads';

  const frame = document.getElementById('view');
  const ledOpener = document.getElementById('led-opener');
  const stage = document.getElementById('stage');
  const overlay = document.getElementById('overlay');
  const marks = document.getElementById('marks');
  const emptyEl = document.getElementById('stage-empty');
  const emptyHint = document.getElementById('stage-empty-hint');
  const emptyTitle = emptyEl.querySelector('p');
  const notices = document.getElementById('stage-notices');
  const addressForm = document.getElementById('address-form');
  const address = document.getElementById('address');
  const goButton = document.getElementById('go');
  const goWindow = document.getElementById('go-window');
  const leadStatus = document.getElementById('lead-status');
  const strip = document.getElementById('people');
  const whoList = document.getElementById('who-list');
  const historyList = document.getElementById('history-list');
  const historyEmpty = document.getElementById('history-empty');
  const pointerButton = document.getElementById('pointer-button');
  const menu = document.getElementById('person-menu');
  const menuTitle = document.getElementById('person-menu-title');
  const menuWhere = document.getElementById('person-menu-where');
  const menuActions = document.getElementById('person-menu-actions');
  const avatarChoices = document.getElementById('avatar-choices');

  let leader = Number(root.dataset.leader) || 0;
  let ledUrl = root.dataset.url || '';   // where the leader has led everyone
  let lastAddressFrom = 0;               // who made the newest address event
  let followed = '';                     // the led address this view last went to
  let addressTyped = false;              // the leader is typing an address not yet sent
  let myAvatar = root.dataset.avatar || '';
  const leading = () => leader === me && !C.closed;

  /* ---- small helpers -------------------------------------------------- */

  function originOf(url) {
    try {
      const u = new URL(url);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
    } catch (e) {
      return null;
    }
  }
  function withoutHash(url) {
    const i = (url || '').indexOf('#');
    return i < 0 ? url || '' : url.slice(0, i);
  }
  function samePage(a, b) {
    return !!a && !!b && withoutHash(a) === withoutHash(b);
  }
  function shortUrl(url) {
    try {
      const u = new URL(url);
      return `${u.host}${u.pathname === '/' ? '' : u.pathname}${u.search}`;
    } catch (e) {
      return url;
    }
  }
  /* What the leader typed, as an address: "shop.example/x" gets https://. */
  function normalize(raw) {
    let s = (raw || '').trim();
    if (!s) return null;
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = `https://${s}`;
    let u;
    try {
      u = new URL(s);
    } catch (e) {
      return null;
    }
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) return null;
    return u.href;
  }
  function timeOf(at) {
    const d = at ? new Date(at) : new Date();
    return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  }
  function fail(err) {
    C.alert(err && err.message ? err.message : String(err));
  }

  /* Posts the newest of a kind of report, at most one at a time and one per
   * `every` ms (an urgent one goes as soon as the one under way is done). */
  function reporter(path, every) {
    let busy = false;
    let wanted = null;
    let lastAt = 0;
    let timer = null;
    function pump() {
      if (busy || !wanted || C.closed || C.leaving) return;
      const wait = lastAt + every - Date.now();
      if (wait > 0 && !wanted.urgent) {
        if (!timer) timer = setTimeout(() => { timer = null; pump(); }, wait);
        return;
      }
      clearTimeout(timer);
      timer = null;
      const { fields } = wanted;
      wanted = null;
      busy = true;
      lastAt = Date.now();
      B.postForm(path, { channel: channelId, token, ...fields }, { timeout: 10000 })
        .catch(() => { /* a report: the next one makes up for it */ })
        .finally(() => {
          busy = false;
          pump();
        });
    }
    return {
      send(fields, urgent) {
        wanted = { fields, urgent: !!urgent || !!(wanted && wanted.urgent) };
        pump();
      },
    };
  }
  const seenReport = reporter('/seen', SEEN_EVERY_MS);
  const pointerReport = reporter('/pointer', POINTER_EVERY_MS);

  /* ---- colours: each person's avatar colour, unless taken ------------- */

  const AVATAR_COLORS = {
    fox: '#e8590c', owl: '#5f3dc4', cat: '#495057', bear: '#8d5524', whale: '#1971c2',
    robin: '#c92a2a', bee: '#f08c00', tortoise: '#2b8a3e',
  };
  const SPARE_COLORS = ['#0c8599', '#d6336c', '#364fc7', '#5c940d', '#862e9c', '#e67700', '#087f5b'];
  let colors = new Map();
  function assignColors() {
    colors = new Map();
    const used = new Set();
    let spare = 0;
    for (const p of [...people.values()].sort((a, b) => a.id - b.id)) {
      let c = AVATAR_COLORS[p.avatar];
      if (!c || used.has(c)) c = SPARE_COLORS[spare++ % SPARE_COLORS.length];
      used.add(c);
      colors.set(p.id, c);
    }
  }
  const colorOf = (p) => colors.get(p.id) || '#2456d3';

  /* ---- the frame ------------------------------------------------------ */

  let shownIn = '';        // where the view is shown: 'frame', 'led' (window) or ''
  let framedSrc = '';      // the address last put in the frame
  let ledSrc = '';         // the address last put in the led window
  let viewOrigin = null;   // the origin of the page shown, as it last said
  let viewUrl = '';        // where my view is (the site script says exactly)
  let viewScroll = [0, 0];
  let loading = false;     // a new address is loading: the old page's word is stale
  let loadTimer = null;
  let scripted = false;    // the site script answers from the page shown
  let heard = false;       // heard from it since the frame last loaded
  let probeTimer = null;
  let ledWindow = null;    // the led window for pages that refuse framing
  let lastScrollKey = '';
  let lastPointersKey = '';
  const checks = new Map(); // address -> Promise<{frameable, reason}>

  function frameCheck(url) {
    if (!checks.has(url)) {
      const q = `/framecheck?channel=${encodeURIComponent(channelId)}&url=${encodeURIComponent(url)}`;
      checks.set(url, fetch(q, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then((res) => (res.ok ? res.json() : null))
        .then((v) => (v && typeof v.frameable === 'boolean' ? v : { frameable: true, reason: '' }))
        .catch(() => {
          checks.delete(url); // ask again next time
          return { frameable: true, reason: '' };
        }));
    }
    return checks.get(url);
  }

  function setView(url, scroll) {
    viewUrl = url;
    if (scroll) viewScroll = scroll;
    const mine = people.get(me);
    if (mine) mine.url = url;
    if (address && !addressTyped) address.value = url;
    renderPeople();
    viewChanged(); // the whiteboard (issue 14)
  }

  function reportSeen(urgent) {
    if (!viewUrl || !originOf(viewUrl)) return;
    seenReport.send({ url: viewUrl, sx: String(Math.max(0, Math.round(viewScroll[0]))), sy: String(Math.max(0, Math.round(viewScroll[1]))) }, urgent);
  }

  /* A new page is on its way into the view: until it speaks, what the old
   * one says is stale. */
  function expectPage(url) {
    viewOrigin = originOf(url);
    scripted = false;
    heard = false;
    loading = true;
    lastScrollKey = '';
    lastPointersKey = '';
    clearTimeout(loadTimer);
    loadTimer = setTimeout(() => {
      loading = false;
      updatePointerMode();
    }, LOAD_PATIENCE_MS);
  }

  function frameIt(url) {
    clearNotice('refused');
    emptyEl.hidden = true;
    frame.hidden = false;
    root.classList.remove('no-page');
    if (shownIn === 'frame' && framedSrc === url && samePage(viewUrl, url) && !loading) return;
    shownIn = 'frame';
    framedSrc = url;
    expectPage(url);
    // Pages of other sites may not take over the viewer (no top navigation).
    // Baton's own origin (the demo site of `make run`) needs no sandbox, and
    // one that allows scripts and same-origin there would be no sandbox.
    if (viewOrigin === window.location.origin) frame.removeAttribute('sandbox');
    else frame.setAttribute('sandbox', SANDBOX);
    frame.src = url;
    setView(url, [0, 0]);
    reportSeen(true);
    updatePointerMode();
  }

  /* Shows an address: in the frame, or (refusing pages) in the led window. */
  async function show(url, gesture) {
    if (!url) return;
    const verdict = await frameCheck(url);
    if (url !== ledUrl && !gesture) return; // led on meanwhile
    if (verdict.frameable) {
      frameIt(url);
    } else {
      refused(url, verdict.reason, gesture);
    }
  }

  /* The led window is opened by a hidden, sandboxed frame of our own
   * origin (#led-opener) rather than by the viewer: we may still lead it
   * (browsers let a window navigate one whose opener it can reach), its
   * page may write to us through that frame, but it may not send the
   * viewer elsewhere: its opener is the frame, and the sandbox it inherits
   * forbids navigating any other window (measured in Chromium and Firefox). */
  function openLed(url) {
    let w = null;
    try {
      w = ledOpener.contentWindow.open('', `baton-led-${channelId}`);
    } catch (e) {
      w = null;
    }
    if (!w) return false;
    try {
      w.location.href = url;
    } catch (e) {
      return false;
    }
    ledWindow = w;
    return true;
  }

  /* Leads the led window to an address, unless it is there already. */
  function leadWindow(url) {
    if (!ledWindow || ledWindow.closed) return false;
    if (samePage(ledSrc, url) && samePage(viewUrl, url) && !loading) return true;
    try {
      ledWindow.location.href = url;
      return true;
    } catch (e) {
      ledWindow = null;
      return false;
    }
  }

  function refused(url, reason, gesture) {
    const already = shownIn === 'led' && ledWindow && !ledWindow.closed && samePage(ledSrc, url);
    // The frame empties: what it showed is not what is led any more, and
    // its page must not report (and so lead) from there.
    shownIn = 'led';
    framedSrc = '';
    frame.hidden = true;
    frame.src = 'about:blank';
    let open = leadWindow(url);
    if (!open && gesture) open = openLed(url);
    describeRefused(url, reason, open);
    if (already) return;
    ledSrc = url;
    expectPage(url);
    setView(url, [0, 0]);
    reportSeen(true);
  }

  /* Says, over the empty view, that the page is in a window of its own. */
  function describeRefused(url, reason, open) {
    root.classList.remove('no-page');
    emptyHint.textContent = url;
    emptyEl.hidden = false;
    updatePointerMode();
    drawOverlayPointers();
    const why = reason || say('refusedWhy');
    emptyTitle.textContent = open ? say('windowOpen') : say('windowOpens');
    const button = el('button', { type: 'button', class: 'secondary', text: open ? say('showWindow') : say('openPage') });
    button.addEventListener('click', () => {
      if (ledWindow && !ledWindow.closed) {
        ledWindow.focus();
        // Without the site script we cannot know where it is: lead it again.
        if (!heard) {
          try { ledWindow.location.href = url; } catch (e) { openLed(url); }
        }
      } else if (!openLed(url)) {
        C.alert(say('popupBlocked'));
        return;
      }
      button.textContent = say('showWindow');
      emptyTitle.textContent = say('windowOpen');
    });
    notice('refused', [
      el('strong', { text: say('refused') }), ' ',
      why, ' ',
      open ? say('windowFollows') : say('windowOpenIt'), ' ',
      el('span', { class: 'url', text: url }),
    ], [button]);
  }

  frame.addEventListener('load', () => {
    if (shownIn !== 'frame') return;
    loading = false;
    clearTimeout(loadTimer);
    heard = false;
    // The site script answers a hello with where it is. The page may have
    // been redirected to another origin, and a hello carries nothing.
    try {
      frame.contentWindow.postMessage({ source: 'baton-viewer', type: 'hello' }, '*');
    } catch (e) { /* gone meanwhile */ }
    clearTimeout(probeTimer);
    probeTimer = setTimeout(() => {
      if (!heard) {
        scripted = false;
        updatePointerMode();
      }
    }, PROBE_MS);
  });

  function viewWindow() {
    if (shownIn === 'frame') return frame.contentWindow;
    if (shownIn === 'led' && ledWindow && !ledWindow.closed) return ledWindow;
    return null;
  }

  function toView(message) {
    const w = viewWindow();
    if (!w || !viewOrigin) return;
    try {
      w.postMessage({ source: 'baton-viewer', ...message }, viewOrigin);
    } catch (e) { /* navigated away meanwhile */ }
  }

  function onSiteMessage(e) {
    const from = viewWindow();
    if (!from || e.source !== from || !originOf(`${e.origin}/`)) return;
    const d = e.data;
    if (!d || typeof d !== 'object' || d.source !== 'baton-site') return;
    const url = typeof d.url === 'string' ? d.url : null;
    if (url !== null && originOf(url) !== e.origin) return; // a page speaks only for itself
    // While a new address loads, only the new page counts. The frame says
    // when its page has loaded (wherever it was redirected); the led window
    // does not, so there a page saying hello is the new one.
    const expected = shownIn === 'frame' ? framedSrc : ledSrc;
    const fresh = shownIn === 'led' && d.type === 'hello';
    if (loading && !fresh && (url === null || !samePage(url, expected))) return;
    if (loading && url !== null) {
      loading = false;
      clearTimeout(loadTimer);
    }
    viewOrigin = e.origin;
    heard = true;
    if (!scripted) {
      scripted = true;
      updatePointerMode();
    }
    switch (d.type) {
      case 'hello':
      case 'location': {
        if (url === null) return;
        const moved = !samePage(url, viewUrl);
        const scroll = Number.isFinite(d.scrollX) && Number.isFinite(d.scrollY) ? [d.scrollX, d.scrollY] : viewScroll;
        setView(url, moved && d.type === 'hello' ? [0, 0] : scroll);
        if (moved) {
          lastScrollKey = '';
          lastPointersKey = '';
        }
        reportSeen(moved);
        if (moved && shownIn === 'led') ledMoved(url);
        followScroll();
        sendPointers();
        break;
      }
      case 'pointer':
        if (Number.isFinite(d.x) && Number.isFinite(d.y) && d.x >= 0 && d.y >= 0) {
          pointerReport.send({ mode: 'page', x: String(Math.round(d.x)), y: String(Math.round(d.y)) });
        }
        break;
      case 'click':
        // A led window goes wherever its links lead; the frame cannot show
        // a refusing page.
        if (typeof d.href === 'string' && shownIn === 'frame') clickedLink(d.href);
        break; // otherwise the new page's location says where a click led
      default:
        break;
    }
  }
  window.addEventListener('message', onSiteMessage);
  ledOpener.contentWindow.addEventListener('message', onSiteMessage);

  /* The led window went to another page (a link clicked in it): a page
   * that may be framed comes back into the view; one that refuses stays
   * in the window, and the notice names it. */
  async function ledMoved(url) {
    const verdict = await frameCheck(url);
    if (shownIn !== 'led' || !samePage(viewUrl, url)) return; // moved on meanwhile
    if (verdict.frameable) {
      frameIt(url);
    } else {
      ledSrc = url;
      describeRefused(url, verdict.reason, true);
    }
  }

  /* A link clicked inside the page, to a page that refuses framing: the
   * frame cannot show it (the browser shows an error instead), so the
   * leader leads there (its led window opens: the click in the frame counts
   * as the user's gesture here too), and a follower gets it in a window of
   * their own while the view goes back. */
  async function clickedLink(href) {
    const url = originOf(href) ? withoutHash(href) === withoutHash(viewUrl) ? null : href : null;
    if (!url || C.closed) return;
    const from = viewUrl;
    const verdict = await frameCheck(url);
    if (verdict.frameable) return;
    if (leading()) {
      address.value = url;
      lead(url, 'frame', true);
      return;
    }
    let w = null;
    try {
      w = window.open('', '_blank');
    } catch (e) {
      w = null;
    }
    if (w) {
      try { w.opener = null; } catch (e) { /* fine */ }
      w.location.href = url;
    }
    if (from) frameIt(from);
  }

  /* Followers follow the leader's scrolling on the same page. */
  function followScroll() {
    if (leading() || !scripted || loading) return;
    const L = people.get(leader);
    if (!L || !L.scroll || !samePage(L.url, viewUrl)) return;
    const key = `${withoutHash(L.url)}|${L.scroll[0]}|${L.scroll[1]}`;
    if (key === lastScrollKey) return;
    lastScrollKey = key;
    toView({ type: 'scroll', x: L.scroll[0], y: L.scroll[1] });
  }

  /* ---- pointers ------------------------------------------------------- */

  /* The others' page pointers, drawn by the site script where they point. */
  function sendPointers() {
    if (!scripted || loading) return;
    const list = [];
    for (const p of people.values()) {
      if (p.me || !p.pointer || p.pointer.mode !== 'page' || !samePage(p.url, viewUrl)) continue;
      if (!Number.isFinite(p.pointer.x) || !Number.isFinite(p.pointer.y)) continue;
      list.push({ id: p.id, name: p.name, color: colorOf(p), x: p.pointer.x, y: p.pointer.y });
    }
    const key = JSON.stringify(list);
    if (key === lastPointersKey) return;
    lastPointersKey = key;
    toView({ type: 'pointers', list });
  }

  /* Overlay pointers (pages without the script), drawn over the view. */
  const overlayMarks = new Map();
  function drawOverlayPointers() {
    const keep = new Set();
    for (const p of frame.hidden ? [] : people.values()) {
      if (p.me || !p.pointer || p.pointer.mode !== 'overlay') continue;
      if (p.url && viewUrl && !samePage(p.url, viewUrl)) continue;
      const { x, y } = p.pointer;
      if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) continue;
      keep.add(p.id);
      let mark = overlayMarks.get(p.id);
      if (!mark) {
        mark = el('div', { class: 'mark', dataset: { participant: p.id } }, el('span', { class: 'dot' }), el('span', { class: 'label' }));
        marks.append(mark);
        overlayMarks.set(p.id, mark);
      }
      const color = colorOf(p);
      mark.firstChild.style.background = color;
      mark.lastChild.style.background = color;
      mark.lastChild.textContent = p.name;
      mark.style.left = `${(x * 100).toFixed(3)}%`;
      mark.style.top = `${(y * 100).toFixed(3)}%`;
    }
    for (const [id, mark] of overlayMarks) {
      if (!keep.has(id)) {
        mark.remove();
        overlayMarks.delete(id);
      }
    }
  }

  let pointing = false;
  let myOverlay = { x: 0.5, y: 0.5 };
  const myMark = el('div', { class: 'mark mine', hidden: true }, el('span', { class: 'dot' }), el('span', { class: 'label', text: say('you') }));
  marks.append(myMark);

  function updatePointerMode() {
    const can = shownIn === 'frame' && !frame.hidden && !scripted && !loading && !C.closed;
    pointerButton.hidden = !can;
    if (!can && pointing) setPointing(false);
    viewChanged(); // the whiteboard (issue 14)
  }
  function setPointing(on) {
    pointing = on;
    pointerButton.setAttribute('aria-pressed', on ? 'true' : 'false');
    pointerButton.textContent = on ? say('stopPointing') : say('point');
    overlay.hidden = !on;
    myMark.hidden = true;
    if (on) {
      overlay.tabIndex = 0;
      overlay.setAttribute('role', 'application');
      overlay.setAttribute('aria-label', say('pointing'));
    }
  }
  pointerButton.addEventListener('click', () => {
    setPointing(!pointing);
    if (pointing) overlay.focus();
  });
  function pointAt(x, y) {
    myOverlay = { x: Math.min(1, Math.max(0, x)), y: Math.min(1, Math.max(0, y)) };
    myMark.hidden = false;
    myMark.style.left = `${(myOverlay.x * 100).toFixed(3)}%`;
    myMark.style.top = `${(myOverlay.y * 100).toFixed(3)}%`;
    pointerReport.send({ mode: 'overlay', x: myOverlay.x.toFixed(4), y: myOverlay.y.toFixed(4) });
  }
  overlay.addEventListener('pointermove', (e) => {
    const r = overlay.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) pointAt((e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height);
  });
  overlay.addEventListener('keydown', (e) => {
    const step = e.shiftKey ? 0.1 : 0.02;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[e.key]) {
      e.preventDefault();
      pointAt(myOverlay.x + moves[e.key][0], myOverlay.y + moves[e.key][1]);
    } else if (e.key === 'Escape') {
      setPointing(false);
      pointerButton.focus();
    }
  });

  /* ---- notices over the view ------------------------------------------ */

  function notice(key, parts, buttons = []) {
    clearNotice(key);
    const close = el('button', { type: 'button', class: 'link dismiss', text: say('dismiss') });
    const box = el('div', { class: `stage-notice notice-${key}`, dataset: { key } },
      el('p', {}, ...parts), el('p', { class: 'actions' }, ...buttons, close));
    close.addEventListener('click', () => box.remove());
    notices.append(box);
    return box;
  }
  function clearNotice(key) {
    for (const n of notices.querySelectorAll(`.stage-notice[data-key="${key}"]`)) n.remove();
  }

  /* A visitor who leads asked to take everyone to an address off the
   * client's sites (it could be a look-alike page): the agent sees all of
   * it and decides whether to go. */
  const proposalsShown = new Map(); // participant id -> address shown
  function proposed(person) {
    const url = person.proposed || '';
    if (proposalsShown.get(person.id) === url) return;
    proposalsShown.set(person.id, url);
    clearNotice(`propose-${person.id}`);
    if (!url || !originOf(url)) return;
    const go = el('button', { type: 'button', class: 'follow-proposal', text: 'Go there' });
    const box = notice(`propose-${person.id}`, [
      el('strong', { text: `${person.name || 'The visitor'} wants to lead everyone to another site:` }), ' ',
      el('span', { class: 'url', text: url }), ' Go only if you trust that address.'], [go]);
    go.addEventListener('click', async () => {
      try {
        await B.postForm('/go', { channel: channelId, token, url, mode: 'frame', approve: String(person.id) });
        box.remove();
      } catch (err) {
        fail(err);
      }
    });
  }

  /* A page sent to open in a new window: browsers let a window open only
   * from a click, so the follower gets a button. */
  function windowSent(ev) {
    const url = ev.body;
    if (!originOf(url)) return;
    const name = ev.name || say('someone');
    const open = el('button', { type: 'button', class: 'open-window', text: say('open') });
    const box = notice('window', [
      el('strong', { text: ev.role === 'agent' ? say('agentSent') : say('personSent', { name }) }), ' ',
      ev.role === 'agent' ? say('agentSentWho', { name }) : '', ' ',
      el('span', { class: 'url', text: url })], [open]);
    open.addEventListener('click', () => {
      let w = null;
      try {
        w = window.open('', '_blank');
      } catch (e) {
        w = null;
      }
      if (!w) {
        C.alert(say('popupBlocked'));
        return;
      }
      try { w.opener = null; } catch (e) { /* fine */ }
      w.location.href = url;
      box.remove();
    });
    open.focus({ preventScroll: true });
  }

  /* ---- leading -------------------------------------------------------- */

  function renderLead() {
    const L = people.get(leader);
    const parts = [];
    if (C.closed) {
      parts.push(say('endedStatus'));
    } else if (leading()) {
      parts.push(el('strong', { text: say('youLead') }), ' ', say('youLeadHow'));
    } else if (L) {
      parts.push(el('strong', { text: say('leads', { name: L.name }) }), ' ', say('onlyLeader'));
      if (isAgent) {
        const take = el('button', { type: 'button', class: 'link', id: 'take-lead', text: 'Take the lead' });
        take.addEventListener('click', () => passLead(me));
        parts.push(' ', take);
      }
    } else {
      parts.push(say('nobodyLeads'));
      if (isAgent) {
        const take = el('button', { type: 'button', class: 'link', id: 'take-lead', text: 'Take the lead' });
        take.addEventListener('click', () => passLead(me));
        parts.push(' ', take);
      }
    }
    leadStatus.replaceChildren(...parts);
    const can = leading();
    address.readOnly = !can;
    address.setAttribute('aria-readonly', can ? 'false' : 'true');
    goButton.disabled = !can;
    goWindow.disabled = !can;
    addressForm.classList.toggle('following', !can);
    root.classList.toggle('is-leader', can);
    if (!viewUrl && !ledUrl) {
      emptyHint.textContent = can ? say('youLeadHint') : say('noPageHint');
    }
    startNotice();
  }

  function setLeader(id) {
    const was = leader;
    leader = id || 0;
    C.setLeader(leader);
    if (was === leader) return;
    viewChanged(); // the whiteboard (issue 14)
    renderLead();
    renderPeople();
    renderHistory();
    if (leader === me) {
      // The new leader's view is what everyone sees from now on.
      if (viewUrl && !samePage(viewUrl, ledUrl)) reportSeen(true);
    } else {
      lastScrollKey = '';
      followScroll();
    }
  }

  async function passLead(to) {
    closeMenu();
    try {
      const answer = await B.postForm('/lead', { channel: channelId, token, to: String(to) });
      if (typeof answer.leader === 'number') setLeader(answer.leader);
    } catch (err) {
      fail(err);
    }
  }

  async function lead(url, mode, gesture) {
    addressTyped = false;
    if (!leading()) {
      C.alert(say('onlyLeader'));
      return;
    }
    if (mode === 'window') {
      try {
        const answer = await B.postForm('/go', { channel: channelId, token, url, mode: 'window' });
        notice('sent', say.parts(answer && answer.proposed ? 'guideAskedWindow' : 'sentWindow', { address: el('span', { class: 'url', text: url }) }));
        setTimeout(() => clearNotice('sent'), 6000);
      } catch (err) {
        fail(err);
      }
      return;
    }
    const verdict = frameCheck(url); // under way while /go is
    let answer;
    try {
      answer = await B.postForm('/go', { channel: channelId, token, url, mode: 'frame' });
    } catch (err) {
      fail(err);
      return;
    }
    if (answer && answer.proposed) {
      // Off the site's own pages the agent decides whether everyone goes.
      notice('proposed', say.parts('guideAsked', { address: el('span', { class: 'url', text: url }) }));
      setTimeout(() => clearNotice('proposed'), 8000);
    }
    ledUrl = url;
    followed = url;
    lastAddressFrom = me;
    clearNotice('start');
    await verdict;
    await show(url, gesture);
  }

  addressForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const mode = e.submitter && e.submitter.value === 'window' ? 'window' : 'frame';
    const url = normalize(address.value);
    if (!url) {
      C.alert(say('giveAddress'));
      address.focus();
      return;
    }
    C.alert('');
    address.value = url;
    lead(url, mode, true);
  });
  address.addEventListener('input', () => { addressTyped = true; });
  address.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    addressTyped = false;
    address.value = viewUrl || ledUrl || '';
  });

  /* Before anyone has led: the agent may start from the visitor's page. */
  function startNotice() {
    const start = root.dataset.startPage;
    clearNotice('start');
    if (!start || ledUrl || viewUrl || !leading() || !originOf(start)) return;
    // A call (templates/phone_bar.cs): the customer is on the phone, not
    // here yet; the view opens at their page at once, ready for them.
    if (document.getElementById('phone')) {
      address.value = start;
      lead(start, 'frame', true);
      return;
    }
    const visitor = [...people.values()].find((p) => p.role === 'visitor');
    const go = el('button', { type: 'button', text: 'Show it to everyone' });
    go.addEventListener('click', () => {
      address.value = start;
      lead(start, 'frame', true);
    });
    notice('start', [`${visitor ? visitor.name : 'The visitor'} asked for help on `, el('span', { class: 'url', text: start })], [go]);
    if (!address.value) address.value = start;
  }

  /* ---- people: the avatar strip and the who panel ---------------------- */

  function avatarImg(p, size) {
    const name = p.avatar && /^[a-z]+$/.test(p.avatar) ? p.avatar : 'owl';
    const img = el('img', { class: 'avatar', src: `/avatars/${name}.svg`, alt: '', width: size, height: size });
    img.style.borderColor = colorOf(p);
    return img;
  }
  function roleLabel(p) {
    return { agent: say('roleAgent'), visitor: say('roleVisitor'), supervisor: say('roleSupervisor') }[p.role] || p.role;
  }
  function canWriteTo(p) {
    if (p.me) return false;
    if (C.isSupervisor) return p.role !== 'visitor';
    return true;
  }
  function actionsFor(p) {
    const acts = [];
    if (C.closed) return acts;
    if (p.me) {
      if (isAgent && !leading()) acts.push({ label: 'Take the lead', run: () => passLead(me) });
    } else {
      if (leading() && p.role !== 'supervisor') acts.push({ label: say('giveLead'), run: () => passLead(p.id) });
      if (isAgent && !leading() && p.id === leader) acts.push({ label: 'Take the lead', run: () => passLead(me) });
      if (canWriteTo(p)) acts.push({ label: say('privateLine'), run: () => { closeMenu(); closePanels(); C.writeTo(p.id); } });
    }
    return acts;
  }

  function sortedPeople() {
    return [...people.values()].sort((a, b) => (a.me === b.me ? a.id - b.id : a.me ? -1 : 1));
  }

  /* Rebuilds a part only when what it shows changed, keeping the keyboard
   * focus on the control of the same key (data-key). */
  const signatures = new WeakMap();
  function rebuild(container, signature, build) {
    if (signatures.get(container) === signature) return;
    signatures.set(container, signature);
    const active = document.activeElement;
    const key = active && container.contains(active) && active.dataset ? active.dataset.key : null;
    container.replaceChildren(...build());
    if (key) {
      const again = container.querySelector(`[data-key="${CSS.escape(key)}"]`);
      if (again) again.focus();
    }
  }
  function personSignature(p) {
    return [p.id, p.name, p.role, p.avatar, p.url, p.id === leader, colorOf(p),
      actionsFor(p).map((a) => a.label).join('/')].join('|');
  }

  function renderStrip() {
    const list = sortedPeople();
    rebuild(strip, list.map(personSignature).join('\n'), () => list.map((p) => {
      const li = el('li', {
        class: `person role-${p.role}${p.me ? ' me' : ''}${p.id === leader ? ' leader' : ''}`,
        dataset: { participant: p.id, avatar: p.avatar || '', url: p.url || '' },
      });
      const button = el('button', {
        type: 'button', class: 'avatar-button', 'aria-haspopup': 'dialog',
        'aria-expanded': menuFor === p.id && !menu.hidden ? 'true' : 'false',
        'aria-controls': 'person-menu', title: p.url ? `${p.name}: ${p.url}` : p.name,
        dataset: { key: `avatar:${p.id}` },
      }, avatarImg(p, 28));
      const line = el('span', { class: 'line' }, el('span', { class: 'name', text: p.name }));
      if (p.me) line.append(' ', el('span', { class: 'you', text: say('youMark') }));
      if (p.id === leader) line.append(' ', el('span', { class: 'badge', text: say('leadsMark') }));
      const text = el('span', { class: 'text' }, line);
      if (!p.me && p.url && (C.isStaff || p.id === leader)) text.append(el('span', { class: 'where', text: shortUrl(p.url) }));
      button.append(text);
      button.addEventListener('click', () => openMenu(p.id, button));
      li.append(button);
      return li;
    }));
  }

  function renderPeople() {
    assignColors();
    renderStrip();
    renderWho();
    sendPointers();
    drawOverlayPointers();
    followScroll();
    if (menuFor !== null && !menu.hidden) {
      if (!people.has(menuFor)) closeMenu(); else fillMenu(menuFor);
    }
  }

  function renderWho() {
    const list = sortedPeople();
    rebuild(whoList, list.map(personSignature).join('\n'), () => list.map((p) => {
      const head = el('p', { class: 'who-name' }, el('strong', { text: p.name }), p.me ? ` ${say('youMark')}` : '',
        ` · ${roleLabel(p)}`, p.id === leader ? el('span', { class: 'badge', text: say('leadsMark') }) : '');
      const where = p.url ? el('p', { class: 'where' }, ...say.parts(p.me ? 'yourView' : 'viewing', { address: el('span', { class: 'url', text: p.url }) }))
        : el('p', { class: 'where muted', text: say('noPageYet') });
      const actions = el('p', { class: 'actions' });
      for (const a of actionsFor(p)) {
        const b = el('button', { type: 'button', class: 'secondary small', text: a.label, dataset: { key: `${p.id}:${a.label}` } });
        b.addEventListener('click', a.run);
        actions.append(b);
      }
      return el('li', { class: `who-item role-${p.role}`, dataset: { participant: p.id } },
        avatarImg(p, 36), el('div', {}, head, where, actions.childNodes.length ? actions : ''));
    }));
  }

  /* ---- the person menu (two clicks: an avatar, then "Give the lead") --- */

  let menuFor = null;
  let menuOpener = null;
  function fillMenu(id) {
    const p = people.get(id);
    if (!p) return;
    menuTitle.textContent = p.me ? `${p.name} ${say('youMark')}` : p.name;
    menuWhere.hidden = !p.url;
    menuWhere.textContent = p.url ? say(p.me ? 'yourView' : 'viewing', { address: p.url }) : '';
    const acts = actionsFor(p);
    rebuild(menuActions, `${p.id}|${acts.map((a) => a.label).join('/')}`, () => {
      const buttons = acts.map((a) => {
        const b = el('button', { type: 'button', class: 'menu-action', text: a.label, dataset: { key: a.label } });
        b.addEventListener('click', a.run);
        return b;
      });
      if (!buttons.length && !p.me) buttons.push(el('p', { class: 'muted', text: p.id === leader ? say('leadsTheWay') : say('follows') }));
      return buttons;
    });
    avatarChoices.hidden = !p.me || C.closed;
    for (const b of avatarChoices.querySelectorAll('button[data-avatar]')) {
      b.setAttribute('aria-pressed', b.dataset.avatar === myAvatar ? 'true' : 'false');
    }
  }
  function openMenu(id, opener) {
    if (menuFor === id && !menu.hidden) {
      closeMenu();
      return;
    }
    closePanels();
    closeMenu(false);
    menuFor = id;
    menuOpener = opener;
    fillMenu(id);
    menu.hidden = false;
    opener.setAttribute('aria-expanded', 'true');
    placeMenu(opener);
    const first = menu.querySelector('.menu-action, .avatar-choice');
    (first || menu.querySelector('.panel-close')).focus();
  }
  function placeMenu(opener) {
    const r = opener.getBoundingClientRect();
    const w = menu.offsetWidth;
    const h = menu.offsetHeight;
    const left = Math.max(8, Math.min(r.left, window.innerWidth - w - 8));
    let top = r.bottom + 6;
    if (top + h > window.innerHeight - 8) top = Math.max(8, r.top - h - 6);
    menu.style.left = `${left}px`;
    menu.style.top = `${top}px`;
  }
  function closeMenu(refocus = true) {
    if (menu.hidden) return;
    menu.hidden = true;
    const id = menuFor;
    menuFor = null;
    menuOpener = null;
    for (const b of strip.querySelectorAll('[aria-expanded="true"]')) b.setAttribute('aria-expanded', 'false');
    // The avatar button may have been rebuilt meanwhile: find it by key.
    const opener = strip.querySelector(`[data-key="avatar:${id}"]`);
    if (refocus && opener) opener.focus();
  }
  menu.querySelector('.panel-close').addEventListener('click', () => closeMenu());
  menu.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      closeMenu();
    }
  });
  document.addEventListener('pointerdown', (e) => {
    if (!menu.hidden && !menu.contains(e.target) && !e.target.closest('.avatar-button')) closeMenu(false);
  });

  avatarChoices.addEventListener('click', async (e) => {
    const b = e.target.closest('button[data-avatar]');
    if (!b) return;
    const chosen = b.dataset.avatar;
    try {
      await B.postForm('/avatar', { channel: channelId, token, avatar: chosen });
      myAvatar = chosen;
      const mine = people.get(me);
      if (mine) mine.avatar = chosen;
      renderPeople();
      fillMenu(me);
      const again = avatarChoices.querySelector(`button[data-avatar="${chosen}"]`);
      if (again) again.focus();
    } catch (err) {
      fail(err);
    }
  });

  /* ---- panels --------------------------------------------------------- */

  const panelButtons = [...document.querySelectorAll('.viewer-tools button[aria-controls]')];
  function closePanels(refocusButton) {
    for (const b of panelButtons) {
      const panel = document.getElementById(b.getAttribute('aria-controls'));
      if (panel && !panel.hidden) {
        panel.hidden = true;
        b.setAttribute('aria-expanded', 'false');
        if (refocusButton) b.focus();
      }
    }
  }
  for (const b of panelButtons) {
    const panel = document.getElementById(b.getAttribute('aria-controls'));
    if (!panel) continue;
    panel.tabIndex = -1;
    b.addEventListener('click', () => {
      const open = panel.hidden;
      closeMenu(false);
      closePanels();
      if (open) {
        if (panel.id === 'panel-who') renderWho();
        panel.hidden = false;
        b.setAttribute('aria-expanded', 'true');
        panel.focus();
      }
    });
    panel.querySelector('.panel-close').addEventListener('click', () => closePanels(true));
    panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        closePanels(true);
      }
    });
  }
  const roomsList = document.getElementById('rooms-list');
  const roomsEmpty = document.getElementById('rooms-empty');
  if (roomsList && roomsEmpty) roomsEmpty.hidden = roomsList.querySelector('li') !== null;

  /* ---- history: the addresses led to in this session -------------------- */

  const visited = []; // { url, at, kind }
  for (const li of document.querySelectorAll('#lines li.event-address[data-url], #lines li.event-window[data-url]')) {
    visited.push({ url: li.dataset.url, at: li.dataset.at || '', kind: li.classList.contains('event-window') ? 'window' : 'address' });
  }
  function renderHistory() {
    const items = visited.slice().reverse().map((v) => {
      const li = el('li', {}, el('time', { text: timeOf(v.at) }), ' ', el('span', { class: 'url', text: v.url }),
        v.kind === 'window' ? el('span', { class: 'muted', text: ` ${say('newWindowMark')}` }) : '');
      if (leading()) {
        const again = el('button', { type: 'button', class: 'link', text: say('leadHere') });
        again.addEventListener('click', () => {
          closePanels();
          address.value = v.url;
          lead(v.url, 'frame', true);
        });
        li.append(' ', again);
      }
      return li;
    });
    historyList.replaceChildren(...items);
    historyEmpty.hidden = visited.length > 0;
    for (const b of document.querySelectorAll('#saved-addresses .address-pick')) b.disabled = !leading();
  }
  const saved = document.getElementById('saved-addresses');
  if (saved) {
    saved.addEventListener('click', (e) => {
      const b = e.target.closest('.address-pick[data-url]');
      if (!b || !leading()) return;
      closePanels();
      address.value = b.dataset.url;
      lead(b.dataset.url, 'frame', true);
    });
  }

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !menu.hidden) closeMenu();
  });

  /* ---- the feed's news ------------------------------------------------ */

  C.on('event', (ev) => {
    switch (ev.kind) {
      case 'address':
        lastAddressFrom = Number(ev.from);
        visited.push({ url: ev.body, at: ev.at, kind: 'address' });
        renderHistory();
        break;
      case 'window':
        visited.push({ url: ev.body, at: ev.at, kind: 'window' });
        renderHistory();
        if (Number(ev.from) !== me) windowSent(ev);
        break;
      default:
        break;
    }
  });

  C.on('answer', (a) => {
    if (a.leader === null || typeof a.leader === 'number') setLeader(a.leader || 0);
    if (typeof a.url === 'string' && a.url && a.url !== ledUrl) {
      ledUrl = a.url;
      clearNotice('start');
      // The leader's own address (typed, or a link clicked) is there already.
      if (leading() && lastAddressFrom === me) followed = ledUrl;
    }
    // A follower goes to each address led to once (and may wander off by
    // clicking links, until the next one).
    if (ledUrl && followed !== ledUrl && !leading()) {
      followed = ledUrl;
      show(ledUrl, false);
    }
  });

  C.on('people', (people) => {
    renderPeople();
    if (C.isStaff) for (const p of people.values()) if (!p.me && 'proposed' in p) proposed(p);
  });

  C.on('ended', () => {
    setPointing(false);
    updatePointerMode();
    closeMenu(false);
    renderLead();
    renderPeople();
    renderHistory();
    clearNotice('start');
  });

  /* ---- for the whiteboard (htdocs/js/whiteboard.js, issue 14): where the
   * view is and whether Baton's site script answers in it, a way to speak
   * to that script, and word of every change. -------------------------- */

  const viewWatchers = [];
  function viewChanged() {
    for (const fn of viewWatchers) {
      try {
        fn();
      } catch (e) {
        setTimeout(() => { throw e; });
      }
    }
  }
  window.BatonViewer = Object.freeze({
    get url() { return viewUrl; },
    get scroll() { return viewScroll.slice(); },
    get scripted() { return scripted && !loading; },
    get shownIn() { return shownIn; },
    get leading() { return leading(); },
    colorOf(id) {
      const p = people.get(Number(id));
      return p ? colorOf(p) : '#2456d3';
    },
    toView,
    /* The leader leads everyone to an address (a blank board, say). */
    lead(url) {
      address.value = url;
      return lead(url, 'frame', true);
    },
    onView(fn) { viewWatchers.push(fn); },
  });

  /* ---- start ------------------------------------------------------------ */

  root.classList.toggle('no-page', !ledUrl);
  renderPeople();
  renderLead();
  renderHistory();
  if (ledUrl) {
    followed = ledUrl;
    show(ledUrl, false);
  }
}());
