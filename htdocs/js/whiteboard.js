/* whiteboard.js - drawing together over the shared page, in the viewer
 * (templates/whiteboard.cs; the rules are the server's, cgi-bin/mark.c and
 * lib/mark.h): the leader (and everyone, when the leader allows it) draws
 * freehand, highlights, circles, boxes, arrows and short notes over the
 * page; clears their own marks of the page, or (the leader) everyone's; and
 * can lead everyone to a blank board (htdocs/board.html, a page of Baton's
 * own).
 *
 * Where Baton's site script runs in the page, marks are in page
 * coordinates and the script draws them inside the page, so they stay on
 * their item however anyone scrolls; elsewhere they are fractions of the
 * view, drawn over it. Marks are ordered channel events ('mark', 'erase',
 * 'draw'): a page opening late reads them from GET /mark, then follows the
 * feed; what stands is BatonMarks.fold() of all of them.
 *
 * Drawing happens on a layer over the stage: the wheel scrolls the page
 * beneath (through the site script), a drag draws, a click places a note.
 * Uses baton.js, channel.js (BatonChannel), viewer.js (BatonViewer) and
 * marks.js (BatonMarks). */
(function () {
  'use strict';
  const B = window.Baton;
  const C = window.BatonChannel;
  const V = window.BatonViewer;
  const M = window.BatonMarks;
  const root = document.getElementById('channel');
  if (!B || !C || !V || !M || !root) return;
  const $ = (id) => document.getElementById(id);
  const { channelId, token, me } = C;
  // The words in the reader's language (templates/whiteboard.cs's #board-words).
  const say = B.words($('board-words'));

  const stage = $('stage');
  const overlaySvg = $('board-overlay');
  const drawButton = $('draw-button');
  const layer = $('board-layer');
  const preview = $('board-preview');
  const noteInput = $('board-note');
  const palette = $('board-palette');
  const boardStatus = $('board-status');
  const everyoneBox = $('board-everyone');

  const events = new Map(); // seq -> { seq, kind, from, body }
  let state = { marks: [], everyone: false };
  let loaded = false;
  let drawing = false;
  let tool = 'pen';
  let color = null;         // null: my own colour
  let stroke = null;        // the mark being drawn: { points (stage px), tool }
  let note = null;          // where a note goes: stage px
  let lastPageKey = '';
  let sent = 0;             // marks of mine on their way

  function canDraw() {
    return !C.closed && !C.isSupervisor && (V.leading || state.everyone);
  }
  /* The visitor's own page mirrored over the stage (issue 20,
   * htdocs/js/mirror-view.js): marks are drawn over it in its page
   * coordinates. */
  function mirror() {
    return window.BatonMirrorView ? window.BatonMirrorView.page : null;
  }
  function pageUrl() {
    const m = mirror();
    return M.pageKey(m ? m.url : V.url);
  }
  /* Page coordinates where the site script answers in the frame, else
   * fractions of the view. */
  function mode() {
    return mirror() || (V.scripted && V.shownIn === 'frame') ? 'page' : 'overlay';
  }
  function myColor() {
    return color || V.colorOf(me);
  }

  /* ---- the marks: fold, draw ------------------------------------------- */

  function take(ev) {
    if (ev.kind !== 'mark' && ev.kind !== 'erase' && ev.kind !== 'draw') return false;
    const seq = Number(ev.seq);
    if (events.has(seq)) return false;
    events.set(seq, { seq, kind: ev.kind, from: Number(ev.from), body: ev.body });
    return true;
  }

  function refold() {
    state = M.fold([...events.values()]);
    render();
  }

  let sentKey = '';
  function render() {
    const url = pageUrl();
    if (window.BatonMirrorView) window.BatonMirrorView.showMarks(mirror() ? M.forPage(state.marks, url) : []);
    // Inside the page, where the site script answers.
    if (V.scripted && V.shownIn === 'frame') {
      const list = M.forPage(state.marks, url);
      const key = `${url}|${JSON.stringify(list)}`;
      if (key !== sentKey || url !== lastPageKey) {
        sentKey = key;
        V.toView({ type: 'marks', list });
      }
    } else {
      sentKey = '';
    }
    lastPageKey = url;
    // Over the view, for pages without it.
    const box = stage.getBoundingClientRect();
    const showOverlay = V.shownIn === 'frame' && !V.scripted;
    M.draw(overlaySvg, showOverlay ? M.forOverlay(state.marks, url) : [], (x, y) => [x * box.width, y * box.height]);
    renderTools();
  }

  function renderTools() {
    if (!drawButton) return;
    const may = canDraw() && V.shownIn === 'frame' && !!V.url;
    drawButton.hidden = C.closed || C.isSupervisor;
    drawButton.disabled = !may;
    drawButton.title = say(may ? 'drawHint' : !V.url ? 'openFirst' : V.shownIn !== 'frame' ? 'ownWindow' : 'leaderOnly');
    if (!may && drawing) setDrawing(false);
    drawButton.setAttribute('aria-pressed', drawing ? 'true' : 'false');
    for (const el of palette.querySelectorAll('.leader-only')) el.hidden = !V.leading;
    everyoneBox.checked = state.everyone;
    for (const b of palette.querySelectorAll('.board-tool')) b.setAttribute('aria-checked', b.dataset.tool === tool ? 'true' : 'false');
    for (const b of palette.querySelectorAll('.board-color')) b.setAttribute('aria-checked', b.dataset.color === myColor() ? 'true' : 'false');
    root.dataset.marks = String(state.marks.length);
    root.dataset.everyoneDraws = state.everyone ? '1' : '0';
  }

  for (const swatch of palette ? palette.querySelectorAll('.swatch[data-swatch]') : []) {
    // Colours go through the CSSOM: the page's CSP forbids style attributes.
    if (/^#[0-9a-f]{6}$/i.test(swatch.dataset.swatch)) swatch.style.background = swatch.dataset.swatch;
  }

  /* ---- drawing --------------------------------------------------------- */

  function setDrawing(on) {
    drawing = on && canDraw();
    if (!layer) return;
    layer.hidden = !drawing;
    palette.hidden = !drawing;
    root.classList.toggle('drawing', drawing);
    if (drawing) layer.focus({ preventScroll: true });
    else cancelNote();
    renderTools();
  }

  function stagePoint(e) {
    const box = stage.getBoundingClientRect();
    return [Math.max(0, Math.min(box.width, e.clientX - box.left)), Math.max(0, Math.min(box.height, e.clientY - box.top))];
  }

  /* Stage pixels to the mark's coordinates: page pixels (adding the
   * page's scroll) or fractions of the view. */
  function toMark(points) {
    const box = stage.getBoundingClientRect();
    const m = mirror();
    const [sx, sy] = m ? m.scroll : V.scroll;
    const out = [];
    for (let [x, y] of points) {
      // Over the mirrored copy: from where it starts on the stage, at its scale.
      if (m) [x, y] = [(x - m.at[0]) / m.scale, (y - m.at[1]) / m.scale];
      if (mode() === 'page') out.push(Math.max(0, Math.round((x + sx) * 10) / 10), Math.max(0, Math.round((y + sy) * 10) / 10));
      else out.push(Math.round((x / box.width) * 1e5) / 1e5, Math.round((y / box.height) * 1e5) / 1e5);
    }
    return out;
  }

  function newId() {
    const bytes = crypto.getRandomValues(new Uint8Array(9));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function showPreview() {
    if (!stroke) {
      preview.replaceChildren();
      return;
    }
    const flat = [];
    for (const p of stroke.points) flat.push(p[0], p[1]);
    M.draw(preview, [{ id: 'preview', tool: stroke.tool, color: myColor(), width: widthOf(stroke.tool), points: flat, text: '' }],
      (x, y) => [x, y]);
  }

  function widthOf(t) {
    return t === 'highlight' ? 18 : 4;
  }

  async function send(mark) {
    sent++;
    const fields = { channel: channelId, token, action: 'add', ...mark, points: mark.points.join(',') };
    fields.width = String(mark.width);
    try {
      const answer = await B.postForm('/mark', fields);
      take({ seq: answer.seq, kind: 'mark', from: me, body: JSON.stringify({ ...mark }) });
      refold();
    } catch (err) {
      boardStatus.textContent = say('notDrawn', { error: err.message });
    } finally {
      sent--;
    }
  }

  function finish() {
    const s = stroke;
    stroke = null;
    showPreview();
    if (!s) return;
    const line = s.tool === 'pen' || s.tool === 'highlight';
    let points = s.points;
    if (!line) points = [points[0], points[points.length - 1]];
    const [a, b] = [points[0], points[points.length - 1]];
    if (!line && Math.hypot(b[0] - a[0], b[1] - a[1]) < 4) return; // a click, not a shape
    if (line && points.length < 2) return;
    // At most 1000 points: a long line keeps every n-th.
    if (points.length > 1000) {
      const step = Math.ceil(points.length / 1000);
      points = points.filter((p, i) => i % step === 0 || i === points.length - 1).slice(0, 1000);
    }
    send({ id: newId(), tool: s.tool, mode: mode(), url: pageUrl(), color: myColor(), width: widthOf(s.tool),
      points: toMark(points), text: '' });
  }

  function startNote(at) {
    note = at;
    noteInput.hidden = false;
    noteInput.value = '';
    noteInput.style.left = `${at[0]}px`;
    noteInput.style.top = `${at[1]}px`;
    noteInput.focus({ preventScroll: true });
  }
  function cancelNote() {
    note = null;
    if (noteInput) noteInput.hidden = true;
  }
  function placeNote() {
    const text = noteInput.value.trim();
    const at = note;
    cancelNote();
    if (!text || !at) return;
    send({ id: newId(), tool: 'text', mode: mode(), url: pageUrl(), color: myColor(), width: 4,
      points: toMark([at]), text: Array.from(text).slice(0, 200).join('') });
    layer.focus({ preventScroll: true });
  }

  if (layer) {
    layer.tabIndex = 0;
    layer.addEventListener('pointerdown', (e) => {
      if (e.target === noteInput || e.button !== 0) return;
      e.preventDefault();
      if (tool === 'text') {
        startNote(stagePoint(e));
        return;
      }
      layer.setPointerCapture(e.pointerId);
      stroke = { tool, points: [stagePoint(e)] };
      showPreview();
    });
    layer.addEventListener('pointermove', (e) => {
      if (!stroke) return;
      const p = stagePoint(e);
      const last = stroke.points[stroke.points.length - 1];
      if (Math.hypot(p[0] - last[0], p[1] - last[1]) < 2) return;
      if (stroke.tool === 'pen' || stroke.tool === 'highlight') stroke.points.push(p);
      else stroke.points = [stroke.points[0], p];
      showPreview();
    });
    layer.addEventListener('pointerup', finish);
    layer.addEventListener('pointercancel', () => {
      stroke = null;
      showPreview();
    });
    // The wheel scrolls the page beneath, through the site script.
    layer.addEventListener('wheel', (e) => {
      if (mode() !== 'page') return;
      e.preventDefault();
      if (mirror()) {
        window.BatonMirrorView.scrollBy(e.deltaX, e.deltaY);
        return;
      }
      const [sx, sy] = V.scroll;
      V.toView({ type: 'scroll', x: Math.max(0, sx + e.deltaX), y: Math.max(0, sy + e.deltaY) });
    }, { passive: false });
    layer.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && e.target === layer) {
        setDrawing(false);
        drawButton.focus();
      }
    });
    noteInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        placeNote();
      } else if (e.key === 'Escape') {
        e.stopPropagation();
        cancelNote();
        layer.focus({ preventScroll: true });
      }
    });
    noteInput.addEventListener('blur', () => { if (note) placeNote(); });
  }

  async function act(fields) {
    try {
      const answer = await B.postForm('/mark', { channel: channelId, token, ...fields });
      return answer;
    } catch (err) {
      boardStatus.textContent = err.message;
      C.alert(err.message);
      return null;
    }
  }

  if (palette) {
    palette.addEventListener('click', async (e) => {
      const b = e.target.closest('button');
      if (!b) return;
      if (b.dataset.tool) {
        tool = b.dataset.tool;
        renderTools();
      } else if (b.dataset.color) {
        color = b.dataset.color;
        renderTools();
      } else if (b.id === 'board-clear-mine') {
        await act({ action: 'erase', scope: 'mine', url: pageUrl() });
      } else if (b.id === 'board-clear-all') {
        await act({ action: 'erase', scope: 'all', url: pageUrl() });
      } else if (b.id === 'board-blank') {
        // A fresh board of its own: marks belong to their page.
        V.lead(`${location.origin}/board.html?b=${newId()}`);
      } else if (b.id === 'board-done') {
        setDrawing(false);
        drawButton.focus();
      }
    });
    everyoneBox.addEventListener('change', () => act({ action: 'draw', who: everyoneBox.checked ? 'everyone' : 'leader' }));
  }
  if (drawButton) drawButton.addEventListener('click', () => setDrawing(!drawing));

  /* ---- the feed, and a page that opens late ---------------------------- */

  let early = [];
  C.on('event', (ev) => {
    if (!loaded) {
      early.push(ev);
      return;
    }
    if (take(ev)) refold();
  });
  C.on('ended', () => {
    setDrawing(false);
    renderTools();
  });
  V.onView(() => render());
  window.addEventListener('baton-mirror', () => render());
  new ResizeObserver(() => render()).observe(stage);

  async function load() {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(`/mark?channel=${encodeURIComponent(channelId)}`, {
          credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' },
        });
        const body = await res.json();
        if (res.ok && Array.isArray(body.events)) {
          for (const ev of body.events) take(ev);
          break;
        }
        if (res.status >= 400 && res.status < 500) break;
      } catch (e) { /* try again */ }
      await new Promise((r) => setTimeout(r, Math.min(10000, 1000 * 2 ** attempt)));
    }
    loaded = true;
    for (const ev of early) take(ev);
    early = [];
    refold();
  }

  window.BatonWhiteboard = Object.freeze({
    get marks() { return state.marks.slice(); },
    get everyone() { return state.everyone; },
    get busy() { return sent > 0; },
  });
  renderTools();
  load();
}());
