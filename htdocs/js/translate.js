/* translate.js - each chat line in the reader's language (issue 18).
 * A line is stored in its original; its translation into each language its
 * readers read follows as a "translation" event naming the line's seq
 * (lib/chat_lang.c). This shows the translation in the line's place,
 * marked "translated", with the original one click away; a line whose
 * translation does not come within the deadline (data-translate-ms), or
 * that the engine could not translate, keeps its original, marked
 * "translation unavailable". Labels come from the page (data-label-*),
 * which has them in the reader's language. */
(function () {
  'use strict';
  const C = window.BatonChannel;
  const B = window.Baton;
  const root = document.getElementById('channel');
  const lines = document.getElementById('lines');
  if (!C || !B || !root || !lines) return;

  const THREE = { eng: 'en', spa: 'es', fra: 'fr', deu: 'de', por: 'pt', ita: 'it', cat: 'ca' };
  function base(tag) {
    const b = String(tag || '').toLowerCase().split(/[-_]/)[0];
    return THREE[b] || b;
  }
  const myLang = base(root.dataset.lang || 'en');
  const me = Number(root.dataset.me);
  const deadlineMs = Number(root.dataset.translateMs) || 10000;
  const label = (name, fallback) => root.dataset[`label${name}`] || fallback;
  const LABELS = {
    translated: label('Translated', 'translated'),
    showOriginal: label('ShowOriginal', 'show original'),
    showTranslation: label('ShowTranslation', 'show translation'),
    unavailable: label('Unavailable', 'translation unavailable'),
  };
  const waiting = new Map(); // seq -> timer of a line awaiting its translation
  const arrived = new Map(); // seq -> translation (null: none) come before its line was shown

  function lineOf(seq) {
    return lines.querySelector(`li[data-seq="${Number(seq)}"]`);
  }

  function settle(li) {
    const seq = Number(li.dataset.seq);
    clearTimeout(waiting.get(seq));
    waiting.delete(seq);
    li.classList.remove('translating');
    li.querySelector(':scope > .translation-mark')?.remove();
  }

  function unavailable(li) {
    if (li.classList.contains('translated')) return;
    settle(li);
    li.classList.add('untranslated');
    li.append(' ', B.el('span', { class: 'translation-mark', text: LABELS.unavailable }));
  }

  function translated(li, text) {
    const body = li.querySelector(':scope > .body');
    if (!body || li.classList.contains('translated')) return;
    settle(li);
    li.classList.remove('untranslated');
    const original = body.textContent;
    body.textContent = text;
    body.lang = myLang;
    li.classList.add('translated');
    const shown = B.el('span', { class: 'original', hidden: true, text: original });
    const toggle = B.el('button', { type: 'button', class: 'original-toggle', text: LABELS.showOriginal });
    toggle.addEventListener('click', () => {
      shown.hidden = !shown.hidden;
      toggle.textContent = shown.hidden ? LABELS.showOriginal : LABELS.showTranslation;
    });
    li.append(' ', B.el('span', { class: 'translation-mark', text: LABELS.translated }), ' ', toggle, shown);
  }

  function apply(seq, text) {
    const li = lineOf(seq);
    if (!li) {
      arrived.set(Number(seq), text);
      return;
    }
    if (text) translated(li, text);
    else unavailable(li);
  }

  /* A line from someone who writes another language: its translation is on
   * its way, or the original stands after the deadline. */
  function expect(li, lang, from) {
    if (!lang || base(lang) === myLang || from === me) return;
    const seq = Number(li.dataset.seq);
    if (arrived.has(seq)) {
      apply(seq, arrived.get(seq));
      arrived.delete(seq);
      return;
    }
    if (li.classList.contains('translated') || waiting.has(seq)) return;
    li.classList.add('translating');
    waiting.set(seq, setTimeout(() => unavailable(li), deadlineMs));
  }

  // The page as rendered: translations that came already, lines still waiting.
  for (const t of lines.querySelectorAll(':scope > li.event-translation')) {
    if (base(t.dataset.lang) === myLang) apply(t.dataset.ref, t.dataset.text || null);
  }
  for (const li of lines.querySelectorAll(':scope > li.event-line[data-lang], :scope > li.event-private[data-lang]')) {
    if (!li.classList.contains('mine')) expect(li, li.dataset.lang, null);
  }

  C.on('event', (ev) => {
    if (ev.kind === 'translation') {
      if (base(ev.lang) === myLang && Number(ev.from) !== me) apply(ev.ref, ev.body || null);
      return;
    }
    if (ev.kind !== 'line' && ev.kind !== 'private') return;
    const li = lineOf(ev.seq);
    if (li) expect(li, ev.lang, Number(ev.from));
  });

  window.BatonTranslate = Object.freeze({ lang: myLang });
}());
