/* marks.js - the whiteboard's marks, shared by the viewer (whiteboard.js)
 * and the replay (replay.js): which marks stand after a list of 'mark',
 * 'erase' and 'draw' events (in seq order), and drawing marks as SVG.
 *
 * A mark (lib/mark.h) is { id, tool, mode, url, color, width, points, text }
 * with its author as `from`. In mode 'page' its points are page pixels and
 * Baton's site script draws it inside the page (htdocs/js/baton-site.js
 * knows the same shapes); in mode 'overlay' they are fractions of the view,
 * drawn over it here. Everything from the server reaches the DOM as
 * attributes and textContent. One global: window.BatonMarks. */
(function () {
  'use strict';
  const SVG = 'http://www.w3.org/2000/svg';
  const TOOLS = ['pen', 'highlight', 'circle', 'rect', 'arrow', 'text'];

  function pageKey(url) {
    const s = String(url || '');
    const i = s.indexOf('#');
    return i < 0 ? s : s.slice(0, i);
  }

  function parse(body) {
    try {
      return JSON.parse(body);
    } catch (e) {
      return null;
    }
  }

  function valid(m) {
    return m && typeof m.id === 'string' && TOOLS.includes(m.tool) && (m.mode === 'page' || m.mode === 'overlay')
      && typeof m.url === 'string' && /^#[0-9a-f]{6}$/i.test(m.color || '') && Array.isArray(m.points)
      && m.points.length >= 2 && m.points.every((n) => Number.isFinite(n));
  }

  /* The state after events (objects with seq, kind, from, body), taken in
   * seq order: { marks: [...], everyone: bool }. */
  function fold(events) {
    const sorted = events.slice().sort((a, b) => Number(a.seq) - Number(b.seq));
    let marks = [];
    let everyone = false;
    for (const ev of sorted) {
      if (ev.kind === 'mark') {
        const m = parse(ev.body);
        if (valid(m) && !marks.some((x) => x.id === m.id && x.from === Number(ev.from))) {
          marks.push({ ...m, from: Number(ev.from), seq: Number(ev.seq) });
        }
      } else if (ev.kind === 'erase') {
        const e = parse(ev.body);
        if (!e) continue;
        const key = pageKey(e.url);
        marks = marks.filter((m) => pageKey(m.url) !== key || (e.scope === 'mine' && m.from !== Number(ev.from)));
      } else if (ev.kind === 'draw') {
        everyone = ev.body === 'everyone';
      }
    }
    return { marks, everyone };
  }

  function node(tag, attrs) {
    const n = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
    return n;
  }

  /* One mark as an SVG element; at(x, y) maps its points to the SVG's
   * pixels. */
  function shape(m, at) {
    const pts = [];
    for (let i = 0; i + 1 < m.points.length; i += 2) pts.push(at(m.points[i], m.points[i + 1]));
    const stroke = { stroke: m.color, 'stroke-width': m.width, fill: 'none', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' };
    const g = node('g', { 'data-mark': m.id, 'data-tool': m.tool });
    const two = ['circle', 'rect', 'arrow'].includes(m.tool);
    if ((two && pts.length < 2) || pts.length < 1) return g; // a shape still being drawn
    if (m.tool === 'pen' || m.tool === 'highlight') {
      const attrs = { ...stroke, points: pts.map((p) => p.join(',')).join(' ') };
      if (m.tool === 'highlight') attrs['stroke-opacity'] = 0.35;
      g.append(node('polyline', attrs));
    } else if (m.tool === 'circle' || m.tool === 'rect') {
      const [[x1, y1], [x2, y2]] = pts;
      const x = Math.min(x1, x2);
      const y = Math.min(y1, y2);
      const w = Math.abs(x2 - x1);
      const h = Math.abs(y2 - y1);
      g.append(m.tool === 'circle'
        ? node('ellipse', { ...stroke, cx: x + w / 2, cy: y + h / 2, rx: w / 2, ry: h / 2 })
        : node('rect', { ...stroke, x, y, width: w, height: h, rx: 4 }));
    } else if (m.tool === 'arrow') {
      const [[x1, y1], [x2, y2]] = pts;
      const angle = Math.atan2(y2 - y1, x2 - x1);
      const head = 10 + m.width * 2;
      const wing = (a) => [x2 - head * Math.cos(angle + a), y2 - head * Math.sin(angle + a)];
      g.append(node('line', { ...stroke, x1, y1, x2, y2 }),
        node('polygon', { fill: m.color, points: [[x2, y2], wing(0.45), wing(-0.45)].map((p) => p.join(',')).join(' ') }));
    } else if (m.tool === 'text') {
      const [[x, y]] = pts;
      const t = node('text', { x, y, fill: m.color, 'font-size': 14 + m.width * 2, 'font-family': 'system-ui, sans-serif',
        'font-weight': 600, stroke: '#fff', 'stroke-width': 4, 'paint-order': 'stroke', 'dominant-baseline': 'hanging' });
      t.textContent = String(m.text || '');
      g.append(t);
    }
    return g;
  }

  /* Draws marks into an <svg>, replacing what it held. */
  function draw(svg, marks, at) {
    svg.replaceChildren(...marks.map((m) => shape(m, at)));
  }

  /* What the site script needs of a page's marks (it checks them again). */
  function forPage(marks, url) {
    const key = pageKey(url);
    return marks.filter((m) => m.mode === 'page' && pageKey(m.url) === key)
      .map((m) => ({ id: m.id, tool: m.tool, color: m.color, width: m.width, points: m.points, text: m.text }));
  }

  function forOverlay(marks, url) {
    const key = pageKey(url);
    return marks.filter((m) => m.mode === 'overlay' && pageKey(m.url) === key);
  }

  window.BatonMarks = Object.freeze({ fold, draw, shape, forPage, forOverlay, pageKey, TOOLS });
}());
