#!/usr/bin/env node
// Mirror mode's fallbacks in a real browser (Debian's Chromium;
// t/browser-mirror-fallback-firefox.t runs it in Firefox ESR), issue 20:
// where the visitor's page cannot be mirrored, or the visitor says no, the
// agent is told so and co-browses by address as without the mirror.
//   - The basket with a widget built in a closed shadow root (added by the
//     test: the script cannot see inside it): not offered, the agent told.
//   - The demo shop's store map (htdocs/demo/stores.html) is drawn on a
//     canvas: the site script does not offer to share it and tells the
//     agent why; the agent's view shows the page loaded by its address.
//   - On the basket the visitor answers the offer "No thanks": the agent
//     is told, nothing of the page is sent (the stored mirror events and
//     the network log hold only the two notices, no snapshot, change or
//     value) and the visitor is not asked again on the next page.
// No console errors. Screenshots: t/artifacts/mirror-fallback-*.png.
'use strict';
const t = require('./lib/browser.js');
const S = require('./lib/mirror-shop.js');

const { QUICK } = S;

(async () => {
  const base = process.env.BATON_URL;
  if (!base || !process.env.BATON_DIR) t.skipAll('no running stack: run through `make test`');

  const agent = t.newAgent('Dana Agent');
  const key = t.newSite(agent.client, ['127.0.0.1', 'localhost'], 'Demo shop');
  const shop = await S.openShop(key, base);

  const browser = await t.launch();
  const problems = [];
  let dana = null;
  let channelId = null;
  try {
    const agentCtx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const visitorCtx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const sent = []; // every post to /mirror the visitor's pages made
    await visitorCtx.route(`${base}/mirror`, (route) => {
      sent.push(route.request().postData() || '');
      route.fallback();
    });
    dana = await agentCtx.newPage();
    const vera = await visitorCtx.newPage();
    t.watchPage(dana, problems, 'agent');
    t.watchPage(vera, problems, 'visitor');
    await S.signInAgent(dana, base, agent);

    // A page with part of it in a closed shadow root: not offered.
    await vera.goto(`${shop.url}/basket.html`);
    await vera.evaluate(() => {
      const host = document.createElement('shop-reviews');
      host.style.display = 'block';
      host.attachShadow({ mode: 'closed' }).innerHTML = '<p>Rated 4.8 by 212 shoppers</p>';
      document.querySelector('main').prepend(host);
    });
    channelId = await S.askAndAccept(vera, dana, base, 'Vera Visitor', 'Which shop is nearest to the station?');
    await dana.waitForSelector('#mirror.unavailable[data-state=cannot]', { timeout: QUICK });
    t.ok((await dana.textContent('#mirror-notice')).includes('cannot be mirrored (parts of it are hidden in shadow DOM)'),
      'a page built partly in a closed shadow root: the agent is told it cannot be mirrored, and why');
    t.is(await vera.locator('[data-baton-mirror]').count(), 0, 'the visitor is not asked to share it');

    // A page drawn on a canvas: not offered, the agent told why.
    await Promise.all([vera.waitForURL(`${shop.url}/stores.html`), vera.click('#collect-link')]);
    await dana.waitForFunction(() => document.getElementById('mirror-notice').textContent.includes('drawn on a canvas'), null, { timeout: QUICK });
    t.ok((await dana.textContent('#mirror-notice')).includes('cannot be mirrored (it is drawn on a canvas)'),
      'a page drawn on a canvas: the agent is told it cannot be mirrored, and why');
    t.ok((await dana.textContent('#mirror-notice')).includes('you see it by its address'), 'and that they see it by its address');
    await dana.waitForFunction((u) => {
      const f = document.getElementById('view');
      return f && !f.hidden && f.src === u;
    }, `${shop.url}/stores.html`, { timeout: QUICK });
    const view = await (await dana.$('#view')).contentFrame();
    await view.waitForSelector('#store-map', { state: 'visible', timeout: QUICK });
    t.ok(await dana.isVisible('#view'), 'the agent co-browses the page by its address, as without the mirror');
    t.ok(!(await dana.isVisible('#mirror-frame')), 'with no copy of it over the view');
    t.is(await vera.locator('[data-baton-mirror]').count(), 0, 'the visitor is not asked to share a page that cannot be');
    await t.screenshot(dana, 'mirror-fallback-1-canvas');

    // The basket: offered, and declined.
    await Promise.all([vera.waitForURL(`${shop.url}/basket.html`), vera.click('main a[href="basket.html"]')]);
    const offer = vera.locator('[data-baton-mirror=offer]');
    await offer.waitFor({ timeout: QUICK });
    await offer.locator('button', { hasText: 'No thanks' }).click();
    await dana.waitForSelector('#mirror.unavailable[data-state=declined]', { timeout: QUICK });
    t.ok((await dana.textContent('#mirror-notice')).includes('Vera Visitor chose not to share their page'),
      'the visitor says no: the agent is told');
    t.is(await vera.locator('[data-baton-mirror]').count(), 0, 'the offer is gone from the visitor\'s page');
    await dana.waitForFunction((u) => document.getElementById('view').src === u, `${shop.url}/basket.html`, { timeout: QUICK });
    t.ok(await dana.isVisible('#view'), 'and the agent co-browses the basket by its address');
    await t.screenshot(dana, 'mirror-fallback-2-declined');

    // The next page does not ask again (the answer holds for the visit).
    await Promise.all([vera.waitForURL(`${shop.url}/stores.html`), vera.click('#collect-link')]);
    await S.panelFrame(vera, base, /^\/channel$/);
    await Promise.all([vera.waitForURL(`${shop.url}/basket.html`), vera.click('main a[href="basket.html"]')]);
    await S.panelFrame(vera, base, /^\/channel$/);
    // Something the visitor says after the page settles is the mark that
    // anything the page would have sent has been sent.
    const frame = await S.panelFrame(vera, base, /^\/channel$/);
    await frame.fill('#say-text', 'Back on the basket.');
    await frame.press('#say-text', 'Enter');
    await dana.locator('#lines li.event-line', { hasText: 'Back on the basket.' }).waitFor({ timeout: QUICK });
    t.is(await vera.locator('[data-baton-mirror=offer]').count(), 0, 'the visitor who said no is not asked again on the next page');

    // Nothing of the page reached the server: only the two notices.
    const stored = S.mirrorEvents(channelId);
    const kinds = stored.map((b) => JSON.parse(b).t);
    t.ok(kinds.length >= 3 && kinds.every((k) => k === 'cannot' || k === 'declined'),
      'the stored mirror events are only "cannot" and "declined": no snapshot, change or value', stored.join('\n'));
    const NOTICES = ['{"t":"cannot","why":"shadow"}', '{"t":"cannot","why":"canvas"}', '{"t":"declined"}'];
    t.ok(stored.every((b) => NOTICES.includes(b)) && NOTICES.every((n) => stored.includes(n)),
      'and they carry nothing of the page: why it cannot be, or that the visitor said no', stored.join('\n'));
    t.ok(!stored.some((b) => b.includes('Vera Visitor') || b.includes('Stovetop')), 'not the shopper\'s name nor the basket');
    if (t.browserName === 'firefox' && !sent.some((b) => b)) {
      // Playwright's Firefox shows no body of a fetch made by a frame of
      // another origin (the panel): the stored events above are the proof.
      console.log('# the network log of the panel\'s posts is inspected in the Chromium run');
    } else {
      const data = sent.map((b) => new URLSearchParams(b).get('data'));
      t.ok(data.length >= 3 && data.every((d) => NOTICES.includes(d)),
        'the network log: the visitor\'s pages posted only those notices to /mirror', data.join('\n'));
    }

    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    let stored = '';
    try {
      stored = channelId ? S.mirrorEvents(channelId).map((b) => b.slice(0, 80)).join('\n') : '';
    } catch (err) { /* no database */ }
    let notice = '';
    try {
      notice = await dana.evaluate(() => { const n = document.getElementById('mirror-notice'); return n ? n.textContent : '(no notice)'; });
    } catch (err) { notice = `(${err.message})`; }
    t.ok(false, 'the browser run finished', `${e.stack}\n${problems.join('\n')}\nmirror events:\n${stored}\nagent: ${notice}`);
  } finally {
    await browser.close();
    shop.close();
  }
  t.done();
})();
