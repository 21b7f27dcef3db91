/* mirror-view.js - Baton's mirror mode, the agent's side (issue 20): the
 * visitor's own page (sent by htdocs/js/mirror.js on their page, masked
 * there, as 'mirror' events of the channel: lib/mirror.h) rebuilt over the
 * viewer's stage, in a frame of Baton's own origin (/mirror.html) that is
 * sandboxed with scripts disabled; the page's stylesheets and images load
 * from the site. The visitor's typing and scrolling follow.
 *
 * The agent acts through a layer over the frame (nothing in the frame is
 * clickable): a click on a field offers to fill it (never a masked one), a
 * click elsewhere is sent as a click; the visitor's page shows it as a
 * highlight to follow, or performs it when the visitor lets the agent
 * fill in fields. When the visitor stops sharing, the view freezes as it
 * was, with a notice; when they decline, or their page cannot be copied
 * (frames, canvas, shadow DOM, too large: mirror.js decides), a notice says
 * so over the address view, which stays. The copy is laid out at the
 * visitor's window width and scaled to the stage; the visitor's pointer
 * and the whiteboard's marks (whiteboard.js, drawn with marks.js) are
 * drawn over it in its page coordinates, and a ring around the element
 * that has the visitor's focus (a dashed one, "private", for a masked
 * field: where they are, never what they type).
 *
 * A snapshot that arrives gzipped ("z":"gzip", from a browser with
 * CompressionStream) is inflated here with DecompressionStream, fed in
 * small slices and read with a bound (INFLATED_MAX), so a hostile one that
 * inflates without end is refused with a notice instead of hanging the
 * agent's tab. Messages are handled one after another, in order, though
 * inflating takes a promise: a change never lands before the snapshot it
 * changes. Uses baton.js and channel.js. */
