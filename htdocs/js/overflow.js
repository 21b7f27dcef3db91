/* overflow.js - the overflow page's schedule form (templates/overflow.cs):
 * the offset of the visitor's clock from UTC, for the day chosen (it
 * differs across a daylight-saving change), sent with the day and time;
 * days offered from today to 60 days ahead. Without it the time is
 * taken as UTC. */
(function () {
  'use strict';
  const form = document.getElementById('overflow-schedule-form');
  if (!form) return;
  const offset = document.getElementById('overflow-offset');
  const date = document.getElementById('overflow-date');
  const time = document.getElementById('overflow-time');
  const pad = (n) => String(n).padStart(2, '0');
  const localDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const today = new Date();
  date.min = localDate(today);
  date.max = localDate(new Date(today.getTime() + 59 * 86400000));
  const update = () => {
    let when = new Date();
    if (date.value && time.value) {
      const chosen = new Date(`${date.value}T${time.value}`);
      if (!Number.isNaN(chosen.getTime())) when = chosen;
    }
    offset.value = String(when.getTimezoneOffset());
  };
  update();
  date.addEventListener('change', update);
  time.addEventListener('change', update);
  form.addEventListener('submit', update);
})();
