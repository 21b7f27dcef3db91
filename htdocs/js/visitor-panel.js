/* visitor-panel.js - the visitor panel beside a conversation
 * (templates/visitor_panel.cs): adds a note without leaving the
 * conversation, and remembers whether the panel is open or folded. */
(function () {
  'use strict';
  const panel = document.getElementById('visitor-panel');
  if (!panel) return;
  const B = window.Baton;

  try {
    if (localStorage.getItem('baton.visitorPanel') === 'closed') panel.open = false;
  } catch (e) { /* private mode */ }
  panel.addEventListener('toggle', () => {
    try { localStorage.setItem('baton.visitorPanel', panel.open ? 'open' : 'closed'); } catch (e) { /* private mode */ }
  });

  const form = document.getElementById('note-form');
  const list = document.getElementById('visitor-notes');
  if (!form || !list || !B) return;
  const message = form.querySelector('.message');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const button = form.querySelector('button');
    const text = form.elements.text.value;
    button.disabled = true;
    message.hidden = true;
    try {
      const answer = await B.postForm('/notes', B.formFields(form));
      const now = new Date();
      const stamp = now.toISOString().slice(0, 16).replace('T', ' ');
      list.prepend(B.el('li', { dataset: { note: String(answer.note.id) } },
        B.el('span', { class: 'muted', text: `${answer.note.author}, ${stamp} UTC:` }), ' ',
        B.el('span', { class: 'body', text: text.trim() })));
      form.elements.text.value = '';
    } catch (err) {
      message.textContent = err.message;
      message.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
}());
