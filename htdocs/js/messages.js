/* messages.js - message threads (templates/messages_list.cs, messages.cs):
 * the list items the console draws from its live answers
 * (BatonMessages.render), and on a thread's page answers sent without
 * leaving it and the thread kept current from the desk's feed: a visitor's
 * e-mailed reply appears by itself. Uses baton.js. */
(function () {
  'use strict';
  const B = window.Baton;
  if (!B) return;
  const { el } = B;

  /* One thread in a list, as templates/messages_list.cs draws it. */
  function item(t) {
    const open = t.state === 'open';
    const awaiting = open && t.awaiting === '1';
    const chip = (text, cls) => el('span', { class: `chip${cls ? ` ${cls}` : ''}`, text });
    const owner = t.owner ? ` · ${t.mine === '1' ? 'yours' : t.owner}` : '';
    return el('li', {
      class: `thread-item${awaiting ? ' awaiting' : ''}${t.state === 'done' ? ' done' : ''}`,
      dataset: { thread: t.id },
    },
    el('a', { href: `/messages?id=${encodeURIComponent(t.id)}` }, el('strong', { text: t.name || 'Visitor' })),
    ' ',
    t.state === 'done' ? chip('done') : (awaiting ? chip('to answer', 'awaiting-chip') : chip('answered')),
    t.via === 'email' ? chip('e-mail') : null,
    t.bounced === '1' ? chip('address bounced', 'bad-chip') : null,
    el('span', { class: 'muted', text: ` ${t.contact || t.phone || ''} · ${t.at || ''} UTC${owner}` }),
    t.last ? el('p', { class: 'question', text: t.last }) : null,
    // A caller's voice message, played in the page.
    t.voice ? el('audio', { controls: true, preload: 'none', src: `/voicemail?id=${encodeURIComponent(t.voice)}` }) : null);
  }

  function render(list, threads) {
    list.replaceChildren(...threads.map(item));
    if (threads.length === 0) list.append(el('li', { class: 'muted empty', text: 'None.' }));
  }

  window.BatonMessages = Object.freeze({ render });

  const thread = document.getElementById('thread');
  if (!thread) return;

  /* ---- a thread's page -------------------------------------------------- */

  // The parts the server redraws; the answer being typed is left alone.
  const REDRAWN = ['thread-state', 'thread-messages', 'bounced', 'assign-form', 'state-form'];

  async function refresh() {
    let res;
    try {
      res = await fetch(location.pathname + location.search, { credentials: 'same-origin', cache: 'no-store' });
    } catch (e) {
      return;
    }
    if (!res.ok) return;
    const fresh = new DOMParser().parseFromString(await res.text(), 'text/html');
    for (const id of REDRAWN) {
      const now = document.getElementById(id);
      const next = fresh.getElementById(id);
      if (now && next) now.replaceWith(document.adoptNode(next));
      else if (now) now.remove();
      else if (next && id === 'bounced') document.getElementById('thread-about').after(document.adoptNode(next));
    }
  }

  const form = document.getElementById('reply-form');
  if (form) {
    const text = document.getElementById('reply-text');
    const message = document.getElementById('reply-message');
    const button = form.querySelector('button');
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      button.disabled = true;
      message.hidden = true;
      try {
        await B.postForm('/messages', B.formFields(form));
        text.value = '';
        await refresh();
      } catch (err) {
        message.textContent = err.message;
        message.hidden = false;
      } finally {
        button.disabled = false;
      }
    });
  }

  // Any change to the desk (a reply arrived, a colleague answered) bumps its
  // version: redraw then.
  let version = 0;
  B.follow(() => `/poll?console=1&version=${version}`, (a) => {
    if (typeof a.version !== 'number') return;
    const changed = version !== 0 && a.version !== version;
    version = a.version;
    if (changed) refresh();
  }, {
    onStop(error) {
      if (error.status === 401) location.assign('/signin');
    },
  });
}());
