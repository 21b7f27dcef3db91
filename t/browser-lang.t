#!/usr/bin/env node
// The visitor's language in a real browser (Debian's Chromium;
// t/browser-lang-firefox.t runs it in Firefox ESR): a visitor on an English
// browser asks for help, gets the waiting page in English, picks Español
// in the language picker and sees the waiting page in Spanish (its title,
// place and choices), and it stays Spanish when it reloads; the live
// updates of the page's script speak Spanish too (a second visitor ahead
// leaves: the place is rewritten in Spanish). Then a visitor from a Spanish
// page talks with an English-speaking agent: the viewer is Spanish for the
// visitor (its labels from templates/channel.cs, and the words its scripts
// write from #viewer-words: the lead, a line's "sent", the typing note)
// and English for the agent; the help link's words come from
// /availability in Spanish too. Screenshots: t/artifacts/lang-waiting-es.png,
// lang-viewer-es.png.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const t = require('./lib/browser.js');
const { openConversation } = require('./lib/conversation.js');

const QUICK = 15000;

function sql(query) {
  return execFileSync('mariadb', ['--no-defaults', `--socket=${process.env.BATON_DB_SOCKET}`, '-uroot', '--batch',
    '--skip-column-names', 'baton', '-e', query], { encoding: 'utf8' }).trim();
}

