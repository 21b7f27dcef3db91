#!/usr/bin/env node
// Mirror mode's compression in a real browser (Debian's Chromium;
// t/browser-mirror-compress-firefox.t runs it in Firefox ESR), issue 20:
// "compressed where the browser can".
//   - The visitor's browser has CompressionStream: the snapshot travels
//     and is stored gzipped (base64, in parts marked "z":"gzip"), smaller
//     than its JSON; the agent's viewer inflates it and shows the
//     visitor's own page. A typed character travels as it is.
//   - A hostile snapshot (posted by the visitor's own panel, with their
//     token) that inflates to 64 MB, past the viewer's bound: refused with
//     a notice, not inflated without end; one that is not gzip at all:
//     refused with a notice too. The agent's tab goes on working.
//   - A browser without CompressionStream (taken away from the visitor's
//     page): the snapshot goes uncompressed, as before, and shows.
//   - The replay inflates the archived snapshot as the viewer does, and
//     refuses the hostile one the same way.
// No console errors. Screenshots: t/artifacts/mirror-compress-*.png.
'use strict';
const zlib = require('zlib');
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
    dana = await agentCtx.newPage();
    const vera = await visitorCtx.newPage();
    t.watchPage(dana, problems, 'agent');
    // The agent leaves at the end while the visitor's page is still
    // there: a report of where its view is that crosses the leave is
    // refused, 409 (t/seen.t), and Chromium logs any refused request.
    t.watchPage(vera, problems, 'visitor', [/status of 409 \(Conflict\) \(http:[^ ]*\/seen\)$/]);
    await S.signInAgent(dana, base, agent);

    await vera.goto(`${shop.url}/basket.html`);
    await Promise.all([vera.waitForLoadState('load'), vera.click('#demo-signin')]);
    await vera.waitForSelector('#signed-in:not([hidden])', { timeout: QUICK });
    channelId = await S.askAndAccept(vera, dana, base, 'Vera Visitor', 'Is the gift wrap free?');
    const offer = vera.locator('[data-baton-mirror=offer]');
    await offer.waitFor({ timeout: QUICK });
    await offer.locator('button', { hasText: 'Share this page' }).click();

    const inMirror = (fn) => dana.evaluate((f) => {
      const doc = document.getElementById('mirror-frame').contentDocument;
      // eslint-disable-next-line no-new-func
      return new Function('doc', f)(doc);
    }, fn);
    const shows = async (what) => {
      await dana.waitForSelector('#mirror[data-ready="1"]', { timeout: QUICK });
      await dana.waitForFunction(() => {
        const n = document.getElementById('mirror-frame').contentDocument.getElementById('shopper-name');
        return n && n.textContent === 'Vera Visitor';
      }, null, { timeout: QUICK });
      t.ok(true, what);
    };
    const snaps = () => S.mirrorEvents(channelId).filter((b) => b.startsWith('{"t":"snap"'));

    // Compressed where the browser can.
    await shows('the agent sees the visitor\'s own page, inflated from the gzipped snapshot');
    const first = snaps();
    t.ok(first.length > 0 && first.every((b) => JSON.parse(b).z === 'gzip'), 'the snapshot is stored gzipped, as the visitor\'s browser sent it', first.map((b) => b.slice(0, 70)).join('\n'));
    const { text, gzipped } = S.readable(first);
    t.is(gzipped, 1, 'its parts make one gzip stream, base64-encoded');
    t.ok(text.includes('Vera Visitor'), 'which inflates to the snapshot');
    const packed = first.reduce((n, b) => n + Buffer.byteLength(b), 0);
    t.ok(packed < Buffer.byteLength(text), `smaller as sent than its JSON (${packed} bytes for ${Buffer.byteLength(text)})`);
    t.ok(first.every((b) => Buffer.byteLength(b) <= 60000), 'each part within one stored event');
    await vera.fill('#ship-street', 'Flat 9, 3 Rose Street');
    await dana.waitForFunction(() => document.getElementById('mirror-frame').contentDocument.getElementById('ship-street').value === 'Flat 9, 3 Rose Street',
      null, { timeout: QUICK });
    const typed = S.mirrorEvents(channelId).filter((b) => b.includes('Flat 9, 3 Rose Street'));
    t.ok(typed.length > 0 && typed.every((b) => /^\{"t":"input","i":\d+,"v":"Flat 9, 3 Rose Street"\}$/.test(b)),
      'a typed field travels as it is, uncompressed', typed.join('\n'));

    // A hostile snapshot: 64 MB of nothing, gzipped to some 64 KB.
    const panel = await S.panelFrame(vera, base, /^\/channel$/);
    const post = (messages) => panel.evaluate(async (list) => {
      const B = window.Baton;
      const C = window.BatonChannel;
      for (const m of list) await B.postForm('/mirror', { channel: C.channelId, token: C.token, data: JSON.stringify(m) });
    }, messages);
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }).toString('base64');
    const pieces = bomb.match(/[\s\S]{1,40000}/g);
    await post(pieces.map((d, part) => ({ t: 'snap', id: 900, part, parts: pieces.length, z: 'gzip', d })));
    await dana.waitForSelector('#mirror[data-state=refused]', { timeout: QUICK });
    const said = await dana.textContent('#mirror-notice');
    t.ok(said.includes('was refused') && said.includes('inflates to more than 6 MB'),
      `a snapshot that would inflate past the bound (${bomb.length} bytes of base64 for 64 MB) is refused, with a notice`, said);
    t.is(await dana.evaluate(() => 6 * 7), 42, 'the agent\'s tab goes on working');
    await t.screenshot(dana, 'mirror-compress-1-refused');

    await post([{ t: 'snap', id: 901, part: 0, parts: 1, z: 'gzip', d: Buffer.from('not gzip at all').toString('base64') }]);
    await dana.waitForFunction(() => document.getElementById('mirror-notice').textContent.includes('not valid gzip'), null, { timeout: QUICK });
    t.ok(true, 'one that is not gzip: refused, with a notice');

    // Without CompressionStream: uncompressed, as before. (The page, loaded
    // again, shares again: the visitor's answer holds for the visit.)
    await vera.addInitScript(() => { delete window.CompressionStream; });
    const before = snaps().length;
    await vera.reload();
    await dana.waitForFunction(() => document.getElementById('mirror').dataset.state === 'shared', null, { timeout: QUICK });
    await shows('a browser without CompressionStream: the agent sees the page again');
    const plain = snaps().slice(before);
    t.ok(plain.length > 0 && plain.every((b) => JSON.parse(b).z === undefined), 'its snapshot went uncompressed', plain.map((b) => b.slice(0, 70)).join('\n'));
    t.ok(plain.join('').includes('Vera Visitor'), 'as plain JSON');
    t.is(await inMirror("return doc.getElementById('card-number').hasAttribute('data-baton-masked') ? 'masked' : 'open';"), 'masked', 'masked as ever');
    await t.screenshot(dana, 'mirror-compress-2-plain');

    // The replay: the gzipped snapshot inflated, the hostile one refused,
    // the uncompressed one shown.
    await Promise.all([dana.waitForURL(`${base}/console`, { timeout: QUICK }), dana.click('#leave-form button')]);
    await dana.goto(`${base}/replay?id=${channelId}`);
    await dana.waitForSelector('#replay[data-state=ready]', { timeout: QUICK });
    let steps = 0;
    const stepUntil = async (selector, what) => {
      while (!(await dana.$(selector))) {
        await dana.click('#replay-next');
        if (++steps > 400) throw new Error(`the replay never showed ${what}`);
      }
    };
    await stepUntil('#mirror[data-ready="1"]', 'the first snapshot');
    await shows('the replay inflates the archived snapshot and shows the visitor\'s page');
    await stepUntil('#mirror[data-state=refused]', 'the hostile snapshot refused');
    t.ok((await dana.textContent('#mirror-notice')).includes('inflates to more than 6 MB'), 'and refuses the hostile one, with the notice');
    await stepUntil('#mirror[data-ready="1"]', 'the uncompressed snapshot');
    await shows('then shows the uncompressed one');

    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    let notice = '';
    try {
      notice = await dana.evaluate(() => { const n = document.getElementById('mirror-notice'); return n ? n.textContent : '(no notice)'; });
    } catch (err) { notice = `(${err.message})`; }
    t.ok(false, 'the browser run finished', `${e.stack}\n${problems.join('\n')}\nagent: ${notice}`);
  } finally {
    await browser.close();
    shop.close();
  }
  t.done();
})();
