#!/usr/bin/env node
// An agent signs in, changes state and signs out in a real browser (Debian's
// Chromium; t/browser-signin-firefox.t runs it in Firefox ESR), with no
// console errors or CSP violations on the way. Screenshots:
// t/artifacts/signin-*.png.
'use strict';
const t = require('./lib/browser.js');

(async () => {
  const base = process.env.BATON_URL;
  if (!base) t.skipAll('no running stack: run through `make test`');
  const agent = t.newAgent('Bea Browser');
  const browser = await t.launch();
  try {
    const page = await (await browser.newContext()).newPage();
    const problems = [];
    // The refused sign-in below is a deliberate 403; anything else is a fault.
    t.watchPage(page, problems, 'sign-in', [/status of 403/]);

    await page.goto(`${base}/signin`);
    t.is(await page.title(), 'Sign in · Baton', 'the sign-in page opens');
    await t.screenshot(page, 'signin-1-form');

    await page.fill('#email', agent.email);
    await page.fill('#password', 'wrong-password');
    await page.click('button[type=submit]');
    t.is((await page.textContent('#message')).trim(),
      'That e-mail address and password do not match an agent.', 'a wrong password is explained');
    t.is(await page.inputValue('#email'), agent.email, 'and the e-mail address is kept');
    await t.screenshot(page, 'signin-2-wrong-password');

    await page.fill('#password', agent.password);
    await page.check('input[name=state][value=available]');
    await Promise.all([page.waitForURL(`${base}/console`), page.click('button[type=submit]')]);
    t.ok(true, 'signing in leads to the console');
    t.is(await page.textContent('#state'), 'Available', 'as available, the state chosen');
    t.ok((await page.textContent('.me')).includes('Bea Browser'), 'the top bar names the agent');
    await t.screenshot(page, 'signin-3-console');

    t.is(await page.getAttribute('#statebar button[value=available]', 'aria-pressed'), 'true', 'the top bar shows the state');
    await page.click('#statebar button[value=break]');
    await page.waitForFunction(() => document.getElementById('state').textContent === 'On break');
    t.is(await page.getAttribute('#statebar', 'data-state'), 'break', 'one click in the top bar: on break');
    t.is(await page.getAttribute('#statebar button[value=break]', 'aria-pressed'), 'true', 'the button shows it');
    await t.screenshot(page, 'signin-4-on-break');

    await page.keyboard.press('Tab'); // the controls are reachable by keyboard
    await Promise.all([page.waitForURL(`${base}/signin?signed_out=1`), page.click('text=Sign out')]);
    t.is((await page.textContent('#message')).trim(), 'You have signed out.', 'signing out says so');
    await t.screenshot(page, 'signin-5-signed-out');

    await page.goto(`${base}/console`);
    t.is(page.url(), `${base}/signin`, 'the console is closed after signing out');
    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    t.ok(false, 'the browser run finished', e.stack);
  } finally {
    await browser.close();
  }
  t.done();
})();