(function () {
  'use strict';
  const B = window.Baton;
  const C = window.BatonChannel; // absent on the replay page (templates/replay.cs)
  const stage = document.getElementById('stage') || document.getElementById('replay-stage');
  if (!B || !stage) return;
  const { el } = B;
  const isAgent = !!C && C.role === 'agent';

  let box = null;        // the mirror's holder over the stage
  let frame = null;
  let layer = null;
  let notice = null;
  let fillForm = null;
  let nodes = new Map(); // id -> node in the frame
  let ids = new WeakMap();
  let parts = null;      // the snapshot being received
  let frozen = false;
  let allowFill = false;
  let visitorName = 'The visitor';
  let scroll = [0, 0];
  let sheet = null;
  let page = null;
  let visitorWidth = 0;  // the visitor's window, from the snapshot
  let scale = 1;
  let marksSvg = null;   // the whiteboard's marks over the copy (whiteboard.js)
  let marks = [];
  let focus = { id: 0, masked: false }; // the element with the visitor's focus
  let focusRing = null;
  let focusLoop = 0;
  let queue = Promise.resolve(); // messages, one after another

  // mirror.js sends at most 2,000,000 characters of snapshot (3 bytes each
  // in UTF-8 at most) in at most some hundreds of parts.
  const INFLATED_MAX = 6000000;
  const PARTS_MAX = 1000;
  const SLICE = 2048; // compressed bytes fed at a time: at most ~2 MB out each

  function ensureBox() {
    if (box) return;
    frame = el('iframe', { id: 'mirror-frame', title: 'The visitor\'s page, as they see it', src: '/mirror.html' });
    frame.setAttribute('sandbox', 'allow-same-origin');
    layer = el('div', { class: 'mirror-layer', id: 'mirror-layer' });
    marksSvg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    marksSvg.setAttribute('class', 'mirror-marks');
    marksSvg.setAttribute('aria-hidden', 'true');
    layer.append(marksSvg);
    notice = el('p', { class: 'mirror-notice', id: 'mirror-notice', role: 'status' });
    // The copy is laid out at the visitor's window width (the sheet) and
    // scaled to fit the stage, so it is the page as they see it: pointers
    // and marks in page coordinates land on the same things on both sides.
    sheet = el('div', { class: 'mirror-sheet' }, frame, layer);
    page = el('div', { class: 'mirror-page' }, sheet);
    box = el('div', { class: 'mirror', id: 'mirror' }, notice, page);
    stage.append(box);
    new ResizeObserver(fit).observe(page);
    layer.addEventListener('click', onLayerClick);
  }

  function say(text) {
    notice.textContent = text;
  }
  function status() {
    if (frozen) return;
    say(`${visitorName}'s own page, as they see it. `
      + (allowFill ? 'They let you fill in fields: click one to fill it.' : 'Your clicks show on their page as highlights to follow.'));
  }

  /* ---- inflating ------------------------------------------------------ */
  class Refused extends Error {}
  async function inflate(b64) {
    if (typeof DecompressionStream !== 'function') throw new Refused('this browser cannot inflate it');
    let bin;
    try {
      bin = atob(b64);
    } catch (e) {
      throw new Refused('it is not base64');
    }
    const bytes = new Uint8Array(bin.length);
    for (let k = 0; k < bin.length; k++) bytes[k] = bin.charCodeAt(k);
    const ds = new DecompressionStream('gzip');
    const writer = ds.writable.getWriter();
    const reader = ds.readable.getReader();
    const chunks = [];
    let total = 0;
    // Reading paces writing (the stream's backpressure): each slice is
    // inflated only when the one before has been read and counted.
    const reading = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        total += value.byteLength;
        if (total > INFLATED_MAX) {
          reader.cancel().catch(() => {});
          throw new Refused(`it inflates to more than ${INFLATED_MAX / 1e6} MB`);
        }
        chunks.push(value);
      }
    })();
    const writing = (async () => {
      for (let at = 0; at < bytes.length && total <= INFLATED_MAX; at += SLICE) await writer.write(bytes.subarray(at, at + SLICE));
      await writer.close();
    })();
    try {
      await Promise.all([reading, writing]);
    } catch (e) {
      if (total > INFLATED_MAX) throw new Refused(`it inflates to more than ${INFLATED_MAX / 1e6} MB`);
      throw e instanceof Refused ? e : new Refused('it is not valid gzip');
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return new TextDecoder().decode(out);
  }
  function refuse(why) {
    ensureBox();
    frozen = true;
    delete box.dataset.ready;
    box.classList.add('unavailable');
    box.dataset.state = 'refused';
    closeFill();
    say(`A copy of ${visitorName}'s page was refused (${why}): you see it by its address, as you load it.`);
    drawPointer();
    drawFocus();
    changed();
  }

  /* ---- rebuilding ----------------------------------------------------- */
  const DROPPED = new Set(['script', 'meta', 'base', 'iframe', 'frame', 'frameset', 'object', 'embed',
    'applet', 'portal', 'noscript', 'template']);
  function build(doc, s) {
    if (s.x !== undefined) {
      const t = doc.createTextNode(String(s.x));
      nodes.set(s.i, t);
      ids.set(t, s.i);
      return t;
    }
    // Whatever the visitor's side sent (it may not be Baton's script): no
    // element that could run, embed, redirect or re-base anything.
    if (DROPPED.has(String(s.n).toLowerCase())) return doc.createTextNode('');
    let node;
    try {
      node = doc.createElement(String(s.n));
    } catch (e) {
      node = doc.createElement('span');
    }
    for (const [k, v] of Object.entries(s.a || {})) {
      if (/^on/i.test(k) || (/^(href|src|action|formaction|poster|xlink:href)$/i.test(k) && !/^https?:/i.test(String(v)))) continue;
      try {
        node.setAttribute(k, String(v));
      } catch (e) { /* a name the browser refuses */ }
    }
    if (node.tagName === 'INPUT' && s.a && typeof s.a.value === 'string') node.value = s.a.value;
    if (s.v !== undefined) node.value = String(s.v);
    for (const c of s.c || []) node.append(build(doc, c));
    nodes.set(s.i, node);
    ids.set(node, s.i);
    return node;
  }
  function fit() {
    if (!page) return;
    const width = page.clientWidth;
    const height = page.clientHeight;
    const w = visitorWidth > 0 ? visitorWidth : width;
    scale = width > 0 && w > width ? width / w : 1;
    sheet.style.width = `${w}px`;
    sheet.style.height = `${Math.ceil(height / scale)}px`;
    sheet.style.transform = scale === 1 ? '' : `scale(${scale})`;
    box.dataset.scale = String(scale);
    drawPointer();
    drawMarks();
    drawFocus();
  }
  function whenFrameReady() {
    return new Promise((resolve) => {
      const doc = frame.contentDocument;
      if (doc && doc.readyState === 'complete' && doc.URL.endsWith('/mirror.html')) resolve(doc);
      else frame.addEventListener('load', () => resolve(frame.contentDocument), { once: true });
    });
  }
  async function showSnapshot(snap) {
    ensureBox();
    frozen = false;
    box.classList.remove('frozen', 'unavailable');
    const doc = await whenFrameReady();
    nodes = new Map();
    ids = new WeakMap();
    const root = build(doc, snap.root);
    doc.replaceChild(root, doc.documentElement);
    box.dataset.url = snap.url || '';
    visitorWidth = Math.max(0, Math.min(10000, Number(snap.w) || 0));
    fit();
    scroll = [snap.x || 0, snap.y || 0];
    frame.contentWindow.scrollTo(scroll[0], scroll[1]);
    box.dataset.ready = '1';
    box.dataset.state = 'shared';
    status();
    drawPointer();
    drawFocus();
    changed();
  }
  function applyOps(ops) {
    const doc = frame && frame.contentDocument;
    if (!doc) return;
    for (const op of ops) {
      const node = nodes.get(op.i);
      if (!node) continue;
      if (op.o === 'text') node.nodeValue = String(op.x);
      else if (op.o === 'attr') {
        try {
          if (op.v === null) node.removeAttribute(op.k);
          else node.setAttribute(op.k, String(op.v));
        } catch (e) { /* a name the browser refuses */ }
      } else if (op.o === 'kids') {
        node.replaceChildren(...(op.c || []).map((c) => build(doc, c)));
      }
    }
  }

  const WHY = {
    frames: 'it shows other pages in frames',
    canvas: 'it is drawn on a canvas',
    shadow: 'parts of it are hidden in shadow DOM',
    large: 'it is too large',
  };
  async function onMirror(m, ev) {
    if (ev.name) visitorName = ev.name;
    switch (m.t) {
      case 'start':
        allowFill = !!m.fill;
        ensureBox();
        break;
      case 'snap': {
        const count = Number(m.parts);
        if (!Number.isInteger(count) || count < 1 || count > PARTS_MAX) break;
        if (!parts || parts.id !== m.id) parts = { id: m.id, z: m.z, got: new Array(count).fill(null) };
        if (m.part >= 0 && m.part < parts.got.length) parts.got[m.part] = String(m.d);
        if (!parts.got.every((p) => p !== null)) break;
        const { got, z } = parts;
        parts = null;
        let text = got.join('');
        if (z !== undefined) {
          try {
            if (z !== 'gzip') throw new Refused('it is compressed in a way this viewer does not know');
            text = await inflate(text);
          } catch (e) {
            refuse(e instanceof Refused ? e.message : 'it could not be inflated');
            break;
          }
        }
        let snap;
        try {
          snap = JSON.parse(text);
        } catch (e) {
          break; // a broken snapshot: the next one
        }
        if (snap && typeof snap === 'object' && snap.root) await showSnapshot(snap);
        break;
      }
      case 'mut':
        if (!frozen && Array.isArray(m.ops)) {
          applyOps(m.ops);
          drawFocus();
        }
        break;
      case 'focus':
        focus = { id: Number.isInteger(m.i) && m.i > 0 ? m.i : 0, masked: m.masked === true };
        drawFocus();
        break;
      case 'input': {
        if (frozen) break;
        const node = nodes.get(m.i);
        if (!node) break;
        if (typeof m.checked === 'boolean') node.checked = m.checked;
        else if (typeof m.v === 'string') {
          node.value = m.v;
          node.setAttribute('value', m.v);
        }
        break;
      }
      case 'scroll':
        if (!frozen && frame) {
          scroll = [Number(m.x) || 0, Number(m.y) || 0];
          frame.contentWindow.scrollTo(scroll[0], scroll[1]);
          drawPointer();
          drawMarks();
          drawFocus();
        }
        break;
      case 'allow':
        allowFill = !!m.fill;
        status();
        break;
      case 'declined':
      case 'cannot':
        // Nothing of the page comes: the agent sees it by its address,
        // under a notice that says why.
        ensureBox();
        frozen = true;
        delete box.dataset.ready;
        box.classList.add('unavailable');
        box.dataset.state = m.t;
        closeFill();
        say(m.t === 'declined'
          ? `${visitorName} chose not to share their page: you see it by its address, as you load it.`
          : `${visitorName}'s page cannot be mirrored (${WHY[m.why] || 'it cannot be copied'}): you see it by its address, as you load it.`);
        drawPointer();
        changed();
        break;
      case 'stop':
        if (!box) break;
        frozen = true;
        box.classList.add('frozen');
        box.dataset.state = 'stopped';
        drawPointer();
        drawFocus();
        closeFill();
        say(`${visitorName} stopped sharing their page: this is how it was when they stopped.`);
        break;
      default:
        break;
    }
  }

  /* ---- the agent's acts ------------------------------------------------ */
  function targetAt(e) {
    const doc = frame.contentDocument;
    const rect = frame.getBoundingClientRect();
    let node = doc.elementFromPoint((e.clientX - rect.left) / scale, (e.clientY - rect.top) / scale);
    while (node && !ids.has(node)) node = node.parentNode;
    return node;
  }
  function closeFill() {
    if (fillForm) fillForm.remove();
    fillForm = null;
  }
  function post(m) {
    return B.postForm('/mirror', { channel: C.channelId, token: C.token, data: JSON.stringify(m) })
      .catch((err) => say(err.message));
  }
  function onLayerClick(e) {
    if (frozen || !isAgent || e.target !== layer) return; // not the fill box's own clicks
    closeFill();
    const node = targetAt(e);
    if (!node) return;
    const id = ids.get(node);
    const clickable = /^(checkbox|radio|button|submit|reset|image|file)$/i.test(node.getAttribute('type') || '');
    const field = ['TEXTAREA', 'SELECT'].includes(node.tagName) || (node.tagName === 'INPUT' && !clickable);
    if (!field) {
      post({ t: 'click', i: id });
      return;
    }
    if (node.hasAttribute('data-baton-masked')) {
      say('That field is private: only the visitor sees and fills it.');
      post({ t: 'click', i: id });
      return;
    }
    if (!allowFill) {
      say(`${visitorName} has not let you fill in fields: they see where you clicked.`);
      post({ t: 'click', i: id });
      return;
    }
    const input = el('input', { type: 'text', id: 'mirror-fill-value', value: node.value || '' });
    input.setAttribute('aria-label', 'The value to fill in');
    const r = node.getBoundingClientRect();
    fillForm = el('form', { class: 'mirror-fill', id: 'mirror-fill' }, input,
      el('button', { type: 'submit', text: 'Fill in' }));
    fillForm.style.left = `${Math.max(0, r.left * scale)}px`;
    fillForm.style.top = `${r.bottom * scale + 4}px`;
    fillForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      post({ t: 'fill', i: id, v: input.value });
      closeFill();
    });
    page.append(fillForm); // unscaled, over the copy
    input.focus();
  }
  // The agent's pointer over the copy shows on the visitor's real page (in
  // the page's coordinates, as the site script draws pointers: /pointer).
  let pointerAt = 0;
  let pointerBusy = false;
  stage.addEventListener('mousemove', (e) => {
    if (!box || !isAgent || frozen || e.target !== layer || pointerBusy || Date.now() - pointerAt < 100) return;
    const rect = frame.getBoundingClientRect();
    const win = frame.contentWindow;
    const x = Math.round((e.clientX - rect.left) / scale + win.scrollX);
    const y = Math.round((e.clientY - rect.top) / scale + win.scrollY);
    if (x < 0 || y < 0) return;
    pointerAt = Date.now();
    pointerBusy = true;
    B.postForm('/pointer', { channel: C.channelId, token: C.token, mode: 'page', x: String(x), y: String(y) })
      .catch(() => { /* the next move makes up for it */ })
      .finally(() => { pointerBusy = false; });
  });
  // The visitor's own pointer, where it is on their page (reported by the
  // site script through their panel like every page pointer: throttled
  // there, and never over a private field), drawn over the copy.
  let visitorPointer = null;
  const pageKey = (u) => String(u || '').split('#')[0];
  function drawPointer() {
    if (!box || !C) return;
    let visitor = null;
    for (const p of C.people.values()) if (p.role === 'visitor' && !p.me) visitor = p;
    const at = visitor && visitor.pointer;
    const shown = box.dataset.ready === '1' && !frozen && at && at.mode === 'page'
      && Number.isFinite(at.x) && Number.isFinite(at.y) && pageKey(visitor.url) === pageKey(box.dataset.url);
    if (!shown) {
      if (visitorPointer) visitorPointer.hidden = true;
      return;
    }
    if (!visitorPointer) {
      visitorPointer = el('div', { class: 'mirror-pointer', id: 'mirror-pointer', 'aria-hidden': 'true' },
        el('span', { class: 'mirror-pointer-dot' }), el('span', { class: 'mirror-pointer-name' }));
      layer.append(visitorPointer);
    }
    const win = frame.contentWindow;
    visitorPointer.hidden = false;
    visitorPointer.lastChild.textContent = visitor.name || visitorName;
    visitorPointer.dataset.x = String(at.x);
    visitorPointer.dataset.y = String(at.y);
    visitorPointer.style.left = `${at.x - win.scrollX}px`;
    visitorPointer.style.top = `${at.y - win.scrollY}px`;
  }
  // The ring around the element with the visitor's focus, in the copy's
  // frame coordinates like the pointer. It is drawn again on each change,
  // scroll and resize, and follows the element as the copy lays out
  // (stylesheets and images arrive after the snapshot) while it is shown:
  // a look four times a second, moving it only when the element moved.
  function drawFocus() {
    if (!box || !layer) return;
    const node = focus.id ? nodes.get(focus.id) : null;
    const shownNow = box.dataset.ready === '1' && !frozen && node && node.nodeType === 1 && node.isConnected;
    box.dataset.focus = shownNow ? String(focus.id) : '';
    if (!shownNow) {
      if (focusRing) focusRing.hidden = true;
      clearTimeout(focusLoop);
      focusLoop = 0;
      return;
    }
    if (!focusRing) {
      focusRing = el('div', { class: 'mirror-focus', id: 'mirror-focus', 'aria-hidden': 'true' }, el('span', { class: 'mirror-focus-name' }));
      layer.append(focusRing);
    }
    const r = node.getBoundingClientRect();
    const place = `${Math.round(r.left) - 3}px,${Math.round(r.top) - 3}px,${Math.round(r.width) + 6}px,${Math.round(r.height) + 6}px`;
    if (focusRing.dataset.place !== place || focusRing.hidden) {
      const [left, top, width, height] = place.split(',');
      Object.assign(focusRing.style, { left, top, width, height });
      focusRing.dataset.place = place;
    }
    focusRing.hidden = false;
    const label = focus.masked ? `${visitorName} is in a private field` : `${visitorName} is here`;
    if (focusRing.lastChild.textContent !== label) {
      focusRing.classList.toggle('masked', focus.masked);
      focusRing.dataset.masked = focus.masked ? '1' : '';
      focusRing.lastChild.textContent = label;
    }
    if (!focusLoop) {
      focusLoop = setTimeout(() => {
        focusLoop = 0;
        drawFocus();
      }, 250);
    }
  }
  if (C) {
    C.on('people', drawPointer);
    C.on('answer', drawPointer);
  }
  // The wheel over the layer scrolls the agent's copy.
  stage.addEventListener('wheel', (e) => {
    if (!box || !layer || e.target !== layer) return;
    scrollCopy(e.deltaX, e.deltaY);
  }, { passive: true });
  function scrollCopy(dx, dy) {
    frame.contentWindow.scrollBy(dx, dy);
    requestAnimationFrame(() => {
      drawPointer();
      drawMarks();
      drawFocus();
    });
  }

  /* The whiteboard over the copy: whiteboard.js draws in the copy's page
   * coordinates (as over a page with the site script) and hands the marks
   * of this page here; the visitor's panel draws the same marks on their
   * real page (htdocs/js/panel.js, through the site script). */
  function shown() {
    return !!box && box.dataset.ready === '1' && !box.classList.contains('unavailable');
  }
  function drawMarks() {
    const M = window.BatonMarks;
    if (!marksSvg || !M) return;
    const win = frame.contentWindow;
    const [sx, sy] = shown() && win ? [win.scrollX, win.scrollY] : [0, 0];
    M.draw(marksSvg, shown() ? marks : [], (x, y) => [x - sx, y - sy]);
  }
  function changed() {
    window.dispatchEvent(new Event('baton-mirror'));
  }

  function heard(body, name) {
    let m;
    try {
      m = JSON.parse(body);
    } catch (e) {
      return;
    }
    if (!m || typeof m !== 'object') return;
    queue = queue.then(() => onMirror(m, { name })).catch(() => { /* the next message */ });
  }
  if (C) {
    C.on('event', (ev) => {
      if (ev.kind === 'mirror' && ev.role === 'visitor') heard(ev.body, ev.name);
    });
  }
  // The replay (htdocs/js/replay.js) plays the archived mirror through here:
  // the agent's view as it was, masking and all.
  window.BatonMirrorView = Object.freeze({
    show(e) {
      if (e && e.kind === 'mirror' && e.role === 'visitor' && typeof e.body === 'string') heard(e.body, e.who);
    },
    // For the whiteboard: the copy shown (its address and scroll), or null.
    get page() {
      if (!shown()) return null;
      const win = frame.contentWindow;
      const f = frame.getBoundingClientRect();
      const st = stage.getBoundingClientRect();
      // at: where the copy's top left is on the stage (under the notice);
      // scale: stage pixels per page pixel.
      return { url: box.dataset.url || '', scroll: [win.scrollX, win.scrollY], at: [f.left - st.left, f.top - st.top], scale };
    },
    showMarks(list) {
      marks = Array.isArray(list) ? list : [];
      drawMarks();
    },
    scrollBy: (dx, dy) => { if (shown()) scrollCopy(dx, dy); },
  });
}());
