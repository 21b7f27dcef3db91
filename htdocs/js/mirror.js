// Baton's mirror mode, the visitor's side (issue 20): with the visitor's
// consent, the page the visitor actually sees (a basket, an account page,
// a half-filled form: what the agent could not load by its address) is
// sent to the agent in the conversation, as a snapshot of its DOM and then
// its changes, the fields as typed, the scroll and which field has the
// visitor's focus (only which: a private field shows as focused, masked).
// Where the browser has CompressionStream the snapshot travels gzipped
// (base64, then cut into parts); a change or a keystroke travels as it is,
// since compressing a message that small only makes it bigger
// (bench/MIRROR.md).
//   <script src="https://BATON/js/baton-site.js" async></script>
//   <script src="https://BATON/js/mirror.js" async></script>
// It builds on the site script (window.BatonSite.use): it sends only while
// the widget's panel holds a conversation, through the panel, to Baton's
// own origin (cgi-bin/mirror.c), where the agent's viewer rebuilds it
// (htdocs/js/mirror-view.js).
//
// Masking cannot be forgotten: it happens here, before anything is sent,
// in the snapshot and in every change. Never sent: the value of password
// fields, of fields whose autocomplete is a card's (cc-*) or a one-time
// code, of anything marked data-baton-private (or inside it; its text too)
// or of a class named in data-baton-private-class on this script tag, and
// any value or text of 13 to 19 digits (spaces and dashes between them):
// these go as "••••". Scripts, event handlers and comments are never sent.
//
// A minimal serializer written here rather than rrweb (MIT, on npm): rrweb
// records for replay with its own player, about 100 KB minified, where
// Baton needs a live mirror through its own channel and one masking rule
// applied at one place it can show is complete; this file is small enough
// to read in full.
//
// A page whose visible content is not in its DOM (frames, a canvas, shadow
// DOM) or too large to send is not offered: the agent is told why and
// co-browses it by its address; BatonMirror.check() in the console says
// the same to a site's developer. "No thanks" sends nothing of the page,
// only that the visitor declined, and holds for the visit.
//
// The agent acts only as the visitor allows: by default the agent's click
// shows on this page as a highlight to follow; with "Let the agent fill in
// fields" the agent's values are typed into unmasked fields (the visitor
// sees them and can change them) and the agent's clicks are performed.
(function () {
  'use strict';
  if (window.__batonMirror) return;
  window.__batonMirror = true;

  var script = document.currentScript;
  var privateClass = script && script.getAttribute('data-baton-private-class');
  var MASK = '\u2022\u2022\u2022\u2022';
  // A message travels form-encoded in one post that nginx and Apache take
  // whole (max_body_bytes, 64 KiB) and is stored in one event (at most
  // 60000 bytes: lib/mirror.h); a snapshot's parts are cut to fit both.
  var POST_MAX = 56000;
  var VALUE_MAX = 10000;
  var KEY = 'baton-mirror';
  var GZIP = typeof CompressionStream === 'function' && typeof Response === 'function';

  function hook(api) {
    if (api.role !== 'site') return; // in a viewer the page is loaded by address
    var ids = new WeakMap();
    var nodes = new Map();
    var nextId = 1;
    var sharing = false;
    var observer = null;
    var pending = [];
    var flushTimer = null;
    var banner = null;
    var allowFill = false;
    var snapId = 0;
    var focusSent = -1;
    // While a snapshot is being compressed (a promise away), what happens
    // next waits behind it, so the agent gets it after the snapshot.
    var line = Promise.resolve();
    var busy = 0;

    function remember(v) {
      try {
        if (v === null) sessionStorage.removeItem(KEY);
        else sessionStorage.setItem(KEY, v);
      } catch (e) { /* no storage: ask on each page */ }
    }
    function remembered() {
      try {
        return sessionStorage.getItem(KEY);
      } catch (e) {
        return null;
      }
    }

    /* ---- masking ---------------------------------------------------- */
    var CARD_DIGITS = /^[\d\s-]+$/;
    function cardLike(text) {
      if (!text || !CARD_DIGITS.test(text)) return false;
      var digits = text.replace(/\D/g, '').length;
      return digits >= 13 && digits <= 19;
    }
    var DIGIT_RUN = /\d(?:[\s-]?\d){12,18}/g;
    function maskDigits(text) {
      return text.replace(DIGIT_RUN, function (run) {
        return cardLike(run) ? MASK : run;
      });
    }
    function privateTree(el) {
      for (; el && el.nodeType === 1; el = el.parentNode) {
        if (el.hasAttribute('data-baton-private')) return true;
        if (privateClass && el.classList.contains(privateClass)) return true;
        if (el.hasAttribute('data-baton-mirror')) return true; // our own banner
      }
      return false;
    }
    function maskedField(el) {
      if (el.nodeType !== 1) return false;
      var type = (el.getAttribute('type') || '').toLowerCase();
      var auto = (el.getAttribute('autocomplete') || '').toLowerCase();
      if (type === 'password' || type === 'hidden') return true;
      if (/(^|\s)cc-|one-time-code/.test(auto)) return true;
      return privateTree(el);
    }
    function fieldValue(el) {
      var v = String(el.value || '').slice(0, VALUE_MAX);
      if (maskedField(el) || cardLike(v)) return v ? MASK : '';
      return v;
    }

    /* ---- the serializer --------------------------------------------- */
    function idOf(node) {
      var id = ids.get(node);
      if (!id) {
        id = nextId++;
        ids.set(node, id);
        nodes.set(id, node);
      }
      return id;
    }
    function absolute(v) {
      try {
        return new URL(v, document.baseURI).href;
      } catch (e) {
        return '';
      }
    }
    var SKIP = { SCRIPT: 1, NOSCRIPT: 1, TEMPLATE: 1, IFRAME: 1, OBJECT: 1, EMBED: 1 };
    function serialize(node) {
      if (node.nodeType === 3) {
        var text = node.nodeValue;
        var parent = node.parentNode;
        if (parent && parent.nodeType === 1 && privateTree(parent)) text = text.trim() ? MASK : text;
        else text = maskDigits(text);
        return { i: idOf(node), x: text };
      }
      if (node.nodeType !== 1 || SKIP[node.tagName]) return null;
      // Baton's own: the banner and highlights, the widget's panel, the others' pointers and marks.
      if (node.hasAttribute('data-baton-mirror') || node.hasAttribute('data-baton-pointer') || node.hasAttribute('data-baton-marks')
          || (node.tagName === 'DIV' && node.hasAttribute('data-baton-widget'))) return null;
      if (node.tagName === 'LINK' && !/stylesheet/i.test(node.getAttribute('rel') || '')) return null;
      var attrs = {};
      for (var k = 0; k < node.attributes.length; k++) {
        var a = node.attributes[k];
        var name = a.name.toLowerCase();
        if (name.indexOf('on') === 0 || name === 'srcset' || name === 'integrity' || name === 'nonce') continue;
        var v = a.value;
        if (name === 'href' || name === 'src' || name === 'action' || name === 'poster') {
          v = absolute(v);
          if (!/^https?:/.test(v)) continue;
        }
        if (name === 'value' || name.indexOf('data-baton-masked') === 0) continue; // the live value, below
        attrs[name] = v;
      }
      var tag = node.tagName;
      if (tag === 'INPUT') {
        var type = (node.getAttribute('type') || '').toLowerCase();
        if (type === 'checkbox' || type === 'radio') {
          if (node.checked && !maskedField(node)) attrs.checked = '';
          else delete attrs.checked;
        } else {
          attrs.value = fieldValue(node);
        }
      }
      if (tag === 'OPTION') {
        if (node.selected && !maskedField(node.parentNode)) attrs.selected = '';
        else delete attrs.selected;
      }
      if ((tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') && maskedField(node)) attrs['data-baton-masked'] = '';
      var out = { i: idOf(node), n: tag.toLowerCase(), a: attrs, c: [] };
      if (tag === 'TEXTAREA') {
        out.v = fieldValue(node);
        return out;
      }
      for (var c = node.firstChild; c; c = c.nextSibling) {
        var s = serialize(c);
        if (s) out.c.push(s);
      }
      return out;
    }

    /* ---- what cannot be mirrored ---------------------------------------- */
    // A page whose visible content is not in its DOM: the agent would see a
    // copy with holes and take it for the page. Then the visitor is not
    // asked, the agent is told why and sees the page by its address.
    var SNAPSHOT_MAX = 2000000; // characters of JSON: some 40 posts
    function visible(el, minW, minH) {
      var r = el.getBoundingClientRect();
      return r.width >= minW && r.height >= minH;
    }
    // What Baton itself adds to the page: its widget's panel, banner,
    // highlights, pointers and marks.
    var BATON_OWN = 'div[data-baton-widget],[data-baton-mirror],[data-baton-pointer],[data-baton-marks]';
    function unmirrorable() {
      var all = document.body ? document.body.getElementsByTagName('*') : [];
      var viewArea = Math.max(1, window.innerWidth * window.innerHeight);
      var canvasArea = 0;
      for (var k = 0; k < all.length; k++) {
        var el = all[k];
        if (el.closest(BATON_OWN)) continue;
        var tag = el.tagName;
        if ((tag === 'IFRAME' || tag === 'FRAME' || tag === 'OBJECT' || tag === 'EMBED') && visible(el, 100, 50)) return 'frames';
        if (tag === 'CANVAS') {
          var r = el.getBoundingClientRect();
          canvasArea += r.width * r.height;
        }
        // An open shadow root is not serialized; a closed one cannot be
        // seen at all: a custom element that shows something yet holds
        // nothing of its own is taken for one.
        if (el.shadowRoot || (tag.indexOf('-') > 0 && !el.firstElementChild && !el.textContent.trim() && visible(el, 40, 16))) return 'shadow';
      }
      if (canvasArea >= viewArea / 4) return 'canvas';
      return null;
    }

    /* ---- sending ----------------------------------------------------- */
    function post(m) {
      api.send({ type: 'mirror', m: m });
    }
    function later(fn) {
      busy++;
      line = line.then(fn).catch(function () { /* sent as far as it went */ }).then(function () { busy--; });
    }
    function send(m) {
      if (!sharing || !api.watched()) return;
      if (busy) later(function () { post(m); });
      else post(m);
    }
    // The snapshot's text gzipped and as base64 (a form field and a TEXT
    // column carry text); null where the browser cannot.
    function gzip(text) {
      if (!GZIP) return Promise.resolve(null);
      try {
        var stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
        return new Response(stream).arrayBuffer().then(function (buf) {
          var bytes = new Uint8Array(buf);
          var bin = '';
          for (var k = 0; k < bytes.length; k += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(k, k + 0x8000));
          return btoa(bin);
        }, function () { return null; });
      } catch (e) {
        return Promise.resolve(null);
      }
    }
    function cut(text, z) {
      var pieces = [];
      var at = 0;
      while (at < text.length) {
        var size = 20000;
        while (size > 100 && !fits({ t: 'snap', id: 0, part: 0, parts: 0, z: z, d: text.slice(at, at + size) })) size = Math.floor(size / 2);
        pieces.push(text.slice(at, at + size));
        at += size;
      }
      return pieces;
    }
    function snapshot() {
      var why = unmirrorable();
      var text = why ? '' : JSON.stringify({
        url: location.href, title: document.title,
        w: window.innerWidth, h: window.innerHeight,
        x: window.scrollX, y: window.scrollY,
        root: serialize(document.documentElement),
      });
      if (!why && text.length > SNAPSHOT_MAX) why = 'large';
      if (why) {
        cannot(why);
        return;
      }
      var id = ++snapId;
      focusSent = -1;
      function sendParts(packed) {
        // Stopped, or a newer snapshot on its way, meanwhile: not this one.
        if (!sharing || id !== snapId) return;
        if (packed !== null && packed.length >= text.length) packed = null; // a page so small gzip grows it
        var z = packed === null ? undefined : 'gzip';
        var pieces = cut(packed === null ? text : packed, z);
        for (var p = 0; p < pieces.length; p++) {
          var m = { t: 'snap', id: id, part: p, parts: pieces.length, d: pieces[p] };
          if (z) m.z = z;
          post(m);
        }
        noteFocus();
      }
      if (!GZIP) {
        if (busy) later(function () { sendParts(null); });
        else sendParts(null);
        return;
      }
      later(function () { return gzip(text).then(sendParts); });
    }
    function fits(m) {
      return encodeURIComponent(JSON.stringify(m)).length <= POST_MAX;
    }
    function flush() {
      flushTimer = null;
      if (!pending.length) return;
      var ops = pending;
      pending = [];
      var m = { t: 'mut', ops: ops };
      if (fits(m)) send(m);
      else snapshot(); // a big change: start afresh
    }
    function queue(op) {
      pending.push(op);
      if (!flushTimer) flushTimer = setTimeout(flush, 50);
    }
    function onMutations(list) {
      var seen = new Set();
      list.forEach(function (rec) {
        var target = rec.target;
        if (rec.type === 'characterData') {
          var parent = target.parentNode;
          if (!parent || !ids.has(target)) return;
          var s = serialize(target);
          queue({ o: 'text', i: s.i, x: s.x });
        } else if (rec.type === 'attributes') {
          if (!ids.has(target) || target.nodeType !== 1) return;
          var one = serialize(target);
          if (!one) return;
          var v = Object.prototype.hasOwnProperty.call(one.a, rec.attributeName) ? one.a[rec.attributeName] : null;
          queue({ o: 'attr', i: one.i, k: rec.attributeName, v: v });
        } else if (!seen.has(target) && ids.has(target)) {
          // Children added or removed: the parent's children again.
          seen.add(target);
          if (target.nodeType !== 1) return;
          var kids = [];
          for (var c = target.firstChild; c; c = c.nextSibling) {
            var k = serialize(c);
            if (k) kids.push(k);
          }
          queue({ o: 'kids', i: idOf(target), c: kids });
        }
      });
    }
    function onInput(e) {
      var el = e.target;
      if (!el || !ids.has(el)) return;
      if (el.type === 'checkbox' || el.type === 'radio') {
        send({ t: 'input', i: idOf(el), checked: !maskedField(el) && el.checked });
      } else {
        send({ t: 'input', i: idOf(el), v: fieldValue(el) });
      }
    }
    // Which element has the visitor's focus: its number, and whether it is
    // masked (the agent sees that it is focused, never what is in it).
    // Read once the focus has settled, so a move from one field to the
    // next is one message.
    var focusTimer = null;
    function noteFocus() {
      var el = document.activeElement;
      var id = el && el !== document.body && el.nodeType === 1 && ids.has(el) ? ids.get(el) : 0;
      var masked = id !== 0 && maskedField(el);
      var key = id * 2 + (masked ? 1 : 0);
      if (key === focusSent) return;
      focusSent = key;
      var m = { t: 'focus', i: id };
      if (masked) m.masked = true;
      send(m);
    }
    function onFocus() {
      if (focusTimer) return;
      focusTimer = setTimeout(function () {
        focusTimer = null;
        if (sharing) noteFocus();
      }, 0);
    }
    var scrollTimer = null;
    function onScroll() {
      if (scrollTimer) return;
      scrollTimer = setTimeout(function () {
        scrollTimer = null;
        send({ t: 'scroll', x: window.scrollX, y: window.scrollY });
      }, 100);
    }

    /* ---- the agent's acts, as the visitor allows --------------------- */
    function highlight(el) {
      var r = el.getBoundingClientRect();
      var box = document.createElement('div');
      box.setAttribute('data-baton-mirror', 'highlight');
      box.style.cssText = 'position:absolute;z-index:2147483646;pointer-events:none;border:3px solid #e8590c;'
        + 'border-radius:6px;box-shadow:0 0 0 4px rgba(232,89,12,.3);transition:opacity .4s;'
        + 'left:' + (r.left + window.scrollX - 4) + 'px;top:' + (r.top + window.scrollY - 4) + 'px;'
        + 'width:' + (r.width + 2) + 'px;height:' + (r.height + 2) + 'px';
      document.body.appendChild(box);
      el.scrollIntoView({ block: 'nearest' });
      setTimeout(function () { box.remove(); }, 4000);
    }
    api.on('mirror', function (msg) {
      var m = msg && msg.m;
      if (!sharing || !m || typeof m !== 'object') return;
      var el = nodes.get(Number(m.i));
      if (!el || !el.isConnected || el.nodeType !== 1) return;
      if (m.t === 'click') {
        if (allowFill && !maskedField(el)) el.click();
        else highlight(el);
      } else if (m.t === 'fill' && typeof m.v === 'string') {
        var field = el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
        if (!field || maskedField(el) || !allowFill) {
          highlight(el);
          return;
        }
        el.value = m.v;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
        highlight(el);
      } else if (m.t === 'resync') {
        snapshot();
      }
    });

    /* ---- consent: the banner ----------------------------------------- */
    function button(text, fn) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = text;
      b.style.cssText = 'margin-left:.6em;font:inherit;padding:.2em .7em;border-radius:4px;border:1px solid #fff;'
        + 'background:#fff;color:#1c3d8c;cursor:pointer';
      b.addEventListener('click', fn);
      return b;
    }
    function showBanner(kind) {
      if (banner) banner.remove();
      banner = document.createElement('div');
      banner.setAttribute('data-baton-mirror', kind);
      banner.setAttribute('role', 'region');
      banner.setAttribute('aria-label', 'Sharing this page');
      banner.style.cssText = 'position:fixed;left:0;right:0;top:0;z-index:2147483647;background:#1c3d8c;color:#fff;'
        + 'font:15px/1.4 system-ui,sans-serif;padding:.5em 1em;text-align:center;box-shadow:0 2px 6px rgba(0,0,0,.3)';
      var text = document.createElement('span');
      banner.appendChild(text);
      if (kind === 'offer') {
        text.textContent = 'Show this page to the agent helping you? Fields marked private are hidden.';
        banner.appendChild(button('Share this page', function () { start(true); }));
        banner.appendChild(button('No thanks', decline));
      } else {
        text.textContent = 'The agent can see this page; fields marked private are hidden.';
        var label = document.createElement('label');
        label.style.marginLeft = '.8em';
        var box = document.createElement('input');
        box.type = 'checkbox';
        box.checked = allowFill;
        box.setAttribute('data-baton-mirror-allow', '');
        box.addEventListener('change', function () {
          allowFill = box.checked;
          remember(allowFill ? 'fill' : 'yes');
          send({ t: 'allow', fill: allowFill });
        });
        label.appendChild(box);
        label.appendChild(document.createTextNode(' Let the agent fill in fields'));
        banner.appendChild(label);
        banner.appendChild(button('Stop sharing', stop));
      }
      document.body.appendChild(banner);
    }

    function start(asked) {
      if (sharing || !api.watched()) return;
      var why = unmirrorable();
      if (why) {
        cannot(why);
        return;
      }
      sharing = true;
      if (asked) remember(allowFill ? 'fill' : 'yes');
      showBanner('sharing');
      send({ t: 'start', fill: allowFill });
      snapshot();
      observer = new MutationObserver(onMutations);
      observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
      document.addEventListener('input', onInput, true);
      document.addEventListener('change', onInput, true);
      document.addEventListener('focusin', onFocus, true);
      document.addEventListener('focusout', onFocus, true);
      window.addEventListener('scroll', onScroll, { passive: true });
    }
    function stop() {
      if (sharing) send({ t: 'stop' });
      remember('no');
      quiet();
    }
    function quiet() {
      sharing = false;
      if (observer) observer.disconnect();
      observer = null;
      pending = [];
      document.removeEventListener('input', onInput, true);
      document.removeEventListener('change', onInput, true);
      document.removeEventListener('focusin', onFocus, true);
      document.removeEventListener('focusout', onFocus, true);
      window.removeEventListener('scroll', onScroll);
      if (banner) banner.remove();
      banner = null;
    }

    // The visitor says no: nothing of the page is sent, only that they
    // declined, so the agent does not wait for it.
    function decline() {
      remember('no');
      if (banner) banner.remove();
      banner = null;
      api.send({ type: 'mirror', m: { t: 'declined' } });
    }
    // The page cannot be mirrored: the agent is told why (nothing else)
    // and sees it by its address; the visitor's choice stands for the
    // next page.
    function cannot(why) {
      quiet();
      api.send({ type: 'mirror', m: { t: 'cannot', why: why } });
    }

    function watching(on) {
      if (!on) {
        quiet();
        return;
      }
      var choice = remembered();
      if (choice === 'yes' || choice === 'fill') {
        allowFill = choice === 'fill';
        start(false);
      } else if (choice !== 'no' && !banner) {
        var why = unmirrorable();
        if (why) cannot(why);
        else showBanner('offer');
      }
    }
    api.on('watching', function (m) { watching(!!m.on); });
    // For a site's developer, in the browser's console: whether this page
    // can be mirrored, or why not ('frames', 'canvas', 'shadow', 'large').
    window.BatonMirror = Object.freeze({
      check: function () {
        var why = unmirrorable();
        if (why) return why;
        return JSON.stringify(serialize(document.documentElement)).length > SNAPSHOT_MAX ? 'large' : null;
      },
    });
    function ready() {
      if (api.watched()) watching(true);
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
    else ready();
  }

  if (window.BatonSite) window.BatonSite.use(hook);
  else window.addEventListener('baton-site-ready', function () { window.BatonSite.use(hook); }, { once: true });
}());
