/* help-button.js - the one script a site owner adds beside Baton's help link
 * (the settings page has the snippet):
 *
 *   <a href="https://BATON/help?site=KEY" data-baton-help>Talk to us</a>
 *   <script src="https://BATON/js/help-button.js" async></script>
 *
 * It asks BATON/availability?site=KEY whether anyone is at the desk and
 * words the link to match: "Talk to us now", "Talk to us (short wait)" or
 * "Leave us a message", with the class baton-help-available / -busy /
 * -closed for the site's own styling. Other wordings may be given in
 * data-baton-available, data-baton-busy and data-baton-closed. If anything
 * fails the link is left as it was, and it still works. Safe to load async,
 * more than once; its one global is window.BatonHelp. */
(function () {
  'use strict';
  var ns = window.BatonHelp = window.BatonHelp || {};
  if (ns.version) return;
  ns.version = 1;

  var WORDS = {
    available: 'Talk to us now',
    busy: 'Talk to us (short wait)',
    closed: 'Leave us a message',
  };

  function availabilityUrl(link) {
    var url;
    try {
      url = new URL(link.href, document.baseURI);
    } catch (e) {
      return null;
    }
    var key = url.searchParams.get('site');
    if (!key || !/\/help$/.test(url.pathname)) return null;
    return url.origin + url.pathname.replace(/help$/, 'availability') + '?site=' + encodeURIComponent(key);
  }

  /* The page's language (<html lang="es">) goes with the link unless it
   * names one: the visitor is then served, and translated, in it. */
  function addLang(link) {
    var lang = document.documentElement.getAttribute('lang');
    if (!lang || !/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,3})?$/.test(lang)) return;
    try {
      var url = new URL(link.href, document.baseURI);
      if (url.searchParams.has('lang')) return;
      url.searchParams.set('lang', lang);
      link.href = url.href;
    } catch (e) { /* the link stays as it was */ }
  }

  function show(link, status) {
    if (!Object.prototype.hasOwnProperty.call(WORDS, status)) return;
    var own = link.getAttribute('data-baton-' + status);
    link.textContent = own || WORDS[status];
    for (var s in WORDS) link.classList.remove('baton-help-' + s);
    link.classList.add('baton-help-' + status);
    link.setAttribute('data-baton-status', status);
  }

  function check(link) {
    var url = availabilityUrl(link);
    if (url === null || typeof fetch !== 'function') return;
    fetch(url, { mode: 'cors', credentials: 'omit', cache: 'no-store' })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (answer) { if (answer && typeof answer.status === 'string') show(link, answer.status); })
      .catch(function () { /* the link keeps its own words */ });
  }

  /* Checks every help link on the page (again); a page that adds links
   * later may call BatonHelp.refresh(). */
  ns.refresh = function () {
    var links = document.querySelectorAll('a[data-baton-help]');
    for (var i = 0; i < links.length; i++) {
      addLang(links[i]);
      check(links[i]);
    }
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', ns.refresh);
  } else {
    ns.refresh();
  }
  // Back from the back-forward cache: the desk may have changed.
  window.addEventListener('pageshow', function (e) { if (e.persisted) ns.refresh(); });
}());
