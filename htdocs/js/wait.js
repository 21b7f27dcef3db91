/* wait.js - the waiting page and its form pages (templates/wait.cs): the
 * place in the queue and the wait follow the queue live
 * (/poll?request=ID&version=V), and when an agent accepts, the title
 * changes, it chimes, a notification shows (if allowed) and the page moves
 * to the conversation (on a form page only once nothing typed would be
 * lost: otherwise it offers the way). When the desk changes so that other
 * choices fit, the waiting page is fetched again. The template's
 * <meta refresh> sits in <noscript>, so it reloads only pages without
 * JavaScript. Its words are the visitor's catalogue's, from the
 * template's #wait-words (plurals by Intl.PluralRules in the page's
 * language); the language picker sends itself on change. Uses baton.js. */
(function () {
  'use strict';
  const B = window.Baton;
  const root = document.getElementById('wait');
  if (!B || !root) return;

  const requestId = root.dataset.request;
  const formPage = root.dataset.form || '';
  // A call-back waits for the phone, not for this page (cgi-bin/callback.c).
  const callback = root.dataset.kind === 'callback';
  let version = Number(root.dataset.version) || 0;
  const connection = document.getElementById('connection');
  const lang = document.documentElement.lang || 'en';
  const words = (document.getElementById('wait-words') || { dataset: {} }).dataset;

  /* A catalogue sentence with its {...} filled, in order, by values. */
  function say(text, ...values) {
    let i = 0;
    return String(text || '').replace(/\{[a-z]+\}/g, (m) => (i < values.length ? String(values[i++]) : m));
  }

  /* The plural form of n in the page's language: words[base + 'One' or 'Other']. */
  function count(base, n) {
    let form = n === 1 ? 'one' : 'other';
    try {
      form = new Intl.PluralRules(lang).select(n) === 'one' ? 'one' : 'other';
    } catch (e) { /* an old browser: English's rule */ }
    return say(words[base + (form === 'one' ? 'One' : 'Other')], n);
  }

  // A form the visitor has sent is on its way: its answer is the next
  // page. Reloading or moving on what the poll hears meanwhile would abort
  // it, and with it perhaps what they sent; the feed stops instead (a page
  // brought back from the back-forward cache then loads afresh).
  let sending = false;
  document.addEventListener('submit', (e) => { if (!e.defaultPrevented) sending = true; });
  window.addEventListener('pageshow', (e) => { if (e.persisted && sending) location.reload(); });

  const picker = document.getElementById('lang-choice');
  if (picker && picker.form) {
    picker.addEventListener('change', () => {
      sending = true;
      picker.form.submit();
    });
    const submit = document.getElementById('lang-submit');
    if (submit) submit.hidden = true;
  }

  setUpSchedule();
  showScheduledTime();
  // What only a page with JavaScript does, it says only with JavaScript.
  const alerts = document.getElementById('wait-alerts');
  if (alerts) alerts.hidden = false;
  const hint = document.getElementById('notify-hint');
  if (hint) B.offerNotifications(hint, document.getElementById('notify-enable'));

  const state = root.dataset.state;
  if (state !== 'waiting' && state !== 'offered') return;

  const feed = B.follow(
    () => `/poll?request=${encodeURIComponent(requestId)}&version=${version}`,
    onAnswer,
    {
      onConnection(ok) {
        if (!connection) return;
        connection.hidden = ok;
        connection.textContent = ok ? '' : words.reconnecting;
        B.panelSay({ type: 'connection', ok });
      },
      onStop(error) {
        if (!connection) return;
        connection.hidden = false;
        connection.textContent = say(words.stopped, error.message);
      },
    });

  function onAnswer(a) {
    if (sending) return false;
    if (typeof a.version === 'number') version = a.version;
    if (a.state === 'accepted' && a.channel) {
      agentReady(a.channel);
      return false;
    }
    if (a.state !== 'waiting' && a.state !== 'offered') {
      // Cancelled, scheduled, turned into a message (perhaps in another
      // tab): the page for that state comes from the server.
      if (!formInUse()) location.reload();
      return false;
    }
    if (callback) {
      // A call-back's page changes when it becomes due (or is held back
      // again: calling hours, a try that failed); its form stays as it is.
      const due = a.deferred === false ? '1' : '0';
      if (due !== root.dataset.due) {
        location.reload();
        return false;
      }
      if (due === '1') showPlace(a);
      return true;
    }
    showPlace(a);
    if (!formPage && layoutChanged(a)) {
      location.reload();
      return false;
    }
    return true;
  }

  /* The same words as templates/wait.cs. */
  function placeWords(ahead) {
    return ahead === 0 ? (callback ? words.nextCallback : words.next) : count('ahead', ahead);
  }

  /* The wait as templates/lang.cs's estimate_words says it. */
  function estimateWords(a) {
    if (a.estimate_band === 'minutes') return count('minutes', Number(a.estimate_minutes) || 0);
    const key = { under_minute: 'underMinute', half_hour: 'halfHour', hour: 'hour', over_hour: 'overHour' }[a.estimate_band];
    return (key && words[key]) || a.estimate_words;
  }

  function showPlace(a) {
    const place = document.getElementById('place');
    if (place) place.textContent = placeWords(Number(a.position) || 0);
    const estimate = document.getElementById('estimate');
    if (estimate && a.estimate_words) estimate.textContent = estimateWords(a);
    B.panelSay({ type: 'state', state: 'waiting', position: Number(a.position) || 0,
      words: a.estimate_words ? estimateWords(a) : null });
    if (formPage) return;
    let connecting = document.getElementById('connecting');
    const status = document.getElementById('status');
    if (a.state === 'offered' && !connecting && status) {
      connecting = B.el('p', { class: 'notice', id: 'connecting',
        text: callback ? words.calling : words.connecting });
      status.after(connecting);
    } else if (a.state !== 'offered' && connecting) {
      connecting.remove();
    }
  }

  /* The page says what the desk is like and offers the choices that fit
   * it: when either changes, the server's page is fetched again. */
  function layoutChanged(a) {
    const shown = (root.dataset.choices || '').trim();
    const now = Array.isArray(a.choices) ? a.choices.join(' ') : shown;
    const desk = a.state === 'offered' ? root.dataset.desk : (a.desk || root.dataset.desk);
    return now !== shown || desk !== root.dataset.desk;
  }

  function formInUse() {
    for (const field of root.querySelectorAll('form:not(#cancel-form) input:not([type=hidden]), form textarea')) {
      if (field.value !== field.defaultValue) return true;
    }
    const active = document.activeElement;
    return !!(active && active.form && active.form.id !== 'cancel-form');
  }

  function agentReady(channel) {
    feed.stop();
    const url = `/channel?id=${encodeURIComponent(channel)}`;
    document.title = `● ${words.readyTitle} — Baton`;
    B.chime();
    B.notify(words.readyTitle, words.readyBody, 'baton-ready');
    B.panelSay({ type: 'state', state: 'ready' });
    if (formInUse()) {
      // What the visitor is typing stays; they go when they choose.
      const go = B.el('a', { href: url, id: 'go-to-conversation', class: 'button-link', text: words.readyGo });
      const note = B.el('p', { class: 'notice', id: 'agent-ready', role: 'alert' }, `${words.readyNote} `, go);
      root.prepend(note);
      return;
    }
    const status = document.getElementById('status');
    if (status) status.textContent = words.readyTaking;
    // A moment for the chime before the page changes.
    setTimeout(() => location.assign(url), 600);
  }

  function localDate(d) {
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }

  /* The schedule form: the visitor's own zone, named; the offset sent for
   * the day chosen (it differs across a daylight-saving change). */
  function setUpSchedule() {
    const form = document.getElementById('schedule-form');
    if (!form) return;
    const offset = document.getElementById('schedule-offset');
    const date = document.getElementById('schedule-date');
    const time = document.getElementById('schedule-time');
    const zone = document.getElementById('schedule-zone');
    let zoneName = '';
    try {
      zoneName = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch (e) {
      zoneName = '';
    }
    if (zone) zone.textContent = zoneName ? say(words.yourTimeIn, zoneName.replace(/_/g, ' ')) : words.yourTime;
    const today = new Date();
    if (date) {
      date.min = localDate(today);
      date.max = localDate(new Date(today.getTime() + 59 * 86400000));
    }
    const update = () => {
      let when = new Date();
      if (date && time && date.value && time.value) {
        const chosen = new Date(`${date.value}T${time.value}`);
        if (!Number.isNaN(chosen.getTime())) when = chosen;
      }
      if (offset) offset.value = String(when.getTimezoneOffset());
    };
    update();
    if (date) date.addEventListener('change', update);
    if (time) time.addEventListener('change', update);
    form.addEventListener('submit', update);
  }

  /* A scheduled session's (or call-back's) time, in the visitor's own zone. */
  function showScheduledTime() {
    for (const id of ['scheduled-for', 'callback-at']) showLocalTime(document.getElementById(id));
  }

  function showLocalTime(t) {
    if (!t) return;
    const when = new Date(t.dateTime.replace(' ', 'T'));
    if (Number.isNaN(when.getTime())) return;
    t.textContent = when.toLocaleString(lang, {
      weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit',
    });
  }
}());
