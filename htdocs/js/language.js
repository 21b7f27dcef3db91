/* language.js - a visitor who writes another language than theirs (issue
 * 18, lib/lang_switch.c), in the viewer (templates/channel.cs).
 *
 * Staff: when the visitor's lines seem to be in another language (a
 * "lang_offer" event, staff only), #lang-offer (templates/lang_offer.cs)
 * offers to switch the visitor's language; accepting posts /language. An
 * offer stands until it is accepted, put aside ("Not now", remembered for
 * this tab), or the visitor's language changes.
 *
 * The visitor: when their language is switched (a "lang" event to them),
 * their page reloads, and comes back in it: its words, and the lines
 * translated into it. What they were typing is kept across the reload.
 * (channel.js shows the switch in the chat for everyone.) */
(function () {
  'use strict';
  const C = window.BatonChannel;
  const B = window.Baton;
  const root = document.getElementById('channel');
  const lines = document.getElementById('lines');
  if (!C || !B || !root || !lines) return;
  const me = Number(root.dataset.me);
  const channelId = root.dataset.channel;

  /* ---- the visitor's page follows their language ------------------- */
  const draftKey = `baton.draft.${channelId}`;
  const text = document.getElementById('say-text');
  try {
    const draft = sessionStorage.getItem(draftKey);
    if (draft !== null) {
      sessionStorage.removeItem(draftKey);
      if (text && !text.value) text.value = draft;
    }
  } catch (e) { /* private mode: the draft is lost, nothing else */ }

  function follow() {
    try {
      if (text && text.value) sessionStorage.setItem(draftKey, text.value);
    } catch (e) { /* private mode */ }
    window.location.reload();
  }

  /* ---- staff: the offer --------------------------------------------- */
  const box = document.getElementById('lang-offer');
  const accept = document.getElementById('lang-offer-accept');
  const dismiss = document.getElementById('lang-offer-dismiss');
  let offer = null; // { seq, visitor, lang }
  const put = (template, lang) => String(template || '').split('{lang}').join(lang);
  const nameOf = (tag) => {
    try {
      return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) || tag;
    } catch (e) {
      return tag;
    }
  };
  const dismissedKey = `baton.langOffer.${channelId}`;
  const dismissed = () => {
    try { return Number(sessionStorage.getItem(dismissedKey)) || 0; } catch (e) { return 0; }
  };

  function show(next) {
    if (!box || !accept) return;
    if (next.seq <= dismissed()) return;
    offer = next;
    const name = nameOf(next.lang);
    box.querySelector('.lang-offer-text').textContent = put(box.dataset.text, name);
    accept.textContent = put(box.dataset.switch, name);
    accept.hidden = false;
    accept.disabled = false;
    dismiss.hidden = false;
    box.querySelector('.message').hidden = true;
    box.dataset.lang = next.lang;
    box.hidden = false;
  }

  function withdraw(visitor) {
    if (box && offer && offer.visitor === visitor) {
      offer = null;
      box.hidden = true;
    }
  }

  if (box && accept && dismiss) {
    accept.addEventListener('click', async () => {
      if (!offer) return;
      const taken = offer;
      accept.disabled = true;
      const message = box.querySelector('.message');
      message.hidden = true;
      try {
        await B.postForm('/language', {
          channel: channelId, token: root.dataset.token, visitor: String(taken.visitor), lang: taken.lang,
        });
        // The chat says so ("… switched the visitor's language to …").
        if (offer === taken) withdraw(taken.visitor);
      } catch (err) {
        message.textContent = err.message;
        message.hidden = false;
        accept.disabled = false;
      }
    });
    dismiss.addEventListener('click', () => {
      if (offer) {
        try { sessionStorage.setItem(dismissedKey, String(offer.seq)); } catch (e) { /* private mode */ }
      }
      offer = null;
      box.hidden = true;
    });

    // The page as rendered: the last offer made since its visitor's language last changed.
    const switched = new Map(); // visitor -> seq of the last switch
    for (const li of lines.querySelectorAll(':scope > li.event-lang')) {
      switched.set(Number(li.dataset.to), Number(li.dataset.seq));
    }
    let last = null;
    for (const li of lines.querySelectorAll(':scope > li.event-lang_offer')) {
      const o = { seq: Number(li.dataset.seq), visitor: Number(li.dataset.from), lang: li.dataset.lang };
      if (o.seq > (switched.get(o.visitor) || 0)) last = o;
    }
    if (last) show(last);
  }

  C.on('event', (ev) => {
    if (ev.kind === 'lang_offer' && ev.lang) {
      show({ seq: Number(ev.seq), visitor: Number(ev.from), lang: String(ev.lang) });
    } else if (ev.kind === 'lang') {
      const visitor = Number(ev.to);
      if (visitor === me) follow();
      else withdraw(visitor);
    }
  });
}());
