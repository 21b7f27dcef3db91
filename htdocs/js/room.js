/* room.js - inviting people into the session, in the viewer's Invite panel
 * (templates/room.cs; the rules are lib/room.h, the program /invite): a new
 * link for one person or up to a number of people, working for a while
 * (sent to an address when one is given), the links so far with how often
 * each was used and a way to withdraw it, and, for the owner and staff,
 * which visitors may invite too. The panel opens and closes like the
 * viewer's others (viewer.js). Uses baton.js and channel.js. */
(function () {
  'use strict';
  const B = window.Baton;
  const C = window.BatonChannel;
  const panel = document.getElementById('panel-invite');
  const button = document.getElementById('invite-button');
  if (!B || !C || !panel || !button) return;
  const { el } = B;
  const $ = (id) => document.getElementById(id);
  // The words in the reader's language (templates/room.cs's #room-words).
  const say = B.words($('room-words'));
  const STATES = { open: 'stateOpen', 'used up': 'stateUsedUp', expired: 'stateExpired', revoked: 'stateRevoked' };
  const { channelId, token, me, people } = C;

  const form = $('invite-form');
  const made = $('invite-made');
  const linkBox = $('invite-link');
  const note = $('invite-note');
  const list = $('invite-list');
  const none = $('invite-none');
  const allowBox = $('invite-allow');
  const allowList = $('invite-allow-list');
  const usesBox = $('invite-uses');
  const decides = panel.dataset.staff === '1' || Number(panel.dataset.owner) === me;
  let allowed = new Set();

  function when(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }

  function renderList(invitations) {
    none.hidden = invitations.length > 0;
    list.replaceChildren(...invitations.map((inv) => {
      const who = inv.max_uses === 1 ? say('forOne') : say('forMany', { n: inv.max_uses });
      const whom = inv.name ? `${inv.name} <${inv.email}>` : inv.email;
      const to = inv.email ? ' · ' + say('sentTo', { who: whom }) : '';
      const standing = inv.state === 'open' ? say('until', { when: when(inv.expires) })
        : STATES[inv.state] ? say(STATES[inv.state]) : inv.state;
      const li = el('li', { class: `invite state-${inv.state.replace(' ', '-')}`, dataset: { invitation: inv.id } },
        el('span', { class: 'what', text: say('used', { who, uses: inv.uses, max: inv.max_uses }) }),
        el('span', { class: 'muted', text: ` · ${standing}${to}` }));
      if (inv.state === 'open') {
        const revoke = el('button', { type: 'button', class: 'link revoke', text: say('withdraw') });
        revoke.addEventListener('click', () => withdraw(inv.id));
        li.append(' ', revoke);
      }
      return li;
    }));
  }

  /* The owner (or staff) lets the visitors here invite too, or not. */
  function renderAllowed() {
    allowBox.hidden = !decides;
    if (!decides) return;
    const visitors = [...people.values()].filter((p) => p.role === 'visitor' && !p.me);
    allowList.replaceChildren(...visitors.map((p) => {
      const box = el('input', { type: 'checkbox', dataset: { participant: p.id } });
      box.checked = allowed.has(p.id);
      box.addEventListener('change', () => allow(p.id, box.checked, box));
      return el('li', {}, el('label', {}, box, ` ${p.name}`));
    }));
    if (!visitors.length) allowList.replaceChildren(el('li', { class: 'muted', text: say('noVisitor') }));
  }

  async function refresh() {
    try {
      const res = await fetch(`/invite?channel=${encodeURIComponent(channelId)}`,
        { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
      const d = await res.json();
      if (!res.ok) throw new Error(d && d.error ? d.error : say('serverAnswered', { status: res.status }));
      allowed = new Set((d.allowed || []).map(Number));
      renderList(d.invitations || []);
      renderAllowed();
    } catch (err) {
      C.alert(err.message);
    }
  }

  async function withdraw(id) {
    try {
      await B.postForm('/invite', { channel: channelId, token, action: 'revoke', invitation: String(id) });
      refresh();
    } catch (err) {
      C.alert(err.message);
    }
  }

  async function allow(id, may, box) {
    try {
      await B.postForm('/invite', { channel: channelId, token, action: 'allow', participant: String(id), may: may ? '1' : '0' });
      if (may) allowed.add(id); else allowed.delete(id);
    } catch (err) {
      box.checked = !may;
      C.alert(err.message);
    }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const fields = B.formFields(form);
    const many = fields.reuse === 'many';
    const send = { channel: channelId, token, action: 'make', hours: fields.hours, uses: many ? fields.uses : '1' };
    if (fields.email) send.email = fields.email.trim();
    if (fields.email && fields.name) send.name = fields.name.trim();
    const submit = $('invite-make');
    submit.disabled = true;
    try {
      const answer = await B.postForm('/invite', send);
      linkBox.value = answer.link;
      made.hidden = false;
      note.textContent = answer.mailed ? say('mailed', { email: send.email }) : answer.note || '';
      linkBox.focus();
      linkBox.select();
      refresh();
    } catch (err) {
      C.alert(err.message);
    } finally {
      submit.disabled = false;
    }
  });
  usesBox.addEventListener('focus', () => { form.querySelector('input[name=reuse][value=many]').checked = true; });
  $('invite-copy').addEventListener('click', async () => {
    linkBox.select();
    try {
      await navigator.clipboard.writeText(linkBox.value);
      note.textContent = say('copied');
    } catch (e) {
      note.textContent = say('pressCopy');
    }
  });
  // viewer.js opens the panel on the same click: look once it has.
  button.addEventListener('click', () => setTimeout(() => { if (!panel.hidden) refresh(); }));
  C.on('people', () => { if (!panel.hidden) renderAllowed(); });
  C.on('ended', () => { button.hidden = true; panel.hidden = true; });
}());
