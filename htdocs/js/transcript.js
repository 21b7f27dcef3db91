/* transcript.js - the transcript (templates/transcript.cs) in the reader's
 * own time zone: the server writes times in UTC ("14:05 UTC"), this shows
 * them as the reader's clock does, with the day where it changes. */
(function () {
  'use strict';
  let lastDay = '';
  for (const t of document.querySelectorAll('#transcript time[datetime]')) {
    const when = new Date(t.dateTime);
    if (Number.isNaN(when.getTime())) continue;
    const day = when.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    const clock = when.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    t.textContent = day === lastDay ? clock : `${day}, ${clock}`;
    lastDay = day;
  }
}());
