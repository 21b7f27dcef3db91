#!/usr/bin/env node
// The visitor's profile in a real browser (Debian's Chromium;
// t/browser-profile-firefox.t runs it in Firefox ESR): a page of a client's
// shop reports events with the documented one line (queued before the site
// script loads) and with Baton.event() after; the widget's help panel
// carries them to the visitor's profile; the visitor asks, giving name and
// e-mail; on the client's blog (another site) the panel greets them with
// both filled in; the visitor's own profile page lists both sites' trails.
// Screenshot: t/artifacts/profile-blog.png.
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
  const agent = t.newAgent('Pat Profile');
  const shop = t.newSite(agent.client, ['127.0.0.1', 'localhost'], 'Profile shop');
  const blog = t.newSite(agent.client, ['127.0.0.1', 'localhost'], 'Profile blog');
  const page = (name, key, extra) => {
    fs.writeFileSync(path.join(dir, 'demo', name), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${name}</title>
<link rel="icon" href="${base}/favicon.svg"></head>
<body><h1>${name}</h1>
<script>(window.BatonEvents = window.BatonEvents || []).push('viewed-pricing')</script>
<p><a id="help" href="${base}/help?site=${key}&amp;topic=kettles" data-baton-help>Talk to us</a></p>
<script src="${base}/js/baton-site.js" async></script>${extra || ''}
</body></html>
`);
    return `${base}/demo/${name}`;
  };
  const shopPage = page(`profile-shop-${agent.client}.html`, shop);
  const blogPage = page(`profile-blog-${agent.client}.html`, blog);

  const browser = await t.launch();
  const problems = [];
  try {
    const ctx = await browser.newContext({ viewport: { width: 1000, height: 760 } });
    const vera = await ctx.newPage();
    t.watchPage(vera, problems, 'visitor');
    await vera.goto(shopPage);
    await vera.waitForFunction(() => window.Baton && typeof window.Baton.event === 'function', null, { timeout: QUICK });
    t.ok(await vera.evaluate(() => window.Baton.event('added-to-cart')), 'Baton.event() takes a name');
    t.ok(!(await vera.evaluate(() => window.Baton.event('no spaces <here>'))), 'and refuses a bad one');
    await vera.click('#help');
    const panelFrame = async () => {
      const deadline = Date.now() + QUICK;
      for (;;) {
        const f = vera.frames().find((fr) => /\/help\?/.test(fr.url()));
        if (f) return f;
        if (Date.now() > deadline) throw new Error('no help panel frame');
        await vera.waitForTimeout(100);
      }
    };
    let frame = await panelFrame();
    t.ok(/events=viewed-pricing%2Cadded-to-cart|events=viewed-pricing,added-to-cart/.test(frame.url()),
      'the panel carries the page\'s events', frame.url());
    t.ok(/topic=kettles/.test(frame.url()), 'and the link\'s own parameters');
    await frame.waitForSelector('#help-form', { timeout: QUICK });
    await frame.fill('#name', 'Vera Lynn');
    await frame.fill('#email', 'vera@example.com');
    await frame.fill('#question', 'Which kettle boils fastest?');
    await frame.click('#help-form button[type=submit]');
    // She gives up waiting, and later asks on the blog.
    const deadline = Date.now() + QUICK;
    while (!vera.frames().some((fr) => /\/wait\?r=/.test(fr.url())) && Date.now() < deadline) await vera.waitForTimeout(100);
    const waiting = vera.frames().find((fr) => /\/wait\?r=/.test(fr.url()));
    t.ok(waiting, 'the question is in the queue');
    await waiting.waitForSelector('#cancel-form button', { timeout: QUICK });
    await waiting.click('#cancel-form button');
    const until = Date.now() + QUICK;
    let cancelled = false;
    while (!cancelled && Date.now() < until) {
      cancelled = await waiting.evaluate(() => !document.querySelector('#cancel-form')).catch(() => false);
      if (!cancelled) await vera.waitForTimeout(100);
    }
    t.ok(cancelled, 'she gives up waiting');

    await vera.goto(blogPage);
    await vera.waitForSelector('#help', { timeout: QUICK });
    await vera.click('#help');
    frame = await panelFrame();
    await frame.waitForSelector('#help-form', { timeout: QUICK });
    t.is(await frame.inputValue('#name'), 'Vera Lynn', 'on the blog her name is filled in');
    t.is(await frame.inputValue('#email'), 'vera@example.com', 'and her e-mail address');
    await t.screenshot(vera, 'profile-blog');

    const mine = await ctx.newPage();
    t.watchPage(mine, problems, 'profile page');
    await mine.goto(`${base}/myprofile?site=${blog}`);
    const trail = await mine.textContent('#profile-trail');
    t.ok(/Profile shop/.test(trail) && /Which kettle boils fastest\?/.test(trail), 'her profile has the shop\'s trail', trail);
    const events = await mine.textContent('#profile-events');
    t.ok(/viewed-pricing/.test(events) && /added-to-cart/.test(events), 'and the events the page reported', events);
    t.ok((await t.accessibilityProblems(mine)).length === 0, 'the profile page has no serious accessibility problems');
    t.is(problems.length, 0, 'no console errors or CSP violations', problems.join('\n'));
  } finally {
    await browser.close();
    for (const name of [path.basename(shopPage), path.basename(blogPage)]) fs.rmSync(path.join(dir, 'demo', name), { force: true });
  }
  t.done();
})().catch((e) => {
  console.log(`not ok - ${e.stack || e}`);
  process.exit(1);
});
