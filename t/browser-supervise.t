#!/usr/bin/env node
// Live supervision in a real browser (Debian's Chromium;
// t/browser-supervise-firefox.t runs it in Firefox ESR): a supervisor's desk
// (htdocs/js/supervise.js) changes as an agent signs in, goes on break and
// takes a visitor, without a reload; times tick; an alert stands out while a
// visitor waits; the Monitor button opens the session silently. Then the
// supervisor finds the session in the archive and replays it
// (htdocs/js/replay.js) at 16x. No console errors or CSP violations.
// Screenshots: t/artifacts/supervise-*.png.
'use strict';
const { execFileSync } = require('child_process');
const t = require('./lib/browser.js');

function sql(query) {
  const out = execFileSync('mariadb', ['--no-defaults', `--socket=${process.env.BATON_DB_SOCKET}`, '-uroot',
    '--batch', '--skip-column-names', 'baton', '-e', query], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

async function signIn(page, base, who, state) {
  await page.goto(`${base}/signin`);
  await page.fill('#email', who.email);
  await page.fill('#password', who.password);
  await page.check(`input[name=state][value=${state}]`);
  await Promise.all([page.waitForURL(`${base}/console`), page.click('button[type=submit]')]);
}

// The participant token on a channel page, read as the page's script would.
async function channelToken(request, base, channel) {
  const html = await (await request.get(`${base}/channel?id=${channel}`)).text();
  const m = /id="channel"[^>]*data-token="([0-9a-f]{64})"/.exec(html);
  if (!m) throw new Error(`no token on the channel page: ${html.slice(0, 200)}`);
  return m[1];
}

(async () => {
  const base = process.env.BATON_URL;
  if (!base) t.skipAll('no running stack: run through `make test`');
  const client = t.uniqueName('sc');
  t.admin(null, 'client', 'add', client, 'Live Desk Ltd');
  const key = t.newSite(client, ['127.0.0.1'], 'Shop');
  sql(`UPDATE site SET ask_question = 0 WHERE site_key = '${key}'`);
  const mk = (name, role) => {
    const who = { email: `${t.uniqueName('s')}@example.com`, password: `pw-${t.uniqueName('')}`, name };
    t.admin(who.password, 'agent', 'add', client, who.email, name, role);
    return who;
  };
  // The client's site page the session goes to (the test stack serves
  // DIR/demo/ at /demo/), with the help button's and the site's scripts: in
  // the replay's sandboxed frame (no origin) they must ask nothing (no CORS
  // error from /availability).
  const fs = require('fs');
  const path = require('path');
  const sitePage = `supervise-${t.uniqueName('p')}.html`;
  fs.mkdirSync(path.join(process.env.BATON_DIR, 'demo'), { recursive: true });
  fs.writeFileSync(path.join(process.env.BATON_DIR, 'demo', sitePage),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Size chart</title></head>'
    + `<body><h1>Size chart</h1><p>S, M, L.</p><p><a id="help" href="${base}/help?site=${key}" data-baton-help data-baton-widget="off">Talk to us</a></p>`
    + `<script src="${base}/js/help-button.js" async></script><script src="${base}/js/baton-site.js" async></script></body></html>\n`);
  const siteUrl = `${base}/demo/${sitePage}`;
  const sup = mk('Sonia Supervisor', 'supervisor');
  const agent = mk('Arlo Agent', 'agent');
  const [[agentId]] = sql(`SELECT id FROM agent WHERE email = '${agent.email}'`);

  const browser = await t.launch();
  const problems = [];
  try {
    const supContext = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const page = await supContext.newPage();
    t.watchPage(page, problems, 'supervisor');
    await signIn(page, base, sup, 'away');
    await page.click('#nav-supervise');
    await page.waitForURL(`${base}/supervise`);
    t.is(await page.title(), 'Supervise · Baton', 'the supervisor opens the desk from the top bar');
    const row = `#agents-body tr[data-agent="${agentId}"]`;
    t.is(await page.textContent(`${row} .state`), 'offline', 'the agent is offline');
    await t.screenshot(page, 'supervise-1-desk');

    // The agent signs in, in another browser: the desk follows, no reload.
    const agentContext = await browser.newContext();
    const agentPage = await agentContext.newPage();
    await page.evaluate(() => { window.notReloaded = true; });
    await signIn(agentPage, base, agent, 'available');
    await page.waitForSelector(`${row} .state[data-state="available"]`, { timeout: 5000 });
    t.ok(true, 'the agent signing in shows as available');
    const before = await page.textContent(`${row} .for`);
    await page.waitForFunction(([sel, was]) => document.querySelector(sel).textContent !== was,
      [`${row} .for`, before], { timeout: 10000 });
    const after = await page.textContent(`${row} .for`);
    t.ok(before !== after && /^\d+ s$/.test(after), `the time in the state ticks (${before} → ${after})`);

    const changed = Date.now();
    await agentPage.click('#statebar button[value=break]');
    await page.waitForSelector(`${row} .state[data-state="break"]`, { timeout: 5000 });
    t.ok(Date.now() - changed < 3000, `the break shows on the desk within moments (${Date.now() - changed} ms)`);
    t.ok(await page.evaluate(() => window.notReloaded === true), 'without reloading the page');
    await t.screenshot(page, 'supervise-2-agent-on-break');

    // A visitor waits while the only agent is on break: alerts stand out.
    sql(`UPDATE client SET wait_target_seconds = 2 WHERE slug = '${client}'`);
    const visitorContext = await browser.newContext();
    const visitorPage = await visitorContext.newPage();
    await visitorPage.goto(siteUrl);
    await Promise.all([visitorPage.waitForURL(/\/wait\?r=/), visitorPage.click('#help')]);
    const request = new URL(visitorPage.url()).searchParams.get('r');
    t.ok(/^[0-9a-f]{32}$/.test(request || ''), 'a visitor waits');
    await page.waitForFunction(() => document.getElementById('waiting').textContent === '1', null, { timeout: 5000 });
    t.ok(true, 'the desk counts one waiting');
    await page.waitForSelector(`${row}.alerting`, { timeout: 5000 });
    t.is((await page.textContent(`${row} .alert`)).trim(), 'not available while visitors wait',
      'the agent on break is an alert');
    await page.waitForSelector('#queue-alert:not([hidden])', { timeout: 8000 });
    t.is(await page.textContent('#queue-alert'), 'a visitor has waited longer than the target',
      'the wait over the target is an alert (ticking locally between answers)');
    await t.screenshot(page, 'supervise-3-alerts');

    // The agent takes the visitor: a live session with a Monitor button.
    const csrf = await agentPage.$eval('input[name=csrf]', (e) => e.value);
    const accepted = await agentContext.request.post(`${base}/accept`, {
      form: { csrf, request }, headers: { Origin: base }, maxRedirects: 0,
    });
    const channel = (/id=([0-9a-f]{32})/.exec(accepted.headers().location || '') || [])[1];
    t.ok(channel, 'the agent accepts the visitor');
    await page.waitForSelector(`${row} form.monitor-form[data-channel="${channel}"]`, { timeout: 5000 });
    t.is(await page.textContent('#waiting'), '0', 'nobody waits any more');
    t.ok(await page.isHidden('#queue-alert'), 'the queue alert is gone');
    t.is(await page.textContent(`${row} .sessions`), '1 / 1', 'the agent has one session of one');
    await t.screenshot(page, 'supervise-4-session');

    const agentToken = await channelToken(agentContext.request, base, channel);
    // The waiting page hears of the accept and goes to the conversation by
    // itself (a navigation of ours would race it: Firefox aborts one).
    await visitorPage.waitForURL((u) => u.pathname === '/channel' && u.searchParams.get('id') === channel,
      { timeout: 30000 });
    const visitorToken = await channelToken(visitorContext.request, base, channel);
    const say = (ctx, token, text) => ctx.request.post(`${base}/say`, {
      form: { channel, token, text }, headers: { Origin: base, Accept: 'application/json' },
    });
    await say(visitorContext, visitorToken, 'Hello, which size should I take?');
    await say(agentContext, agentToken, 'Let me show you the size chart.');
    await agentContext.request.post(`${base}/go`, {
      form: { channel, token: agentToken, url: siteUrl },
      headers: { Origin: base, Accept: 'application/json' },
    });

    const [monitorPage] = await Promise.all([
      supContext.waitForEvent('page'),
      page.click(`${row} form.monitor-form[data-channel="${channel}"] button`),
    ]);
    // (The channel page's own errors are for t/browser-channel.t to catch.)
    await monitorPage.waitForURL(`${base}/channel?id=${channel}`);
    t.ok(true, 'Monitor opens the session in a new tab');
    t.is(await monitorPage.getAttribute('#channel', 'data-role'), 'supervisor', 'as a silent supervisor');
    t.ok((await monitorPage.textContent('#lines')).includes('which size'), 'seeing the conversation');
    await t.screenshot(monitorPage, 'supervise-5-monitoring');
    const visitorHtml = await (await visitorContext.request.get(`${base}/channel?id=${channel}`)).text();
    t.ok(!visitorHtml.includes('Sonia Supervisor'), 'the visitor sees no supervisor');
    await monitorPage.close();

    await say(visitorContext, visitorToken, 'Thanks, medium then.');
    await agentContext.request.post(`${base}/leave`, {
      form: { channel, token: agentToken }, headers: { Origin: base, Accept: 'application/json' },
    });

    // The session in the archive, and its replay at 16x.
    await page.click('#nav-archive');
    await page.waitForURL(`${base}/archive`);
    const archiveRow = `#sessions tr[data-session="${channel}"]`;
    t.ok(await page.isVisible(archiveRow), 'the archive lists the session');
    await t.screenshot(page, 'supervise-6-archive');
    await Promise.all([page.waitForURL(`${base}/replay?id=${channel}`), page.click(`${archiveRow} a:text("Replay")`)]);
    await page.waitForSelector('#replay[data-state="ready"]', { timeout: 5000 });
    const count = Number(await page.getAttribute('#replay', 'data-count'));
    t.ok(count >= 7, `the replay has the session's events (${count})`);
    await page.check('input[name=speed][value="16"]');
    await page.click('#replay-play');
    // At 16x a short session may be over before the test looks: playing
    // and ended both show it was started; the lines below show it played.
    await page.waitForSelector('#replay[data-state="playing"], #replay[data-state="ended"]', { timeout: 5000 });
    t.ok(true, 'it plays');
    await page.waitForSelector('#replay[data-state="ended"]', { timeout: 20000 });
    const lines = await page.$$eval('#replay-lines li.event-line .body', (els) => els.map((e) => e.textContent));
    t.is(JSON.stringify(lines), JSON.stringify(['Hello, which size should I take?',
      'Let me show you the size chart.', 'Thanks, medium then.']), 'the lines were said again, in order');
    t.is(await page.getAttribute('#replay', 'data-address'), siteUrl,
      'the view went to the address led to');
    t.is(await page.getAttribute('#replay-frame', 'src'), siteUrl, 'shown in the frame');
    t.ok(await page.$$eval('#replay-lines li.event-monitor', (els) => els.length) === 1,
      'the supervisor\'s watching is in the staff replay');
    await t.screenshot(page, 'supervise-7-replay');
    await page.click('#replay-restart');
    const atStart = Number(await page.getAttribute('#replay', 'data-shown'));
    t.ok(atStart < count && await page.$$eval('#replay-lines li', (els) => els.length) === atStart,
      `from the start: only what happened at 0:00 is shown (${atStart})`);
    await page.click('#replay-next');
    const shown = Number(await page.getAttribute('#replay', 'data-shown'));
    t.ok(shown > atStart && shown < count, `next event: the next moment's events (${shown})`);

    await Promise.all([page.waitForURL(`${base}/session?id=${channel}`), page.click('#transcript-link')]);
    t.ok((await page.textContent('#timeline')).includes('Accepted by Arlo Agent'), 'the whole record, the request\'s history too');
    await t.screenshot(page, 'supervise-8-record');
    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    t.ok(false, 'the browser run finished', e.stack);
  } finally {
    await browser.close();
  }
  t.done();
})();
