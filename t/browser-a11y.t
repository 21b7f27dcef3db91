#!/usr/bin/env node
// Every page a visitor sees passes an automated accessibility check (axe-core
// from npm: no serious or critical violation), and the visitor's whole way
// works by keyboard alone, in a real browser (Debian's Chromium;
// t/browser-a11y-firefox.t runs it in Firefox ESR). Checked: the question
// form, the waiting page in each state of the desk and its message and
// schedule pages, the telephone's pages (the question form and the waiting
// page offering "Call me back" and "Call us", the call-back form, the code,
// a call-back's waiting page), the conversation (wide and phone-sized), the transcript with
// the rating, the scheduled and thank-you pages, an error page, and the
// widget: the demo shop's page with its button and panel, and the panel's
// pages. Screenshots: t/artifacts/a11y-*.png.
'use strict';
const fs = require('fs');
const path = require('path');
const t = require('./lib/browser.js');

const QUICK = 8000;
const MAX_TABS = 60;

(async () => {
  const base = process.env.BATON_URL;
  const dir = process.env.BATON_DIR;
  if (!base || !dir) t.skipAll('no running stack: run through `make test`');
  fs.mkdirSync(path.join(dir, 'demo'), { recursive: true });

  const agent = t.newAgent('Dana Agent');
  // Dana holds the keyboard visitor's conversation when the widget's visitor asks.
  t.admin(null, 'agent', 'capacity', agent.email, '3');
  const key = t.newSite(agent.client, ['127.0.0.1', 'localhost'], 'Access shop');
  const written = [];
  // The demo shop's home page (the widget) and a page with the bare link,
  // for this site, served by the stack at /demo/.
  const src = path.join(process.env.BATON_ROOT || path.resolve(__dirname, '..'), 'htdocs', 'demo');
  const shopName = `a11y-${agent.client}-shop.html`;
  fs.writeFileSync(path.join(dir, 'demo', shopName), fs.readFileSync(path.join(src, 'index.html'), 'utf8')
    .replace(/@SITE_KEY@/g, key).replace(/@BATON_URL@/g, base));
  for (const file of ['shop.css', 'favicon.svg']) {
    if (!fs.existsSync(path.join(dir, 'demo', file))) {
      fs.copyFileSync(path.join(src, file), path.join(dir, 'demo', file));
      written.push(file);
    }
  }
  written.push(shopName);
  const bareName = `a11y-${agent.client}-bare.html`;
  fs.writeFileSync(path.join(dir, 'demo', bareName), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Access shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="${base}/favicon.svg"></head>
<body><main><h1>Access shop</h1><p><a id="help" href="${base}/help?site=${key}" data-baton-help data-baton-widget="off">Talk to us</a></p></main>
<script src="${base}/js/help-button.js" async></script></body></html>
`);
  written.push(bareName);

  const browser = await t.launch();
  const problems = [];
  const checked = [];
  const check = async (where, name, options) => {
    const found = await t.accessibilityProblems(where, options);
    checked.push(name);
    t.ok(found.length === 0, `${name}: no serious or critical accessibility problem`, found.join('\n'));
  };
  // Presses Tab (or Shift+Tab, when `sel` comes before the element that has
  // the keyboard) until `sel` has the keyboard, or gives up. (Going the
  // short way never leaves the page for the browser's own controls, which
  // in Firefox leaves the page without the keyboard.)
  const tabTo = async (page, sel, frame = page) => {
    const backwards = await frame.evaluate((s) => {
      const target = document.querySelector(s);
      const active = document.activeElement;
      if (!target || !active || active === document.body) return false;
      return !!(active.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING);
    }, sel);
    for (let n = 0; n < MAX_TABS; n++) {
      if (await frame.evaluate((s) => document.activeElement && document.activeElement.matches(s), sel)) return true;
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    return false;
  };
  try {
    const agentCtx = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const dana = await agentCtx.newPage();
    t.watchPage(dana, problems, 'agent');
    const signIn = async (state) => {
      await dana.goto(`${base}/signin`);
      await dana.fill('#email', agent.email);
      await dana.fill('#password', agent.password);
      await dana.check(`input[name=state][value=${state}]`);
      await Promise.all([dana.waitForURL(`${base}/console`), dana.click('#signin-form button[type=submit]')]);
    };

    // ---- the waiting page's states, its form pages, the ends --------------
    const other = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const olga = await other.newPage();
    t.watchPage(olga, problems, 'visitor (pages)', [/status of 404/]); // the error page, on purpose
    await olga.goto(`${base}/demo/${bareName}`);
    await olga.waitForSelector('#help[data-baton-status]', { timeout: QUICK });
    await Promise.all([olga.waitForURL(/\/help\?/), olga.click('#help')]);
    await check(olga, 'the question form');
    await olga.fill('#name', 'Olga Other');
    await olga.fill('#question', 'Is there a lift to the shop?');
    await Promise.all([olga.waitForURL(/\/wait\?r=/), olga.click('#help-form button[type=submit]')]);
    const waitUrl = olga.url();
    await check(olga, 'the waiting page, nobody at the desk');
    await t.screenshot(olga, 'a11y-1-waiting');
    await olga.goto(`${waitUrl}&choice=message`);
    await check(olga, 'the message page');
    await olga.goto(`${waitUrl}&choice=schedule`);
    await check(olga, 'the schedule page');
    await signIn('away');
    await olga.goto(waitUrl);
    await check(olga, 'the waiting page, everyone away');
    await olga.goto(`${waitUrl}&choice=schedule`);
    const day = new Date(Date.now() + 3 * 86400000);
    const pad = (n) => String(n).padStart(2, '0');
    await olga.fill('#schedule-date', `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`);
    await olga.fill('#schedule-time', '10:30');
    await Promise.all([olga.waitForURL(waitUrl), olga.click('#schedule-form button[type=submit]')]);
    await check(olga, 'the scheduled page');
    // Back to the same address: waitForURL would be satisfied at once by the page
    // still showing, and the next goto would race the form's own navigation
    // (or the page's reload when its poll hears of the change: wait.js).
    // Wait for the waiting page itself, however it came.
    await olga.click('#requeue-form button[type=submit]');
    await olga.waitForSelector('#requeue-form', { state: 'detached', timeout: QUICK });
    await olga.waitForLoadState('load');
    await olga.goto(`${waitUrl}&choice=message`);
    await olga.fill('#msg-contact', 'olga@example.com');
    await Promise.all([olga.waitForURL(waitUrl), olga.click('#message-form button[type=submit]')]);
    await check(olga, 'the thank-you page');
    await olga.goto(`${base}/wait?r=${'0'.repeat(32)}`);
    await check(olga, 'an error page');
    await other.close();

    // ---- the telephone's pages (cgi-bin/callback.c, callus.c) --------------
    const helpNumber = `+1202${2 + Math.floor(Math.random() * 8)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    t.admin(null, 'phone', 'set', agent.client, 'country', 'US');
    t.admin(null, 'phone', 'set', agent.client, 'caller_id', '+12025550100');
    t.admin(null, 'phone', 'set', agent.client, 'help_number', helpNumber);
    const phoneCtx = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const pia = await phoneCtx.newPage();
    t.watchPage(pia, problems, 'visitor (telephone)');
    await pia.goto(`${base}/demo/${bareName}`);
    await pia.waitForSelector('#help[data-baton-status]', { timeout: QUICK });
    await Promise.all([pia.waitForURL(/\/help\?/), pia.click('#help')]);
    await pia.click('#callback summary');
    await check(pia, 'the question form with "Call me back" and "Call us"');
    await pia.fill('#question', 'Could you ring me?');
    await Promise.all([pia.waitForURL(/\/wait\?r=/), pia.click('#help-form button[type=submit]')]);
    const phoneWait = pia.url();
    t.ok(await pia.isVisible('#choose-callback'), 'the waiting page offers "Call me back"');
    await check(pia, 'the waiting page with the telephone\'s choices');
    await Promise.all([pia.waitForURL(/\/callus$/), pia.click('#callus-get-code')]);
    await check(pia, 'the "Call us" code page');
    await pia.goto(`${phoneWait}&choice=callback`);
    await check(pia, 'the call-back form page');
    await pia.fill('#callback-phone', '(202) 555-0145');
    await Promise.all([pia.waitForURL(phoneWait), pia.click('#callback-form button[type=submit]')]);
    t.is(await pia.textContent('h1'), 'We will call you back', 'the call-back is asked');
    await check(pia, 'the call-back\'s waiting page');
    await Promise.all([pia.waitForURL(phoneWait), pia.click('#cancel-form button[type=submit]')]);
    await phoneCtx.close();

    // ---- by keyboard alone: link, question, wait, conversation, rating -----
    // The console has been behind other contexts' pages since it was opened:
    // in front again before it is clicked (once, its click waited for ever
    // for a bar that was there, as if the page were never drawn).
    await dana.bringToFront();
    await dana.click('#statebar button[value=available]');
    await dana.waitForSelector('#statebar[data-state=available]', { timeout: QUICK });
    const visitorCtx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const vera = await visitorCtx.newPage();
    t.watchPage(vera, problems, 'visitor');
    await vera.goto(`${base}/demo/${bareName}`);
    // The visitor's window is the one in front (Firefox acts on Enter only there).
    await vera.bringToFront();
    await vera.waitForSelector('#help[data-baton-status]', { timeout: QUICK });
    t.ok(await tabTo(vera, '#help'), 'the help link is reached by Tab');
    await Promise.all([vera.waitForURL(/\/help\?/), vera.keyboard.press('Enter')]);
    t.ok(await tabTo(vera, '#name'), 'Tab reaches the name');
    await vera.keyboard.type('Vera Keys');
    t.ok(await tabTo(vera, '#question'), 'and the question');
    await vera.keyboard.type('Can I do all this without a mouse?');
    t.ok(await tabTo(vera, '#help-form button[type=submit]'), 'and the button');
    await Promise.all([vera.waitForURL(/\/wait\?r=/), vera.keyboard.press('Enter')]);
    t.ok(true, 'Enter asks');
    const request = dana.locator('li.request', { hasText: 'Vera Keys' });
    await request.waitFor({ timeout: QUICK });
    await Promise.all([dana.waitForURL(/\/channel\?id=/), request.locator('button', { hasText: 'Accept' }).click()]);
    await vera.waitForURL(/\/channel\?id=/, { timeout: QUICK });
    await vera.bringToFront();
    await vera.waitForSelector('#people li.person', { timeout: QUICK });
    await check(vera, 'the conversation');
    t.ok(await tabTo(vera, '#say-text'), 'Tab reaches the input');
    await vera.keyboard.type('Yes, it seems so.');
    await vera.keyboard.press('Enter');
    await dana.locator('#lines li.event-line', { hasText: 'Yes, it seems so.' }).waitFor({ timeout: QUICK });
    t.ok(true, 'Enter sends the line');
    t.ok(await tabTo(vera, '#help-button'), 'Tab reaches the viewer\'s help');
    await vera.keyboard.press('Enter');
    t.ok(await vera.isVisible('#panel-help'), 'which Enter opens');
    await check(vera, 'the conversation with a panel open');
    await vera.keyboard.press('Escape');
    t.ok(await vera.isHidden('#panel-help'), 'and Escape closes');
    await vera.setViewportSize({ width: 390, height: 844 });
    await vera.waitForSelector('#view-switch', { state: 'visible', timeout: QUICK });
    await check(vera, 'the conversation on a phone');
    t.ok(await tabTo(vera, '#show-page'), 'on a phone Tab reaches "Page"');
    await vera.keyboard.press('Enter');
    t.is(await vera.getAttribute('#show-page', 'aria-pressed'), 'true', 'Enter shows the page');
    await check(vera, 'the shared page\'s side on a phone');
    t.ok(await tabTo(vera, '#show-chat'), 'Tab reaches "Chat"');
    await vera.keyboard.press('Enter');
    t.is(await vera.getAttribute('#show-chat', 'aria-pressed'), 'true', 'Enter shows the chat again');
    t.ok(await tabTo(vera, '#leave-form button'), 'Tab reaches Exit');
    await vera.setViewportSize({ width: 1100, height: 800 });
    await Promise.all([vera.waitForURL(/\/transcript\?id=/), vera.keyboard.press('Enter')]);
    await check(vera, 'the transcript with the rating');
    t.ok(await tabTo(vera, 'input[name=stars]'), 'Tab reaches the stars');
    for (let n = 0; n < 3; n++) await vera.keyboard.press('ArrowRight');
    t.ok(await vera.evaluate(() => document.activeElement.value) === '4' || await vera.isChecked('#stars-4'),
      'arrows choose four');
    await vera.keyboard.press('Space');
    t.ok(await vera.isChecked('#stars-4'), 'four stars are chosen');
    t.ok(await tabTo(vera, '#rating-comment'), 'Tab reaches the comment');
    await vera.keyboard.type('All by keyboard.');
    t.ok(await tabTo(vera, '#rating button[type=submit]'), 'and the button');
    await Promise.all([vera.waitForURL(/\/transcript\?id=.*/), vera.keyboard.press('Enter')]);
    await vera.waitForSelector('#rating-thanks', { timeout: QUICK });
    t.ok(true, 'Enter rates the session');
    await check(vera, 'the rated transcript');
    await t.screenshot(vera, 'a11y-2-rated');
    await visitorCtx.close();

    // ---- the widget: the shop page, its button and panel, the panel's pages --
    const widgetCtx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const wanda = await widgetCtx.newPage();
    t.watchPage(wanda, problems, 'widget visitor');
    await wanda.goto(`${base}/demo/${shopName}`);
    await wanda.waitForSelector('a[data-baton-help][data-baton-status]', { timeout: QUICK });
    await check(wanda, 'the demo shop\'s page with the widget\'s button');
    await wanda.click('a[data-baton-help]');
    await wanda.locator('[data-baton-widget] .panel').waitFor({ state: 'visible', timeout: QUICK });
    const panelAt = async (re) => {
      const until = Date.now() + QUICK;
      for (;;) {
        const f = wanda.frames().find((x) => x !== wanda.mainFrame() && x.url().startsWith(base)
          && re.test(new URL(x.url()).pathname));
        if (f) {
          await f.waitForLoadState('domcontentloaded');
          return f;
        }
        if (Date.now() > until) throw new Error(`no panel frame at ${re}`);
        await wanda.waitForTimeout(50);
      }
    };
    let frame = await panelAt(/^\/help$/);
    await frame.waitForSelector('#question', { timeout: QUICK });
    await check(wanda, 'the shop\'s page with the panel open', { exclude: [['[data-baton-widget] iframe']] });
    await check(frame, 'the question in the panel');
    await frame.fill('#question', 'And in the panel?');
    await frame.click('#help-form button[type=submit]');
    frame = await panelAt(/^\/wait$/);
    await frame.waitForSelector('#wait', { timeout: QUICK });
    await check(frame, 'the waiting page in the panel');
    const req2 = dana.locator('li.request', { hasText: 'And in the panel?' });
    await dana.goto(`${base}/console`);
    await req2.waitFor({ timeout: QUICK });
    await Promise.all([dana.waitForURL(/\/channel\?id=/), req2.locator('button', { hasText: 'Accept' }).click()]);
    frame = await panelAt(/^\/channel$/);
    await frame.waitForSelector('#say-text', { timeout: QUICK });
    await check(frame, 'the conversation in the panel');
    await t.screenshot(wanda, 'a11y-3-panel');
    await widgetCtx.close();

    t.ok(checked.length >= 17, `every visitor page was checked (${checked.length})`);
    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    t.ok(false, 'the browser run finished', `${e.stack}\n${problems.join('\n')}`);
  } finally {
    await browser.close();
    for (const file of written) fs.rmSync(path.join(dir, 'demo', file), { force: true });
  }
  t.done();
})();
