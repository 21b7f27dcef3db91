/* console.js - the agent's console (templates/console.cs), kept live from
 * /poll?console=1&version=V: the visitors waiting (with Accept, in the
 * order chosen: priority then wait, or the longest wait first) and those
 * offered (to me, with the seconds left, or to a colleague), each list with
 * its count; my sessions, scheduled sessions and messages; my state. A new
 * visitor or an offer to me chimes and shows a desktop notification, as my
 * preferences say (data-sound-offer and data-desktop-offer on <body>), and
 * counts in the title. Supervisors and administrators set a waiting
 * visitor's priority here. Uses baton.js. */
(function () {
  'use strict';
  const B = window.Baton;
  const root = document.getElementById('console');
  if (!B || !root) return;
  const { el } = B;

  const csrf = root.dataset.csrf;
  const mayPrioritize = root.dataset.mayPrioritize === '1';
  const prefs = document.body.dataset;
  let version = 0; // the first poll answers at once with the whole desk
  let first = true;
  const seen = new Set();        // request ids already announced
  const offered = new Set();     // requests offered to me, already announced
  const items = new Map();       // request id -> { li, data, at }
  let served = [];               // request ids in the order the desk serves them
  let waitingCount = document.querySelectorAll('#queue > li').length;
  let sortBy = 'priority';
  try { sortBy = localStorage.getItem('baton.queueSort') || 'priority'; } catch (e) { /* private mode */ }

  const queue = document.getElementById('queue');
  const offeredList = document.getElementById('offered');
  const counts = {
    queue: document.getElementById('queue-count'),
    offered: document.getElementById('offered-count'),
    channels: document.getElementById('channels-count'),
    scheduled: document.getElementById('scheduled-count'),
    messages: document.getElementById('messages-count'),
  };
  const queueEmpty = document.getElementById('queue-empty');
  const offeredEmpty = document.getElementById('offered-empty');
  const channels = document.getElementById('channels');
  const scheduled = document.getElementById('scheduled');
  const messages = document.getElementById('messages');
  const stateEl = document.getElementById('state');
  const sortChoice = document.getElementById('queue-sort');
  const baseTitle = 'Console · Baton';
  const stateLabels = { available: 'Available', break: 'On break', away: 'Away', offline: 'Signed out' };

  // Requests already on the page are not news.
  for (const li of document.querySelectorAll('li[data-request]')) seen.add(li.dataset.request);

  B.offerNotifications(document.getElementById('notify-hint'), document.getElementById('notify-enable'));

  const connection = el('p', { id: 'connection', class: 'connection', role: 'status', hidden: true });
  document.querySelector('#queue-card h2').after(connection);

  if (sortChoice) {
    sortChoice.value = sortBy;
    sortChoice.addEventListener('change', () => {
      sortBy = sortChoice.value;
      try { localStorage.setItem('baton.queueSort', sortBy); } catch (e) { /* private mode */ }
      placeRequests();
    });
  }
  for (const [name, node] of Object.entries(counts)) if (node) setCount(name, Number(node.textContent) || 0);
  for (const list of [queue, offeredList]) {
    list.addEventListener('submit', (e) => {
      if (e.target.closest('form.accept-form')) accept(e);
      else if (e.target.closest('form.priority-form')) prioritize(e);
    });
  }
  document.addEventListener('baton:state', (e) => {
    if (e.detail && e.detail.fromBar) showState(e.detail.state);
  });
  setInterval(tick, 1000);
  updateTitle();
  // Signing out ends the session while the feed still waits: its 401 must
  // not send the page anywhere but where the sign-out leads.
  let leaving = false; // a form of this page is taking it elsewhere
  document.addEventListener('submit', (e) => { if (!e.defaultPrevented) leaving = true; });

  const feed = B.follow(() => `/poll?console=1&version=${version}`, onAnswer, {
    onConnection(ok) {
      connection.hidden = ok;
      connection.textContent = ok ? '' : 'Reconnecting… the lists below may be out of date.';
    },
    onStop(error) {
      connection.hidden = false;
      connection.replaceChildren(`This page has stopped updating: ${error.message} `,
        el('a', { href: '/console', text: 'Reload' }));
      // Signed out elsewhere (or the session lapsed): to the sign-in page,
      // unless this page is already on its way (the sign-out form, whose
      // own answer says "You have signed out").
      if (error.status === 401 && !leaving) location.assign('/signin');
    },
  });

  // Leaving the page (signing out, above all) ends the feed first: its poll
  // would otherwise hear of the ended session and answer 401 meanwhile.
  window.addEventListener('beforeunload', () => {
    leaving = true;
    feed.stop();
  });

  function onAnswer(a) {
    if (typeof a.version === 'number') version = a.version;
    if (Array.isArray(a.queue)) renderRequests(a.queue);
    if (Array.isArray(a.channels)) renderChannels(a.channels);
    if (Array.isArray(a.scheduled)) renderScheduled(a.scheduled);
    if (Array.isArray(a.messages)) renderMessages(a.messages);
    if (typeof a.state === 'string') renderState(a.state);
    first = false;
  }

  function setCount(name, n) {
    const node = counts[name];
    if (!node) return;
    node.textContent = String(n);
    node.classList.toggle('zero', n === 0);
  }

  /* ---- waiting and offered ------------------------------------------ */

  function renderRequests(list) {
    const now = Date.now();
    const news = [];
    const keep = new Set();
    for (const q of list) {
      keep.add(q.id);
      let item = items.get(q.id);
      if (!item) {
        const stale = document.querySelector(`li[data-request="${CSS.escape(q.id)}"]`);
        if (stale) stale.remove();
        item = { li: buildRequest(q) };
        items.set(q.id, item);
      }
      item.data = q;
      item.at = now;
      fillRequest(item);

      // News: a request not seen before (the page's own list is not news),
      // or an offer to me (also one already there when the page loaded).
      const mine = q.offered_to_me === '1';
      const isNew = !seen.has(q.id);
      seen.add(q.id);
      if ((isNew && !first) || (mine && !offered.has(q.id))) news.push(q);
      if (mine) offered.add(q.id); else offered.delete(q.id);
    }
    for (const [id, item] of items) {
      if (!keep.has(id)) {
        item.li.remove();
        items.delete(id);
      }
    }
    served = list.map((q) => q.id);
    // Server-rendered rows that the feed no longer lists.
    for (const li of document.querySelectorAll('#queue > li, #offered > li')) {
      if (!keep.has(li.dataset.request)) li.remove();
    }
    placeRequests();
    if (news.length > 0) announce(news);
  }

  /* Each request in its list and its place, without moving nodes that are
   * in place (moving a node takes the keyboard focus off its button). */
  function placeRequests() {
    const all = served.map((id) => items.get(id)).filter(Boolean);
    const waiting = all.filter((i) => i.data.state === 'waiting');
    const offers = all.filter((i) => i.data.state !== 'waiting');
    if (sortBy === 'wait') waiting.sort((a, b) => waitedNow(b) - waitedNow(a));
    place(queue, waiting);
    place(offeredList, offers);
    // The title counts what asks for this agent: visitors waiting and offers to them.
    waitingCount = waiting.length + offers.filter((i) => i.data.offered_to_me === '1').length;
    setCount('queue', waiting.length);
    setCount('offered', offers.length);
    queueEmpty.hidden = waiting.length > 0;
    offeredEmpty.hidden = offers.length > 0;
    updateTitle();
  }

  function place(list, ordered) {
    let previous = null;
    for (const item of ordered) {
      const want = previous ? previous.nextElementSibling : list.firstElementChild;
      if (want !== item.li) list.insertBefore(item.li, want);
      previous = item.li;
    }
  }

  function waitedNow(item) {
    return (Number(item.data.waited) || 0) + (Date.now() - item.at) / 1000;
  }

  function buildRequest(q) {
    const li = el('li', { class: 'request', dataset: { request: q.id } });
    const main = el('div', { class: 'request-main' },
      el('div', { class: 'request-head' },
        el('strong', { class: 'visitor-name' }),
        el('span', { class: 'phone-chip chip' }),
        el('span', { class: 'topic chip' }),
        el('span', { class: 'chip priority-chip' }),
        el('span', { class: 'chip level-chip' }),
        el('span', { class: 'chip late-chip', text: 'late', hidden: true }),
        el('span', { class: 'offer', role: 'status' })),
      el('p', { class: 'question' }),
      el('p', { class: 'meta muted' },
        el('span', { class: 'waited' }), ' · ',
        el('span', { class: 'past' }),
        el('span', { class: 'page' }),
        el('span', { class: 'offered-to' })));
    const accept = el('form', { method: 'post', action: '/accept', class: 'accept-form' },
      el('input', { type: 'hidden', name: 'csrf', value: csrf }),
      el('input', { type: 'hidden', name: 'request', value: q.id }),
      el('button', { type: 'submit', text: 'Accept' }));
    li.append(main, accept);
    if (mayPrioritize) {
      li.append(el('form', { method: 'post', action: '/priority', class: 'priority-form' },
        el('input', { type: 'hidden', name: 'csrf', value: csrf }),
        el('input', { type: 'hidden', name: 'request', value: q.id }),
        el('label', {}, 'Priority ', el('input', { type: 'number', name: 'priority', min: '0', max: '1000' })),
        el('button', { type: 'submit', class: 'secondary', text: 'Set' })));
    }
    li.append(el('p', { class: 'message', role: 'alert', hidden: true }));
    return li;
  }

  function fillRequest(item) {
    const q = item.data;
    const li = item.li;
    const name = q.name && q.name.trim() ? q.name : 'Visitor';
    li.dataset.priority = q.priority || '0';
    li.dataset.state = q.state;
    li.querySelector('.visitor-name').textContent = name;
    // Call-backs (the agent's phone calls the visitor) and callers holding.
    const phone = li.querySelector('.phone-chip');
    phone.textContent = q.kind === 'callback' ? `Call-back ${q.phone || ''}`
      : q.kind === 'call' ? `On the phone ${q.phone || ''}` : '';
    phone.hidden = !phone.textContent;
    const topic = li.querySelector('.topic');
    // A help request by e-mail shows so where a topic would be.
    topic.textContent = q.topic || (q.via === 'email' ? 'by e-mail' : '');
    topic.hidden = !topic.textContent;
    const priority = Number(q.priority) || 0;
    const chip = li.querySelector('.priority-chip');
    chip.textContent = `priority ${priority}`;
    chip.hidden = priority === 0;
    // The service level the client's rules gave (issue 16): its name, the
    // score, and why (the rules that matched) on hover and for readers.
    const level = li.querySelector('.level-chip');
    level.textContent = q.level ? `${q.level}${Number(q.score) ? ` +${q.score}` : ''}${q.target ? ` · answer in ${q.target} s` : ''}` : '';
    level.title = q.why ? `Rules: ${q.why}` : '';
    if (q.why) level.setAttribute('aria-label', `${level.textContent}; rules: ${q.why}`);
    else level.removeAttribute('aria-label');
    level.hidden = !q.level;
    if (q.wants_video === '1') level.textContent += level.textContent ? ' · wants video' : 'wants video';
    if (q.wants_video === '1') level.hidden = false;
    const field = li.querySelector('.priority-form input[name=priority]');
    if (field && document.activeElement !== field) field.value = String(priority);
    const question = li.querySelector('.question');
    question.textContent = q.question || '';
    question.hidden = !q.question;
    const past = Number(q.past_sessions) || 0;
    li.querySelector('.past').textContent = past === 0 ? 'first visit'
      : past === 1 ? '1 earlier session' : `${past} earlier sessions`;
    const page = li.querySelector('.page');
    page.textContent = q.page ? ` · from ${shortUrl(q.page)}` : '';
    page.title = q.page || '';
    const mine = q.offered_to_me === '1';
    li.querySelector('.offered-to').textContent = q.state === 'offered' && !mine && q.offered_to
      ? ` · offered to ${q.offered_to}` : '';
    li.classList.toggle('offered', mine);
    // A colleague's offer is theirs to accept.
    const acceptForm = li.querySelector('.accept-form');
    acceptForm.hidden = q.state === 'offered' && !mine;
    acceptForm.querySelector('button').setAttribute('aria-label', `Accept ${name}`);
    tickRequest(item, Date.now());
  }

  /* Late: waiting longer than their service level's target answer time. */
  function isLate(item) {
    const target = Number(item.data.target) || 0;
    return item.data.state === 'waiting' && target > 0 && waitedNow(item) > target;
  }

  function tickRequest(item, now) {
    const q = item.data;
    const elapsed = (now - item.at) / 1000;
    const late = isLate(item);
    if (item.li.classList.contains('late') !== late) {
      item.li.classList.toggle('late', late);
      item.li.querySelector('.late-chip').hidden = !late;
      updateTitle();
    }
    item.li.querySelector('.waited').textContent =
      `waiting ${B.duration((Number(q.waited) || 0) + elapsed)}`;
    const offer = item.li.querySelector('.offer');
    if (q.offered_to_me === '1') {
      const left = Math.max(0, Math.round((Number(q.offer_seconds_left) || 0) - elapsed));
      offer.textContent = `Offered to you · ${left} s left`;
      offer.hidden = false;
    } else {
      offer.textContent = '';
      offer.hidden = true;
    }
  }

  function tick() {
    const now = Date.now();
    for (const item of items.values()) tickRequest(item, now);
    if (sortBy === 'wait') placeRequests();
  }

  function shortUrl(url) {
    try {
      const u = new URL(url);
      return u.host + (u.pathname === '/' ? '' : u.pathname);
    } catch (e) {
      return url;
    }
  }

  function showItemMessage(li, text) {
    const message = li.querySelector('.message');
    message.textContent = text || '';
    message.hidden = !text;
  }

  async function accept(e) {
    const form = e.target.closest('form.accept-form');
    e.preventDefault();
    const li = form.closest('li');
    const button = form.querySelector('button');
    button.disabled = true;
    showItemMessage(li, '');
    try {
      const answer = await B.postForm('/accept', B.formFields(form));
      location.assign(answer.url || `/channel?id=${encodeURIComponent(answer.channel)}`);
    } catch (err) {
      showItemMessage(li, err.message);
      button.disabled = false;
    }
  }

  /* The queue reorders when the feed brings the change (the priority
   * bumps the queue's version). */
  async function prioritize(e) {
    const form = e.target.closest('form.priority-form');
    e.preventDefault();
    const li = form.closest('li');
    const button = form.querySelector('button');
    button.disabled = true;
    showItemMessage(li, '');
    try {
      await B.postForm('/priority', B.formFields(form));
    } catch (err) {
      showItemMessage(li, err.message);
    } finally {
      button.disabled = false;
    }
  }

  let lastChime = 0;
  function announce(news) {
    const offer = news.find((q) => q.offered_to_me === '1');
    // A new request is usually offered a moment later: one chime for both,
    // and the offer's notification replaces the first (same tag).
    if (prefs.soundOffer !== '0' && Date.now() - lastChime > 3000) B.chime('offer');
    lastChime = Date.now();
    if (prefs.desktopOffer === '0') return;
    const q = offer || news[0];
    const who = q.name && q.name.trim() ? q.name : 'A visitor';
    const title = offer ? `${who} is offered to you` : (news.length > 1 ? `${news.length} new visitors waiting` : `${who} is waiting`);
    B.notify(title, q.question || '', news.length > 1 && !offer ? 'baton-queue' : `baton-request-${q.id}`);
  }

  // "(3, 1 late) Console": visitors past their level's target answer time.
  function updateTitle() {
    let late = 0;
    for (const item of items.values()) if (isLate(item)) late++;
    const count = late > 0 ? `${waitingCount}, ${late} late` : String(waitingCount);
    document.title = waitingCount > 0 ? `(${count}) ${baseTitle}` : baseTitle;
  }

  /* ---- sessions, scheduled sessions, messages, state ------------------ */

  function renderChannels(list) {
    channels.replaceChildren(...list.map((c) => el('li', {},
      el('a', { href: `/channel?id=${encodeURIComponent(c.id)}`, text: c.name }),
      c.with ? el('span', { class: 'muted', text: ` with ${c.with}` }) : null,
      el('span', { class: 'muted', text: ` · ${B.duration(Number(c.seconds) || 0)}` }))));
    if (list.length === 0) channels.append(el('li', { class: 'muted empty', text: 'None open.' }));
    setCount('channels', list.length);
  }

  function utcToLocal(stamp) {
    // "YYYY-MM-DD HH:MM" in UTC
    const d = new Date(`${String(stamp).replace(' ', 'T')}:00Z`);
    if (Number.isNaN(d.getTime())) return `${stamp} UTC`;
    return d.toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  }

  function renderScheduled(list) {
    scheduled.replaceChildren(...list.map((s) => {
      const due = Number(s.minutes_until) <= 0;
      return el('li', { class: due ? 'due' : null },
        el('strong', {}, el('time', { datetime: `${String(s.at).replace(' ', 'T')}Z`, text: utcToLocal(s.at) })),
        due ? el('span', { class: 'chip due-chip', text: 'due now' }) : null,
        ' ', s.name || 'Visitor',
        s.contact ? el('span', { class: 'muted', text: ` ${s.contact}` }) : null,
        s.question ? el('p', { class: 'question', text: s.question }) : null,
        takeForm(s));
    }));
    if (list.length === 0) scheduled.append(el('li', { class: 'muted empty', text: 'None.' }));
    setCount('scheduled', list.length);
  }

  /* Taking a scheduled session: reminded before it, offered it first. */
  function takeForm(s) {
    const mine = s.mine === '1';
    const form = el('form', { method: 'post', action: '/appointment', class: 'take-form inline' },
      el('input', { type: 'hidden', name: 'csrf', value: csrf }),
      el('input', { type: 'hidden', name: 'request', value: s.id }));
    if (mine) {
      form.append(el('input', { type: 'hidden', name: 'action', value: 'release' }),
        el('span', { class: 'chip', text: 'yours' }), ' ',
        el('button', { type: 'submit', class: 'link', text: 'Give back' }));
    } else if (s.owner) {
      form.append(el('span', { class: 'muted', text: `taken by ${s.owner}` }));
    } else {
      form.append(el('input', { type: 'hidden', name: 'action', value: 'take' }),
        el('button', { type: 'submit', class: 'secondary', text: 'Take it' }));
    }
    return form;
  }

  // Message threads are drawn by messages.js, as on the /messages page.
  function renderMessages(list) {
    if (window.BatonMessages) window.BatonMessages.render(messages, list);
    setCount('messages', list.length);
  }

  function showState(state) {
    if (!stateEl || stateEl.dataset.state === state) return;
    stateEl.dataset.state = state;
    stateEl.textContent = stateLabels[state] || state;
  }

  /* A change the feed reports (made elsewhere, or by the router after
   * missed offers) also shows in the top bar. */
  function renderState(state) {
    if (!stateEl || stateEl.dataset.state === state) return;
    showState(state);
    document.dispatchEvent(new CustomEvent('baton:state', { detail: { state } }));
  }
}());
