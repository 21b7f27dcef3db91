/* channel-tabs.js - the channel page (templates/channel.cs) on a narrow
 * screen: it shows either the shared page or the conversation, and the two
 * buttons of #view-switch change between them with one tap. Lines from the
 * others while the page is shown raise an unread count on "Chat"; the view
 * moving to another address while the chat is shown marks "Page". It keeps
 * --viewport-height at the height of the visible viewport, so that the input
 * stays above an on-screen keyboard in browsers that do not shrink the page
 * for it. On wide screens both are shown and nothing here changes that.
 * Uses window.BatonChannel (channel.js). */
(function () {
  'use strict';
  const root = document.getElementById('channel');
  const C = window.BatonChannel;
  const pageButton = document.getElementById('show-page');
  const chatButton = document.getElementById('show-chat');
  if (!root || !C || !pageButton || !chatButton) return;

  const unreadCount = document.getElementById('chat-unread');
  const unreadText = document.getElementById('chat-unread-text');
  const freshMark = document.getElementById('page-fresh');
  const freshText = document.getElementById('page-fresh-text');
  const narrow = window.matchMedia('(max-width: 40rem)');
  let showing = root.classList.contains('show-page') ? 'page' : 'chat';
  let unread = 0;
  let fresh = false;

  function render() {
    unreadCount.hidden = unread === 0;
    unreadCount.textContent = String(unread);
    unreadText.textContent = unread === 0 ? '' : ` (${unread} new ${unread === 1 ? 'line' : 'lines'})`;
    freshMark.hidden = !fresh;
    freshText.hidden = !fresh;
  }

  function show(which) {
    showing = which;
    root.classList.toggle('show-chat', which === 'chat');
    root.classList.toggle('show-page', which === 'page');
    pageButton.setAttribute('aria-pressed', which === 'page' ? 'true' : 'false');
    chatButton.setAttribute('aria-pressed', which === 'chat' ? 'true' : 'false');
    if (which === 'chat') {
      unread = 0;
      const lines = document.getElementById('lines');
      if (lines) lines.scrollTop = lines.scrollHeight;
    } else {
      fresh = false;
    }
    render();
  }
  pageButton.addEventListener('click', () => show('page'));
  chatButton.addEventListener('click', () => show('chat'));
  // The panels (history, who, help) open over the page.
  for (const b of document.querySelectorAll('.viewer-tools button[aria-controls]')) {
    b.addEventListener('click', () => { if (narrow.matches && showing !== 'page') show('page'); });
  }

  C.on('event', (ev) => {
    if (!narrow.matches) return;
    const others = ev.from !== null && ev.from !== undefined && Number(ev.from) !== C.me;
    if ((ev.kind === 'line' || ev.kind === 'private') && others && showing === 'page') {
      unread++;
      render();
    } else if ((ev.kind === 'address' || ev.kind === 'window') && others && showing === 'chat') {
      fresh = true;
      render();
    }
  });
  // Back to a wide screen: nothing is hidden, so nothing is unread.
  narrow.addEventListener('change', () => {
    if (!narrow.matches) {
      unread = 0;
      fresh = false;
      render();
    }
  });

  /* The visible viewport's height (smaller while an on-screen keyboard is
   * up), unless the reader has zoomed in. */
  const vv = window.visualViewport;
  function fit() {
    if (!vv || Math.abs(vv.scale - 1) > 0.01) return;
    document.documentElement.style.setProperty('--viewport-height', `${Math.round(vv.height)}px`);
    if (window.scrollY !== 0) window.scrollTo(0, 0);
  }
  if (vv) {
    vv.addEventListener('resize', fit);
    fit();
  }
  const text = document.getElementById('say-text');
  if (text) {
    text.addEventListener('focus', () => {
      if (narrow.matches && showing !== 'chat') show('chat');
    });
  }
  render();
}());
