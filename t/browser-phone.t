#!/usr/bin/env node
// The visitor's whole way on a phone-sized screen (390 x 844, touch) in a
// real browser (Debian's Chromium; t/browser-phone-firefox.t runs it in
// Firefox ESR): the help link, the question, the waiting page, the
// conversation (the page or the chat one tap apart, new lines marked while
// the page is shown), an on-screen keyboard's worth less height, the end and
// the rating; and the widget's panel, which fills the phone's screen. At
// every step the input the visitor needs next is in view.
// Screenshots: t/artifacts/phone-*.png.
'use strict';
const fs = require('fs');
const path = require('path');
const t = require('./lib/browser.js');

const QUICK = 8000;
const PHONE = { width: 390, height: 844 };
// (A phone-sized page's "load" can wait on its favicon; the page is there
// once its document is.)
const DOM = { waitUntil: 'domcontentloaded' };
// A tap on a touch screen; Firefox over WebDriver BiDi has no touch to
// emulate, so there it is a click.
const tap = (page, sel) => (t.browserName === 'firefox' ? page.click(sel) : page.tap(sel));

(async () => {
  const base = process.env.BATON_URL;
  const dir = process.env.BATON_DIR;
  if (!base || !dir) t.skipAll('no running stack: run through `make test`');
  fs.mkdirSync(path.join(dir, 'demo'), { recursive: true });

  const agent = t.newAgent('Dana Agent');
  const key = t.newSite(agent.client, ['127.0.0.1', 'localhost'], 'Phone shop');
  const written = [];
  const sitePage = (name, widget) => {
    const file = `phone-${agent.client}-${name}.html`;
    fs.writeFileSync(path.join(dir, 'demo', file), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Phone shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="${base}/favicon.svg">
<style>body { margin: 0; padding: 16px; font: 17px/1.5 Georgia, serif; } .tall { height: 1600px; }</style></head>
<body><h1>Phone shop</h1><p>Cases, chargers and cables.</p>
<p><a id="help" href="${base}/help?site=${key}" data-baton-help${widget ? '' : ' data-baton-widget="off"'}>Talk to us</a></p>
<div class="tall"></div>
<script src="${base}/js/${widget ? 'baton-site' : 'help-button'}.js" async></script></body></html>
`);
    written.push(file);
    return `${base}/demo/${file}`;
  };

  // Whether an element is on screen, visible, whole (a pixel's rounding
  // forgiven), in the page or in a frame of it.
  const inView = (where, sel) => where.evaluate((s) => {
    const e = document.querySelector(s);
    if (!e) return false;
    const r = e.getBoundingClientRect();
    return r.height > 0 && r.top >= -1 && r.bottom <= window.innerHeight + 1 && r.left >= -1
      && r.right <= window.innerWidth + 1 && getComputedStyle(e).visibility === 'visible';
  }, sel);

  const browser = await t.launch();
  const problems = [];
  try {
    const agentCtx = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const phone = { viewport: PHONE, hasTouch: true, ...(t.browserName === 'firefox' ? {} : { isMobile: true }) };
    const visitorCtx = await browser.newContext(phone);
    const dana = await agentCtx.newPage();
    const vera = await visitorCtx.newPage();
    t.watchPage(dana, problems, 'agent');
    t.watchPage(vera, problems, 'visitor');
    await dana.goto(`${base}/signin`);
    await dana.fill('#email', agent.email);
    await dana.fill('#password', agent.password);
    await dana.check('input[name=state][value=available]');
    await Promise.all([dana.waitForURL(`${base}/console`), dana.click('#signin-form button[type=submit]')]);

    // The help link, the question, the waiting page.
    await vera.goto(sitePage('bare', false));
    await vera.waitForSelector('#help[data-baton-status]', { timeout: QUICK });
    await tap(vera, '#help');
    await vera.waitForURL(/\/help\?/, DOM);
    t.ok(await inView(vera, '#question'), 'on a phone the question box is in view');
    await vera.fill('#name', 'Phoebe Phone');
    await vera.fill('#question', 'Which charger fits my phone?');
    t.ok(await inView(vera, '#help-form button[type=submit]'), 'and so is its button');
    await t.screenshot(vera, 'phone-1-question');
    await tap(vera, '#help-form button[type=submit]');
    await vera.waitForURL(/\/wait\?r=/, DOM);
    t.ok(await inView(vera, '#status'), 'the waiting page shows the place and the wait');
    await t.screenshot(vera, 'phone-2-waiting');

    // The conversation: the chat first, its input in view.
    const request = dana.locator('li.request', { hasText: 'Phoebe Phone' });
    await request.waitFor({ timeout: QUICK });
    await Promise.all([dana.waitForURL(/\/channel\?id=/), request.locator('button', { hasText: 'Accept' }).click()]);
    await vera.waitForURL(/\/channel\?id=/, { ...DOM, timeout: QUICK });
    await vera.waitForSelector('#view-switch', { timeout: QUICK });
    t.ok(await inView(vera, '#say-text'), 'in the conversation the input is in view');
    t.ok(await inView(vera, '#show-page') && await inView(vera, '#show-chat'), 'with the page and the chat one tap apart');
    t.is(await vera.textContent('#lines li.event-line .body'), 'Which charger fits my phone?', 'the question is the first line');
    for (let n = 1; n <= 12; n++) {
      await dana.fill('#say-text', `Line ${n} from the agent: a fairly long line, to fill the little screen of a phone.`);
      await dana.press('#say-text', 'Enter');
    }
    await vera.locator('#lines li.event-line', { hasText: 'Line 12 from the agent' }).waitFor({ timeout: QUICK });
    t.ok(await inView(vera, '#say-text'), 'many lines later the input is still in view');
    t.ok(await vera.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1),
      'and the page itself does not scroll: nothing can push the input away');
    t.ok(await inView(vera, '#lines li.event-line:last-child'), 'and so is the newest line');
    const clear = await vera.evaluate(() => {
      const lines = document.getElementById('lines');
      lines.scrollTop = 0;
      const first = lines.querySelector('li').getBoundingClientRect();
      const head = document.querySelector('.talk-head').getBoundingClientRect();
      return first.top >= head.bottom - 1;
    });
    t.ok(clear, 'scrolled to the top, the first line shows whole below the people (they cover no line)');
    await tap(vera, '#say-text');
    await vera.keyboard.type('The one with USB-C, please.');
    await vera.keyboard.press('Enter');
    await dana.locator('#lines li.event-line', { hasText: 'USB-C' }).waitFor({ timeout: QUICK });
    t.ok(true, 'the visitor answers from the phone');
    await t.screenshot(vera, 'phone-3-chat');

    // An on-screen keyboard takes the lower part of the screen: the page
    // fits the rest, the input stays above it.
    await vera.setViewportSize({ width: PHONE.width, height: PHONE.height - 330 });
    await tap(vera, '#say-text');
    await vera.waitForFunction(() => {
      const r = document.getElementById('say-text').getBoundingClientRect();
      return r.bottom <= window.innerHeight + 1 && r.top >= 0;
    }, null, { timeout: QUICK });
    t.ok(true, 'with a keyboard\'s height less, the input is above it');
    await t.screenshot(vera, 'phone-4-keyboard');
    await vera.setViewportSize(PHONE);

    // The page, one tap away; lines meanwhile are marked on "Chat".
    await tap(vera, '#show-page');
    t.ok(await inView(vera, '#view'), 'one tap shows the page');
    const page = await (await vera.$('#view')).contentFrame();
    t.ok(page && page.url().startsWith(`${base}/demo/`), 'the page the visitor asked from');
    await dana.fill('#say-text', 'Here is the charger.');
    await dana.press('#say-text', 'Enter');
    await vera.waitForSelector('#chat-unread:not([hidden])', { timeout: QUICK });
    t.is(await vera.textContent('#chat-unread'), '1', 'a new line while the page is shown: "Chat" counts it');
    t.ok((await vera.textContent('#show-chat')).includes('1 new line'), 'and says so to screen readers');
    await t.screenshot(vera, 'phone-5-page');
    await tap(vera, '#show-chat');
    t.ok(await vera.isHidden('#chat-unread'), 'back to the chat: nothing unread');
    t.ok(await inView(vera, '#lines li.event-line:last-child'), 'the new line in view');
    t.ok(await inView(vera, '#say-text'), 'and the input');

    // The end, and the rating.
    await dana.click('#leave-form button');
    await vera.waitForSelector('#ended', { state: 'visible', timeout: QUICK });
    t.ok(await inView(vera, '#transcript-link'), 'when the agent leaves, the way to the transcript is in view');
    await tap(vera, '#transcript-link');
    await vera.waitForURL(/\/transcript\?id=/, DOM);
    await vera.locator('#rating').scrollIntoViewIfNeeded();
    t.ok(await inView(vera, '#rating legend'), 'the transcript offers the rating');
    await tap(vera, 'label[for=stars-4]');
    await tap(vera, '#rating button[type=submit]');
    await vera.waitForSelector('#rating-thanks', { timeout: QUICK });
    t.ok(true, 'rated from the phone');
    await t.screenshot(vera, 'phone-6-rating');

    // The widget on a phone: its panel fills the screen, the question in view.
    const widgetCtx = await browser.newContext(phone);
    const wanda = await widgetCtx.newPage();
    t.watchPage(wanda, problems, 'widget visitor');
    await wanda.goto(sitePage('widget', true));
    await wanda.waitForSelector('#help[data-baton-status]', { timeout: QUICK });
    await tap(wanda, '#help');
    const panel = wanda.locator('[data-baton-widget] .panel');
    await panel.waitFor({ state: 'visible', timeout: QUICK });
    const box = await panel.boundingBox();
    t.ok(box && box.x <= 1 && box.width >= PHONE.width - 1 && box.height >= PHONE.height - 1, 'the panel fills the phone\'s screen',
      JSON.stringify(box));
    let frame = null;
    const until = Date.now() + QUICK;
    while (!frame && Date.now() < until) {
      frame = wanda.frames().find((f) => f !== wanda.mainFrame() && /\/help\?/.test(f.url()));
      if (!frame) await wanda.waitForTimeout(50);
    }
    await frame.waitForSelector('#question', { timeout: QUICK });
    t.ok(await inView(frame, '#question'), 'the question box is in view in it');
    await t.screenshot(wanda, 'phone-7-widget');
    await widgetCtx.close();

    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    t.ok(false, 'the browser run finished', `${e.stack}\n${problems.join('\n')}`);
  } finally {
    await browser.close();
    for (const file of written) fs.rmSync(path.join(dir, 'demo', file), { force: true });
  }
  t.done();
})();
