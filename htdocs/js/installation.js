/* installation.js - the Health page (templates/installation.cs): asks each
 * program, through the web server, whether it answers, and says so. Any
 * answer below 500 means the program ran (a 400 or 405 to a bare HEAD is
 * fine); 502 or 504 is the web server saying the program is not there. */
(function () {
  'use strict';
  const list = document.getElementById('programs');
  if (!list) return;

  async function probe(li) {
    const name = li.dataset.program;
    const out = li.querySelector('.probe');
    out.textContent = 'asking…';
    try {
      const res = await fetch(`/${encodeURIComponent(name)}`, {
        method: 'HEAD', credentials: 'same-origin', cache: 'no-store', redirect: 'manual',
      });
      const status = res.type === 'opaqueredirect' ? 303 : res.status;
      const ok = status < 500;
      out.textContent = ok ? `answers (${status})` : `does not answer (${status})`;
      out.className = ok ? 'probe ok' : 'probe alert';
      li.dataset.state = ok ? 'ok' : 'down';
    } catch (e) {
      out.textContent = 'cannot be reached';
      out.className = 'probe alert';
      li.dataset.state = 'down';
    }
  }

  (async () => {
    for (const li of list.querySelectorAll('li[data-program]')) await probe(li);
    list.dataset.done = 'true';
  })();
}());
