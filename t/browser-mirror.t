#!/usr/bin/env node
// Mirror mode in a real browser (Debian's Chromium; t/browser-mirror-firefox.t
// runs it in Firefox ESR), issue 20: the demo shop's basket (htdocs/demo/
// basket.html: the shopper's data shows only with their cookie), with the
// site script and js/mirror.js, served from an origin of its own. The
// visitor asks for help in the widget's panel; once the agent accepts, the
// page offers to share itself; shared, the agent sees the visitor's own
// page (their name and basket, which the agent's own load of the address
// does not show) rebuilt in a sandboxed frame, the visitor's own pointer
// over it, the whiteboard's marks over it and on the visitor's real page,
// the visitor's typing and a ring around the field they are in (marked
// private, with no value, in a private field). The snapshot travels
// gzipped (both browsers have CompressionStream): the test inflates it to
// search it.
// The card number, the security code and a block marked data-baton-private
// are masked in the visitor's browser: their values appear in no request
// any page sent and in no stored event. Without the visitor's leave the
// agent's click is a highlight on the visitor's page; with it the agent
// fills a field, the visitor sees it and changes it. A failing connection
// catches up. The visitor stops sharing: the agent's copy freezes with a
// notice. No console errors. Screenshots: t/artifacts/mirror-*.png.
'use strict';
const fs = require('fs');
const path = require('path');
const t = require('./lib/browser.js');
const S = require('./lib/mirror-shop.js');

const { QUICK, sql, holds } = S;
const CARD = '4111 1111 1111 1111';

