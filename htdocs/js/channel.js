/* channel.js - the conversation in the viewer (templates/channel.cs), live
 * from /poll?channel=ID&after=SEQ&signals=S: events appear once each, in seq
 * order; one's own lines show at once as "sending…" and are posted with a
 * client message id, so a retry is stored once; what others type shows in
 * #typing (staff see a visitor's words as typed). A line can go privately
 * to one person ("sidebar"); a supervisor watching silently writes only
 * such lines, to an agent.
 *
 * It keeps who is here (with their avatar, address, scroll and pointer from
 * the poll's `peers`) and tells viewer.js, which does the browsing together,
 * through window.BatonChannel: on('event' | 'answer' | 'people' | 'ended').
 * The feed starts once every deferred script has run (DOMContentLoaded), so
 * viewer.js hears the first answer. Uses baton.js. */
(function () {
  'use strict';
  const B = window.Baton;
  const root = document.getElementById('channel');
  if (!B || !root) return;
  const { el } = B;
  const say = B.words(document.getElementById('viewer-words'));

  const channelId = root.dataset.channel;
  const token = root.dataset.token;
  const me = Number(root.dataset.me);
  const role = root.dataset.role;
  const isStaff = role !== 'visitor';
  const isSupervisor = role === 'supervisor';
  let lastSeq = Number(root.dataset.lastSeq) || 0;
  let signals = 0;
  let closed = false;
  // Set while this person's leave is on its way: the viewer's reports
  // (where the view is, the pointer) stop, or they would meet a 409.
  let leaving = false;

  const lines = document.getElementById('lines');
  const peopleList = document.getElementById('people');
  const typingEl = document.getElementById('typing');
  const connection = document.getElementById('connection');
  const endedEl = document.getElementById('ended');
  const sayForm = document.getElementById('say-form');
  const text = document.getElementById('say-text');
  const leaveForm = document.getElementById('leave-form');
  const transferForm = document.getElementById('transfer-form');
  const canned = document.getElementById('canned');
  const sayTo = document.getElementById('say-to');
  const sayToName = document.getElementById('say-to-name');
  const sayToId = document.getElementById('say-to-id');
  const sayToClear = document.getElementById('say-to-clear');

  const pending = new Map();   // cmid -> { li, text, to }
  const typers = new Map();    // participant id -> { name, text, typing, at }
  const TYPING_STALE_MS = 8000;

  /* ---- hooks for viewer.js ------------------------------------------ */
  const hooks = { event: [], answer: [], people: [], ended: [] };
  function emit(kind, arg) {
    for (const fn of hooks[kind]) {
      try {
        fn(arg);
      } catch (e) {
        setTimeout(() => { throw e; });
      }
    }
  }

  /* ---- who is here -------------------------------------------------- */
  // id -> { id, name, role, avatar, url, scroll, pointer, me }
  const people = new Map();
  const names = new Map();     // everyone ever seen here, for private lines
  if (peopleList) {
    for (const li of peopleList.querySelectorAll('li[data-participant]')) {
      const id = Number(li.dataset.participant);
      const person = {
        id,
        name: li.textContent.trim() || say('someone'),
        role: (/\brole-(\w+)/.exec(li.className) || [])[1] || 'visitor',
        avatar: li.dataset.avatar || '',
        url: li.dataset.url || '',
        scroll: null,
        pointer: null,
        me: id === me,
      };
      people.set(id, person);
      names.set(id, person.name);
    }
  }
  const myName = people.has(me) ? people.get(me).name : say('you');
  if (!people.has(me)) {
    people.set(me, { id: me, name: myName, role, avatar: root.dataset.avatar || '', url: '', scroll: null, pointer: null, me: true });
  }

  function nameOf(id) {
    if (id === me) return 'you';
    return names.get(id) || 'someone';
  }

  let peopleQueued = false;
  function peopleChanged() {
    if (peopleQueued) return;
    peopleQueued = true;
    queueMicrotask(() => {
      peopleQueued = false;
      emit('people', people);
    });
  }

  function addPerson(ev) {
    if (ev.from === null || ev.from === undefined) return;
    const id = Number(ev.from);
    names.set(id, ev.name || say('someone'));
    const known = people.get(id);
    if (known) {
      if (ev.avatar) known.avatar = ev.avatar;
      return;
    }
    people.set(id, {
      id, name: ev.name || say('someone'), role: ev.role || 'visitor', avatar: ev.avatar || '',
      url: '', scroll: null, pointer: null, me: id === me,
    });
    peopleChanged();
  }
  function removePerson(id) {
    if (id !== me && people.delete(id)) peopleChanged();
    typers.delete(id);
    if (recipient && recipient.id === id) setRecipient(null);
    renderTyping();
  }
  function mergePeers(peers) {
    let changed = false;
    for (const p of peers) {
      const id = Number(p.id);
      if (!(id > 0) || id === me) continue;
      if (p.present === false) {
        if (people.has(id)) removePerson(id);
        continue;
      }
      names.set(id, p.name || names.get(id) || say('someone'));
      let person = people.get(id);
      if (!person) {
        person = { id, name: p.name || say('someone'), role: p.role || 'visitor', me: false };
        people.set(id, person);
      }
      person.name = p.name || person.name;
      person.role = p.role || person.role;
      person.avatar = p.avatar || person.avatar || '';
      person.url = p.url || '';
      person.scroll = Array.isArray(p.scroll) ? [Number(p.scroll[0]) || 0, Number(p.scroll[1]) || 0] : null;
      person.pointer = p.pointer && typeof p.pointer === 'object' ? {
        mode: p.pointer.mode, x: Number(p.pointer.x), y: Number(p.pointer.y),
      } : null;
      // A visitor's proposal to lead elsewhere (staff only are told of it).
      if ('proposed' in p) person.proposed = typeof p.proposed === 'string' ? p.proposed : '';
      changed = true;
    }
    if (changed) peopleChanged();
  }

  connection.classList.add('connection');
  connection.setAttribute('role', 'status');
  const alertBox = el('p', { class: 'message', role: 'alert', hidden: true });
  (sayForm || endedEl).before(alertBox);

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
  if (document.visibilityState !== 'visible' && !isStaff) document.title = `● ${baseTitle}`;

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

  function privateWho(name, from, to) {
    const mine = from === me;
    return el('span', { class: 'who' }, name, ' ', el('span', { class: 'private-mark', text: say('private') }),
      ' ', mine ? say('toName', { name: nameOf(to) }) : say('toYou'));
  }

  /* A line's time, as the reader's clock shows it. */
  function clockOf(at) {
    const d = at ? new Date(at) : new Date();
    return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  }
  function timeEl(at) {
    const t = el('time', { class: 'at', text: clockOf(at) });
    t.dateTime = at || new Date().toISOString();
    return t;
  }

  function eventItem(ev) {
    const from = ev.from === null || ev.from === undefined ? null : Number(ev.from);
    const mine = from === me && from !== null;
    const li = el('li', { class: `event event-${ev.kind}${mine ? ' mine' : ''}`, dataset: { seq: ev.seq } });
    const name = ev.name || say('someone');
    const notice = (...parts) => li.append(el('span', { class: 'notice' }, ...parts));
    switch (ev.kind) {
      case 'line':
        li.append(el('span', { class: 'who', text: name }), ' ', el('span', { class: 'body', text: ev.body }), ' ', timeEl(ev.at));
        break;
      case 'private':
        li.append(privateWho(name, from, Number(ev.to)), ' ', el('span', { class: 'body', text: ev.body }), ' ', timeEl(ev.at));
        break;
      case 'join':
        notice(say('joined', { name }));
        break;
      case 'leave':
        notice(say('left', { name }));
        break;
      case 'transfer':
      case 'phone': // the phone call's news, from the dialer
        notice(ev.body);
        break;
      case 'address':
        li.dataset.url = ev.body;
        if (ev.at) li.dataset.at = ev.at;
        notice(...say.parts('ledTo', { name, address: el('span', { class: 'url', title: ev.body, text: ev.body }) }));
        break;
      case 'window':
        li.dataset.url = ev.body;
        if (ev.at) li.dataset.at = ev.at;
        notice(...say.parts('windowSent', { name, address: el('span', { class: 'url', title: ev.body, text: ev.body }) }));
        break;
      case 'lead':
        notice(Number(ev.to) === from ? say('tookLead', { name }) : say('gaveLead', { name, other: ev.body || nameOf(Number(ev.to)) }));
        break;
      case 'monitor':
        notice(say('watching', { name }));
        break;
      case 'close':
        notice(say('ended'));
        break;
      case 'lang': { // a visitor's language switched (htdocs/js/language.js)
        const tag = String(ev.body || ev.lang || '');
        const key = `langname${tag.charAt(0).toUpperCase()}${tag.slice(1)}`;
        const lang = say(key) === key ? tag : say(key);
        notice(say(Number(ev.to) === me ? 'langYours' : 'langSwitched', { name, lang }));
        break;
      }
      default:
        return null; // kinds this page does not know
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
    const from = ev.from === null || ev.from === undefined ? null : Number(ev.from);
    const mine = from === me;
    if (from !== null && ev.name) names.set(from, ev.name);
    const own = mine && (ev.kind === 'line' || ev.kind === 'private') && ev.cmid ? pending.get(ev.cmid) : undefined;
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
      case 'private':
        if (!mine) {
          typers.delete(from);
          markUnread();
          announceLine(ev, from);
        }
        break;
      case 'join':
        addPerson(ev);
        break;
      case 'leave':
        removePerson(from);
        if (mine) ended();
        break;
      case 'close':
        ended();
        break;
      default:
        break;
    }
    if (stick || mine) toBottom();
    emit('event', ev);
  }

  /* A line from someone else: a line from a supervisor always chimes; any
   * other chimes when this conversation is in the background (another tab
   * or window in front). Each with a desktop notification, as the
   * person's preferences (data-* on <body>) say. */
  function announceLine(ev, from) {
    const prefs = document.body.dataset;
    const person = people.get(from);
    const tag = `baton-line-${channelId}`;
    if (ev.role === 'supervisor' || (person && person.role === 'supervisor')) {
      if (prefs.soundSupervisor !== '0') B.chime('supervisor');
      if (prefs.desktopSupervisor !== '0') B.notify(`${ev.name || 'A supervisor'} (supervisor)`, ev.body || '', tag);
      return;
    }
    if (document.visibilityState === 'visible' && document.hasFocus()) return;
    if (prefs.soundLine !== '0') B.chime('line');
    if (prefs.desktopLine !== '0') B.notify(ev.name || 'A new line', ev.body || '', tag);
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
      if (isStaff && t.text) {
        parts.push(...say.parts('typingText', { name: t.name, text: el('span', { class: 'preview', text: t.text }) }));
      } else {
        parts.push(say('typing', { name: t.name }));
      }
    }
    typingEl.replaceChildren(...parts);
  }
  setInterval(() => { if (typers.size) renderTyping(); }, 1000);

  /* ---- the feed ----------------------------------------------------- */

  function onAnswer(a) {
    if (Array.isArray(a.peers)) mergePeers(a.peers);
    if (Array.isArray(a.events)) {
      const sorted = a.events.slice().sort((x, y) => Number(x.seq) - Number(y.seq));
      for (const ev of sorted) addEvent(ev);
    }
    if (typeof a.last_seq === 'number' && a.last_seq > lastSeq) lastSeq = a.last_seq;
    if (typeof a.signals === 'number') signals = a.signals;
    if (Array.isArray(a.typing)) {
      const now = Date.now();
      for (const t of a.typing) {
        typers.set(Number(t.from), { name: t.name || say('someone'), text: t.text || '', typing: !!t.typing, at: now });
      }
    }
    renderTyping();
    emit('answer', a);
    if (a.open === false) ended();
    return !closed;
  }

  let feed = { stop() {} };
  function startFeed() {
    if (root.dataset.open !== '1' || closed) return;
    feed = B.follow(
      () => `/poll?channel=${encodeURIComponent(channelId)}&after=${lastSeq}&signals=${signals}`,
      onAnswer,
      {
        onConnection(ok) {
          connection.hidden = ok;
          connection.textContent = ok ? '' : say('reconnecting');
          B.panelSay({ type: 'connection', ok });
        },
        onStop(error) {
          connection.hidden = false;
          connection.textContent = say('stopped', { error: error.message });
        },
      });
  }

  function ended() {
    if (closed) return;
    closed = true;
    feed.stop();
    for (const node of [sayForm, leaveForm, document.getElementById('agent-tools')]) if (node) node.hidden = true;
    endedEl.hidden = false;
    typers.clear();
    renderTyping();
    stopTyping();
    for (const { li } of pending.values()) {
      if (li.classList.contains('sending') || li.classList.contains('failed')) {
        fail(li, say('notSentEnded'), false);
      }
    }
    const link = document.getElementById('transcript-link');
    if (link && document.activeElement === text) link.focus();
    emit('ended');
  }

  /* ---- saying: to everyone, or privately to one ---------------------- */

  let recipient = null; // { id, name } for a private line

  /* A supervisor watching silently writes only to agents: by default to
   * the one leading, else the first agent here. */
  function defaultRecipient() {
    if (!isSupervisor) return null;
    const agents = [...people.values()].filter((p) => p.role === 'agent' && !p.me);
    const leader = agents.find((p) => p.id === Number(root.dataset.leader));
    const pick = leader || agents[0];
    return pick ? { id: pick.id, name: pick.name } : null;
  }

  function setRecipient(person) {
    const pick = person || defaultRecipient();
    recipient = pick ? { id: Number(pick.id), name: pick.name } : null;
    if (!sayTo) return;
    sayTo.hidden = !recipient;
    sayToId.disabled = !recipient;
    sayToId.value = recipient ? String(recipient.id) : '';
    sayToName.textContent = recipient ? recipient.name : '';
    if (sayToClear) sayToClear.hidden = isSupervisor;
    if (text) text.placeholder = recipient ? say('typePrivate', { name: recipient.name }) : say('type');
    sayForm.classList.toggle('private', !!recipient);
  }
  if (sayToClear) sayToClear.addEventListener('click', () => { setRecipient(null); text.focus(); });
  if (isSupervisor) setRecipient(null);

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
      state.append(' ', el('button', { type: 'button', class: 'link retry', text: say('retry') }));
    }
  }

  async function post(cmid) {
    const entry = pending.get(cmid);
    if (!entry) return;
    const { li } = entry;
    li.classList.remove('failed', 'sent');
    li.classList.add('sending');
    li.querySelector('.state').replaceChildren(say('sending'));
    const fields = { channel: channelId, token, text: entry.text, cmid };
    if (entry.to) fields.to = String(entry.to);
    if (entry.canned) fields.canned = entry.canned;
    try {
      const answer = await B.postForm('/say', fields);
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
      li.querySelector('.state').replaceChildren(say('sent'));
    } catch (err) {
      if (!pending.has(cmid)) return;
      const final = err.status === 409 || err.status === 403 || err.status === 400;
      fail(li, say('notSent', { error: err.message }), !final);
      if (err.status === 409) ended();
    }
  }

  function send() {
    if (closed) return;
    const value = clean(text.value);
    if (value.trim() === '') return;
    if (isSupervisor && !recipient) setRecipient(null);
    if (isSupervisor && !recipient) {
      showAlert(say('noAgent'));
      return;
    }
    const cmid = newCmid();
    const to = recipient ? recipient.id : 0;
    const li = el('li', { class: `event ${to ? 'event-private' : 'event-line'} mine pending sending`, dataset: { cmid } },
      to ? privateWho(myName, me, to) : el('span', { class: 'who', text: myName }), ' ',
      el('span', { class: 'body', text: value }), ' ', timeEl(null),
      el('span', { class: 'state', role: 'status', text: say('sending') }));
    const canned = text.dataset.canned && value === text.dataset.cannedText ? text.dataset.canned : '';
    delete text.dataset.canned;
    pending.set(cmid, { li, text: value, to, canned });
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
      } else if (e.key === 'Escape' && recipient && !isSupervisor) {
        setRecipient(null);
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
    if (closed || leaving || typingBusy || typingTimer) return;
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
      // Sent as it is, the line is the phrase: its written translations count.
      text.dataset.canned = chip.dataset.canned || '';
      text.dataset.cannedText = chip.dataset.text;
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
      if (url === '/leave') {
        // Leaving clears the typing preview on the server; a report sent
        // now would only be refused once the leave is through.
        clearTimeout(idleTimer);
        leaving = true;
      }
      try {
        const answer = await B.postForm(url, B.formFields(form));
        feed.stop();
        location.assign(answer.next || (isStaff ? '/console' : `/transcript?id=${encodeURIComponent(channelId)}`));
      } catch (err) {
        if (button) button.disabled = false;
        leaving = false;
        if (url === '/leave' && err.status === 409) {
          ended();
          if (isStaff) location.assign('/console');
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

  window.BatonChannel = Object.freeze({
    channelId,
    token,
    me,
    role,
    isStaff,
    isSupervisor,
    people,
    get closed() { return closed || leaving; },
    get leaving() { return leaving; },
    on(kind, fn) {
      if (hooks[kind]) hooks[kind].push(fn);
    },
    /* A private line to this participant from now on (null: to everyone). */
    writeTo(id) {
      const person = people.get(Number(id));
      if (person && !person.me) setRecipient(person);
      if (text) text.focus();
    },
    setLeader(id) {
      root.dataset.leader = String(id);
      if (isSupervisor && recipient === null) setRecipient(null);
    },
    alert: showAlert,
  });

  // The lines the page came with: their times as the reader's clock shows them.
  for (const t of lines.querySelectorAll('time.at[datetime]')) t.textContent = clockOf(t.dateTime);
  if (root.dataset.open !== '1') ended();
  toBottom();
  // Deferred scripts run before DOMContentLoaded: by then viewer.js has
  // subscribed. (load is a fallback should this script come later.)
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    startFeed();
  };
  document.addEventListener('DOMContentLoaded', start, { once: true });
  window.addEventListener('load', start, { once: true });
}());
