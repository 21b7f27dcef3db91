/* wait.js - the waiting page (templates/wait.cs): the place in the queue
 * and the wait follow the queue live (/poll?request=ID&version=V), and when
 * an agent accepts, the title changes, it chimes, a notification shows (if
 * allowed) and the page moves to the conversation. The template's
 * <meta refresh> sits in <noscript>, so it reloads only pages without
 * JavaScript. Uses baton.js. */
(function () {
  'use strict';
  const B = window.Baton;
  const root = document.getElementById('wait');
  if (!B || !root) return;

  const requestId = root.dataset.request;
  let version = Number(root.dataset.version) || 0;
  const status = document.getElementById('status');
  const connection = document.getElementById('connection');

  setUpSchedule();
  showScheduledTime();
  B.offerNotifications(document.getElementById('notify-hint'), document.getElementById('notify-enable'));

  const state = root.dataset.state;
  if (state !== 'waiting' && state !== 'offered') return;

  const feed = B.follow(
    () => `/poll?request=${encodeURIComponent(requestId)}&version=${version}`,
    onAnswer,
    {
      onConnection(ok) {
        if (!connection) return;
        connection.hidden = ok;
        connection.textContent = ok ? '' : 'Reconnecting… your place in the queue is kept.';
      },
      onStop(error) {
        if (!connection) return;
        connection.hidden = false;
        connection.textContent = `This page has stopped updating: ${error.message} Reload it to try again.`;
      },
    });

  function onAnswer(a) {
    if (typeof a.version === 'number') version = a.version;
    if (a.state === 'accepted' && a.channel) {
      agentReady(a.channel);
      return false;
    }
    if (a.state !== 'waiting' && a.state !== 'offered') {
      // Cancelled, scheduled, turned into a message (perhaps in another
      // tab): the page for that state comes from the server.
      location.reload();
      return false;
    }
    if (root.dataset.kind === 'callback') {
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
    if (layoutChanged(a) && !formInUse()) {
      location.reload();
      return false;
    }
    return true;
  }

  function showPlace(a) {
    if (!status || !a.state) return;
    const ahead = Number(a.position) || 0;
    const callback = root.dataset.kind === 'callback';
    const place = ahead === 0 ? (callback ? 'You are next on the call-back list.' : 'You are next.')
      : ahead === 1 ? 'There is 1 person ahead of you.'
        : `There are ${ahead} people ahead of you.`;
    let estimate = document.getElementById('estimate');
    if (!estimate) estimate = B.el('strong', { id: 'estimate' });
    estimate.textContent = a.estimate_words || 'not known yet';
    status.replaceChildren(`${place} The wait is `, estimate, '.');

    let connecting = document.getElementById('connecting');
    if (a.state === 'offered' && !connecting) {
      connecting = B.el('p', { class: 'notice', id: 'connecting',
        text: callback ? 'An agent is about to call you…' : 'An agent is being connected to you…' });
      status.after(connecting);
    } else if (a.state !== 'offered' && connecting) {
      connecting.remove();
    }
  }

  /* The page offers a message form when nobody is signed in, and another
   * time when nobody is free: when that changes the server's page is
   * fetched again, unless the visitor is filling in one of those forms. */
  function layoutChanged(a) {
    const nobody = a.agents_signed_in === 0;
    const overflow = a.agents_available === 0 || a.seats_full === true;
    const hasMessage = document.getElementById('message-form') !== null;
    const hasSchedule = document.getElementById('schedule') !== null;
    return nobody !== hasMessage || overflow !== hasSchedule;
  }

  function formInUse() {
    const active = document.activeElement;
    if (active && active.form && active.form.id !== 'cancel-form') return true;
    for (const field of root.querySelectorAll('input:not([type=hidden]), textarea')) {
      if (field.value !== field.defaultValue) return true;
    }
    return false;
  }

  function agentReady(channel) {
    feed.stop();
    document.title = '● An agent is ready — Baton';
    if (status) status.textContent = 'An agent is ready. Taking you to the conversation…';
    B.chime();
    B.notify('An agent is ready', 'Your live help session is starting. Click to go back to it.', 'baton-ready');
    // A moment for the chime before the page changes.
    setTimeout(() => location.assign(`/channel?id=${encodeURIComponent(channel)}`), 600);
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
    if (zone) zone.textContent = zoneName ? `(your time, ${zoneName.replace(/_/g, ' ')})` : '(your time)';
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
    t.textContent = when.toLocaleString(undefined, {
      weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit',
    });
  }
}());
