#!/usr/bin/env node
// The waiting page in a real browser (Debian's Chromium;
// t/browser-wait-firefox.t runs it in Firefox ESR).
// 1. Without JavaScript: the page refreshes itself every 5 s and says only
//    what it does (no chime, no title), the message form is a page of its
//    own that never refreshes, and a visitor who types a long message over
//    more than 20 s of the waiting page's refreshes sends it whole (the name
//    given when asking already in it).
// 2. One estimate everywhere: with nobody signed in, every agent away, every
//    agent busy, and one free, the bare help link's words (help-button.js),
//    the widget's link and panel (baton-site.js) and the waiting page say the
//    same about the desk and the wait.
// 3. The telephone, where the client takes calls (issue 15's pages): with
//    nobody at the desk the waiting page offers "Call me back" among its
//    choices, its form on a page that never refreshes; sent, the same
//    request becomes the call-back and the page says so; "Call us" gives the
//    help number and a code.
// 4. The visitor's own post on its way: a change the waiting page's poll
//    hears meanwhile (the desk emptied) neither reloads nor moves the page,
//    which would abort the post; the post, held in the browser until the
//    poll has answered, then arrives (wait.js).
// Screenshots: t/artifacts/wait-*.png.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const t = require('./lib/browser.js');

const QUICK = 8000;

function sql(query) {
  return execFileSync('mariadb', ['--no-defaults', `--socket=${process.env.BATON_DB_SOCKET}`, '-uroot', '--batch',
    '--skip-column-names', 'baton', '-e', query], { encoding: 'utf8' }).trim();
}

