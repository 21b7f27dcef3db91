// Baton's optional site script: the one line a site owner adds to their pages
//   <script src="https://BATON/js/baton-site.js" async></script>
// so that, when a page is shown in a Baton co-browsing viewer, the viewer
// knows where the page is (address, scroll), where the pointer is and which
// links are clicked, and can scroll the page and show the others' pointers
// and the whiteboard's marks on it (Baton's replay does the same). The viewer shows pages in a frame, and pages that refuse framing
// in a window of their own that it opened (the "led window"); the script
// works the same in both. It does nothing at all on a page shown otherwise.
//
// Privacy: it never reads or sends what anyone types. Field values are not
// touched; a click on a password field, or on any element marked
// data-baton-private (or inside one), is not reported.
//
// Messages go only to Baton's own origin (where this script was loaded
// from), and only messages from that origin are obeyed: the browser drops
// them when the frame's parent or the window's opener is anyone else.
(function () {
  'use strict';
  var framed = window.parent !== window;
  if ((!framed && !window.opener) || window.__batonSite) return;
  window.__batonSite = true;

  // Who we talk to: the viewer framing us, or (in a led window) the hidden
  // frame of the viewer's that opened us; the viewer itself writes back.
  function host() {
    return framed ? window.parent : window.opener;
  }
  function isViewer(source) {
    var h = host();
    if (!h || !source) return false;
    try {
      return source === h || source === h.top;
    } catch (e) {
      return false;
    }
  }

  var script = document.currentScript;
  var batonOrigin;
  try {
    batonOrigin = new URL(script ? script.src : '', location.href).origin;
  } catch (e) {
    return;
  }
  if (!batonOrigin || batonOrigin === 'null') return;

  function send(message) {
    message.source = 'baton-site';
    try {
      var h = host();
      if (h) h.postMessage(message, batonOrigin);
    } catch (e) { /* the viewer is gone */ }
  }

  function isPrivate(el) {
    for (; el && el !== document; el = el.parentNode) {
      if (el.nodeType !== 1) continue;
      if (el.hasAttribute('data-baton-private')) return true;
      if (el.tagName === 'INPUT' && (el.type || '').toLowerCase() === 'password') return true;
    }
    return false;
  }

  function throttle(fn, ms) {
    var last = 0, timer = null, pending = null;
    return function (arg) {
      pending = arg;
      var now = Date.now();
      if (now - last >= ms) {
        last = now;
        fn(pending);
      } else if (!timer) {
        timer = setTimeout(function () {
          timer = null;
          last = Date.now();
          fn(pending);
        }, ms - (now - last));
      }
    };
  }

  function where() {
    return {
      type: 'location',
      url: location.href,
      title: document.title,
      scrollX: Math.round(window.scrollX),
      scrollY: Math.round(window.scrollY),
      width: document.documentElement.scrollWidth,
      height: document.documentElement.scrollHeight,
    };
  }

  var sendWhere = throttle(function () { send(where()); }, 150);
  var sendPointer = throttle(function (e) {
    // Page coordinates: the same spot of the page at any window size.
    send({ type: 'pointer', x: Math.round(e.pageX), y: Math.round(e.pageY) });
  }, 80);

  window.addEventListener('scroll', sendWhere, { passive: true });
  window.addEventListener('resize', sendWhere, { passive: true });
  document.addEventListener('mousemove', function (e) {
    if (!isPrivate(e.target)) sendPointer(e);
  }, { passive: true });
  document.addEventListener('click', function (e) {
    if (isPrivate(e.target)) return;
    var link = e.target.closest ? e.target.closest('a[href]') : null;
    send({
      type: 'click',
      x: Math.round(e.pageX),
      y: Math.round(e.pageY),
      href: link ? link.href : null,
    });
  }, true);

  // The others' pointers, drawn where they point on the page.
  var marks = {};
  function showPointers(list) {
    var keep = {};
    (list || []).forEach(function (p) {
      if (typeof p.x !== 'number' || typeof p.y !== 'number') return;
      var id = String(p.id);
      keep[id] = true;
      var mark = marks[id];
      if (!mark) {
        mark = document.createElement('div');
        mark.setAttribute('aria-hidden', 'true');
        mark.setAttribute('data-baton-pointer', id);
        mark.style.cssText = 'position:absolute;z-index:2147483647;pointer-events:none;' +
          'font:12px/1.2 sans-serif;white-space:nowrap;transition:left .08s linear,top .08s linear';
        var dot = document.createElement('span');
        dot.style.cssText = 'display:inline-block;width:12px;height:12px;border-radius:50%;' +
          'border:2px solid #fff;box-shadow:0 0 2px #000;vertical-align:middle';
        var label = document.createElement('span');
        label.style.cssText = 'margin-left:4px;padding:1px 4px;border-radius:3px;color:#fff';
        mark.appendChild(dot);
        mark.appendChild(label);
        document.body.appendChild(mark);
        marks[id] = mark;
      }
      var color = /^#[0-9a-fA-F]{3,6}$/.test(p.color || '') ? p.color : '#2456d3';
      mark.firstChild.style.background = color;
      mark.lastChild.style.background = color;
      mark.lastChild.textContent = String(p.name || '');
      mark.style.left = (p.x - 7) + 'px';
      mark.style.top = (p.y - 7) + 'px';
    });
    Object.keys(marks).forEach(function (id) {
      if (!keep[id]) {
        marks[id].remove();
        delete marks[id];
      }
    });
  }

  // The whiteboard's marks on this page, drawn where they were drawn (page
  // coordinates), so they stay on their item whatever the scroll. The same
  // shapes as Baton's htdocs/js/marks.js draws over pages without this
  // script; every value is checked again here.
  var SVGNS = 'http://www.w3.org/2000/svg';
  var board = null;
  function svgNode(tag, attrs) {
    var n = document.createElementNS(SVGNS, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) n.setAttribute(k, String(attrs[k]));
    return n;
  }
  function markShape(m) {
    var color = /^#[0-9a-fA-F]{6}$/.test(m.color || '') ? m.color : '#2456d3';
    var width = typeof m.width === 'number' && m.width >= 1 && m.width <= 60 ? m.width : 4;
    var p = Array.isArray(m.points) ? m.points : [];
    for (var i = 0; i < p.length; i++) if (typeof p[i] !== 'number' || !isFinite(p[i])) return null;
    if (p.length < 2) return null;
    var stroke = { stroke: color, 'stroke-width': width, fill: 'none', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' };
    var g = svgNode('g', { 'data-mark': String(m.id || ''), 'data-tool': String(m.tool || '') });
    var x1 = p[0], y1 = p[1], x2 = p[2], y2 = p[3], k;
    if (m.tool === 'pen' || m.tool === 'highlight') {
      var pts = [];
      for (i = 0; i + 1 < p.length; i += 2) pts.push(p[i] + ',' + p[i + 1]);
      stroke.points = pts.join(' ');
      if (m.tool === 'highlight') stroke['stroke-opacity'] = 0.35;
      g.appendChild(svgNode('polyline', stroke));
    } else if ((m.tool === 'circle' || m.tool === 'rect') && p.length >= 4) {
      var x = Math.min(x1, x2), y = Math.min(y1, y2), w = Math.abs(x2 - x1), h = Math.abs(y2 - y1);
      var attrs = {};
      for (k in stroke) attrs[k] = stroke[k];
      if (m.tool === 'circle') {
        attrs.cx = x + w / 2; attrs.cy = y + h / 2; attrs.rx = w / 2; attrs.ry = h / 2;
        g.appendChild(svgNode('ellipse', attrs));
      } else {
        attrs.x = x; attrs.y = y; attrs.width = w; attrs.height = h; attrs.rx = 4;
        g.appendChild(svgNode('rect', attrs));
      }
    } else if (m.tool === 'arrow' && p.length >= 4) {
      var angle = Math.atan2(y2 - y1, x2 - x1), head = 10 + width * 2;
      var line = {};
      for (k in stroke) line[k] = stroke[k];
      line.x1 = x1; line.y1 = y1; line.x2 = x2; line.y2 = y2;
      g.appendChild(svgNode('line', line));
      g.appendChild(svgNode('polygon', { fill: color, points: [x2 + ',' + y2,
        (x2 - head * Math.cos(angle + 0.45)) + ',' + (y2 - head * Math.sin(angle + 0.45)),
        (x2 - head * Math.cos(angle - 0.45)) + ',' + (y2 - head * Math.sin(angle - 0.45))].join(' ') }));
    } else if (m.tool === 'text') {
      var t = svgNode('text', { x: x1, y: y1, fill: color, 'font-size': 14 + width * 2, 'font-family': 'system-ui, sans-serif',
        'font-weight': 600, stroke: '#fff', 'stroke-width': 4, 'paint-order': 'stroke', 'dominant-baseline': 'hanging' });
      t.textContent = String(m.text || '');
      g.appendChild(t);
    } else {
      return null;
    }
    return g;
  }
  function showMarks(list) {
    if (!board) {
      board = svgNode('svg', { 'aria-hidden': 'true', 'data-baton-marks': '' });
      board.style.cssText = 'position:absolute;left:0;top:0;z-index:2147483646;pointer-events:none;overflow:visible';
      document.body.appendChild(board);
    }
    board.setAttribute('width', document.documentElement.scrollWidth);
    board.setAttribute('height', document.documentElement.scrollHeight);
    while (board.firstChild) board.removeChild(board.firstChild);
    (Array.isArray(list) ? list : []).forEach(function (m) {
      var shape = m && typeof m === 'object' ? markShape(m) : null;
      if (shape) board.appendChild(shape);
    });
  }

  window.addEventListener('message', function (e) {
    if (e.origin !== batonOrigin || !isViewer(e.source)) return;
    var m = e.data;
    if (!m || m.source !== 'baton-viewer') return;
    if (m.type === 'scroll' && typeof m.x === 'number' && typeof m.y === 'number') {
      window.scrollTo(m.x, m.y);
    } else if (m.type === 'pointers') {
      showPointers(m.list);
    } else if (m.type === 'marks') {
      showMarks(m.list);
    } else if (m.type === 'hello') {
      send(where());
    }
  });

  function ready() {
    send({ type: 'hello', url: location.href, title: document.title });
    send(where());
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', ready);
  } else {
    ready();
  }
})();
