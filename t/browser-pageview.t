#!/usr/bin/env node
// Pages seen and the time on them, from the site script in a real browser
// (Debian's Chromium; t/browser-pageview-firefox.t runs it in Firefox ESR):
// a visitor reads the pricing page, goes on to the shop and asks there;
// the beacon sent as the pricing page is left, and the help link carrying
// the tab's trail, put the page and its time in the visitor's own profile
// view. A page that set BatonTracking = false reports nothing.
// Screenshot: t/artifacts/pageview-profile.png.
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
  const agent = t.newAgent('Pia Pages');
  const shop = t.newSite(agent.client, ['127.0.0.1', 'localhost'], 'Pages shop');
  const made = [];
  const page = (name, extra) => {
    const file = `${name}-${agent.client}.html`;
    fs.writeFileSync(path.join(dir, 'demo', file), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${name}</title>
<link rel="icon" href="${base}/favicon.svg"></head>
<body><h1>${name}</h1>${extra || ''}
<p><a id="help" href="${base}/help?site=${shop}" data-baton-help>Talk to us</a></p>
<script src="${base}/js/baton-site.js" async></script>
</body></html>
`);
    made.push(file);
    return `${base}/demo/${file}`;
  };
  const pricing = page('pricing');
  const shopPage = page('shop');
  const declined = page('declined', '<script>window.BatonTracking = false</script>');

  const browser = await t.launch();
  const problems = [];
  try {
    const ctx = await browser.newContext({ viewport: { width: 1000, height: 760 } });
    // Every beacon the site script sends is noted in the origin's storage
    // (the test's pages and Baton share it) and still sent.
    await ctx.addInitScript(() => {
      const send = navigator.sendBeacon && navigator.sendBeacon.bind(navigator);
      if (!send) return;
      navigator.sendBeacon = (url, body) => {
        try {
          const list = JSON.parse(localStorage.getItem('test-beacons') || '[]');
          list.push(`${url} ${String(body)}`);
          localStorage.setItem('test-beacons', JSON.stringify(list));
        } catch (e) { /* noted or not, it goes */ }
        return send(url, body);
      };
    });
    let beacons = [];
    const beaconFor = async (where, fragment) => {
      const deadline = Date.now() + QUICK;
      for (;;) {
        beacons = JSON.parse((await where.evaluate(() => localStorage.getItem('test-beacons'))) || '[]').map(decodeURIComponent);
        if (beacons.some((b) => b.includes(fragment))) return;
        if (Date.now() > deadline) throw new Error(`no beacon for ${fragment}: ${beacons.join(' | ')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const vera = await ctx.newPage();
    t.watchPage(vera, problems, 'visitor');
    await vera.goto(pricing);
    await vera.waitForFunction(() => window.Baton && typeof window.Baton.event === 'function', null, { timeout: QUICK });
    // A page in view for more than a second: its time says so.
    await vera.waitForFunction(() => performance.now() > 1500, null, { timeout: QUICK });
    await vera.goto(shopPage);
    await beaconFor(vera, `pricing-${agent.client}.html`);
    t.is(beacons.length, 1, 'leaving the pricing page sends one beacon');
    await vera.waitForSelector('#help', { timeout: QUICK });
    await vera.click('#help');
    let frame;
    const deadline = Date.now() + QUICK;
    while (!(frame = vera.frames().find((fr) => /\/help\?/.test(fr.url())))) {
      if (Date.now() > deadline) throw new Error('no help panel frame');
      await vera.waitForTimeout(100);
    }
    t.ok(/[?&]trail=[0-9a-f]{32}/.test(frame.url()), 'the help link carries the tab\'s trail', frame.url());
    await frame.waitForSelector('#help-form', { timeout: QUICK });
    await frame.fill('#question', 'Is there a discount for a year?');
    await frame.click('#help-form button[type=submit]');

    const mine = await ctx.newPage();
    t.watchPage(mine, problems, 'profile page');
    let pages = '';
    const until = Date.now() + QUICK;
    while (!/pricing-/.test(pages) && Date.now() < until) {
      await mine.goto(`${base}/myprofile?site=${shop}`);
      pages = (await mine.textContent('#profile-pages').catch(() => '')) || '';
    }
    t.ok(new RegExp(`pricing-${agent.client}\\.html`).test(pages), 'the visitor\'s profile lists the pricing page', pages);
    const seconds = Number((pages.match(new RegExp(`pricing-${agent.client}\\.html\\s+(\\d+) seconds`)) || [])[1]);
    t.ok(seconds >= 1, 'with the time it was in view', pages);
    await t.screenshot(mine, 'pageview-profile');

    // Declined: nothing reported from that page.
    await vera.evaluate(() => localStorage.removeItem('test-beacons'));
    await vera.goto(declined);
    await vera.waitForFunction(() => window.Baton && typeof window.Baton.event === 'function', null, { timeout: QUICK });
    await vera.goto(pricing);
    await vera.goto(shopPage);
    await beaconFor(vera, `pricing-${agent.client}.html&seconds`);
    t.ok(beacons.some((b) => /\/pageview site=[0-9a-f]{32}&trail=[0-9a-f]{32}&page=.*pricing-.*&seconds=\d+$/.test(b)),
      'the next pages report as before', beacons.join(' | '));
    t.ok(!beacons.some((b) => b.includes(`declined-${agent.client}.html`)),
      'a page that declined tracking reported nothing', beacons.join(' | '));
    t.is(problems.length, 0, 'no console errors or CSP violations', problems.join('\n'));
  } finally {
    await browser.close();
    for (const name of made) fs.rmSync(path.join(dir, 'demo', name), { force: true });
  }
  t.done();
})().catch((e) => {
  console.log(`not ok - ${e.stack || e}`);
  process.exit(1);
});