(async () => {
  const base = process.env.BATON_URL;
  if (!base || !process.env.BATON_DIR) t.skipAll('no running stack: run through `make test`');

  const agent = t.newAgent('Dana Agent');
  const key = t.newSite(agent.client, ['127.0.0.1', 'localhost'], 'Demo shop');
  const shopServer = await S.openShop(key, base);
  const shop = shopServer.url;

  const browser = await t.launch();
  const problems = [];
  try {
    const agentCtx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const visitorCtx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    // The network log: every request body any of the visitor's or the
    // agent's pages sent (the pages, the panel, the viewer).
    const sent = [];
    // (Posts to /mirror are read where they are routed: Firefox's request
    // events carry no body for a frame's fetch.)
    for (const ctx of [agentCtx, visitorCtx]) {
      ctx.on('request', (req) => { if (req.method() === 'POST') sent.push({ url: req.url(), body: req.postData() || '' }); });
      await ctx.route(`${base}/mirror`, (route) => {
        sent.push({ url: route.request().url(), body: route.request().postData() || '' });
        route.fallback();
      });
    }
    var dana = await agentCtx.newPage(); // eslint-disable-line no-var
    const vera = await visitorCtx.newPage();
    const allowed = [];
    t.watchPage(dana, problems, 'agent');
    t.watchPage(vera, problems, 'visitor', allowed);

    await S.signInAgent(dana, base, agent);
    const panelFrame = (pathRe) => S.panelFrame(vera, base, pathRe);

    // The visitor signs in to the shop: their basket shows.
    await vera.goto(`${shop}/basket.html`);
    await Promise.all([vera.waitForLoadState('load'), vera.click('#demo-signin')]);
    await vera.waitForSelector('#signed-in:not([hidden])', { timeout: QUICK });
    t.is(await vera.textContent('#shopper-name'), 'Vera Visitor', 'the visitor sees their own basket');

    // Asks in the panel; the agent accepts.
    const channelId = await S.askAndAccept(vera, dana, base, 'Vera Visitor', 'The payment button does nothing, can you look?');

    // The agent's own load of the address shows the sign-in, not the basket.
    const view = async () => (await dana.$('#view')).contentFrame();
    await dana.waitForFunction((u) => {
      const f = document.getElementById('view');
      return f && !f.hidden && f.src === u;
    }, `${shop}/basket.html`, { timeout: QUICK });
    const viewFrame = await view();
    await viewFrame.waitForSelector('#signed-out', { state: 'visible', timeout: QUICK });
    t.ok(true, 'the agent loading the address sees the sign-in: the basket is behind the visitor\'s cookie');

    // Consent: the page offers to share itself; nothing is sent before.
    const offer = vera.locator('[data-baton-mirror=offer]');
    await offer.waitFor({ timeout: QUICK });
    t.ok((await offer.textContent()).includes('Fields marked private are hidden'), 'the visitor is asked first, and told what stays hidden');
    t.is(sent.filter((r) => r.url.startsWith(`${base}/mirror`)).length, 0, 'nothing is mirrored before the visitor agrees');
    await t.screenshot(vera, 'mirror-1-offer');
    await vera.fill('#card-number', CARD); // typed before sharing: masked in the snapshot
    await offer.locator('button', { hasText: 'Share this page' }).click();
    const sharing = vera.locator('[data-baton-mirror=sharing]');
    await sharing.waitFor({ timeout: QUICK });
    t.ok((await sharing.textContent()).includes('The agent can see this page'), 'a banner says the agent sees the page');

    // The agent sees the visitor's own page.
    await dana.waitForSelector('#mirror[data-ready="1"]', { timeout: QUICK });
    const inMirror = (fn, arg) => dana.evaluate(([f, a]) => {
      const doc = document.getElementById('mirror-frame').contentDocument;
      // eslint-disable-next-line no-new-func
      return new Function('doc', 'a', f)(doc, a);
    }, [fn, arg]);
    const mirrorHas = async (fn, arg, what) => {
      const until = Date.now() + QUICK;
      for (;;) {
        if (await inMirror(fn, arg)) return;
        if (Date.now() > until) throw new Error(`the agent's mirror never showed ${what}`);
        await dana.waitForTimeout(50);
      }
    };
    await mirrorHas("const n = doc.getElementById('shopper-name'); return n && n.textContent === a;", 'Vera Visitor', 'the name');
    t.ok(true, 'the agent sees the visitor\'s own page: their name');
    t.ok(await inMirror("return doc.getElementById('signed-in') && !doc.getElementById('signed-in').hidden && doc.querySelectorAll('#basket tbody tr').length === 2;"),
      'and their basket');
    t.ok(await inMirror("return doc.querySelectorAll('script').length === 0;"), 'no script of the page reaches the agent');
    t.is(await dana.getAttribute('#mirror-frame', 'sandbox'), 'allow-same-origin', 'it is rebuilt in a frame with scripts disabled');
    t.ok(await inMirror("return [...doc.styleSheets].some((s) => s.href && s.href.endsWith('/shop.css'));"),
      'with the site\'s own stylesheet');
    t.is(await inMirror("return doc.getElementById('card-number').value;"), '\u2022\u2022\u2022\u2022', 'the card number typed before sharing is masked');
    t.is(await inMirror("return doc.getElementById('loyalty').textContent;"), '\u2022\u2022\u2022\u2022', 'a block marked data-baton-private is masked');

    // The visitor's own pointer shows in the agent's copy, where it is on
    // their page (not over the private block: the site script never reports that).
    const spot = await vera.evaluate(() => {
      document.getElementById('basket').scrollIntoView({ block: 'center' });
      const r = document.getElementById('basket').getBoundingClientRect();
      return { x: Math.round(r.left + 40), y: Math.round(r.top + 12), px: Math.round(r.left + 40 + window.scrollX), py: Math.round(r.top + 12 + window.scrollY) };
    });
    await vera.mouse.move(spot.x - 30, spot.y);
    await vera.mouse.move(spot.x, spot.y, { steps: 4 });
    await dana.waitForFunction(([x, y]) => {
      const p = document.getElementById('mirror-pointer');
      return p && !p.hidden && Number(p.dataset.x) === x && Number(p.dataset.y) === y;
    }, [spot.px, spot.py], { timeout: QUICK });
    t.ok(true, 'the visitor\'s own pointer shows in the agent\'s copy, where it is on their page');
    t.ok(await dana.evaluate(() => {
      const p = document.getElementById('mirror-pointer').getBoundingClientRect();
      const f = document.getElementById('mirror-frame').getBoundingClientRect();
      return p.left >= f.left && p.top >= f.top && p.left <= f.right && p.top <= f.bottom;
    }), 'drawn over the mirror frame');
    // The copy follows the visitor's scroll by its own messages, which may
    // land after the pointer's: wait until both are in (a deadline, not a
    // snapshot of a moment between them).
    t.ok(await dana.waitForFunction(() => {
      const p = document.querySelector('#mirror-pointer .mirror-pointer-dot').getBoundingClientRect();
      const f = document.getElementById('mirror-frame');
      const fr = f.getBoundingClientRect();
      const r = f.contentDocument.getElementById('basket').getBoundingClientRect();
      const s = Number(document.getElementById('mirror').dataset.scale) || 1;
      const x = p.left + p.width / 2;
      const y = p.top + p.height / 2;
      return x >= fr.left + r.left * s && x <= fr.left + r.right * s && y >= fr.top + r.top * s && y <= fr.top + r.bottom * s;
    }, null, { timeout: QUICK }).then(() => true, () => false),
    'over the basket in the copy, as it is over the basket on their page');
    t.ok((await dana.textContent('#mirror-pointer')).includes('Vera Visitor'), 'with the visitor\'s name');

    // The whiteboard over the copy: the agent (leading) draws a box around
    // the basket; it stands over the basket in the copy and on the
    // visitor's real page.
    await dana.click('#take-lead');
    await dana.waitForSelector('#draw-button:not([disabled])', { timeout: QUICK });
    await dana.click('#draw-button');
    await dana.click('.board-tool[data-tool=rect]');
    const basket = await dana.evaluate(() => {
      const f = document.getElementById('mirror-frame');
      const fr = f.getBoundingClientRect();
      const r = f.contentDocument.getElementById('basket').getBoundingClientRect();
      const s = Number(document.getElementById('mirror').dataset.scale) || 1;
      return { left: fr.left + r.left * s, top: fr.top + r.top * s, right: fr.left + r.right * s, bottom: fr.top + r.bottom * s };
    });
    await dana.mouse.move(basket.left - 15, basket.top - 15);
    await dana.mouse.down();
    await dana.mouse.move(basket.right + 15, basket.bottom + 15, { steps: 8 });
    await dana.mouse.up();
    await dana.waitForSelector('#mirror .mirror-marks rect', { state: 'attached', timeout: QUICK });
    t.ok(await dana.evaluate(() => {
      const m = document.querySelector('#mirror .mirror-marks rect').getBoundingClientRect();
      const f = document.getElementById('mirror-frame');
      const fr = f.getBoundingClientRect();
      const r = f.contentDocument.getElementById('basket').getBoundingClientRect();
      const s = Number(document.getElementById('mirror').dataset.scale) || 1;
      const near = (a, b) => Math.abs(a - b) <= 25;
      return near(m.left, fr.left + r.left * s - 15) && near(m.top, fr.top + r.top * s - 15)
        && near(m.right, fr.left + r.right * s + 15) && near(m.bottom, fr.top + r.bottom * s + 15);
    }), 'the agent draws over the mirror: the box stands around the basket in the copy');
    await vera.waitForSelector('svg[data-baton-marks] rect', { state: 'attached', timeout: QUICK });
    t.ok(await vera.evaluate(() => {
      const m = document.querySelector('svg[data-baton-marks] rect').getBoundingClientRect();
      const b = document.getElementById('basket').getBoundingClientRect();
      return m.left <= b.left && m.top <= b.top && m.right >= b.right && m.bottom >= b.bottom
        && m.width < b.width + 80 && m.height < b.height + 80;
    }), 'and the same box shows around the basket on the visitor\'s real page (the copy is laid out at their width)');
    t.ok(await inMirror("return doc.querySelectorAll('svg[data-baton-marks]').length === 0;"), 'where it is not mirrored back into the copy');
    await dana.click('#board-done');
    await dana.waitForSelector('#board-palette', { state: 'hidden', timeout: QUICK });
    await t.screenshot(dana, 'mirror-2-agent');
    await t.screenshot(vera, 'mirror-2-visitor');

    // Typing is mirrored; the card field is not.
    await vera.fill('#ship-street', 'Flat 3, 12 Elm Row');
    await mirrorHas("return doc.getElementById('ship-street').value === a;", 'Flat 3, 12 Elm Row', 'the street typed');
    t.ok(true, 'the visitor types and the agent sees it');
    await vera.fill('#card-number', '');
    await vera.type('#card-number', CARD);
    await vera.fill('#card-cvc', '731');
    await vera.fill('#ship-street', 'Flat 3, 12 Elm Row, Leith');
    await mirrorHas("return doc.getElementById('ship-street').value === a;", 'Flat 3, 12 Elm Row, Leith', 'the street typed after the card');
    t.is(await inMirror("return doc.getElementById('card-number').value;"), '\u2022\u2022\u2022\u2022', 'the card number typed while sharing shows masked');
    t.is(await inMirror("return doc.getElementById('card-cvc').value;"), '\u2022\u2022\u2022\u2022', 'so does the security code');

    // The visitor's focus: a ring around the field they are in, in the
    // agent's copy; in a private field, a ring marked private, no value.
    const ringAround = (selector, masked) => dana.waitForFunction(([sel, mk]) => {
      const ring = document.getElementById('mirror-focus');
      if (!ring || ring.hidden || (ring.dataset.masked === '1') !== mk || ring.classList.contains('masked') !== mk) return false;
      const f = document.getElementById('mirror-frame');
      const fr = f.getBoundingClientRect();
      const n = f.contentDocument.querySelector(sel).getBoundingClientRect();
      const s = Number(document.getElementById('mirror').dataset.scale) || 1;
      const a = ring.getBoundingClientRect();
      const b = { left: fr.left + n.left * s, top: fr.top + n.top * s, right: fr.left + n.right * s, bottom: fr.top + n.bottom * s };
      return getComputedStyle(ring).borderTopWidth !== '0px' && a.left <= b.left + 1 && a.top <= b.top + 1 && a.right >= b.right - 1
        && a.bottom >= b.bottom - 1 && a.width <= b.right - b.left + 12 && a.height <= b.bottom - b.top + 12;
    }, [selector, masked], { timeout: QUICK }).then(() => true, () => false);
    await vera.focus('#ship-street');
    t.ok(await ringAround('#ship-street', false), 'the visitor\'s focus shows in the agent\'s copy: a ring around the field they are in');
    t.ok((await dana.textContent('#mirror-focus')).includes('Vera Visitor'), 'with their name');
    await vera.focus('#card-number');
    t.ok(await ringAround('#card-number', true), 'they move to the card field: the ring moves there, marked private');
    t.ok((await dana.textContent('#mirror-focus')).includes('private field'), 'saying it is a private field');
    await t.screenshot(dana, 'mirror-2c-focus-private');
    t.is(await inMirror("return doc.getElementById('card-number').value;"), '\u2022\u2022\u2022\u2022', 'its value stays masked');
    await vera.focus('#card-cvc');
    t.ok(await ringAround('#card-cvc', true), 'and on to the security code');
    await vera.evaluate(() => document.activeElement.blur());
    t.ok(await dana.waitForFunction(() => document.getElementById('mirror-focus').hidden, null, { timeout: QUICK }).then(() => true, () => false),
      'the focus leaves the fields: the ring goes');
    await vera.focus('#ship-street');
    t.ok(await ringAround('#ship-street', false), 'back in the street field: the ring is there again');
    await t.screenshot(dana, 'mirror-2b-focus');

    // The agent acts: without leave, a highlight only.
    const clickInMirror = async (selector) => {
      const at = await dana.evaluate((sel) => {
        const f = document.getElementById('mirror-frame');
        const n = f.contentDocument.querySelector(sel);
        n.scrollIntoView({ block: 'center' });
        const fr = f.getBoundingClientRect();
        const r = n.getBoundingClientRect();
        const s = Number(document.getElementById('mirror').dataset.scale) || 1;
        return { x: fr.left + (r.left + Math.min(20, r.width / 2)) * s, y: fr.top + (r.top + r.height / 2) * s };
      }, selector);
      await dana.mouse.click(at.x, at.y);
    };
    await clickInMirror('#ship-note');
    await vera.waitForSelector('[data-baton-mirror=highlight]', { timeout: QUICK });
    t.ok(true, 'without the visitor\'s leave the agent\'s click shows on the visitor\'s page as a highlight');
    t.is(await dana.$('#mirror-fill'), null, 'and the agent is offered no fill');
    t.ok((await dana.textContent('#mirror-notice')).includes('has not let you fill in fields'), 'the agent is told why');

    // The agent's pointer over the copy shows on the visitor's real page.
    const over = await dana.evaluate(() => {
      const f = document.getElementById('mirror-frame');
      const r = f.contentDocument.getElementById('basket').getBoundingClientRect();
      const fr = f.getBoundingClientRect();
      const s = Number(document.getElementById('mirror').dataset.scale) || 1;
      return { x: fr.left + (r.left + 30) * s, y: fr.top + (r.top + 10) * s };
    });
    await dana.mouse.move(over.x - 20, over.y);
    await dana.mouse.move(over.x, over.y, { steps: 5 });
    await vera.waitForSelector('[data-baton-pointer]', { state: 'attached', timeout: QUICK });
    t.ok(true, 'the agent\'s pointer over the copy shows on the visitor\'s page');

    // With leave: the agent fills a field, the visitor sees it and changes it.
    await sharing.locator('input[type=checkbox]').check();
    await dana.waitForFunction(() => document.getElementById('mirror-notice').textContent.includes('They let you fill in fields'), null, { timeout: QUICK });
    await clickInMirror('#ship-note');
    await dana.waitForSelector('#mirror-fill', { timeout: QUICK });
    await dana.fill('#mirror-fill-value', 'Ring twice, please');
    await dana.press('#mirror-fill-value', 'Enter');
    await vera.waitForFunction(() => document.getElementById('ship-note').value === 'Ring twice, please', null, { timeout: QUICK });
    t.ok(true, 'with the visitor\'s leave the agent fills a field and the visitor\'s page shows it');
    await t.screenshot(vera, 'mirror-3-filled');
    await vera.fill('#ship-note', 'Ring twice, or leave it next door');
    await mirrorHas("return doc.getElementById('ship-note').value === a;", 'Ring twice, or leave it next door', 'the visitor\'s change');
    t.ok(true, 'the visitor changes it, and the agent sees that');
    await clickInMirror('#gift-wrap');
    await vera.waitForFunction(() => document.getElementById('gift-wrap').checked, null, { timeout: QUICK });
    t.ok(true, 'with that leave the agent\'s click is performed on the visitor\'s page (remote control)');
    await mirrorHas("return doc.getElementById('gift-wrap').checked;", null, 'the box ticked');
    t.ok(true, 'and the agent sees its result');
    await clickInMirror('#card-number');
    await dana.waitForFunction(() => document.getElementById('mirror-notice').textContent.includes('That field is private'), null, { timeout: QUICK });
    t.is(await dana.$('#mirror-fill'), null, 'a masked field is never offered to fill');
    t.is(await vera.inputValue('#card-number'), CARD, 'and the visitor\'s card number stays as they typed it');

    // A failing connection: the changes wait and then arrive, in order.
    allowed.push(/net::ERR_FAILED|Failed to load resource|NetworkError|NS_ERROR/);
    let failed = 0;
    await vera.route(`${base}/mirror`, (route) => { failed++; route.abort('failed'); });
    await vera.fill('#ship-street', 'Flat 4, 12 Elm Row');
    const until = Date.now() + QUICK;
    while (failed === 0 && Date.now() < until) await vera.waitForTimeout(50);
    t.ok(failed > 0, 'with the connection down, the mirror\'s post fails');
    await vera.unroute(`${base}/mirror`);
    await mirrorHas("return doc.getElementById('ship-street').value === a;", 'Flat 4, 12 Elm Row', 'the change made while down');
    t.ok(true, 'back up, the change made meanwhile reaches the agent');

    // The visitor stops sharing: the agent's copy freezes, with a notice.
    await sharing.locator('button', { hasText: 'Stop sharing' }).click();
    await dana.waitForSelector('#mirror.frozen', { timeout: QUICK });
    t.ok((await dana.textContent('#mirror-notice')).includes('stopped sharing'), 'the visitor stops sharing: the agent\'s view freezes with a notice');
    await vera.fill('#ship-street', 'Somewhere else entirely');
    const frame = await panelFrame(/^\/channel$/);
    await frame.fill('#say-text', 'I stopped sharing.');
    await frame.press('#say-text', 'Enter');
    await dana.locator('#lines li.event-line', { hasText: 'I stopped sharing.' }).waitFor({ timeout: QUICK });
    t.is(await inMirror("return doc.getElementById('ship-street').value;"), 'Flat 4, 12 Elm Row', 'nothing typed after that reaches the agent');
    await t.screenshot(dana, 'mirror-4-frozen');

    // Nothing masked left the visitor's browser: the stored events and the network log.
    // The snapshot is stored as sent, gzipped: the test inflates it (as
    // the agent's viewer does) and searches what it holds.
    const storedBodies = S.mirrorEvents(channelId);
    t.ok(storedBodies.length > 5, 'the mirror is stored with the channel\'s events, for the replay');
    const { text: stored, gzipped } = S.readable(storedBodies);
    t.ok(gzipped > 0 && storedBodies.some((b) => /^\{"t":"snap",.*"z":"gzip"/.test(b)), 'its snapshot is stored gzipped, as the visitor\'s browser sent it');
    t.ok(stored.includes('Vera Visitor'), 'inflated, it holds the visitor\'s own page (so the searches below search it)');
    t.ok(stored.includes('"t":"focus"') && /\{"t":"focus","i":\d+,"masked":true\}/.test(stored),
      'the focus is stored: which field, marked masked for the card, and nothing else');
    // What mirroring costs the archive (a figure, not a check: bench/ is for those).
    const [bytes, seconds, count] = sql(`SELECT SUM(LENGTH(e.body)), TIMESTAMPDIFF(MICROSECOND, MIN(e.at), MAX(e.at)) / 1e6, COUNT(*)
      FROM channel_event e JOIN channel c ON c.id = e.channel_id WHERE c.public_id = '${channelId}' AND e.kind = 'mirror'`).split('\t');
    fs.mkdirSync(path.join(__dirname, 'artifacts'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, 'artifacts', `${t.browserName === 'firefox' ? 'firefox-' : ''}mirror-archive.txt`),
      `${count} mirror events, ${bytes} bytes over ${Number(seconds).toFixed(1)} s of mirroring\n`);
    t.ok(stored.includes('Flat 3, 12 Elm Row'), 'what the visitor typed in an unmasked field is there');
    t.ok(!holds(stored, CARD), 'the card number is in no stored event');
    t.ok(!stored.includes('LC-7731'), 'nor the private block');
    const posts = sent.filter((r) => r.body);
    if (t.browserName === 'firefox' && !posts.some((r) => r.url.startsWith(`${base}/mirror`))) {
      // Playwright's Firefox shows neither the request nor the route of a
      // fetch made by a frame of another origin (the panel): Chromium's run
      // inspects the network log; here, the stored events above.
      console.log('# the network log of the panel\'s posts is inspected in the Chromium run');
    } else {
      t.ok(posts.some((r) => r.url.startsWith(`${base}/mirror`) && r.body.includes('Flat+3')),
      'the network log holds the mirror\'s posts, with what was typed in unmasked fields');
    t.ok(posts.every((r) => !holds(r.body, CARD) && !r.body.includes('LC-7731')),
      'the card number and the private block are in no request body any page sent', posts.filter((r) => holds(r.body, CARD)).map((r) => r.url).join(' '));
    const mirrorPosts = S.readable(S.posted(posts.filter((r) => r.url.startsWith(`${base}/mirror`)).map((r) => r.body)));
    t.ok(mirrorPosts.gzipped > 0 && mirrorPosts.text.includes('Vera Visitor'), 'the snapshot\'s posts, inflated, hold the visitor\'s page');
    t.ok(!holds(mirrorPosts.text, CARD) && !mirrorPosts.text.includes('LC-7731'), 'and neither the card number nor the private block');
    }

    // The replay shows the mirror as the agent saw it, masked.
    await Promise.all([dana.waitForURL(`${base}/console`, { timeout: QUICK }), dana.click('#leave-form button')]);
    await dana.goto(`${base}/replay?id=${channelId}`);
    await dana.waitForSelector('#replay[data-state=ready]', { timeout: QUICK });
    let steps = 0;
    while (!(await dana.$('#mirror[data-ready="1"]'))) {
      await dana.click('#replay-next');
      if (++steps > 400) throw new Error('the mirror never appeared in the replay');
    }
    await mirrorHas("const n = doc.getElementById('shopper-name'); return n && n.textContent === a;", 'Vera Visitor', 'the name, replayed');
    t.ok(true, 'the replay rebuilds the visitor\'s own page from the archive');
    t.is(await inMirror("return doc.getElementById('card-number').value;"), '\u2022\u2022\u2022\u2022', 'with the card number masked, as the agent saw it');
    while (!(await dana.$('#mirror.frozen'))) {
      await dana.click('#replay-next');
      if (++steps > 800) throw new Error('the replay never showed the visitor stopping');
    }
    t.is(await inMirror("return doc.getElementById('ship-street').value;"), 'Flat 4, 12 Elm Row', 'and the typing, up to where the visitor stopped sharing');
    await t.screenshot(dana, 'mirror-5-replay');

    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    let stored = '';
    try {
      stored = sql(`SELECT e.seq, e.participant_id, LEFT(e.body, 60) FROM channel_event e WHERE e.kind = 'mirror' ORDER BY e.at DESC LIMIT 15`);
    } catch (err) { /* no database */ }
    let notice = '';
    try {
      notice = await dana.evaluate(() => `${document.getElementById('mirror-notice').textContent} mirror of ${document.getElementById('mirror').dataset.url}; `
        + JSON.stringify([...window.BatonChannel.people.values()].map((p) => [p.role, p.url, p.pointer])));
    } catch (err) { notice = `(${err.message}) ${dana.url()}`; }
    t.ok(false, 'the browser run finished', `${e.stack}\n${problems.join('\n')}\nlatest mirror events:\n${stored}\nagent: ${notice}`);
  } finally {
    await browser.close();
    shopServer.close();
  }
  t.done();
})();