(async () => {
  const base = process.env.BATON_URL;
  const dir = process.env.BATON_DIR;
  if (!base || !dir) t.skipAll('no running stack: run through `make test`');
  fs.mkdirSync(path.join(dir, 'demo'), { recursive: true });
  const written = [];
  // A client's page with the bare link (and help-button.js) or the widget.
  const sitePage = (key, name, widget) => {
    const file = `wait-${name}.html`;
    fs.writeFileSync(path.join(dir, 'demo', file), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kitchen shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="${base}/favicon.svg"></head>
<body><h1>Kitchen shop</h1>
<p><a id="help" href="${base}/help?site=${key}" data-baton-help${widget ? '' : ' data-baton-widget="off"'}>Talk to us</a></p>
${widget ? `<script src="${base}/js/baton-site.js" async></script>` : `<script src="${base}/js/help-button.js" async></script>`}
</body></html>
`);
    written.push(file);
    return `${base}/demo/${file}`;
  };

  const browser = await t.launch();
  const problems = [];
  try {
    // ---- 1. without JavaScript --------------------------------------------
    const quiet = t.newAgent('Nobody Home');
    const quietKey = t.newSite(quiet.client, ['127.0.0.1', 'localhost'], 'Quiet shop');
    const noScriptBrowser = t.browserName === 'firefox' ? await t.launch({ javaScript: false }) : browser;
    const noScript = await noScriptBrowser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 800 } });
    const nora = await noScript.newPage();
    t.watchPage(nora, problems, 'visitor without JavaScript');
    let loads = 0;
    nora.on('load', () => { loads++; });
    // Playwright's waiting for an element to be stable needs a script in the
    // page: with scripting off, clicks are forced and keys typed.
    const click = (sel) => nora.click(sel, { force: true });
    const typeInto = async (sel, text, delay = 5) => {
      await click(sel);
      await nora.keyboard.type(text, { delay });
    };
    await nora.goto(sitePage(quietKey, `${quiet.client}-bare`, false));
    await Promise.all([nora.waitForURL(/\/help\?/), click('#help')]);
    await typeInto('#name', 'Nora Noscript');
    await typeInto('#question', 'Do you deliver on Saturdays?');
    await Promise.all([nora.waitForURL(/\/wait\?r=/), click('#help-form button[type=submit]')]);
    const waitUrl = nora.url();
    t.is(await nora.textContent('h1'), 'Nobody is at the desk right now', 'without JavaScript the waiting page says nobody is there');
    t.ok(!/The wait is/.test(await nora.textContent('#status')), 'and makes up no wait');
    t.is(await nora.getAttribute('#wait-alerts', 'hidden'), '', 'it promises no chime and no title change');
    t.ok((await nora.textContent('#choice-wait')).includes('looks again every 5 seconds'), 'it says it looks again every 5 seconds');
    const before = loads;
    const until = Date.now() + 15000;
    while (loads < before + 2 && Date.now() < until) await nora.waitForTimeout(200);
    t.ok(loads >= before + 2, `and does: it reloaded itself ${loads - before} times in ${Math.round((15000 - (until - Date.now())) / 1000)} s`);
    // (Firefox takes no screenshot of a page without scripts: it waits on fonts with one.)
    if (t.browserName !== 'firefox') await t.screenshot(nora, 'wait-1-no-script');

    await Promise.all([nora.waitForURL(/choice=message/), click('#choose-message')]);
    t.is(await nora.inputValue('#msg-name'), 'Nora Noscript', 'the message form has the name given when asking');
    const loadsAtForm = loads;
    const message = 'Hello, I would like to know whether you deliver on Saturdays to the old town, '
      + 'and whether the cast iron pan comes pre-seasoned. Thank you very much for your help!';
    await typeInto('#msg-contact', 'nora@example.com');
    await click('#msg-question');
    await nora.keyboard.press('ControlOrMeta+a');
    await nora.keyboard.press('Delete');
    const started = Date.now();
    await nora.keyboard.type(message, { delay: Math.ceil(21000 / message.length) });
    const typedMs = Date.now() - started;
    t.ok(typedMs > 20000, `the visitor typed for ${Math.round(typedMs / 1000)} s`);
    t.is(loads, loadsAtForm, 'the form page never refreshed meanwhile');
    t.is(await nora.inputValue('#msg-question'), message, 'and nothing typed was lost');
    if (t.browserName !== 'firefox') await t.screenshot(nora, 'wait-2-no-script-message');
    await Promise.all([nora.waitForURL(waitUrl), click('#message-form button[type=submit]')]);
    t.is(await nora.textContent('h1'), 'Thank you', 'the message is sent');
    const id = new URL(waitUrl).searchParams.get('r');
    t.is(sql(`SELECT question FROM help_request WHERE public_id = '${id}'`), message, 'and arrives whole');
    t.is(sql(`SELECT name FROM help_request WHERE public_id = '${id}'`), 'Nora Noscript', 'with the name');
    await noScript.close();
    if (noScriptBrowser !== browser) await noScriptBrowser.close();

    // ---- 2. one estimate everywhere ---------------------------------------
    const desk = async (state) => {
      const agent = t.newAgent(`Agent ${state}`);
      const key = t.newSite(agent.client, ['127.0.0.1', 'localhost'], `Shop ${state}`);
      const ctx = await browser.newContext({ viewport: { width: 1000, height: 800 } });
      if (state !== 'nobody') {
        const a = await ctx.newPage();
        t.watchPage(a, problems, `agent (${state})`);
        await a.goto(`${base}/signin`);
        await a.fill('#email', agent.email);
        await a.fill('#password', agent.password);
        await a.check(`input[name=state][value=${state === 'away' ? 'away' : 'available'}]`);
        await Promise.all([a.waitForURL(`${base}/console`), a.click('#signin-form button[type=submit]')]);
        if (state === 'busy') {
          // The one agent takes a first visitor: at their maximum (one session).
          const first = await (await browser.newContext()).newPage();
          await first.goto(sitePage(key, `${agent.client}-first`, false));
          await Promise.all([first.waitForURL(/\/help\?/), first.click('#help')]);
          await first.fill('#question', 'First!');
          await Promise.all([first.waitForURL(/\/wait\?r=/), first.click('#help-form button[type=submit]')]);
          const request = a.locator('li.request', { hasText: 'First!' });
          await request.waitFor({ timeout: QUICK });
          await Promise.all([a.waitForURL(/\/channel\?id=/), request.locator('button', { hasText: 'Accept' }).click()]);
          await first.context().close();
        }
      }
      return { key, client: agent.client, ctx };
    };
    const expected = {
      nobody: { link: 'Leave us a message', desk: 'Nobody is at the desk right now.', wait: /Nobody can answer until an agent signs in/ },
      away: { link: 'Leave us a message', desk: 'Nobody is free at the desk right now.', wait: /The agents are away from the desk/ },
      busy: { link: 'Talk to us (wait about 5 minutes)', desk: 'Everyone is busy: the wait is about 5 minutes.', wait: /The wait is about 5 minutes\./ },
      free: { link: 'Talk to us now', desk: 'Someone is free to answer now.', wait: /The wait is less than a minute\./ },
    };
    for (const state of ['nobody', 'away', 'busy', 'free']) {
      const { key, client, ctx } = await desk(state);
      const want = expected[state];
      const v = await ctx.newPage();
      t.watchPage(v, problems, `visitor (${state})`);
      // The bare link, worded by help-button.js.
      await v.goto(sitePage(key, `${client}-bare`, false));
      await v.waitForSelector('#help[data-baton-status]', { timeout: QUICK });
      const bareWords = await v.textContent('#help');
      // The widget's link, worded by baton-site.js, and its panel.
      await v.goto(sitePage(key, `${client}-widget`, true));
      await v.waitForSelector('#help[data-baton-status]', { timeout: QUICK });
      const widgetWords = await v.textContent('#help');
      await v.click('#help');
      let panel = null;
      const untilPanel = Date.now() + QUICK;
      while (!panel && Date.now() < untilPanel) {
        panel = v.frames().find((f) => f !== v.mainFrame() && /\/help\?/.test(f.url()));
        if (!panel) await v.waitForTimeout(50);
      }
      await panel.waitForSelector('#desk', { timeout: QUICK });
      const panelWords = (await panel.textContent('#desk')).replace(/\s+/g, ' ').trim();
      await t.screenshot(v, `wait-3-estimate-${state}`);
      // The waiting page, asked from the bare link.
      await v.goto(sitePage(key, `${client}-bare`, false));
      await Promise.all([v.waitForURL(/\/help\?/), v.click('#help')]);
      await v.fill('#question', `How long, when ${state}?`);
      await Promise.all([v.waitForURL(/\/wait\?r=/), v.click('#help-form button[type=submit]')]);
      const waitWords = (await v.textContent('#status')).replace(/\s+/g, ' ').trim();
      t.is(bareWords, want.link, `${state}: the bare help link says "${want.link}"`);
      t.is(widgetWords, want.link, `${state}: the widget's link says the same`);
      t.ok(panelWords.startsWith(want.desk), `${state}: the panel says "${want.desk}"`, panelWords);
      t.ok(want.wait.test(waitWords), `${state}: the waiting page agrees`, waitWords);
      if (state === 'nobody' || state === 'away') {
        t.ok(await v.isVisible('#choose-message'), `${state}: leaving a message is offered`);
        t.ok(!/The wait is/.test(waitWords), `${state}: and no wait is made up`);
      }
      await ctx.close();
    }
    // ---- 3. the telephone --------------------------------------------------
    const caller = t.newAgent('Nobody Phones');
    const callerKey = t.newSite(caller.client, ['127.0.0.1', 'localhost'], 'Phone shop');
    const helpNumber = `+1202${2 + Math.floor(Math.random() * 8)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    t.admin(null, 'phone', 'set', caller.client, 'country', 'US');
    t.admin(null, 'phone', 'set', caller.client, 'caller_id', '+12025550100');
    t.admin(null, 'phone', 'set', caller.client, 'help_number', helpNumber);
    const phoneCtx = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const pia = await phoneCtx.newPage();
    t.watchPage(pia, problems, 'visitor (phone)');
    await pia.goto(sitePage(callerKey, `${caller.client}-bare`, false));
    await Promise.all([pia.waitForURL(/\/help\?/), pia.click('#help')]);
    await pia.fill('#name', 'Pia Phone');
    await pia.fill('#question', 'Can someone ring me about the pans?');
    await Promise.all([pia.waitForURL(/\/wait\?r=/), pia.click('#help-form button[type=submit]')]);
    const phoneWait = pia.url();
    const phoneId = new URL(phoneWait).searchParams.get('r');
    t.ok(await pia.isVisible('#choose-callback'), 'nobody at the desk, calls taken: the waiting page offers "Call me back"');
    t.ok((await pia.textContent('#callus-form')).includes(helpNumber), 'and "Call us" with the help number');
    await t.screenshot(pia, 'wait-4-phone-choices');
    await Promise.all([pia.waitForURL(/\/callus$/), pia.click('#callus-get-code')]);
    t.ok(/^[1-9]\d{5}$/.test((await pia.textContent('#callus-code')).trim()), '"get a code" shows a six-digit code');
    t.is((await pia.textContent('#callus-number')).trim(), helpNumber, 'beside the number to dial');
    await pia.goto(phoneWait);
    await Promise.all([pia.waitForURL(/choice=callback/), pia.click('#choose-callback')]);
    t.is(await pia.textContent('h1'), 'Call me back', 'the call-back form has a page of its own');
    const formHtml = await (await pia.request.get(pia.url())).text();
    t.ok(!/http-equiv="refresh"/i.test(formHtml), 'which never refreshes, with or without JavaScript');
    t.ok((await pia.textContent('#status')).includes('You are next'), 'and keeps the visitor\'s place meanwhile');
    await pia.fill('#callback-phone', '(202) 555-0143');
    await Promise.all([pia.waitForURL(phoneWait), pia.click('#callback-form button[type=submit]')]);
    t.is(await pia.textContent('h1'), 'We will call you back', 'sent: the waiting page is the call-back\'s');
    t.ok((await pia.textContent('#callback-number')).includes('+12025550143'), 'to the number given');
    t.is(sql(`SELECT medium FROM help_request WHERE public_id = '${phoneId}'`), 'callback', 'the same request became the call-back');
    t.is(sql(`SELECT COUNT(*) FROM help_request r JOIN client c ON c.id = r.client_id WHERE c.slug = '${caller.client}'`), '1',
      'one request in all');
    await t.screenshot(pia, 'wait-5-callback');
    await phoneCtx.close();

    // ---- 4. the visitor's own post on its way ---------------------------------
    const leaving = await desk('away');
    const agentPage = leaving.ctx.pages()[0];
    const sendCtx = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const sam = await sendCtx.newPage();
    t.watchPage(sam, problems, 'visitor (sending)');
    // The waiting page's polls go through the test, which reads each answer
    // (a response's body cannot be read from the page while its own
    // navigation is held) and hands it on unchanged.
    let answered;
    let shownVersion = Infinity;
    const changeHeard = new Promise((resolve) => { answered = resolve; });
    await sam.route('**/poll?request=*', async (route) => {
      try {
        const response = await route.fetch({ timeout: 60000 });
        const body = await response.json().catch(() => ({}));
        await route.fulfill({ response });
        if (body.again !== true && body.version > shownVersion) answered(body);
      } catch (e) {
        // The page went away meanwhile.
      }
    });
    await sam.goto(sitePage(leaving.key, `${leaving.client}-sending`, false));
    await Promise.all([sam.waitForURL(/\/help\?/), sam.click('#help')]);
    await sam.fill('#question', 'On second thoughts...');
    await Promise.all([sam.waitForURL(/\/wait\?r=/), sam.click('#help-form button[type=submit]')]);
    const samId = new URL(sam.url()).searchParams.get('r');
    shownVersion = Number(await sam.getAttribute('#wait', 'data-version'));
    let holdCancel;
    const cancelHeld = new Promise((resolve) => { holdCancel = resolve; });
    await sam.route('**/cancel', (route) => holdCancel(route));
    await sam.click('#cancel-form button[type=submit]', { noWaitAfter: true });
    const cancel = await cancelHeld;
    // Any other navigation from now on would be the page reloading or moving.
    const navigations = [];
    let released = false;
    sam.on('request', (r) => {
      if (!released && r.isNavigationRequest() && r.frame() === sam.mainFrame() && !/\/cancel$/.test(r.url())) navigations.push(r.url());
    });
    // The agent signs out: the desk is empty now, which the waiting page's
    // poll hears (and, with nothing on its way, reloads for).
    await agentPage.click('form[action="/signout"] button[type=submit]');
    let deadline;
    const change = await Promise.race([changeHeard,
      new Promise((resolve) => { deadline = setTimeout(() => resolve(null), QUICK); })]);
    clearTimeout(deadline);
    t.ok(change && change.version > shownVersion, 'the waiting page\'s poll hears the desk change', JSON.stringify(change));
    t.is(navigations.join(' '), '', 'with the cancel on its way, the page neither reloaded nor moved');
    released = true;
    await Promise.all([sam.waitForSelector('#cancel-form', { state: 'detached', timeout: QUICK }), cancel.continue()]);
    t.is(await sam.textContent('h1'), 'You have left the queue', 'the cancel arrived: the page says so');
    t.is(sql(`SELECT state FROM help_request WHERE public_id = '${samId}'`), 'cancelled', 'and the request is cancelled');
    await sendCtx.close();
    await leaving.ctx.close();

    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    t.ok(false, 'the browser run finished', `${e.stack}\n${problems.join('\n')}`);
  } finally {
    await browser.close();
    for (const file of written) fs.rmSync(path.join(dir, 'demo', file), { force: true });
  }
  t.done();
})();
