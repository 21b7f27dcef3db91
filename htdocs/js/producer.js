/* producer.js - the producer's page of an event (templates/event.cs): the
 * audience at a glance (GET /population every few seconds: those here, a
 * chart of the last two hours, by site and by registration field), the
 * question queue (GET /moderate, then the backstage feed's 'question'
 * events as they come: approve, pass to a speaker, answer in writing,
 * merge, hide), the speakers (the lead handed over, a private line to
 * each: POST /say on the backstage) with the backstage lines, and the
 * attendees (found by name or address; mute, unmute, remove). Every action
 * is a POST /moderate with the session's form token. Uses baton.js. */
(function () {
  'use strict';
  const B = window.Baton;
  const root = document.getElementById('event');
  if (!B || !root || !document.getElementById('queue')) return;
  const { el } = B;
  const $ = (id) => document.getElementById(id);

  const eventId = root.dataset.event;
  const backstage = root.dataset.backstage;
  const backToken = root.dataset.backstageToken;
  const meBack = Number(root.dataset.meBackstage);
  const stage = root.dataset.stage;
  const ended = root.dataset.state === 'ended';
  const csrfInput = document.querySelector('input[name=csrf]');
  const csrf = csrfInput ? csrfInput.value : '';
  const speakers = [...document.querySelectorAll('#speakers > li')].map((li) => ({
    agent: Number(li.dataset.agent), stage: Number(li.dataset.stage), backstage: Number(li.dataset.backstage),
    name: li.querySelector('.name').textContent, li,
  }));

  const alertBox = el('p', { class: 'message', role: 'alert', hidden: true });
  root.append(alertBox);
  function fail(err) {
    alertBox.textContent = err && err.message ? err.message : String(err);
    alertBox.hidden = false;
    setTimeout(() => { alertBox.hidden = true; }, 8000);
  }
  function moderate(fields) {
    return B.postForm('/moderate', { e: eventId, csrf, ...fields }).catch((err) => {
      fail(err);
      throw err;
    });
  }
  async function getJson(url) {
    const res = await fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
    const d = await res.json();
    if (!res.ok) throw new Error(d && d.error ? d.error : `The server answered ${res.status}.`);
    return d;
  }

  /* ---- the audience ------------------------------------------------------ */

  function drawChart(minutes) {
    const svg = $('pop-chart');
    const W = 600;
    const H = 120;
    const n = Math.max(minutes.length, 2);
    const top = Math.max(1, ...minutes.map((m) => Math.max(m.present, m.joins, m.leaves)));
    const x = (i) => (i / (n - 1)) * (W - 10) + 5;
    const y = (v) => H - 6 - (v / top) * (H - 16);
    const NS = 'http://www.w3.org/2000/svg';
    const node = (tag, attrs) => {
      const e = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
      return e;
    };
    const parts = [];
    const bar = Math.max(1, (W - 10) / n / 2.5);
    minutes.forEach((m, i) => {
      if (m.joins) parts.push(node('rect', { class: 'joins', x: x(i) - bar, y: y(m.joins), width: bar, height: H - 6 - y(m.joins) }));
      if (m.leaves) parts.push(node('rect', { class: 'leaves', x: x(i), y: y(m.leaves), width: bar, height: H - 6 - y(m.leaves) }));
    });
    if (minutes.length) {
      parts.push(node('polyline', { class: 'present', points: minutes.map((m, i) => `${x(i)},${y(m.present)}`).join(' ') }));
    }
    svg.replaceChildren(...parts);
    svg.setAttribute('aria-label', minutes.length
      ? `Attendees present over the last ${minutes.length} minutes: from ${minutes[0].present} to ${minutes[minutes.length - 1].present}`
      : 'Nobody has come yet');
  }

  function groups(list, id) {
    $(id).replaceChildren(...list.map((g) => el('li', {}, `${g.value || '(none)'}: `, el('strong', { text: String(g.count) }))));
    if (!list.length) $(id).replaceChildren(el('li', { class: 'muted', text: 'Nobody here yet.' }));
  }

  async function population() {
    try {
      const d = await getJson(`/population?e=${encodeURIComponent(eventId)}`);
      $('pop-present').textContent = String(d.present);
      $('pop-registered').textContent = String(d.registered);
      $('pop-ever').textContent = String(d.ever);
      drawChart(d.minutes || []);
      groups(d.by_site || [], 'pop-sites');
      groups(d.by_field || [], 'pop-fields');
    } catch (err) { /* next time */ }
    if (!ended) setTimeout(population, 5000);
  }

  /* ---- the question queue -------------------------------------------------- */

  const questions = new Map();

  function speakerSelect(label) {
    const select = el('select', { 'aria-label': label });
    for (const s of speakers) select.append(el('option', { value: String(s.agent), text: s.name }));
    return select;
  }

  function actionButton(text, run, cls = 'secondary') {
    const b = el('button', { type: 'button', class: cls, text });
    b.addEventListener('click', run);
    return b;
  }

  function questionItem(q) {
    const li = el('li', { class: `state-${q.state}`, dataset: { question: q.id } },
      el('p', { class: 'q' }, el('strong', { text: q.name }), q.votes > 1 ? ` (+${q.votes - 1})` : '',
        q.site ? el('span', { class: 'muted', text: ` · ${q.site}` }) : '', ': ', el('span', { class: 'text', text: q.text })),
      el('p', { class: 'muted small', text: q.state === 'passed' ? `passed to ${q.speaker}` : q.state === 'answered' ? `answered by ${q.by}` : q.state }));
    if (q.answer) li.append(el('p', { class: 'answer', text: q.answer }));
    if (ended) return li;
    const acts = el('div', { class: 'q-actions' });
    if (q.state === 'new' || q.state === 'hidden') acts.append(actionButton('Approve', () => moderate({ action: 'approve', question: String(q.id) }), ''));
    if (q.state !== 'answered' && q.state !== 'hidden' && speakers.length) {
      const pick = speakerSelect(`Pass question ${q.id} to`);
      acts.append(pick, actionButton('Pass', () => moderate({ action: 'pass', question: String(q.id), speaker: pick.value })));
    }
    if (q.state !== 'hidden') {
      acts.append(actionButton('Answer…', () => {
        const input = el('input', { type: 'text', maxlength: 2000, 'aria-label': `Answer to ${q.name}` });
        const form = el('form', { class: 'q-actions' }, input, el('button', { type: 'submit', class: 'small', text: 'Send the answer' }));
        form.addEventListener('submit', (e) => {
          e.preventDefault();
          if (input.value.trim()) moderate({ action: 'answer', question: String(q.id), text: input.value.trim() });
        });
        acts.replaceWith(form);
        input.focus();
      }));
      const others = [...questions.values()].filter((o) => o.id !== q.id && o.state !== 'hidden');
      if (others.length) {
        const into = el('select', { 'aria-label': `Merge question ${q.id} into` });
        for (const o of others) into.append(el('option', { value: String(o.id), text: `${o.name}: ${o.text.slice(0, 40)}` }));
        acts.append(into, actionButton('Merge', () => moderate({ action: 'merge', question: String(q.id), into: into.value })));
      }
      acts.append(actionButton('Hide', () => moderate({ action: 'hide', question: String(q.id) })));
    }
    li.append(acts);
    return li;
  }

  function renderQueue() {
    const list = [...questions.values()].filter((q) => q.merged_into === null || q.merged_into === undefined)
      .sort((a, b) => a.id - b.id);
    $('queue-empty').hidden = list.length > 0;
    const fresh = list.filter((q) => q.state === 'new').length;
    $('questions-new').textContent = String(fresh);
    $('questions-new').classList.toggle('zero', fresh === 0);
    // Keep an answer being typed: rebuild only the items that changed.
    const queue = $('queue');
    const existing = new Map([...queue.children].map((li) => [Number(li.dataset.question), li]));
    const items = list.map((q) => {
      const old = existing.get(q.id);
      const key = JSON.stringify(q) + questions.size;
      if (old && old.dataset.key === key) return old;
      const li = questionItem(q);
      li.dataset.key = key;
      return li;
    });
    queue.replaceChildren(...items);
  }

  function takeQuestion(body) {
    let q;
    try {
      q = JSON.parse(body);
    } catch (e) {
      return;
    }
    if (q && typeof q.id === 'number') {
      if (q.merged_into) questions.delete(q.id);
      else questions.set(q.id, q);
      renderQueue();
    }
  }

  /* ---- backstage and the stage ---------------------------------------------- */

  function backstageLine(ev) {
    const lines = $('backstage-lines');
    const from = Number(ev.from) === meBack ? 'You' : ev.name || 'Someone';
    const to = ev.kind === 'private' ? speakers.find((s) => s.backstage === Number(ev.to)) : null;
    lines.append(el('li', {}, el('strong', { text: from }),
      ev.kind === 'private' ? el('span', { class: 'private-mark', text: to ? `to ${to.name}` : 'private' }) : '', ' ', el('span', { text: ev.body })));
    lines.scrollTop = lines.scrollHeight;
  }

  function follow(channel, handle) {
    let after = 0;
    let signals = 0;
    return B.follow(() => `/poll?channel=${encodeURIComponent(channel)}&after=${after}&signals=${signals}`, (a) => {
      for (const ev of (a.events || []).slice().sort((x, y) => Number(x.seq) - Number(y.seq))) {
        if (Number(ev.seq) > after) handle(ev);
      }
      if (typeof a.last_seq === 'number') after = Math.max(after, a.last_seq);
      if (typeof a.signals === 'number') signals = a.signals;
      if (a.leader !== undefined && channel === stage) showLeader(Number(a.leader));
      return a.open !== false;
    }, { onStop() {} });
  }

  function showLeader(participant) {
    for (const s of speakers) {
      const badge = s.li.querySelector('.leads');
      if (badge) badge.hidden = s.stage !== participant;
    }
  }

  for (const s of speakers) {
    const give = s.li.querySelector('.give-lead');
    if (give) give.addEventListener('click', () => moderate({ action: 'lead', speaker: String(s.agent) }).then(() => showLeader(s.stage), () => {}));
    const form = s.li.querySelector('.note-form');
    if (form) {
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const input = form.querySelector('.note-text');
        const text = input.value.trim();
        if (!text) return;
        try {
          await B.postForm('/say', { channel: backstage, token: backToken, text, to: String(s.backstage) });
          input.value = '';
        } catch (err) {
          fail(err);
        }
      });
    }
  }

  /* ---- attendees -------------------------------------------------------------- */

  async function findAttendees() {
    const q = $('attendee-q').value.trim();
    try {
      const d = await getJson(`/population?e=${encodeURIComponent(eventId)}&attendees=1&q=${encodeURIComponent(q)}`);
      $('attendee-list').replaceChildren(...d.attendees.map((a) => {
        const li = el('li', { class: a.removed ? 'removed' : '', dataset: { attendee: a.id } },
          el('span', { class: 'who' }, el('strong', { text: a.name }), a.email ? ` <${a.email}>` : '',
            el('span', { class: 'muted', text: ` · ${a.removed ? 'removed' : a.present ? 'here' : 'away'}${a.muted ? ' · muted' : ''}${a.questions ? ` · ${a.questions} questions` : ''}` })));
        if (!a.removed && !ended) {
          li.append(actionButton(a.muted ? 'Unmute' : 'Mute', () => moderate({ action: a.muted ? 'unmute' : 'mute', attendee: String(a.id) }).then(findAttendees, () => {}), 'secondary small'));
          li.append(actionButton('Remove', () => {
            if (window.confirm(`Remove ${a.name} from the event? They will see the stage no more.`)) {
              moderate({ action: 'remove', attendee: String(a.id) }).then(findAttendees, () => {});
            }
          }, 'secondary small danger'));
        }
        return li;
      }));
      if (!d.attendees.length) $('attendee-list').replaceChildren(el('li', { class: 'muted', text: 'Nobody by that name.' }));
    } catch (err) {
      fail(err);
    }
  }
  $('attendee-search').addEventListener('submit', (e) => {
    e.preventDefault();
    findAttendees();
  });

  const endForm = $('end-form');
  if (endForm) {
    endForm.addEventListener('submit', (e) => {
      if (!window.confirm('End the event for everyone? Attendees see that it has ended.')) e.preventDefault();
    });
  }
  const link = $('attendee-link');
  link.addEventListener('focus', () => link.select());

  /* ---- start ------------------------------------------------------------------- */

  getJson(`/moderate?e=${encodeURIComponent(eventId)}`).then((d) => {
    for (const q of d.questions || []) questions.set(q.id, q);
    renderQueue();
  }).catch(fail);
  population();
  findAttendees();
  if (backstage && !ended) {
    follow(backstage, (ev) => {
      if (ev.kind === 'question') takeQuestion(ev.body);
      else if (ev.kind === 'private' || ev.kind === 'line') backstageLine(ev);
    });
  }
  if (stage && !ended) follow(stage, () => {});
}());
