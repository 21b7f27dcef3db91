/* statebar.js - the state buttons in the top bar of every staff page
 * (templates/header.cs): one click makes the agent available, on break or
 * away, without leaving the page (without JavaScript the form posts and
 * comes back). Pages that learn of a state change elsewhere (the console's
 * feed: the router sets an agent away after missed offers) announce it
 * with a "baton:state" event on document; this bar shows it, and announces
 * its own changes the same way. */
(function () {
  'use strict';
  const bar = document.getElementById('statebar');
  if (!bar) return;
  const message = bar.querySelector('.statebar-message');

  function show(state) {
    bar.dataset.state = state;
    for (const b of bar.querySelectorAll('button[name=state]')) {
      b.setAttribute('aria-pressed', b.value === state ? 'true' : 'false');
    }
  }

  document.addEventListener('baton:state', (e) => {
    if (e.detail && typeof e.detail.state === 'string' && !e.detail.fromBar) show(e.detail.state);
  });

  bar.addEventListener('submit', async (e) => {
    const button = e.submitter;
    if (!button || button.name !== 'state' || !window.fetch) return;
    e.preventDefault();
    const state = button.value;
    const before = bar.dataset.state;
    show(state);
    message.hidden = true;
    try {
      const res = await fetch('/state', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf: bar.elements.csrf.value, state }),
      });
      const body = await res.json().catch(() => null);
      if (!res.ok) throw new Error(body && body.error ? body.error : `The server answered ${res.status}.`);
      document.dispatchEvent(new CustomEvent('baton:state', { detail: { state, fromBar: true } }));
    } catch (err) {
      show(before);
      message.textContent = err.message || 'The state could not be changed.';
      message.hidden = false;
      if (err.message && /signed in/.test(err.message)) location.assign('/signin');
    }
  });
}());
