#!/usr/bin/env node
// The rule editor in a real browser (Debian's Chromium;
// t/browser-rules-firefox.t runs it in Firefox ESR): the client's
// administrator opens "Service levels" from the admin menu, adds a level,
// types a rule with a mistake and is told what is wrong with the rule kept
// to correct, corrects it, and tries the rules on an example profile.
// Screenshot: t/artifacts/rules-1-tried.png.
'use strict';
const t = require('./lib/browser.js');

const QUICK = 10000;

(async () => {
  const base = process.env.BATON_URL;
  if (!base) t.skipAll('no running stack: run through `make test`');
  const client = t.uniqueName('br');
  t.admin(null, 'client', 'add', client, `Client ${client}`);
  const email = `${t.uniqueName('radmin')}@example.com`;
  const password = `pw-${t.uniqueName('')}`;
  t.admin(password, 'agent', 'add', client, email, 'Ada Admin', 'admin');
  const browser = await t.launch();
  const problems = [];
  try {
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const ada = await ctx.newPage();
    t.watchPage(ada, problems, 'admin', [/status of 400/]);
    await ada.goto(`${base}/signin`);
    await ada.fill('#email', email);
    await ada.fill('#password', password);
    await Promise.all([ada.waitForNavigation(), ada.click('#signin-form button[type=submit]')]);
    await ada.goto(`${base}/settings`);
    await Promise.all([ada.waitForURL(`${base}/rules`), ada.click('#nav-rules')]);
    t.ok(true, 'the administrator opens Service levels from the admin menu');

    await ada.fill('#level-name', 'gold');
    await ada.check('#level-form input[name=video]');
    await ada.check('#level-form input[name=callback]');
    await ada.fill('#level-rank', '10');
    await Promise.all([ada.waitForNavigation(), ada.click('#level-form button[type=submit]')]);
    t.ok(/chat,video,callback/.test(await ada.textContent('#levels')), 'a level is added');

    await ada.fill('#rule-label', 'Good customer');
    await ada.fill('#rule-condition', 'customer = yes and ordrs >= 3');
    await ada.fill('#rule-score', '10');
    await ada.selectOption('#rule-level', 'gold');
    await Promise.all([ada.waitForNavigation(), ada.click('#rule-form button[type=submit]')]);
    const error = await ada.textContent('#error');
    t.ok(/The condition is not valid\. Clause 2: there is no field 'ordrs'/.test(error), 'a mistake is refused, saying where', error);
    t.is(await ada.inputValue('#rule-condition'), 'customer = yes and ordrs >= 3', 'the rule is kept to correct');
    await ada.fill('#rule-condition', 'customer = yes and orders >= 3');
    await ada.selectOption('#rule-level', 'gold');
    await Promise.all([ada.waitForNavigation(), ada.click('#rule-form button[type=submit]')]);
    t.ok(/Good customer/.test(await ada.textContent('#rules')), 'the corrected rule is added');

    await ada.fill('#try-example', 'customer=yes orders=5');
    await Promise.all([ada.waitForNavigation(), ada.click('#try-form button[type=submit]')]);
    const notice = await ada.textContent('#notice');
    t.ok(/level gold, score \+10, rules: Good customer/.test(notice), 'trying an example profile says what the rules make of it', notice);
    await t.screenshot(ada, 'rules-1-tried');
    const a11y = await t.accessibilityProblems(ada);
    t.is(a11y.length, 0, 'the rule editor has no serious accessibility problems', a11y.join('\n'));
    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    t.ok(false, 'the browser run finished', `${e.stack}\n${problems.join('\n')}`);
  } finally {
    await browser.close();
  }
  t.done();
})();
