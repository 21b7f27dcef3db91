/* supervise.js - keeps the supervisor's desk (templates/supervise.cs) live:
 * long-polls /poll?supervise=1&version=V[&client=SLUG] (lib/feed.c) and
 * redraws the agents, the queue summary and the alerts from each answer,
 * without reloading. Times in a state, session lengths and the oldest wait
 * tick locally every second between answers. Each live session has a
 * Monitor button: a form posting to /monitor with the page's CSRF token,
 * which opens the session silently in a new tab. Needs baton.js. */
(function () {
  'use strict';

  const root = document.getElementById('supervise');
  if (!root || !window.Baton) return;
  const { el, follow, duration } = window.Baton;
  const $ = (id) => document.getElementById(id);
  const QUEUE_ALERT = 'a visitor has waited longer than the target';

  let version = Number(root.dataset.version) || 0;
  const client = root.dataset.client || '';
  const csrf = root.dataset.csrf || '';
  let waitTarget = Number(root.dataset.waitTarget) || 0;
  let waiting = Number($('waiting').textContent) || 0;
  let serverQueueAlert = !$('queue-alert').hidden;

  /* Elements whose text is a duration counting up from data-since (ms). */
  function startTicking(node, seconds) {
    node.dataset.since = String(Date.now() - Math.max(0, Number(seconds) || 0) * 1000);
    node.textContent = duration(Number(seconds) || 0);
  }

  function secondsSince(node) {
    return (Date.now() - Number(node.dataset.since)) / 1000;
  }

  function tick() {
    for (const node of root.querySelectorAll('[data-since]')) node.textContent = duration(secondsSince(node));
    for (const row of $('queue-body').querySelectorAll('tr[data-target]')) markLate(row);
    // The queue alert may come due between answers: the wait keeps growing.
    const oldest = $('oldest-wait');
    const overdue = waiting > 0 && oldest.dataset.since && secondsSince(oldest) > waitTarget;
    showQueueAlert(serverQueueAlert ? $('queue-alert').textContent : overdue ? QUEUE_ALERT : null);
  }

  function showQueueAlert(text) {
    const alert = $('queue-alert');
    alert.hidden = !text;
    if (text && alert.textContent !== text) alert.textContent = text;
  }

  function monitorForm(channel, seconds) {
    const length = el('span', { class: 'length' });
    startTicking(length, seconds);
    return el('form', { method: 'post', action: '/monitor', target: '_blank', class: 'monitor-form',
      dataset: { channel } },
    el('input', { type: 'hidden', name: 'csrf', value: csrf }),
    el('input', { type: 'hidden', name: 'channel', value: channel }),
    length, ' ',
    el('button', { type: 'submit', class: 'secondary', text: 'Monitor' }));
  }

  function agentRow(a) {
    const channels = typeof a.channels === 'string' && a.channels ? a.channels.split(',') : [];
    const lengths = Array.isArray(a.session_seconds) ? a.session_seconds : [];
    const since = el('td', { class: 'for' });
    startTicking(since, a.state_seconds);
    return el('tr', { class: a.alert ? 'alerting' : null, dataset: { agent: String(a.id) } },
      el('td', { class: 'name', text: a.name }),
      el('td', { class: 'state', text: a.state, dataset: { state: a.state } }),
      since,
      el('td', { class: 'sessions', text: `${a.sessions} / ${a.max_sessions}` }),
      el('td', { class: 'running' }, ...channels.map((ch, i) => monitorForm(ch, lengths[i]))),
      el('td', { class: 'alert', text: a.alert || '' }));
  }

  /* The queue, in service order; a priority field being typed in keeps its
   * row (and the focus) until the answer that follows its change. */
  function queueRow(q) {
    const waited = el('td', { class: 'waited' });
    startTicking(waited, q.waited);
    const field = el('input', { type: 'number', name: 'priority', min: '0', max: '1000', value: q.priority,
      class: 'narrow-number', 'aria-label': `Priority of ${q.name || 'the visitor'}` });
    const row = el('tr', { dataset: { request: q.id, state: q.state || '' } },
      el('td', {}, el('strong', { text: q.name || 'Visitor' }),
        q.level ? el('span', { class: 'chip level-chip', text: q.level }) : null,
        el('span', { class: 'chip late-chip', text: 'late', hidden: true }),
        q.offered_to ? el('span', { class: 'muted', text: ` offered to ${q.offered_to}` }) : null,
        q.question ? el('br') : null, q.question ? el('span', { class: 'question', text: q.question }) : null),
      waited,
      el('td', {}, el('form', { method: 'post', action: '/priority', class: 'row priority-form' },
        el('input', { type: 'hidden', name: 'csrf', value: csrf }),
        el('input', { type: 'hidden', name: 'request', value: q.id }),
        field, el('button', { type: 'submit', class: 'secondary', text: 'Set' }),
        el('span', { class: 'message', role: 'alert', hidden: true }))));
    if (Number(q.target) > 0) row.dataset.target = String(q.target);
    markLate(row);
    return row;
  }

  /* A visitor waiting past their service level's target answer time. */
  function markLate(row) {
    const target = Number(row.dataset.target) || 0;
    const waitedNode = row.querySelector('.waited');
    const late = target > 0 && row.dataset.state !== 'offered' && !!waitedNode && secondsSince(waitedNode) > target;
    row.classList.toggle('late', late);
    const chip = row.querySelector('.late-chip');
    if (chip) chip.hidden = !late;
  }

  // A priority being typed is not swept away by an answer: the queue is
  // redrawn once the field is left.
  let pendingQueue = null;
  function renderQueue(queue) {
    const body = $('queue-body');
    if (body.contains(document.activeElement) && document.activeElement.name === 'priority') {
      pendingQueue = queue;
      return;
    }
    pendingQueue = null;
    body.replaceChildren(...queue.map(queueRow));
    $('queue-none').hidden = queue.length > 0;
  }
  $('queue-body').addEventListener('focusout', () => {
    setTimeout(() => { if (pendingQueue) renderQueue(pendingQueue); }, 0);
  });

  $('queue-body').addEventListener('submit', async (e) => {
    const form = e.target.closest('form.priority-form');
    if (!form) return;
    e.preventDefault();
    const message = form.querySelector('.message') || form.appendChild(el('span', { class: 'message', role: 'alert' }));
    message.hidden = true;
    try {
      await window.Baton.postForm('/priority', window.Baton.formFields(form));
      form.querySelector('input[name=priority]').blur();
    } catch (err) {
      message.textContent = err.message;
      message.hidden = false;
    }
  });

  /* The calls going on, and the call-back list in the order it is worked. */
  function ticking(tag, seconds) {
    const node = el(tag);
    if (seconds !== null && seconds !== undefined) startTicking(node, seconds);
    return node;
  }

  function localTime(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso
      : d.toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
  }

  function callRow(c) {
    return el('tr', { dataset: { call: c.id } },
      el('td', { text: c.direction === 'outbound' ? 'call-back' : 'incoming' }),
      el('td', { text: c.number || '' }),
      el('td', { class: 'state', text: c.state }),
      el('td', { text: c.agent || '' }),
      ticking('td', c.seconds),
      ticking('td', c.talk_seconds));
  }

  function callbackRow(b) {
    const due = b.state === 'offered' ? 'offered now' : b.due === '1' ? 'now'
      : b.next_attempt_at ? `next try ${localTime(b.next_attempt_at)}`
        : b.preferred_at ? `at ${localTime(b.preferred_at)}` : 'when calling hours open';
    return el('tr', { dataset: { request: b.id } },
      el('td', { text: b.name || 'Visitor' }),
      el('td', { text: b.phone || '' }),
      el('td', { class: 'due', text: due }),
      el('td', { text: b.attempts }),
      ticking('td', b.waited));
  }

  function renderCalls(answer) {
    const calls = Array.isArray(answer.calls) ? answer.calls : [];
    const callbacks = Array.isArray(answer.callbacks) ? answer.callbacks : [];
    $('calls-body').replaceChildren(...calls.map(callRow));
    $('no-calls').hidden = calls.length > 0;
    $('callbacks-body').replaceChildren(...callbacks.map(callbackRow));
    $('no-callbacks').hidden = callbacks.length > 0;
  }

  function render(answer) {
    renderCalls(answer);
    waiting = Number(answer.waiting) || 0;
    waitTarget = Number(answer.wait_target) || 0;
    $('waiting').textContent = String(waiting);
    $('oldest').hidden = waiting === 0;
    startTicking($('oldest-wait'), answer.oldest_wait);
    serverQueueAlert = Boolean(answer.queue_alert);
    showQueueAlert(answer.queue_alert || null);
    renderQueue(Array.isArray(answer.queue) ? answer.queue : []);
    const agents = Array.isArray(answer.agents) ? answer.agents : [];
    $('agents-body').replaceChildren(...agents.map(agentRow));
    $('no-agents').hidden = agents.length > 0;
    root.dataset.version = String(version);
  }

  // What the server drew: tick it from now on.
  for (const node of root.querySelectorAll('[data-seconds]')) startTicking(node, node.dataset.seconds);
  if (waiting === 0) delete $('oldest-wait').dataset.since;
  setInterval(tick, 1000);

  const connection = $('connection');
  follow(() => `/poll?supervise=1&version=${version}${client ? `&client=${encodeURIComponent(client)}` : ''}`,
    (answer) => {
      if (typeof answer.version === 'number') version = answer.version;
      render(answer);
      return true;
    }, {
      onConnection(ok, message) {
        connection.textContent = ok ? '' : `Connection lost; trying again… ${message || ''}`.trim();
      },
      onStop(error) {
        connection.textContent = `${error.message} Reload the page to start again.`;
      },
    });
}());
