#!/usr/bin/env node
// Translation in a real browser (Debian's Chromium; t/browser-translate-firefox.t
// runs it in Firefox ESR), through the stack's real Apertium: a visitor on a
// Spanish page (<html lang="es">) asks for help; the English-speaking agent
// accepts. The visitor writes Spanish: the agent reads English, marked
// "translated", the Spanish original one click away. The agent writes
// English: the visitor reads Spanish. A reloaded page shows the same. With
// the translation engine stopped, a line arrives in its original, marked
// "translation unavailable", and nothing is lost.
// Screenshots: t/artifacts/translate-*.png.
'use strict';
const { execFileSync } = require('child_process');
const path = require('path');
const t = require('./lib/browser.js');
const { openConversation, sql, QUICK } = require('./lib/conversation.js');

(async () => {
  const base = process.env.BATON_URL;
  const dir = process.env.BATON_DIR;
  if (!base || !dir) t.skipAll('no running stack: run through `make test`');
  if (!process.env.BATON_APERTIUM_PORT) t.skipAll('no Apertium in this stack (tools/parts/apertium)');

  const browser = await t.launch();
  const problems = [];
  try {
    const c = await openConversation(browser, problems, { lang: 'es', agentName: 'Ed English', visitorName: 'Lucía', question: '¿Puede ayudarme?' });
    const { agent, visitor } = c;
    t.is(await visitor.getAttribute('#channel', 'data-lang'), 'es', 'the visitor, from a Spanish page, reads Spanish');
    t.is(await agent.getAttribute('#channel', 'data-lang'), 'en', 'the agent reads English');

    // The question the visitor asked in Spanish opens the conversation in English for the agent.
    const question = agent.locator('#lines li.event-line.translated').first();
    await question.waitFor({ timeout: QUICK });
    t.ok(/help/i.test(await question.locator('.body').textContent()),
      `the agent reads the visitor's question in English: "${await question.locator('.body').textContent()}"`);

    // The visitor writes Spanish; the agent reads English, marked.
    await visitor.fill('#say-text', 'Hola, necesito ayuda con mi pedido.');
    await visitor.press('#say-text', 'Enter');
    const seen = agent.locator('#lines li.event-line.translated', { hasText: 'I need help' });
    await seen.waitFor({ timeout: QUICK });
    t.ok(/^Hello, I need help with my (order|request)\.$/.test(await seen.locator('.body').textContent()),
      `the agent reads it in English: "${await seen.locator('.body').textContent()}"`);
    t.ok(await seen.locator('.translation-mark').isVisible(), 'marked as translated');
    t.ok(!(await seen.locator('.original').isVisible()), 'the original is one click away');
    await seen.locator('.original-toggle').click();
    t.is(await seen.locator('.original').textContent(), 'Hola, necesito ayuda con mi pedido.', 'a click shows the Spanish original');
    await t.screenshot(agent, 'translate-1-agent-reads-english');
    const mine = visitor.locator('#lines li.event-line.mine', { hasText: 'necesito ayuda' });
    t.ok(!(await mine.evaluate((li) => li.classList.contains('translated'))), 'the visitor sees their own line as written');

    // The agent writes English; the visitor reads Spanish.
    await agent.fill('#say-text', 'Your order is on the way.');
    await agent.press('#say-text', 'Enter');
    const read = visitor.locator('#lines li.event-line.translated', { hasText: 'camino' });
    await read.waitFor({ timeout: QUICK });
    t.ok(true, `the visitor reads it in Spanish: "${await read.locator('.body').textContent()}"`);
    t.is(await read.locator('.translation-mark').textContent(), 'traducido', 'marked in Spanish too (templates/lang/es.hdf)');
    await t.screenshot(visitor, 'translate-2-visitor-reads-spanish');

    // Seq and order: both lines once each, the translations no lines of their own.
    const [[lines, translations]] = sql(`SELECT SUM(e.kind = 'line'), SUM(e.kind = 'translation') FROM channel_event e
      JOIN channel c ON c.id = e.channel_id WHERE c.public_id = '${c.channelId}'`);
    t.is(`${lines}/${translations}`, '3/3', 'the archive holds the question, two lines and their three translations');
    t.is(await agent.locator('#lines > li.event-line').count(), 3, 'the agent sees three lines');
    t.is(await visitor.locator('#lines > li.event-line').count(), 3, 'the visitor too');

    // A reloaded page shows the translations it rendered itself.
    await visitor.reload();
    await visitor.locator('#lines li.event-line.translated', { hasText: 'camino' }).waitFor({ timeout: QUICK });
    t.ok(true, 'after a reload the visitor still reads the agent in Spanish');

    // The engine stopped: the original, marked unavailable, nothing lost.
    const part = path.join(process.env.BATON_ROOT || path.resolve(__dirname, '..'), 'tools', 'parts', 'apertium');
    execFileSync(part, ['stop', dir], { stdio: 'ignore' });
    try {
      await visitor.fill('#say-text', '¿Sigue ahí?');
      await visitor.press('#say-text', 'Enter');
      const late = agent.locator('#lines li.event-line.untranslated', { hasText: '¿Sigue ahí?' });
      await late.waitFor({ timeout: QUICK });
      t.ok(await late.locator('.translation-mark').isVisible(), 'with the engine stopped the agent gets the original, marked "translation unavailable"');
      await t.screenshot(agent, 'translate-3-engine-down');
    } finally {
      execFileSync(part, ['start', dir, '0'], { stdio: 'ignore' });
    }
    await visitor.fill('#say-text', 'Gracias.');
    await visitor.press('#say-text', 'Enter');
    await agent.locator('#lines li.event-line.translated', { hasText: 'Thank' }).waitFor({ timeout: QUICK });
    t.ok(true, 'the engine back, lines are translated again');
  } catch (err) {
    t.ok(false, `no exception: ${err.stack || err}`);
  } finally {
    t.ok(problems.length === 0, 'no console errors or uncaught exceptions', problems.join('\n'));
    await browser.close();
  }
  t.done();
})();
