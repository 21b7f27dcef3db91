/* callback.js - the "Call me back" form (templates/callback_form.cs) on
 * the help and waiting pages: the day and time show only for "at a time I
 * choose", the visitor's time zone is named, and its offset for the day
 * chosen goes with the form (it differs across a daylight-saving change).
 * Without JavaScript the form still works, in UTC. */
(function () {
  'use strict';
  const form = document.getElementById('callback-form');
  if (!form) return;
  const offset = document.getElementById('callback-offset');
  const date = document.getElementById('callback-date');
  const clock = document.getElementById('callback-clock');
  const zone = document.getElementById('callback-zone');
  const box = document.getElementById('callback-time');
  const later = document.getElementById('callback-later');

  let zoneName = '';
  try {
    zoneName = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch (e) {
    zoneName = '';
  }
  // The words are the page's catalogue's: "(your time)" is the label's
  // own, "(your time, {zone})" its data-in.
  if (zone && zoneName && zone.dataset.in) zone.textContent = zone.dataset.in.replace(/\{[a-z]+\}/, zoneName.replace(/_/g, ' '));

  const pad = (n) => String(n).padStart(2, '0');
  const localDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const today = new Date();
  if (date) {
    date.min = localDate(today);
    date.max = localDate(new Date(today.getTime() + 59 * 86400000));
  }

  function update() {
    const chosen = later && later.checked;
    if (box) box.hidden = !chosen;
    if (date) date.required = Boolean(chosen);
    if (clock) clock.required = Boolean(chosen);
    let when = new Date();
    if (chosen && date && clock && date.value && clock.value) {
      const d = new Date(`${date.value}T${clock.value}`);
      if (!Number.isNaN(d.getTime())) when = d;
    }
    if (offset) offset.value = String(when.getTimezoneOffset());
  }
  form.addEventListener('change', update);
  form.addEventListener('submit', update);
  update();
}());
