/* channel.js - the conversation page (templates/channel.cs), live from
 * /poll?channel=ID&after=SEQ&signals=S: events appear once each, in seq
 * order; one's own lines show at once as "sending…" and are posted with a
 * client message id, so a retry is stored once; what others type shows in
 * #typing (an agent sees a visitor's words as typed). Uses baton.js. */
(function () {
  'use strict';
  const B = window.Baton;
  const root = document.getElementById('channel');
  if (!B || !root) return;
  const { el } = B;

  const channelId = root.dataset.channel;
  const token = root.dataset.token;
  const me = Number(root.dataset.me);
  const isAgent = root.dataset.role === 'agent';
  let lastSeq = Number(root.dataset.lastSeq) || 0;
  let signals = 0;
  let closed = false;

  const lines = document.getElementById('lines');
  const people = document.getElementById('people');
  const typingEl = document.getElementById('typing');
  const connection = document.getElementById('connection');
  const endedEl = document.getElementById('ended');
  const sayForm = document.getElementById('say-form');
  const text = document.getElementById('say-text');
  const leaveForm = document.getElementById('leave-form');
  const transferForm = document.getElementById('transfer-form');
  const canned = document.getElementById('canned');

  const pending = new Map();   // cmid -> { li, text }
  const typers = new Map();    // participant id -> { name, text, typing, at }
  const TYPING_STALE_MS = 8000;

  connection.classList.add('connection');
  connection.setAttribute('role', 'status');
  const alertBox = el('p', { class: 'message', role: 'alert', hidden: true });
  (sayForm || endedEl).before(alertBox);

  const meItem = people && people.querySelector(`li[data-participant="${me}"]`);
  if (meItem) meItem.classList.add('me');
  const myName = meItem ? meItem.textContent.trim() : 'You';

  /* ---- the title: unread lines while the page is in the background ---- */
  const baseTitle = document.title;
  let unread = 0;
  function markUnread() {
    if (document.visibilityState === 'visible') return;
    unread++;
    document.title = `(${unread}) ${baseTitle}`;
  }
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      unread = 0;
      document.title = baseTitle;
    }
  });
  if (document.visibilityState !== 'visible' && !isAgent) document.title = `● ${baseTitle}`;

  /* ---- events ------------------------------------------------------- */

  function nearBottom() {
    return lines.scrollHeight - lines.scrollTop - lines.clientHeight < 60;
  }
  function toBottom() {
    lines.scrollTop = lines.scrollHeight;
  }
  function firstPending() {
    return lines.querySelector(':scope > li.pending');
  }

  function eventItem(ev) {
    const mine = Number(ev.from) === me && ev.from !== null;
    const li = el('li', { class: `event event-${ev.kind}${mine ? ' mine' : ''}`, dataset: { seq: ev.seq } });
    const name = ev.name || 'Someone';
    switch (ev.kind) {
      case 'line':
        li.append(el('span', { class: 'who', text: name }), ' ', el('span', { class: 'body', text: ev.body }));
        break;
      case 'join':
        li.append(el('span', { class: 'notice', text: `${name} joined` }));
        break;
      case 'leave':
        li.append(el('span', { class: 'notice', text: `${name} left` }));
        break;
      case 'transfer':
        li.append(el('span', { class: 'notice', text: ev.body }));
        break;
      case 'close':
        li.append(el('span', { class: 'notice', text: 'The session has ended' }));
        break;
      default:
        return null; // kinds this page does not show (co-browsing, later)
    }
    if (ev.at) {
      const at = new Date(ev.at);
      if (!Number.isNaN(at.getTime())) li.title = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    }
    return li;
  }

  function addEvent(ev) {
    const seq = Number(ev.seq);
    if (!(seq > lastSeq)) return; // seen already
    lastSeq = seq;
    const stick = nearBottom();
    const mine = Number(ev.from) === me;
    const own = mine && ev.kind === 'line' && ev.cmid ? pending.get(ev.cmid) : undefined;
    if (own) {
      // Our own line, back from the server: it takes its place in order.
      pending.delete(ev.cmid);
      settle(own.li, seq);
      lines.insertBefore(own.li, firstPending());
    } else {
      const li = eventItem(ev);
      if (li) lines.insertBefore(li, firstPending());
    }
    switch (ev.kind) {
      case 'line':
        if (!mine) {
          typers.delete(Number(ev.from));
          markUnread();
          if (document.visibilityState !== 'visible') B.chime();
        }
        break;
      case 'join':
        addPerson(ev);
        break;
      case 'leave':
        removePerson(Number(ev.from));
        if (mine) ended();
        break;
      case 'close':
        ended();
        break;
      default:
        break;
    }
    if (stick || mine) toBottom();
  }

  function addPerson(ev) {
    if (!people || ev.from === null) return;
    if (people.querySelector(`li[data-participant="${Number(ev.from)}"]`)) return;
    people.append(el('li', {
      class: `person role-${ev.role || 'visitor'}${Number(ev.from) === me ? ' me' : ''}`,
      dataset: { participant: Number(ev.from) },
      text: ev.name || 'Someone',
    }));
  }
  function removePerson(id) {
    const li = people && people.querySelector(`li[data-participant="${id}"]`);
    if (li) li.remove();
    typers.delete(id);
    renderTyping();
  }

  /* ---- typing, shown ------------------------------------------------ */

  function renderTyping() {
    const now = Date.now();
    const parts = [];
    for (const [id, t] of typers) {
      if (!t.typing || now - t.at > TYPING_STALE_MS) {
        typers.delete(id);
        continue;
      }
      if (parts.length) parts.push(' · ');
      if (isAgent && t.text) {
        parts.push(`${t.name} is typing: `, el('span', { class: 'preview', text: t.text }));
      } else {
        parts.push(`${t.name} is typing…`);
      }
    }
    typingEl.replaceChildren(...parts);
  }
  setInterval(() => { if (typers.size) renderTyping(); }, 1000);

  /* ---- the feed ----------------------------------------------------- */

  function onAnswer(a) {
    if (Array.isArray(a.events)) {
      const sorted = a.events.slice().sort((x, y) => Number(x.seq) - Number(y.seq));
      for (const ev of sorted) addEvent(ev);
    }
    if (typeof a.last_seq === 'number' && a.last_seq > lastSeq) lastSeq = a.last_seq;
    if (typeof a.signals === 'number') signals = a.signals;
    if (Array.isArray(a.typing)) {
      const now = Date.now();
      for (const t of a.typing) {
        typers.set(Number(t.from), { name: t.name || 'Someone', text: t.text || '', typing: !!t.typing, at: now });
      }
    }
    renderTyping();
    if (a.open === false) ended();
    return !closed;
  }

  const feed = root.dataset.open !== '1' ? { stop() {} } : B.follow(
    () => `/poll?channel=${encodeURIComponent(channelId)}&after=${lastSeq}&signals=${signals}`,
    onAnswer,
    {
      onConnection(ok) {
        connection.hidden = ok;
        connection.textContent = ok ? '' : 'Reconnecting…';
      },
      onStop(error) {
        connection.hidden = false;
        connection.textContent = `This page has stopped updating: ${error.message}`;
      },
    });

  function ended() {
    if (closed) return;
    closed = true;
    feed.stop();
    for (const node of [sayForm, leaveForm, root.querySelector('.agent-tools')]) if (node) node.hidden = true;
    endedEl.hidden = false;
    typers.clear();
    renderTyping();
    stopTyping();
    for (const { li } of pending.values()) {
      if (li.classList.contains('sending') || li.classList.contains('failed')) {
        fail(li, 'Not sent: the session has ended.', false);
      }
    }
    const link = document.getElementById('transcript-link');
    if (link && document.activeElement === text) link.focus();
  }

  /* ---- saying ------------------------------------------------------- */

  function newCmid() {
    if (window.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function clean(s) {
    // Control characters other than line breaks and tabs are refused.
    return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  }

  function settle(li, seq) {
    li.classList.remove('pending', 'sending', 'failed', 'sent');
    li.dataset.seq = String(seq);
    const state = li.querySelector('.state');
    if (state) state.remove();
  }

  function fail(li, message, canRetry) {
    li.classList.remove('sending');
    li.classList.add('failed');
    const state = li.querySelector('.state');
    state.replaceChildren(message);
    if (canRetry) {
      state.append(' ', el('button', { type: 'button', class: 'link retry', text: 'Retry' }));
    }
  }

  async function post(cmid) {
    const entry = pending.get(cmid);
    if (!entry) return;
    const { li } = entry;
    li.classList.remove('failed', 'sent');
    li.classList.add('sending');
    li.querySelector('.state').replaceChildren('sending…');
    try {
      const answer = await B.postForm('/say', { channel: channelId, token, text: entry.text, cmid });
      if (!pending.has(cmid)) return; // the feed brought it first
      const seq = Number(answer.seq);
      if (seq > 0 && seq <= lastSeq) {
        // The feed has passed it (without knowing it was ours): it stays here.
        pending.delete(cmid);
        settle(li, seq);
        return;
      }
      li.classList.remove('sending');
      li.classList.add('sent');
      li.querySelector('.state').replaceChildren('sent');
    } catch (err) {
      if (!pending.has(cmid)) return;
      const final = err.status === 409 || err.status === 403;
      fail(li, `Not sent: ${err.message}`, !final);
      if (err.status === 409) ended();
    }
  }

  function send() {
    if (closed) return;
    const value = clean(text.value);
    if (value.trim() === '') return;
    const cmid = newCmid();
    const li = el('li', { class: 'event event-line mine pending sending', dataset: { cmid } },
      el('span', { class: 'who', text: myName }), ' ',
      el('span', { class: 'body', text: value }), ' ',
      el('span', { class: 'state', role: 'status', text: 'sending…' }));
    pending.set(cmid, { li, text: value });
    lines.append(li);
    toBottom();
    text.value = '';
    stopTyping();
    post(cmid);
  }

  if (sayForm && text) {
    sayForm.addEventListener('submit', (e) => {
      e.preventDefault();
      send();
      text.focus();
    });
    text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && !e.isComposing) {
        e.preventDefault();
        send();
      }
    });
    text.addEventListener('input', typed);
  }
  lines.addEventListener('click', (e) => {
    const button = e.target.closest('button.retry');
    if (!button) return;
    const li = button.closest('li[data-cmid]');
    if (li) post(li.dataset.cmid);
  });

  /* ---- typing, sent: at most one post per 300 ms and one at a time,
   * the newest text winning; an empty one 2 s after the last key or on
   * sending. ------------------------------------------------------------ */

  const TYPING_EVERY_MS = 300;
  const TYPING_IDLE_MS = 2000;
  let typingSent = '';      // what the server has (or is getting)
  let typingWanted = '';
  let typingBusy = false;
  let typingLastAt = 0;
  let typingTimer = null;
  let idleTimer = null;

  function typed() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => wantTyping(''), TYPING_IDLE_MS);
    wantTyping(text.value);
  }

  function stopTyping() {
    clearTimeout(idleTimer);
    wantTyping('');
  }

  function wantTyping(value) {
    // The server keeps up to 500 characters: the newest ones matter.
    const chars = Array.from(clean(value));
    typingWanted = chars.length > 500 ? chars.slice(-500).join('') : chars.join('');
    pumpTyping();
  }

  function pumpTyping() {
    if (closed || typingBusy || typingTimer) return;
    if (typingWanted === typingSent) return;
    const wait = typingLastAt + TYPING_EVERY_MS - Date.now();
    if (wait > 0 && typingWanted !== '') {
      typingTimer = setTimeout(() => { typingTimer = null; pumpTyping(); }, wait);
      return;
    }
    const value = typingWanted;
    typingBusy = true;
    typingLastAt = Date.now();
    B.postForm('/typing', { channel: channelId, token, text: value }, { timeout: 10000 })
      .then(() => { typingSent = value; })
      .catch((err) => {
        if (err.status === 409) {
          typingSent = typingWanted; // ended: nothing more to say
          ended();
        } else {
          typingSent = value; // not worth retrying a stale preview
        }
      })
      .finally(() => {
        typingBusy = false;
        pumpTyping();
      });
  }

  /* ---- canned phrases, leaving, handing over -------------------------- */

  if (canned && text) {
    canned.addEventListener('click', (e) => {
      const chip = e.target.closest('button.chip[data-text]');
      if (!chip) return;
      const start = text.selectionStart ?? text.value.length;
      const end = text.selectionEnd ?? start;
      text.focus();
      text.setRangeText(chip.dataset.text, start, end, 'end');
      text.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }

  function showAlert(message) {
    alertBox.textContent = message;
    alertBox.hidden = !message;
  }

  function submitVia(form, url) {
    if (!form) return;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const button = form.querySelector('button[type=submit]');
      if (button) button.disabled = true;
      showAlert('');
      if (url === '/leave') stopTyping();
      try {
        const answer = await B.postForm(url, B.formFields(form));
        feed.stop();
        location.assign(answer.next || (isAgent ? '/console' : `/transcript?id=${encodeURIComponent(channelId)}`));
      } catch (err) {
        if (button) button.disabled = false;
        if (url === '/leave' && err.status === 409) {
          ended();
          if (isAgent) location.assign('/console');
          return;
        }
        showAlert(err.message);
      }
    });
  }
  submitVia(leaveForm, '/leave');
  submitVia(transferForm, '/transfer');
  const transferTo = document.getElementById('transfer-agent');
  if (transferTo && transferTo.options.length === 0) {
    // Nobody to hand over to: say so rather than show an empty list.
    transferTo.hidden = true;
    const button = transferForm.querySelector('button[type=submit]');
    if (button) button.hidden = true;
    transferTo.after(el('span', { class: 'muted nobody', text: 'no other agent is available right now' }));
  }

  if (root.dataset.open !== '1') ended();
  toBottom();
}());
