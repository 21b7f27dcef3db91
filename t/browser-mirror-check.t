#!/usr/bin/env node
// What mirror mode refuses to copy (htdocs/js/mirror.js, issue 20), in a
// real browser (Debian's Chromium; t/browser-mirror-check-firefox.t runs it
// in Firefox ESR): window.BatonMirror.check(), the test the script makes
// before offering to share a page, on the demo shop's pages served from an
// origin of their own. The basket can be mirrored; the store map (a
// canvas) cannot; nor can the basket once it shows another page in a
// frame, holds a widget in a closed or an open shadow root, or grows past
// the 2 MB a snapshot may be. Baton's own widget panel (a frame) does not
// count. (t/browser-mirror-fallback.t shows the agent told why.)
'use strict';
const t = require('./lib/browser.js');
const S = require('./lib/mirror-shop.js');

const { QUICK } = S;

(async () => {
  const base = process.env.BATON_URL;
  if (!base || !process.env.BATON_DIR) t.skipAll('no running stack: run through `make test`');
  const agent = t.newAgent('Check Agent');
  const key = t.newSite(agent.client, ['127.0.0.1', 'localhost'], 'Demo shop');
  const shop = await S.openShop(key, base);
  const browser = await t.launch();
  const problems = [];
  try {
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const page = await ctx.newPage();
    t.watchPage(page, problems, 'visitor');
    const open = async (name) => {
      await page.goto(`${shop.url}/${name}`);
      await page.waitForFunction(() => window.BatonMirror, null, { timeout: QUICK });
    };
    const check = () => page.evaluate(() => window.BatonMirror.check());

    await open('basket.html');
    t.is(await check(), null, 'the basket can be mirrored');
    // Baton's widget opens its panel in a frame: that is Baton's own.
    await page.click('a[data-baton-help]');
    await page.waitForSelector('div[data-baton-widget] iframe', { timeout: QUICK });
    t.is(await check(), null, 'with the widget\'s panel open too');

    await open('stores.html');
    t.is(await check(), 'canvas', 'the store map, drawn on a canvas, cannot');

    await open('basket.html');
    await page.evaluate(() => {
      const f = document.createElement('iframe');
      f.src = 'about:blank';
      f.width = 400;
      f.height = 200;
      document.querySelector('main').append(f);
    });
    t.is(await check(), 'frames', 'nor a page showing another in a frame');

    await open('basket.html');
    await page.evaluate(() => {
      const host = document.createElement('shop-reviews');
      host.style.display = 'block';
      host.attachShadow({ mode: 'closed' }).innerHTML = '<p>Rated 4.8 by 212 shoppers</p>';
      document.querySelector('main').append(host);
    });
    t.is(await check(), 'shadow', 'nor one with a widget in a closed shadow root');

    await open('basket.html');
    await page.evaluate(() => {
      const host = document.createElement('div');
      host.attachShadow({ mode: 'open' }).innerHTML = '<p>Delivery in 2 days</p>';
      document.querySelector('main').append(host);
    });
    t.is(await check(), 'shadow', 'nor one with an open shadow root (its content would not be copied)');

    await open('basket.html');
    await page.evaluate(() => {
      const list = document.createElement('ul');
      const line = 'A long description of a product, as shops write them. '.repeat(4);
      for (let i = 0; i < 12000; i++) {
        const li = document.createElement('li');
        li.textContent = `${i}: ${line}`;
        list.append(li);
      }
      document.querySelector('main').append(list);
    });
    t.is(await check(), 'large', 'nor one whose snapshot would pass 2 MB');

    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    t.ok(false, 'the browser run finished', `${e.stack}\n${problems.join('\n')}`);
  } finally {
    await browser.close();
    shop.close();
  }
  t.done();
})();
