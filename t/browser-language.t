#!/usr/bin/env node
// A visitor who writes another language than their browser's, in a real
// browser (Debian's Chromium; t/browser-language-firefox.t runs it in
// Firefox ESR), through the stack's real Apertium: a visitor with an
// English browser, on an English page, writes Spanish; the agent is offered
// to switch the visitor to Spanish and accepts; the visitor's page reloads
// in Spanish (what they were typing kept), and from then on each reads the
// other translated. Screenshots: t/artifacts/language-*.png.
'use strict';
const t = require('./lib/browser.js');
const { openConversation, QUICK } = require('./lib/conversation.js');

(async () => {
  const base = process.env.BATON_URL;
  if (!base || !process.env.BATON_DIR) t.skipAll('no running stack: run through `make test`');
  if (!process.env.BATON_APERTIUM_PORT) t.skipAll('no Apertium in this stack (tools/parts/apertium)');

  const browser = await t.launch();
  const problems = [];
  try {
    const c = await openConversation(browser, problems, {
      lang: 'en', agentName: 'Ed English', visitorName: 'Lucía', question: 'Hello',
      contextOptions: { locale: 'en-US' },
    });
    const { agent, visitor } = c;
    t.is(await visitor.getAttribute('#channel', 'data-lang'), 'en', 'the visitor, with an English browser on an English page, is served English');
    t.is(await visitor.getAttribute('html', 'lang'), 'en', 'their page is in English');
    t.ok(await agent.locator('#lang-offer').isHidden(), 'no offer yet');

    // Spanish, enough of it to be sure.
    await visitor.fill('#say-text', 'Hola, necesito ayuda con mi pedido, no ha llegado todavía.');
    await visitor.press('#say-text', 'Enter');
    await agent.locator('#lines li.event-line', { hasText: 'necesito ayuda' }).waitFor({ timeout: QUICK });
    const offer = agent.locator('#lang-offer');
    await offer.waitFor({ state: 'visible', timeout: QUICK });
    t.is(await offer.locator('.lang-offer-text').textContent(),
      'The visitor seems to write Spanish. Switch the visitor\'s language to Spanish?', 'the agent is offered to switch to Spanish');
    t.is(await offer.locator('#lang-offer-accept').textContent(), 'Switch to Spanish', 'with a button that says so');
    t.is(await visitor.locator('#lang-offer').count(), 0, 'the visitor sees no offer');
    await t.screenshot(agent, 'language-1-offer');

    // The offer stands across a reload of the agent's page.
    await agent.reload();
    await offer.waitFor({ state: 'visible', timeout: QUICK });
    t.ok(true, 'the offer is still there after the agent reloads');

    // The visitor is typing when the agent accepts: their page reloads in Spanish, the words kept.
    await visitor.fill('#say-text', 'Un momento');
    await Promise.all([
      visitor.waitForEvent('load', { timeout: QUICK }),
      offer.locator('#lang-offer-accept').click(),
    ]);
    await visitor.waitForSelector('html[lang="es"] #channel[data-lang="es"]', { timeout: QUICK });
    t.ok(true, 'the visitor\'s page reloads in Spanish, reading Spanish');
    t.is(await visitor.inputValue('#say-text'), 'Un momento', 'what they were typing is kept');
    const yours = visitor.locator('#lines li.event-lang');
    t.is((await yours.textContent()).trim(), 'Ed English cambió su idioma a español.', 'the visitor is told, in Spanish');
    const theirs = agent.locator('#lines li.event-lang');
    await theirs.waitFor({ timeout: QUICK });
    t.is((await theirs.textContent()).trim(), 'Ed English switched the visitor\'s language to Spanish.', 'the agent sees the switch in the chat');
    await offer.waitFor({ state: 'hidden', timeout: QUICK });
    t.ok(true, 'and the offer is gone');
    await t.screenshot(visitor, 'language-2-visitor-in-spanish');

    // From now on each reads the other in their language.
    await visitor.fill('#say-text', 'Muchas gracias, ¿dónde está mi pedido?');
    await visitor.press('#say-text', 'Enter');
    const read = agent.locator('#lines li.event-line.translated', { hasText: 'Thank' });
    await read.waitFor({ timeout: QUICK });
    t.ok(true, `the agent reads the visitor in English: "${await read.locator('.body').textContent()}"`);
    await agent.fill('#say-text', 'Your order is on the way.');
    await agent.press('#say-text', 'Enter');
    const answer = visitor.locator('#lines li.event-line.translated', { hasText: 'camino' });
    await answer.waitFor({ timeout: QUICK });
    t.is(await answer.locator('.translation-mark').textContent(), 'traducido', `the visitor reads the agent in Spanish: "${await answer.locator('.body').textContent()}"`);
    t.ok(await agent.locator('#lang-offer').isHidden(), 'Spanish is not offered again');
    await t.screenshot(agent, 'language-3-agent-reads-english');
  } catch (err) {
    t.ok(false, `no exception: ${err.stack || err}`);
  } finally {
    t.ok(problems.length === 0, 'no console errors or uncaught exceptions', problems.join('\n'));
    await browser.close();
  }
  t.done();
})();
