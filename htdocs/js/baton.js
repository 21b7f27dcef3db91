/* baton.js - helpers shared by Baton's page scripts (wait.js, console.js,
 * channel.js), loaded before them by templates/header.cs. One global:
 * window.Baton. No framework, no build step; everything from the server
 * reaches the DOM through textContent. */
(function () {
  'use strict';

  const SHORT_POLL_MS = 1500;      // polls answered at once (mod_fcgid, CGI)
  const BACKOFF_MS = [1000, 2000, 4000, 8000, 10000];
  const SPARE_MS = 15000;          // beyond the server's hold before we give up on a poll

  /* An element with text (never HTML) and attributes; children may be
   * nodes or strings. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key === 'hidden') node.hidden = true;
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  class HttpError extends Error {
    constructor(message, status, body) {
      super(message);
      this.name = 'HttpError';
      this.status = status;
      this.body = body;
    }
    /* Worth trying again as is: the network, a timeout, an overloaded or
     * database-less server. */
    get transient() {
      return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
    }
  }

  async function readJson(res) {
    try {
      return await res.json();
    } catch (e) {
      return null;
    }
  }

  /* POSTs fields as a form and returns the JSON answer; throws an HttpError
   * carrying the server's {"error"} message (status 0: no answer at all, or
   * none within options.timeout ms). */
  /* Baton's own words: in the visitor's language on a page that has
   * #baton-words (templates/header.cs, page.lang set), else English. */
  function own(key, english, values = {}) {
    const node = document.getElementById('baton-words');
    const text = (node && node.dataset[key]) || english;
    return text.replace(/\{([a-z]+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
  }

  async function postForm(url, fields, options = {}) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeout || 20000);
    let res;
    let body;
    try {
      res = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
        signal: controller.signal,
      });
      body = await readJson(res);
    } catch (e) {
      throw new HttpError(controller.signal.aborted ? own('noAnswer', 'Baton did not answer in time.')
        : own('unreachable', 'Baton cannot be reached: check your connection.'), 0, null);
    } finally {
      clearTimeout(timer);
    }
    if (!res.ok || body === null) {
      const message = body && typeof body.error === 'string' ? body.error
        : own('serverAnswered', 'The server answered {status}.', { status: `${res.status}${res.statusText ? ' ' + res.statusText : ''}` });
      throw new HttpError(message, res.status, body);
    }
    return body;
  }

  function sleep(ms, signal) {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      if (signal) signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
  }

  /* Follows a /poll feed. urlFn() gives the URL for each poll (it carries the
   * last seq or version seen, so a poll after an outage catches up);
   * onAnswer(answer) gets each 200 answer and may return false to stop.
   * options.onConnection(ok, message) hears of losing and regaining the
   * server; options.onStop(error) of a refusal that retrying will not mend
   * (403, 401, 404...). Returns { stop() }. */
  function follow(urlFn, onAnswer, options = {}) {
    const onConnection = options.onConnection || (() => {});
    const onStop = options.onStop || (() => {});
    let stopped = false;
    let ended = false;     // stopped for good (stop() or a refusal)
    let running = false;
    let failures = 0;
    let lost = false;
    let hold = 25;
    let inFlight = null;   // the AbortController of the poll under way
    let pause = null;      // and of the wait between polls

    function setLost(now, message) {
      if (now === lost && !now) return;
      lost = now;
      onConnection(!now, message || '');
    }

    async function loop() {
      running = true;
      while (!stopped) {
        let delay;
        const controller = new AbortController();
        inFlight = controller;
        const timer = setTimeout(() => controller.abort(), Math.max(hold, 0) * 1000 + SPARE_MS);
        let res = null;
        let body = null;
        try {
          res = await fetch(urlFn(), {
            credentials: 'same-origin',
            cache: 'no-store',
            headers: { Accept: 'application/json' },
            signal: controller.signal,
          });
          body = await readJson(res);
        } catch (e) {
          res = null;
        } finally {
          clearTimeout(timer);
          inFlight = null;
        }
        if (stopped) break;
        if (res && res.ok && body) {
          failures = 0;
          setLost(false);
          if (typeof body.hold === 'number') hold = body.hold;
          let more;
          try {
            // "again": nothing new, ask again (a hold ran out, say).
            more = body.again === true ? true : onAnswer(body);
          } catch (e) {
            // A fault in the page's own code must not end the feed.
            setTimeout(() => { throw e; });
          }
          if (more === false) { ended = true; break; }
          if (typeof body.retry_ms === 'number') delay = body.retry_ms;
          else delay = body.hold > 0 ? 0 : SHORT_POLL_MS;
        } else if (res && !res.ok && res.status < 500 && res.status !== 408 && res.status !== 429) {
          stopped = true;
          ended = true;
          onStop(new HttpError(body && body.error ? body.error : own('serverAnswered', 'The server answered {status}.', { status: res.status }),
            res.status, body));
          break;
        } else {
          delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)];
          if (body && typeof body.retry_ms === 'number') delay = Math.max(body.retry_ms, 250);
          failures++;
          setLost(true, body && body.error ? body.error : '');
        }
        if (delay > 0) {
          pause = new AbortController();
          await sleep(delay, pause.signal);
          pause = null;
        }
      }
      running = false;
    }

    function halt() {
      if (inFlight) inFlight.abort();
      if (pause) pause.abort();
    }
    // Leaving the page (or putting it in the back-forward cache) ends the
    // poll at once, so the server can free it; coming back resumes.
    window.addEventListener('pagehide', () => {
      if (stopped) return;
      stopped = true;
      halt();
    });
    window.addEventListener('pageshow', (e) => {
      if (e.persisted && stopped && !ended) {
        stopped = false;
        failures = 0;
        if (!running) loop();
      }
    });
    // After a network change the first retry needn't wait out the back-off.
    window.addEventListener('online', () => { if (pause) pause.abort(); });

    loop();
    return {
      stop() {
        ended = true;
        stopped = true;
        halt();
      },
      get lost() { return lost; },
    };
  }

  /* A short two-note chime, generated: no audio file. Browsers let sound
   * start only after the person has used the page (or this site), so the
   * context is also primed on the first click or key press. */
  let audio = null;
  function audioContext() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return null;
    if (audio === null) {
      try {
        audio = new Context();
      } catch (e) {
        return null;
      }
    }
    if (audio.state === 'suspended') audio.resume().catch(() => {});
    return audio;
  }
  function primeAudio() {
    audioContext();
    window.removeEventListener('pointerdown', primeAudio, true);
    window.removeEventListener('keydown', primeAudio, true);
  }
  window.addEventListener('pointerdown', primeAudio, true);
  window.addEventListener('keydown', primeAudio, true);

  /* kind: 'offer' (a visitor for me), 'line' (a line in a conversation in
   * the background), 'supervisor' (a line from a supervisor): each its own
   * tune. Every chime is also announced as a "baton:sound" event on window
   * (what the browser tests listen for). */
  const TUNES = {
    offer: [[880, 0], [1318.5, 0.16]],
    line: [[659.3, 0]],
    supervisor: [[1046.5, 0], [784, 0.14], [1046.5, 0.28]],
  };
  function chime(kind) {
    const tune = TUNES[kind] || TUNES.offer;
    window.dispatchEvent(new CustomEvent('baton:sound', { detail: { kind: TUNES[kind] ? kind : 'offer' } }));
    const ctx = audioContext();
    if (ctx === null) return;
    try {
      const start = ctx.currentTime + 0.02;
      tune.forEach(([freq, offset]) => {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, start + offset);
        gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.45);
        osc.connect(gain).connect(ctx.destination);
        osc.start(start + offset);
        osc.stop(start + offset + 0.5);
      });
    } catch (e) {
      // Sound is a nicety.
    }
  }

  /* Browser notifications: permission is asked for only from a click on
   * `button`; `hint` (which holds the button) shows while it can be asked. */
  function notificationsAvailable() {
    return 'Notification' in window && window.isSecureContext !== false;
  }
  function offerNotifications(hint, button) {
    if (!hint || !button || !notificationsAvailable()) return;
    const update = () => { hint.hidden = Notification.permission !== 'default'; };
    update();
    button.addEventListener('click', async () => {
      primeAudio();
      try {
        await Notification.requestPermission();
      } catch (e) {
        // Old callback-only implementations: nothing more to do.
      }
      update();
    });
  }
  /* Shows a notification when permitted and the page is not in front. */
  function notify(title, body, tag) {
    if (!notificationsAvailable() || Notification.permission !== 'granted') return null;
    if (document.visibilityState === 'visible' && document.hasFocus()) return null;
    try {
      const n = new Notification(title, { body: body || '', tag: tag || 'baton', lang: 'en' });
      n.addEventListener('click', () => { window.focus(); n.close(); });
      return n;
    } catch (e) {
      return null; // e.g. Chrome on Android wants a service worker
    }
  }

  /* "45 s", "3 min", "1 h 5 min". */
  function duration(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    if (s < 60) return `${s} s`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m} min`;
    return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
  }

  /* The <label>/<input> values of a form, as fields for postForm. */
  function formFields(form) {
    return Object.fromEntries(new FormData(form));
  }

  /* In the widget's panel (a frame on the client's site, body.in-panel:
   * templates/header.cs), tells the site script what it shows on its
   * button: states and counts, never what anyone wrote. Any origin may
   * hear it: only the site's registered domains may frame the panel (CSP
   * frame-ancestors), and the words are no secret. */
  function panelSay(message) {
    if (window.parent === window || !document.body || !document.body.classList.contains('in-panel')) return;
    try {
      window.parent.postMessage({ source: 'baton-panel', ...message }, '*');
    } catch (e) {
      // The site's page is gone.
    }
  }

  /* A page's words in its reader's language: its template puts its
   * catalogue's sentences (templates/lang/LANG.hdf) in data-* attributes of
   * one element, and say('joined', { name }) gives the one at data-joined
   * with {name} filled; say.parts(...) the same as a list in which a value
   * may be an element (a link in the middle of a sentence). A key the
   * element lacks says itself, which a test sees. */
  function words(node) {
    const d = node ? node.dataset : {};
    const parts = (key, values = {}) => String(d[key] ?? key).split(/(\{[a-z]+\})/).filter((p) => p !== '')
      .map((p) => {
        const m = /^\{([a-z]+)\}$/.exec(p);
        return m && Object.prototype.hasOwnProperty.call(values, m[1]) ? values[m[1]] : p;
      });
    const say = (key, values) => parts(key, values).map(String).join('');
    say.parts = parts;
    return say;
  }

  window.Baton = Object.freeze({
    words, el, postForm, follow, chime, notify, offerNotifications, duration, formFields, HttpError, panelSay,
  });
}());
