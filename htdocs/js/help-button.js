/* help-button.js - the one script a site owner adds beside Baton's help link
 * (the settings page has the snippet):
 *
 *   <a href="https://BATON/help?site=KEY" data-baton-help>Talk to us</a>
 *   <script src="https://BATON/js/help-button.js" async></script>
 *
 * It asks BATON/availability?site=KEY whether anyone is at the desk and
 * words the link to match, from the same estimate the waiting page gives:
 * "Talk to us now", "Talk to us (wait about 5 minutes)" or, with nobody
 * free to answer (signed out, or all away), "Leave us a message"; with the
 * class baton-help-available / -busy / -away / -closed for the site's own
 * styling. Other wordings may be given in data-baton-available,
 * data-baton-busy, data-baton-away and data-baton-closed. The words come in
 * the visitor's language from /availability's "words" (the link's lang=,
 * else the page's <html lang>, else the browser's Accept-Language chooses;
 * templates/lang/LANG.hdf's widget.*): those here are only the fallback
 * should Baton not answer. It also adds the
 * page's address to the link (page=...), so the agent starts on the very
 * page the visitor asked from (a browser's Referer holds only the site's
 * origin). If anything fails the link is left as it was, and it still
 * works. Nothing is asked from a page with no origin of its own (a sandboxed
 * replay). Safe to load async, more than once; its one global is
 * window.BatonHelp. */
(function () {
  'use strict';
  var ns = window.BatonHelp = window.BatonHelp || {};
  if (ns.version) return;
  ns.version = 2;

  var WORDS = {
    available: 'Talk to us now',
    busy: 'Talk to us (short wait)',
    away: 'Leave us a message',
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
    var lang = url.searchParams.get('lang');
    return url.origin + url.pathname.replace(/help$/, 'availability') + '?site=' + encodeURIComponent(key)
      + (lang ? '&lang=' + encodeURIComponent(lang) : '');
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

  /* The words for a state of the desk; a busy desk says how long. */
  function words(answer) {
    var status = answer.status;
    if (answer.words && typeof answer.words[status] === 'string') return answer.words[status];
    if (status === 'busy' && typeof answer.estimate_words === 'string') {
      return 'Talk to us (wait ' + answer.estimate_words + ')';
    }
    return WORDS[status];
  }

  function show(link, answer) {
    var status = answer.status;
    if (!Object.prototype.hasOwnProperty.call(WORDS, status)) return;
    var own = link.getAttribute('data-baton-' + status);
    link.textContent = own || words(answer);
    for (var s in WORDS) link.classList.remove('baton-help-' + s);
    link.classList.add('baton-help-' + status);
    link.setAttribute('data-baton-status', status);
  }

  /* The page's own address on the link, for the agent to start on. */
  function addPage(link) {
    try {
      var url = new URL(link.href, document.baseURI);
      var page = location.href.split('#')[0];
      if (!/^https?:/.test(page) || url.searchParams.get('page') === page) return;
      url.searchParams.set('page', page);
      link.href = url.href;
    } catch (e) { /* the link stays as it was */ }
  }

  function check(link) {
    // A sandboxed copy of the page (an archived session's replay) has no
    // origin to ask from, and must not look live.
    if (window.origin === 'null' || location.origin === 'null') return;
    var url = availabilityUrl(link);
    if (url === null || typeof fetch !== 'function') return;
    addPage(link);
    fetch(url, { mode: 'cors', credentials: 'omit', cache: 'no-store' })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (answer) { if (answer && typeof answer.status === 'string') show(link, answer); })
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
