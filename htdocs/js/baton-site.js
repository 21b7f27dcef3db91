// Baton's optional site script: the one line a site owner adds to their pages
//   <script src="https://BATON/js/baton-site.js" async></script>
// It does two things.
//
// 1. The widget. On a page of the site as the visitor sees it, the help link
//    (<a href="https://BATON/help?site=KEY" data-baton-help>) opens a panel
//    over the page instead of leaving it: a frame of Baton's own origin (no
//    script or style of the site can read the conversation in it) where the
//    visitor asks, waits and talks, while they go on browsing the site. The
//    panel follows them from page to page of the site (this tab remembers,
//    in sessionStorage, only that a panel is open: the conversation is
//    resumed by Baton from its visitor cookie, with nothing lost and no
//    second request), can be minimised to a button with an unread count, is
//    used by keyboard (Escape minimises), says when it is connecting or
//    reconnecting, and the help link shows before the click whether anyone
//    is there. In a conversation the page the visitor is on is the one the
//    others see. A link marked data-baton-widget="off" stays a plain link,
//    and the link works as before wherever this script is not, or fails, or
//    the browser keeps no cookie in the panel (another site over plain HTTP):
//    then the click goes the link's way.
//
// 2. Co-browsing. When the page is shown in a Baton viewer (framed, or in
//    the window it opens for pages that refuse framing: the "led window"),
//    or is the page of a widget's conversation, the viewer (or the panel)
//    learns where the page is (address, scroll), where the pointer is and
//    which links are clicked, and can scroll the page and show the others'
//    pointers and the whiteboard's marks on it (Baton's replay does the
//    same).
//
// Privacy: it never reads or sends what anyone types. Field values are not
// touched; a click on a password field, or on any element marked
// data-baton-private (or inside one), is not reported.
//
// Messages go only to Baton's own origin (where this script was loaded
// from), and only messages from that origin, from the window it talks to,
// are obeyed.
(function () {
  'use strict';
  if (window.__batonSite) return;
  window.__batonSite = true;

  var script = document.currentScript;
  var batonOrigin;
  try {
    batonOrigin = new URL(script ? script.src : '', location.href).origin;
  } catch (e) {
    return;
  }
  if (!batonOrigin || batonOrigin === 'null') return;

  var framed = window.parent !== window;
  var ledWindow = !framed && !!window.opener;

  // ---- co-browsing: who we report to -----------------------------------
  // The viewer framing us, the hidden frame of the viewer's that opened us
  // (a led window), or the widget's panel while it holds a conversation.
  var panelWindow = null;   // set by the widget below
  var panelReports = false; // the panel holds a conversation
  function host() {
    if (framed) return window.parent;
    if (ledWindow) return window.opener;
    return panelReports ? panelWindow : null;
  }
  function isViewer(source) {
    var h = framed ? window.parent : ledWindow ? window.opener : null;
    if (!h || !source) return false;
    try {
      return source === h || source === h.top;
    } catch (e) {
      return false;
    }
  }

  function send(message) {
    var h = host();
    if (!h) return;
    message.source = 'baton-site';
    try {
      h.postMessage(message, batonOrigin);
    } catch (e) { /* the viewer is gone */ }
  }

  // ---- extensions ---------------------------------------------------------
  // Another module of Baton's (DOM mirroring...) builds on this script
  // rather than on a copy of it:
  //   window.BatonSite.use(function (api) { ... })
  // (or, loaded first, on window's 'baton-site-ready' event) gets
  //   api.role          'viewer' (framed by a viewer), 'led' (a led window)
  //                     or 'site' (a page of the site, perhaps with the panel)
  //   api.watched()     whether anyone watches this page now
  //   api.send(m)       reports m to whoever does (nothing when nobody does)
  //   api.on(type, fn)  fn(m) for each message of that type from Baton's
  //                     viewer or panel that this script does not handle
  //                     itself, and for 'watching' ({ on: true|false }) when
  //                     a conversation in the panel starts or ends.
  var extensionHandlers = {};
  function extend(m) {
    var fns = m && typeof m.type === 'string' ? extensionHandlers[m.type] : null;
    if (!fns) return;
    fns.forEach(function (fn) {
      try {
        fn(m);
      } catch (e) { /* an extension's fault stays its own */ }
    });
  }
  var extensionApi = Object.freeze({
    role: framed ? 'viewer' : ledWindow ? 'led' : 'site',
    watched: function () { return !!host(); },
    send: function (m) { if (m && typeof m === 'object') send(m); },
    on: function (type, fn) {
      if (typeof type !== 'string' || typeof fn !== 'function') return;
      (extensionHandlers[type] = extensionHandlers[type] || []).push(fn);
    },
  });
  window.BatonSite = Object.freeze({
    use: function (fn) {
      if (typeof fn === 'function') fn(extensionApi);
    },
  });
  try {
    window.dispatchEvent(new Event('baton-site-ready'));
  } catch (e) { /* an old browser: extensions look for window.BatonSite */ }

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

  window.addEventListener('scroll', function () { if (host()) sendWhere(); }, { passive: true });
  window.addEventListener('resize', function () { if (host()) sendWhere(); }, { passive: true });
  document.addEventListener('mousemove', function (e) {
    if (host() && !isPrivate(e.target)) sendPointer(e);
  }, { passive: true });
  document.addEventListener('click', function (e) {
    if (!host() || isPrivate(e.target)) return;
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
        mark.style.cssText = 'position:absolute;z-index:2147483646;pointer-events:none;' +
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
    } else {
      extend(m);
    }
  });

  function onReady(fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
    else fn();
  }

  if (framed || ledWindow) {
    onReady(function () {
      send({ type: 'hello', url: location.href, title: document.title });
      send(where());
    });
    return;
  }
  // A copy of the page with no origin of its own (sandboxed) is no site
  // page to help on.
  if (window.origin === 'null' || location.origin === 'null') return;

  // ---- the widget ---------------------------------------------------------
  // Words the visitor sees here are the button's (the panel's own are
  // Baton's templates). Other wordings may be given on the link:
  // data-baton-available, -busy, -away, -closed (as help-button.js).
  // They come in the visitor's language with /availability's answer (its
  // "words", templates/lang/LANG.hdf's widget.*; the link's lang=, else
  // the page's <html lang>, else the browser's language chooses): these
  // English ones are only the fallback should Baton not answer.
  var WORDS = {
    available: 'Talk to us now',
    busy: 'Talk to us (short wait)',
    away: 'Leave us a message',
    closed: 'Leave us a message',
    launcher: 'Live help',
    waiting: 'Live help · waiting',
    conversation: 'Live help',
    title: 'Live help',
    frame: 'Live help conversation',
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    unreachable: 'Live help cannot be reached right now.',
    retry: 'Try again',
    elsewhere: 'or open live help in a page of its own',
    minimise: 'Minimise live help',
    close: 'Close live help',
    unread: function (n) { return n === 1 ? '1 new message' : n + ' new messages'; },
  };
  var STORE = 'baton-widget:' + batonOrigin;
  var CONNECT_PATIENCE_MS = 15000;

  function load() {
    try {
      var s = JSON.parse(window.sessionStorage.getItem(STORE) || 'null');
      return s && typeof s === 'object' && typeof s.site === 'string' ? s : null;
    } catch (e) {
      return null;
    }
  }
  function save(s) {
    try {
      if (s) window.sessionStorage.setItem(STORE, JSON.stringify(s));
      else window.sessionStorage.removeItem(STORE);
    } catch (e) { /* private mode: this page only */ }
  }

  /* A help link of Baton's (this script's origin) the widget may take. */
  function siteKeyOf(link) {
    try {
      var url = new URL(link.href, document.baseURI);
      if (url.origin !== batonOrigin || !/\/help$/.test(url.pathname)) return null;
      return url.searchParams.get('site');
    } catch (e) {
      return null;
    }
  }

  var widget = null;   // the button and panel, once made
  var state = load();  // { site, open, state, unread } of this tab

  function remember() {
    if (state) save(state);
  }

  function css() {
    return [
      ':host{all:initial}',
      '*{box-sizing:border-box}',
      '.launcher{position:fixed;right:16px;bottom:16px;z-index:2147483645;display:flex;align-items:center;gap:8px;',
      ' padding:10px 16px;border:0;border-radius:999px;background:#2456d3;color:#fff;font:600 15px/1.2 system-ui,sans-serif;',
      ' box-shadow:0 6px 20px rgba(16,24,40,.3);cursor:pointer}',
      '.launcher:focus-visible,.head button:focus-visible,.head a:focus-visible{outline:3px solid #f79009;outline-offset:2px}',
      '.launcher[hidden],.panel[hidden],.badge[hidden],.status[hidden]{display:none}',
      '.badge{min-width:20px;padding:1px 6px;border-radius:999px;background:#b42318;color:#fff;font-size:12px;text-align:center}',
      '.panel{position:fixed;right:16px;bottom:16px;z-index:2147483646;width:380px;height:min(620px,calc(100vh - 32px));',
      ' display:flex;flex-direction:column;background:#fff;border:1px solid #d0d5dd;border-radius:12px;overflow:hidden;',
      ' box-shadow:0 12px 40px rgba(16,24,40,.35);font:14px/1.4 system-ui,sans-serif;color:#1d2330}',
      '.head{display:flex;align-items:center;gap:8px;padding:8px 8px 8px 14px;background:#2456d3;color:#fff}',
      '.head h2{flex:1;margin:0;font:600 15px/1.2 system-ui,sans-serif}',
      '.head button{margin:0;padding:4px 10px;border:0;border-radius:6px;background:rgba(255,255,255,.16);color:#fff;font:600 16px/1 system-ui,sans-serif;cursor:pointer}',
      '.status{margin:0;padding:6px 14px;background:#fffaeb;color:#93370d;border-bottom:1px solid #fedf89;font-size:13px}',
      '.status a{color:#93370d}',
      '.status button{margin-left:6px;padding:2px 8px;border:1px solid #93370d;border-radius:4px;background:#fff;color:#93370d;font:inherit;cursor:pointer}',
      'iframe{flex:1;width:100%;border:0;background:#fff}',
      '@media (max-width:480px){.panel{right:0;bottom:0;width:100vw;height:100vh;height:100dvh;border-radius:0;border:0}}',
    ].join('\n');
  }

  function make(el, attrs, text) {
    var node = document.createElement(el);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) node.setAttribute(k, attrs[k]);
    if (text) node.textContent = text;
    return node;
  }

  /* The launcher and the panel, in a shadow root of their own so the
   * site's styles neither reach nor break them. */
  function build(site) {
    var holder = make('div', { 'data-baton-widget': '' });
    var root = holder.attachShadow ? holder.attachShadow({ mode: 'open' }) : holder;
    var sheet = null;
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css());
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      var style = make('style', {});
      style.textContent = css();
      root.appendChild(style);
    }
    var launcher = make('button', { type: 'button', class: 'launcher', 'aria-haspopup': 'dialog', 'aria-expanded': 'false', hidden: '' });
    var label = make('span', {}, WORDS.launcher);
    var badge = make('span', { class: 'badge', hidden: '' });
    launcher.appendChild(label);
    launcher.appendChild(badge);
    var panel = make('div', { class: 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'baton-panel-title', hidden: '' });
    var head = make('div', { class: 'head' });
    var title = make('h2', { id: 'baton-panel-title' }, WORDS.title);
    var minimise = make('button', { type: 'button', 'aria-label': WORDS.minimise, title: WORDS.minimise }, '–');
    var close = make('button', { type: 'button', 'aria-label': WORDS.close, title: WORDS.close, hidden: '' }, '×');
    head.appendChild(title);
    head.appendChild(minimise);
    head.appendChild(close);
    var status = make('p', { class: 'status', role: 'status', hidden: '' });
    panel.appendChild(head);
    panel.appendChild(status);
    root.appendChild(launcher);
    root.appendChild(panel);
    document.body.appendChild(holder);
    var w = {
      site: site, holder: holder, launcher: launcher, label: label, badge: badge, panel: panel,
      status: status, close: close, frame: null, ready: false, timer: null, title: title, minimise: minimise,
    };
    launcher.addEventListener('click', function () { openPanel(true); });
    minimise.addEventListener('click', function () { minimisePanel(true); });
    close.addEventListener('click', function () { closePanel(); });
    panel.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') {
        e.preventDefault();
        minimisePanel(true);
      }
    });
    return w;
  }

  function setStatus(text, retry) {
    if (!widget) return;
    widget.status.textContent = text || '';
    widget.status.hidden = !text;
    if (retry) {
      var again = make('button', { type: 'button' }, WORDS.retry);
      again.addEventListener('click', function () { loadFrame(true); });
      widget.status.appendChild(again);
      widget.status.appendChild(document.createTextNode(' '));
      widget.status.appendChild(make('a', { href: linkAddress() }, WORDS.elsewhere));
    }
  }

  /* The panel opens the help link of this site as written (its topic, and
   * the signed parameters a site may add: priority, customer), naming this
   * page and the page's reported events. */
  function frameUrl() {
    var url;
    var link = links.filter(function (l) { return siteKeyOf(l) === widget.site; })[0];
    try {
      url = new URL(link ? link.href : batonOrigin + '/help', document.baseURI);
    } catch (e) {
      url = new URL(batonOrigin + '/help');
    }
    if (url.origin !== batonOrigin) url = new URL(batonOrigin + '/help');
    url.searchParams.set('site', widget.site);
    url.searchParams.set('page', location.href.split('#')[0]);
    return withEvents(url).href;
  }

  /* The panel's frame: Baton's /help, which resumes the visitor's request or
   * conversation (their cookie) or asks the question. */
  function loadFrame(again) {
    if (widget.frame && !again) return;
    if (widget.frame) widget.frame.remove();
    widget.ready = false;
    panelWindow = null;
    panelReports = false;
    var frame = make('iframe', { title: WORDS.frame, src: frameUrl(), allow: 'autoplay' });
    widget.panel.appendChild(frame);
    widget.frame = frame;
    panelWindow = frame.contentWindow;
    setStatus(WORDS.connecting);
    clearTimeout(widget.timer);
    widget.timer = setTimeout(function () {
      if (!widget.ready) setStatus(WORDS.unreachable, true);
    }, CONNECT_PATIENCE_MS);
  }

  function tellPanel(message) {
    if (!widget || !widget.frame || !widget.ready) return;
    message.source = 'baton-site';
    try {
      widget.frame.contentWindow.postMessage(message, batonOrigin);
    } catch (e) { /* reloading */ }
  }

  function render() {
    if (!widget) return;
    var open = !!(state && state.open);
    var active = !!(state && (state.state === 'waiting' || state.state === 'conversation' || state.state === 'ready'));
    widget.panel.hidden = !open;
    widget.launcher.hidden = open || !state;
    widget.launcher.setAttribute('aria-expanded', open ? 'true' : 'false');
    var unread = state ? state.unread || 0 : 0;
    widget.badge.hidden = unread === 0;
    widget.badge.textContent = String(unread);
    widget.label.textContent = state && state.state === 'waiting' ? WORDS.waiting : WORDS.launcher;
    widget.launcher.setAttribute('aria-label', widget.label.textContent + (unread ? ', ' + WORDS.unread(unread) : ''));
    // An open request or conversation is minimised, not closed: it goes on.
    widget.close.hidden = active;
    links.forEach(function (l) { l.setAttribute('aria-expanded', open ? 'true' : 'false'); });
  }

  function ensure(site) {
    if (!widget) widget = build(site);
    if (!state) state = { site: site, open: false, state: '', unread: 0 };
  }

  function openPanel(focus) {
    ensure(state ? state.site : siteKeys[0]);
    state.open = true;
    state.unread = 0;
    remember();
    loadFrame(false);
    render();
    widget.wantFocus = !!focus && !widget.ready;
    tellPanel({ type: 'panel', open: true, focus: !!focus });
    if (focus) {
      try { widget.frame.focus(); } catch (e) { /* fine */ }
    }
  }

  function minimisePanel(focusLauncher) {
    if (!state) return;
    state.open = false;
    remember();
    render();
    tellPanel({ type: 'panel', open: false });
    if (focusLauncher && !widget.launcher.hidden) widget.launcher.focus();
  }

  /* Nothing under way: the panel goes, and with it the frame. */
  function closePanel() {
    state = null;
    save(null);
    if (widget) {
      widget.holder.remove();
      widget = null;
    }
    panelWindow = null;
    panelReports = false;
    if (links[0]) links[0].focus();
  }

  /* The help link's own way (a Baton page), naming this page. */
  function linkAddress() {
    var link = links[0];
    if (!link) return batonOrigin + '/help?site=' + encodeURIComponent(state ? state.site : '');
    try {
      var url = new URL(link.href, document.baseURI);
      url.searchParams.set('page', location.href.split('#')[0]);
      withEvents(url);
      return url.href;
    } catch (e) {
      return link.href;
    }
  }

  /* This browser keeps no cookie in the panel: the help link's own way. */
  function fallBack() {
    var address = linkAddress();
    closePanel();
    location.assign(address);
  }

  function onPanelMessage(e) {
    if (!widget || !widget.frame || e.source !== widget.frame.contentWindow || e.origin !== batonOrigin) return;
    var m = e.data;
    if (!m || typeof m !== 'object' || m.source !== 'baton-panel') return;
    switch (m.type) {
      case 'ready':
        widget.ready = true;
        clearTimeout(widget.timer);
        setStatus('');
        tellPanel({ type: 'panel', open: !!state.open, focus: !!(state.open && widget.wantFocus) });
        widget.wantFocus = false;
        if (panelReports) send(where());
        break;
      case 'state':
        state.state = m.state;
        var wasReporting = panelReports;
        panelReports = m.state === 'conversation' && m.cobrowse !== false;
        if (panelReports !== wasReporting) extend({ type: 'watching', on: panelReports });
        if (panelReports) send({ type: 'hello', url: location.href, title: document.title });
        if (panelReports) send(where());
        // A request or conversation under way opens the panel on the page
        // it was open on; one that is over leaves it as the visitor left it.
        remember();
        render();
        break;
      case 'unread':
        state.unread = typeof m.count === 'number' && m.count > 0 ? m.count : 0;
        remember();
        render();
        break;
      case 'connection':
        setStatus(m.ok ? '' : WORDS.reconnecting);
        break;
      case 'minimise':
        minimisePanel(true);
        break;
      case 'navigate':
        // The leader went to another page of this site: so does the visitor.
        try {
          if (typeof m.url === 'string' && new URL(m.url).origin === location.origin) location.assign(m.url);
        } catch (err) { /* not an address */ }
        break;
      case 'scroll':
        if (typeof m.x === 'number' && typeof m.y === 'number') window.scrollTo(m.x, m.y);
        break;
      case 'pointers':
        showPointers(m.list);
        break;
      case 'marks':
        showMarks(m.list);
        break;
      case 'fallback':
        fallBack();
        break;
      case 'failed':
        setStatus(typeof m.message === 'string' && m.message ? m.message : WORDS.unreachable, true);
        break;
      default:
        extend(m);
        break;
    }
  }
  window.addEventListener('message', onPanelMessage);

  /* The visitor's language's words from /availability, for the button
   * and the panel (already made or not). */
  function takeWords(words) {
    if (!words || typeof words !== 'object') return;
    Object.keys(WORDS).forEach(function (k) {
      if (k !== 'unread' && typeof words[k] === 'string' && words[k]) WORDS[k] = words[k];
    });
    WORDS.conversation = WORDS.launcher;
    if (typeof words.unread_one === 'string' && typeof words.unread_other === 'string') {
      WORDS.unread = function (n) { return (n === 1 ? words.unread_one : words.unread_other).replace('{n}', String(n)); };
    }
    if (!widget) return;
    widget.title.textContent = WORDS.title;
    [[widget.minimise, WORDS.minimise], [widget.close, WORDS.close]].forEach(function (b) {
      b[0].setAttribute('aria-label', b[1]);
      b[0].setAttribute('title', b[1]);
    });
    render();
  }

  /* The words on the help link (and so the button): anyone there? */
  function word(link, answer) {
    var status = answer.status;
    if (['available', 'busy', 'away', 'closed'].indexOf(status) < 0) return;
    var own = link.getAttribute('data-baton-' + status);
    var text = status === 'busy' && typeof answer.estimate_words === 'string' && !answer.words
      ? 'Talk to us (wait ' + answer.estimate_words + ')' : WORDS[status];
    link.textContent = own || text;
    ['available', 'busy', 'away', 'closed'].forEach(function (s) { link.classList.remove('baton-help-' + s); });
    link.classList.add('baton-help-' + status);
    link.setAttribute('data-baton-status', status);
  }
  /* The language the visitor is served in: the help link's lang=, else the
   * page's <html lang> (else Baton goes by the browser's Accept-Language). */
  function langOf(site) {
    var lang = document.documentElement.getAttribute('lang') || '';
    links.forEach(function (l) {
      try {
        var url = new URL(l.href, document.baseURI);
        if (siteKeyOf(l) === site && url.searchParams.get('lang')) lang = url.searchParams.get('lang');
      } catch (e) { /* no language from this link */ }
    });
    return /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$/.test(lang) ? lang : '';
  }
  function checkAvailability(site) {
    if (typeof fetch !== 'function') return;
    var lang = langOf(site);
    fetch(batonOrigin + '/availability?site=' + encodeURIComponent(site) + (lang ? '&lang=' + encodeURIComponent(lang) : ''),
      { mode: 'cors', credentials: 'omit', cache: 'no-store' })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (answer) {
        if (!answer || typeof answer.status !== 'string') return;
        takeWords(answer.words);
        links.forEach(function (l) { if (siteKeyOf(l) === site) word(l, answer); });
      })
      .catch(function () { /* the links keep their words */ });
  }

  // ---- the visitor's profile: events the page reports ------------------
  // One line on a page of the site reports what the visitor did, for their
  // profile with the client (what is kept is said on the help form):
  //   <script>(window.BatonEvents = window.BatonEvents || []).push('added-to-cart')</script>
  // or, once this script has loaded, Baton.event('added-to-cart'). Names
  // are 1-40 of letters, digits, '.', '-', '_'. This tab keeps the last 20
  // (sessionStorage) and the next help click carries them (events=...).
  // They come from the visitor's browser, so anyone can forge them: what
  // must be trusted (a customer, their orders) the site's server reports,
  // signed (INSTALL, "Site events").
  var EVENTS_KEY = 'baton-events';
  function pageEvents() {
    var list = [];
    try {
      list = JSON.parse(sessionStorage.getItem(EVENTS_KEY) || '[]');
    } catch (e) { /* no storage: this page's events only */ }
    if (!Array.isArray(list)) list = [];
    var queued = Array.isArray(window.BatonEvents) ? window.BatonEvents : [];
    return list.concat(queued).filter(function (n) {
      return typeof n === 'string' && /^[A-Za-z0-9._-]{1,40}$/.test(n);
    }).slice(-20);
  }
  function reportEvent(name) {
    if (typeof name !== 'string' || !/^[A-Za-z0-9._-]{1,40}$/.test(name)) return false;
    var list = pageEvents();
    list.push(name);
    try {
      sessionStorage.setItem(EVENTS_KEY, JSON.stringify(list.slice(-20)));
      if (Array.isArray(window.BatonEvents)) window.BatonEvents.length = 0;
    } catch (e) {
      return false;
    }
    return true;
  }
  // A page that sets window.BatonTracking = false (the visitor declined the
  // site's tracking) sends no events, and tells Baton so (track=0): the
  // profile then keeps only what the visitor types.
  function withEvents(url) {
    var trail = trailToken(window.BatonTracking !== false);
    if (trail) url.searchParams.set('trail', trail);
    if (window.BatonTracking === false) {
      url.searchParams.set('track', '0');
      url.searchParams.delete('events');
      return url;
    }
    var list = pageEvents();
    if (list.length) url.searchParams.set('events', list.join(','));
    return url;
  }

  // ---- the visitor's profile: pages seen and the time on them ----------
  // When a page of the site is left or hidden, a beacon to Baton's
  // /pageview says which page it was and how many seconds it was in view.
  // The tab's trail is named by a random token kept in sessionStorage; the
  // help click carries it (trail=...), and the path to the click becomes
  // the visitor's. Nothing is sent when the page set BatonTracking = false,
  // from a page without a help link (no site to report to), or from a page
  // shown in a Baton viewer (the others' view, not the visitor's visit).
  var TRAIL_KEY = 'baton-trail';
  function trailToken(create) {
    var token = null;
    try {
      token = sessionStorage.getItem(TRAIL_KEY);
      if ((!token || !/^[0-9a-f]{32}$/.test(token)) && create && window.crypto && crypto.getRandomValues) {
        var bytes = new Uint8Array(16);
        crypto.getRandomValues(bytes);
        token = Array.prototype.map.call(bytes, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
        sessionStorage.setItem(TRAIL_KEY, token);
      }
    } catch (e) { /* no storage: no trail */ }
    return token && /^[0-9a-f]{32}$/.test(token) ? token : null;
  }
  var shownSince = document.visibilityState === 'hidden' ? 0 : Date.now();
  var shownMs = 0;
  function reportPage() {
    if (shownSince) shownMs += Date.now() - shownSince;
    shownSince = 0;
    var site = siteKeys[0] || (state && state.site);
    if (framed || ledWindow || !site || window.BatonTracking === false || !navigator.sendBeacon) return;
    var trail = trailToken(true);
    if (!trail) return;
    var body = new URLSearchParams();
    body.set('site', site);
    body.set('trail', trail);
    body.set('page', location.href.split('#')[0].slice(0, 2000));
    body.set('seconds', String(Math.min(86400, Math.round(shownMs / 1000))));
    shownMs = 0;
    try {
      navigator.sendBeacon(batonOrigin + '/pageview', body);
    } catch (e) { /* the visit is not reported */ }
  }
  // A page hidden and shown again reports each stretch in view.
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') {
      if (shownSince) reportPage();
    }
    else if (!shownSince) shownSince = Date.now();
  });
  window.addEventListener('pagehide', function () {
    if (shownSince) reportPage();
  });
  window.Baton = window.Baton || {};
  window.Baton.event = reportEvent;
  // A plain help link (no panel) carries them too, as it is followed.
  document.addEventListener('click', function (e) {
    var link = e.target && e.target.closest ? e.target.closest('a[data-baton-help]') : null;
    if (!link) return;
    try {
      var url = new URL(link.href, document.baseURI);
      if (url.origin === batonOrigin) link.href = withEvents(url).href;
    } catch (err) { /* the link goes as it is */ }
  }, true);

  var links = [];
  var siteKeys = [];
  onReady(function () {
    var all = document.querySelectorAll('a[data-baton-help]');
    for (var i = 0; i < all.length; i++) {
      var key = siteKeyOf(all[i]);
      if (!key || all[i].getAttribute('data-baton-widget') === 'off') continue;
      links.push(all[i]);
      if (siteKeys.indexOf(key) < 0) siteKeys.push(key);
    }
    links.forEach(function (link) {
      link.setAttribute('role', 'button');
      link.setAttribute('aria-haspopup', 'dialog');
      link.addEventListener('click', function (e) {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        if (state && state.site !== siteKeyOf(link)) closePanel();
        ensure(siteKeyOf(link));
        openPanel(true);
      });
      // A role of button answers the space bar too.
      link.addEventListener('keydown', function (e) {
        if (e.key === ' ') {
          e.preventDefault();
          link.click();
        }
      });
    });
    siteKeys.forEach(checkAvailability);
    // A panel open (or a request or conversation under way) on the page
    // before: it comes along, as it was.
    if (state) {
      ensure(state.site);
      if (state.open || state.state === 'waiting' || state.state === 'conversation' || state.state === 'ready') loadFrame(false);
      render();
    }
  });
  // Back from the back-forward cache: the panel's frame reloads itself.
  window.addEventListener('pageshow', function (e) {
    if (e.persisted) siteKeys.forEach(checkAvailability);
  });
}());