// A catalogue's texts (templates/lang/LANG.hdf).
function catalogue(lang) {
  const text = fs.readFileSync(path.join(process.env.BATON_ROOT, 'templates', 'lang', `${lang}.hdf`), 'utf8');
  const out = {};
  for (const line of text.split('\n')) {
    const m = /^([a-z0-9_.]+) = (.+)$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

(async () => {
  const base = process.env.BATON_URL;
  const dir = process.env.BATON_DIR;
  if (!base || !dir || !process.env.BATON_ROOT) t.skipAll('no running stack: run through `make test`');
  const es = catalogue('es');
  const en = catalogue('en');
  fs.mkdirSync(path.join(dir, 'demo'), { recursive: true });
  const quiet = t.newAgent('Nobody Home');
  const key = t.newSite(quiet.client, ['127.0.0.1', 'localhost'], 'Tienda');
  sql(`UPDATE site SET ask_question = 0 WHERE site_key = '${key}'`);
  const file = `lang-${quiet.client}.html`;
  fs.writeFileSync(path.join(dir, 'demo', file), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="${base}/favicon.svg"></head>
<body><p><a id="help" href="${base}/help?site=${key}">Help</a></p></body></html>
`);
  const browser = await t.launch();
  const problems = [];
  try {
    const ctx = await browser.newContext({ locale: 'en-GB', viewport: { width: 1000, height: 800 } });
    // Someone ahead in the queue (another browser), so that the place says a number.
    const aheadCtx = await browser.newContext({ locale: 'en-GB' });
    const first = await aheadCtx.newPage();
    t.watchPage(first, problems, 'the visitor ahead');
    await first.goto(`${base}/demo/${file}`);
    await Promise.all([first.waitForURL(/\/wait\?r=/), first.click('#help')]);
    const page = await ctx.newPage();
    t.watchPage(page, problems, 'visitor');
    await page.goto(`${base}/demo/${file}`);
    await Promise.all([page.waitForURL(/\/wait\?r=/), page.click('#help')]);
    const waitUrl = page.url();
    t.is(await page.getAttribute('html', 'lang'), 'en', 'an English browser: the waiting page in English');
    t.is(await page.textContent('h1'), en['wait.title_nobody'], 'its title');

    await Promise.all([page.waitForURL(waitUrl), page.selectOption('#lang-choice', 'es')]);
    // A selector, not a function run in the page: the page is navigating, and Firefox
    // runs such a function in the new document before it has a root element
    // ("document.documentElement is null", reported as the page's own error).
    await page.waitForSelector('html[lang="es"]', { state: 'attached', timeout: QUICK });
    t.is(await page.getAttribute('html', 'lang'), 'es', 'Español picked: the waiting page is in Spanish');
    t.is(await page.textContent('h1'), es['wait.title_nobody'], 'its title in Spanish');
    t.is((await page.textContent('#place')).trim(), es['wait.ahead.one'].replace('{n}', '1'), 'the place in Spanish');
    t.ok((await page.textContent('#choices')).includes(es['wait.choice_message_link']), 'and the choices');
    t.is(await page.inputValue('#lang-choice'), 'es', 'the picker shows Español');
    await t.screenshot(page, 'lang-waiting-es');

    await page.reload();
    t.is(await page.textContent('h1'), es['wait.title_nobody'], 'reloaded, it stays Spanish (kept with the request)');

    // The one ahead leaves: the page's script rewrites the place, in Spanish.
    await Promise.all([first.waitForURL(/\/wait\?r=/), first.click('#cancel-form button[type=submit]')]);
    await page.waitForFunction((want) => document.getElementById('place').textContent.trim() === want,
      es['wait.next'], { timeout: QUICK });
    t.is((await page.textContent('#place')).trim(), es['wait.next'], 'the live update says "next" in Spanish');
    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
    await ctx.close();
    await aheadCtx.close();

    // The viewer, for a visitor from a Spanish page and an English agent.
    const c = await openConversation(browser, problems, { lang: 'es', agentName: 'Ed English', visitorName: 'Lucía', prefix: `lang${quiet.client}` });
    const { agent, visitor } = c;
    await visitor.goto(c.home);
    await visitor.waitForFunction((want) => document.getElementById('help').textContent === want,
      es['widget.available'], { timeout: QUICK }).catch(() => {});
    const link = await visitor.textContent('#help');
    t.ok([es['widget.available'], es['widget.busy']].includes(link) || link.startsWith(es['widget.busy_wait'].split('{')[0]),
      `the help link on the Spanish page speaks Spanish: "${link}"`);
    await visitor.goto(c.channelUrl);
    t.is(await visitor.getAttribute('html', 'lang'), 'es', 'the viewer is in Spanish for the visitor');
    t.is((await visitor.textContent('#help-button')).trim(), es['viewer.help'], 'its tools');
    t.is(await visitor.getAttribute('#say-text', 'placeholder'), es['viewer.type'], 'its message box');
    t.is((await visitor.textContent('#say-form button[type=submit]')).trim(), es['viewer.send'], 'its send button');
    if (await visitor.locator('#call-button').count()) {
      t.is((await visitor.textContent('#call-button')).trim(), es['call.call'], 'the call button (templates/call.cs)');
    }
    t.is((await visitor.textContent('#draw-button')).trim(), es['board.draw'], 'the whiteboard\'s (templates/whiteboard.cs)');
    t.ok((await visitor.textContent('#lines')).includes(es['chat.joined'].replace('{name}', 'Ed English')),
      'the agent\'s joining, in Spanish');
    const leadWords = [es['viewer.nobody_leads'], es['viewer.leads'].replace('{name}', 'Ed English'), es['viewer.you_lead']];
    await visitor.waitForFunction((want) => want.some((w) => document.getElementById('lead-status').textContent.includes(w)),
      leadWords, { timeout: QUICK });
    t.ok(true, `the lead, written by viewer.js, in Spanish: "${await visitor.textContent('#lead-status')}"`);
    await agent.fill('#say-text', 'Hello');
    await visitor.waitForFunction((want) => document.getElementById('typing').textContent.includes(want),
      es['viewer.typing'].replace('{name}', 'Ed English'), { timeout: QUICK });
    t.ok(true, 'the agent typing, in Spanish');
    const english = Object.keys(en).filter((k) => /^(viewer|call|board)\./.test(k) && en[k] !== es[k] && en[k].length > 8)
      .map((k) => en[k]).filter((w) => !w.includes('{'));
    const shown = await visitor.evaluate(() => document.body.innerText);
    t.is(english.filter((w) => shown.includes(w)).join(' | '), '', 'no English label of the viewer left on the visitor\'s screen');
    await t.screenshot(visitor, 'lang-viewer-es');
    t.is(await agent.getAttribute('html', 'lang'), 'en', 'the agent\'s viewer stays English');
    t.is((await agent.textContent('#help-button')).trim(), en['viewer.help'], 'with English tools');
    await c.agentCtx.close();
    await c.visitorCtx.close();
  } catch (e) {
    t.ok(false, 'the browser run finished', `${e.stack}\n${problems.join('\n')}`);
  } finally {
    await browser.close();
    fs.rmSync(path.join(dir, 'demo', file), { force: true });
    for (const f of fs.readdirSync(path.join(dir, 'demo'))) if (f.startsWith(`lang${quiet.client}-`)) fs.rmSync(path.join(dir, 'demo', f), { force: true });
  }
  t.done();
})();
