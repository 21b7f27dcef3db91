#!/usr/bin/env node
// The visitor's language in a real browser (Debian's Chromium;
// t/browser-lang-firefox.t runs it in Firefox ESR): a visitor on an English
// browser asks for help, gets the waiting page in English, picks Español
// in the language picker and sees the waiting page in Spanish (its title,
// place and choices), and it stays Spanish when it reloads; the live
// updates of the page's script speak Spanish too (a second visitor ahead
// leaves: the place is rewritten in Spanish). Screenshot:
// t/artifacts/lang-waiting-es.png.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const t = require('./lib/browser.js');

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
    await page.waitForFunction(() => document.documentElement.lang === 'es', null, { timeout: QUICK });
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
  } catch (e) {
    t.ok(false, 'the browser run finished', `${e.stack}\n${problems.join('\n')}`);
  } finally {
    await browser.close();
    fs.rmSync(path.join(dir, 'demo', file), { force: true });
  }
  t.done();
})();
