/* stage.js - the speakers' panel on an event's stage (templates/stage.cs):
 * the backstage channel followed beside the stage's own feed, the
 * questions the producer passes to this speaker (answered in writing or
 * marked as answered aloud: POST /moderate), the producer's private lines
 * and one's own to the producer (POST /say on the backstage), and what the
 * attendees see: the questions on their screens and the room's chat (from
 * the stage's feed, through channel.js's hooks). Uses baton.js and
 * channel.js. */
(function () {
  'use strict';
  const B = window.Baton;
  const C = window.BatonChannel;
  const panel = document.getElementById('stage-panel');
  if (!B || !C || !panel) return;
  const { el } = B;
  const $ = (id) => document.getElementById(id);
  // The words in the speaker's language (templates/stage.cs's #stage-words).
  const say = B.words($('stage-words'));

  const eventId = panel.dataset.event;
  const backstage = panel.dataset.backstage;
  const token = panel.dataset.backstageToken;
  const meBack = Number(panel.dataset.meBackstage);
  const producer = Number(panel.dataset.producer);
  const csrf = panel.dataset.csrf;
  const button = $('backstage-button');
  const count = $('backstage-count');
  const passed = $('passed-questions');
  const passedNone = $('passed-none');
  const notes = $('backstage-notes');
  const qaList = $('stage-qa');
  const room = $('stage-room');

  let lastSeq = 0;
  let signals = 0;
  let unread = 0;
  const shown = new Map();    // question id -> question on the attendees' screens
  const mine = new Map();     // question id -> question passed to me

  function bump() {
    if (!panel.hidden) return;
    unread++;
    count.textContent = String(unread);
    count.classList.remove('zero');
  }
  if (button) {
    button.addEventListener('click', () => setTimeout(() => {
      if (panel.hidden) return;
      unread = 0;
      count.textContent = '0';
      count.classList.add('zero');
    }));
  }

  function parse(body) {
    try {
      return JSON.parse(body);
    } catch (e) {
      return null;
    }
  }

  async function answer(q, text) {
    try {
      await B.postForm('/moderate', { e: eventId, csrf, action: 'answer', question: String(q.id), text });
    } catch (err) {
      C.alert(err.message);
    }
  }

  function renderPassed() {
    passedNone.hidden = mine.size > 0;
    passed.replaceChildren(...[...mine.values()].sort((a, b) => a.id - b.id).map((q) => {
      const li = el('li', { class: `state-${q.state}`, dataset: { question: q.id } },
        el('p', {}, el('strong', { text: q.name }), ': ', el('span', { class: 'text', text: q.text })));
      if (q.answer) {
        li.append(el('p', { class: 'answer', text: q.answer }));
      } else {
        const input = el('input', { type: 'text', maxlength: 2000, placeholder: say('answerWriting'), 'aria-label': say('answerWhose', { name: q.name }) });
        const send = el('button', { type: 'submit', class: 'small', text: say('answer') });
        const aloud = el('button', { type: 'button', class: 'small secondary', text: say('aloud') });
        const form = el('form', { class: 'q-actions answer-form' }, input, send, aloud);
        form.addEventListener('submit', (e) => {
          e.preventDefault();
          if (input.value.trim()) answer(q, input.value.trim());
        });
        aloud.addEventListener('click', () => answer(q, say('aloudNote')));
        li.append(form);
      }
      return li;
    }));
  }

  function renderShown() {
    qaList.replaceChildren(...[...shown.values()].filter((q) => q.state !== 'hidden' && q.state !== 'new')
      .sort((a, b) => a.id - b.id).map((q) => el('li', { dataset: { question: q.id } },
        el('strong', { text: q.name }), ': ', q.text, q.answer ? el('p', { class: 'answer', text: q.answer }) : '')));
  }

  function takeQuestion(q) {
    if (!q || typeof q.id !== 'number') return;
    shown.set(q.id, q);
    if (mine.has(q.id)) mine.set(q.id, q);
    renderShown();
    renderPassed();
  }

  function note(ev) {
    const priv = ev.kind === 'private';
    const from = Number(ev.from) === meBack ? say('you') : ev.name || say('someone');
    notes.append(el('li', { class: `note${priv ? ' private' : ''}` }, el('strong', { text: from }), ' ',
      priv ? el('span', { class: 'private-mark', text: say('private') }) : '', ' ', el('span', { class: 'body', text: ev.body })));
    notes.scrollTop = notes.scrollHeight;
  }

  /* ---- the backstage feed --------------------------------------------- */

  function onBackstage(a) {
    for (const ev of (a.events || []).slice().sort((x, y) => Number(x.seq) - Number(y.seq))) {
      if (!(Number(ev.seq) > lastSeq)) continue;
      lastSeq = Number(ev.seq);
      if (ev.kind === 'pass' && Number(ev.to) === meBack) {
        const q = parse(ev.body);
        if (q) {
          mine.set(q.id, q);
          renderPassed();
          bump();
        }
      } else if (ev.kind === 'private' || ev.kind === 'line') {
        note(ev);
        if (Number(ev.from) !== meBack) bump();
      }
    }
    if (typeof a.last_seq === 'number' && a.last_seq > lastSeq) lastSeq = a.last_seq;
    if (typeof a.signals === 'number') signals = a.signals;
    return !C.closed;
  }
  const feed = B.follow(() => `/poll?channel=${encodeURIComponent(backstage)}&after=${lastSeq}&signals=${signals}`,
    onBackstage, { onStop() {} });
  C.on('ended', () => feed.stop());

  $('backstage-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = $('backstage-text');
    const text = input.value.trim();
    if (!text) return;
    try {
      await B.postForm('/say', { channel: backstage, token, text, ...(producer ? { to: String(producer) } : {}) });
      input.value = '';
    } catch (err) {
      C.alert(err.message);
    }
  });

  /* ---- what the room sees (the stage's own feed) ------------------------ */

  C.on('event', (ev) => {
    if (ev.kind === 'qa') {
      takeQuestion(parse(ev.body));
    } else if (ev.kind === 'aline') {
      room.append(el('li', {}, el('strong', { text: ev.name || say('someone') }), ' ', el('span', { class: 'body', text: ev.body })));
      room.scrollTop = room.scrollHeight;
    }
  });

  /* What is on screen already, when this page opens late. */
  fetch(`/moderate?e=${encodeURIComponent(eventId)}`, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } })
    .then((res) => (res.ok ? res.json() : null))
    .then((d) => {
      for (const q of (d && d.questions) || []) if (!shown.has(q.id)) shown.set(q.id, q);
      renderShown();
    })
    .catch(() => {});
  renderPassed();
}());
