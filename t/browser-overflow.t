#!/usr/bin/env node
// The overflow page in a real browser (Debian's Chromium;
// t/browser-overflow-firefox.t runs it in Firefox ESR): the client counts
// its desk as overloaded past 5 minutes of wait, and nobody is there; a
// visitor clicks the site's help link, types her name and question, and
// instead of the queue gets the overflow page with what she typed already
// in its message form; she adds how to reach her and sends it, and is
// thanked. No console errors or CSP violations; no serious accessibility
// problem. Screenshot: t/artifacts/overflow-1-page.png.
'use strict';
const fs = require('fs');
const path = require('path');
const t = require('./lib/browser.js');

const QUICK = 10000;

(async () => {
  const base = process.env.BATON_URL;
  const dir = process.env.BATON_DIR;
  if (!base || !dir) t.skipAll('no running stack: run through `make test`');
  if (!fs.existsSync(path.join(dir, 'demo'))) t.skipAll(`${dir}/demo/ missing: tools/stack makes it on start`);

  const client = t.uniqueName('bo');
  t.admin(null, 'client', 'add', client, `Client ${client}`);
  const key = t.newSite(client, ['127.0.0.1', 'localhost'], 'Busy shop');
  t.admin(null, 'client', 'set', client, 'overflow_after_minutes', '5');
  const pageName = `overflow-${client}.html`;
  fs.writeFileSync(path.join(dir, 'demo', pageName), `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Busy shop</title><link rel="icon" href="${base}/favicon.svg"></head>
<body><h1>Busy shop</h1>
<p><a id="help" href="${base}/help?site=${key}">Talk to us</a></p>
</body></html>
`);
  const sitePage = `${base.replace('//127.0.0.1:', '//localhost:')}/demo/${pageName}`;

  const browser = await t.launch();
  const problems = [];
  try {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 900 } });
    const olga = await ctx.newPage();
    t.watchPage(olga, problems, 'visitor');
    await olga.goto(sitePage);
    await Promise.all([olga.waitForURL(/\/help\?/), olga.click('#help')]);
    await olga.fill('#name', 'Olga Overflow');
    await olga.fill('#question', 'Where is my parcel?');
    await Promise.all([olga.waitForNavigation(), olga.click('#help-form button[type=submit]')]);
    await olga.waitForSelector('#overflow', { timeout: QUICK });
    t.ok(/Nobody can answer right now\./.test(await olga.textContent('#overflow-why')),
      'with nobody at an overloaded desk the visitor gets the overflow page, not the queue');
    t.is(await olga.inputValue('#overflow-name'), 'Olga Overflow', 'her name is carried into the message form');
    t.is(await olga.inputValue('#overflow-question'), 'Where is my parcel?', 'and her question');
    // Without the site script's page=, the browser's Referer (its origin, across sites) is the page.
    const later = await olga.getAttribute('#overflow-later a', 'href');
    t.is(new URL(later).host, new URL(sitePage).host, 'trying later leads back to the site she was on', later);
    await t.screenshot(olga, 'overflow-1-page');
    const a11y = await t.accessibilityProblems(olga);
    t.is(a11y.length, 0, 'the overflow page has no serious accessibility problems', a11y.join('\n'));

    await olga.fill('#overflow-contact', 'olga@example.com');
    await Promise.all([olga.waitForURL(/\/wait\?r=/), olga.click('#overflow-message-form button[type=submit]')]);
    const thanks = await olga.textContent('body');
    t.ok(/Your message has been passed on to Client/.test(thanks), 'she leaves a message and is thanked', thanks.slice(0, 400));
    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    t.ok(false, 'the browser run finished', `${e.stack}\n${problems.join('\n')}`);
  } finally {
    await browser.close();
  }
  t.done();
})();
