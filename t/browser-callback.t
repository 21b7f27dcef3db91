#!/usr/bin/env node
// "Call me back" end to end, with the stand-in carrier for a telephone
// network: a visitor on a client's page asks to be called back now (the
// number typed as people type it); the waiting page tells the place on the
// list; the dialer makes it due and the router offers it to the agent,
// whose console marks it as a call-back; the agent accepts; the agent's
// browser phone (SIP.js over Kamailio's WebSocket, Chromium's fake
// microphone) dials in and the dialer calls the customer's phone (baresip),
// which rings and answers by itself; audio flows both ways (the browser's
// getStats() inbound audio rises, the phone's recording is not silence,
// measured with sox); the agent's viewer opens at the visitor's page, and
// the visitor's waiting page joins the session; the agent hangs up and the
// phone hears the call end. t/browser-callback-firefox.t does it in
// Firefox ESR. Screenshots: t/artifacts/callback-*.png.
'use strict';
const fs = require('fs');
const path = require('path');
const t = require('./lib/browser.js');
const { Phone, loudness } = require('./lib/phone.js');

const QUICK = 8000;
const CALL = 20000; // dialling through two SIP proxies on a loaded machine

(async () => {
  const base = process.env.BATON_URL;
  const dir = process.env.BATON_DIR;
  if (!base || !dir) t.skipAll('no running stack: run through `make test`');
  if (!process.env.BATON_CARRIER_PORT) t.skipAll('no SIP parts in this stack (tools/parts/sip)');

  const agent = t.newAgent('Cleo Caller');
  const key = t.newSite(agent.client, ['127.0.0.1', 'localhost'], 'Garden shop');
  t.admin(null, 'phone', 'set', agent.client, 'country', 'US');
  t.admin(null, 'phone', 'set', agent.client, 'caller_id', '+12025550100');

  const customer = await new Phone().start();
  const typed = customer.number.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '($1) $2-$3');

  const pageName = `callback-${agent.client}.html`;
  fs.writeFileSync(path.join(dir, 'demo', pageName), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Garden shop</title>
<link rel="icon" href="${base}/favicon.svg"></head>
<body><h1>Garden shop</h1><p>Hoses and rakes.</p>
<p><a id="help" href="${base}/help?site=${key}" referrerpolicy="no-referrer-when-downgrade">Talk to us</a></p></body></html>
`);
  const sitePage = `${base.replace('//127.0.0.1:', '//localhost:')}/demo/${pageName}`;

  const browser = await t.launch({ media: true });
  const problems = [];
  try {
    const agentCtx = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const visitorCtx = await browser.newContext({ viewport: { width: 420, height: 800 } });
    const cleo = await agentCtx.newPage();
    const vic = await visitorCtx.newPage();
    t.watchPage(cleo, problems, 'agent');
    t.watchPage(vic, problems, 'visitor', [/status of 400/]);

    await cleo.goto(`${base}/signin`);
    await cleo.fill('#email', agent.email);
    await cleo.fill('#password', agent.password);
    await cleo.check('input[name=state][value=available]');
    await Promise.all([cleo.waitForURL(`${base}/console`), cleo.click('#signin-form button[type=submit]')]);

    // The visitor asks to be called back, from the help page.
    await vic.goto(sitePage);
    await Promise.all([vic.waitForURL(/\/help\?/), vic.click('#help')]);
    t.ok(await vic.isVisible('#callback summary'), 'the help page offers "call me back"');
    await vic.click('#callback summary');
    t.ok(!(await vic.isVisible('#callback-date')), 'the day and time show only for "at a time I choose"');
    await vic.fill('#callback-phone', 'not a number');
    await vic.fill('#callback-question', 'Which hose for a balcony?');
    const [bad] = await Promise.all([vic.waitForNavigation(), vic.click('#callback-form button[type=submit]')]);
    t.is(bad.status(), 400, 'a number with letters is refused');
    t.ok(/digits only/.test(await vic.textContent('body')), 'with a clear message');
    await vic.goBack();
    if (!(await vic.isVisible('#callback-phone'))) await vic.click('#callback summary');
    await vic.fill('#callback-phone', typed);
    await vic.fill('#callback-question', 'Which hose for a balcony?');
    await Promise.all([vic.waitForURL(/\/wait\?r=/), vic.click('#callback-form button[type=submit]')]);
    t.is(await vic.textContent('h1'), 'We will call you back', 'the waiting page is the call-back\'s');
    t.ok((await vic.textContent('#callback-number')).includes(customer.number),
      `the number typed as "${typed}" is shown as ${customer.number}`);
    await vic.waitForFunction(() => /call-back list|ahead of you/.test(document.getElementById('status').textContent),
      null, { timeout: QUICK }).catch(async (e) => {
      console.log('# debug', await vic.url(), await vic.textContent('body'));
      throw e;
    });
    t.ok(true, 'it becomes due at once and tells the place on the list');
    await t.screenshot(vic, 'callback-1-waiting');

    // The agent's console: offered as a call-back, with the question.
    // Waiting or already offered to her (the console's two lists).
    const item = cleo.locator('li.request').filter({ hasText: 'Which hose' });
    await item.waitFor({ timeout: QUICK });
    t.ok((await item.locator('.phone-chip').textContent()).includes(customer.number),
      'the console marks the request as a call-back to the number');
    await t.screenshot(cleo, 'callback-2-console');
    await Promise.all([cleo.waitForURL(/\/channel\?id=/), item.locator('button', { hasText: 'Accept' }).click()]);

    // The agent's phone dials in; the dialer calls the customer.
    await cleo.waitForSelector('#phone', { timeout: QUICK });
    const up = await customer.waitEvent('CALL_ESTABLISHED', CALL);
    t.ok(up, 'the customer\'s phone rings and answers by itself');
    t.ok(up && up.peeruri.includes('+12025550100'), `showing the client's caller ID (${up && up.peeruri})`);
    await cleo.waitForFunction(() => window.BatonPhone && window.BatonPhone.state === 'on', null, { timeout: CALL });
    t.ok(true, 'the agent\'s browser phone is on the call');
    await cleo.locator('#lines li.event-phone').filter({ hasText: 'answered' }).waitFor({ timeout: QUICK });
    t.ok(true, 'the session\'s record says the customer answered');

    // Audio both ways: the browser receives the phone's recording...
    const first = await cleo.evaluate(() => window.BatonPhone.inboundAudio());
    let now = first;
    const until = Date.now() + QUICK;
    while (Date.now() < until && !(now.bytes > first.bytes + 8000 && now.energy > first.energy)) {
      await new Promise((r) => setTimeout(r, 250));
      now = await cleo.evaluate(() => window.BatonPhone.inboundAudio());
    }
    t.ok(now.bytes > first.bytes + 8000 && now.energy > first.energy,
      `the browser's inbound audio rises (getStats: ${JSON.stringify(first)} then ${JSON.stringify(now)})`);

    // ...and the viewer is at the visitor's page.
    await cleo.waitForFunction((page) => document.getElementById('address').value === page
      && document.getElementById('view').getAttribute('src') === page, sitePage, { timeout: QUICK });
    t.ok(true, 'the agent\'s viewer opens at the page the visitor asked on');
    await vic.waitForURL(/\/channel\?id=/, { timeout: QUICK });
    t.ok(true, 'the visitor\'s waiting page joins the session by itself');
    await t.screenshot(cleo, 'callback-3-call');

    // The agent hangs up once the phone has recorded two seconds of the
    // call; the recording must hold the agent's sound.
    t.ok(await customer.waitUntil(QUICK, () => {
      const file = customer.recording();
      return file !== null && fs.statSync(file).size > 44 + 2 * 16000;
    }), 'the phone records the call');
    await cleo.click('#phone-hangup');
    t.ok(await customer.waitEvent('CALL_CLOSED', QUICK), 'the customer\'s phone hears the call end');
    await cleo.locator('#lines li.event-phone').filter({ hasText: 'The call ended after' }).waitFor({ timeout: QUICK });
    t.ok(true, 'and the session\'s record has the call\'s length');
    const heard = customer.recording();
    const level = heard ? loudness(heard) : { rms: 0, seconds: 0 };
    t.ok(level.rms > 0.005 && level.seconds > 1,
      `the phone heard the agent's microphone, not silence (sox: RMS ${level.rms}, ${level.seconds} s)`);

    t.is(problems.join('\n'), '', 'no console errors or CSP violations');
  } finally {
    customer.stop();
    await browser.close();
  }
  t.done();
})().catch((e) => {
  console.log(`not ok - ${e.stack}`);
  console.error(`# ${e.stack}`);
  console.log('1..1');
  process.exit(1);
});
