#!/usr/bin/env node
// Live help end to end in a real browser (Debian's Chromium;
// t/browser-help-firefox.t runs it in Firefox ESR), two people at once: a
// visitor on a client's page (served from another origin, as a customer's
// site is) clicks the help link, asks, waits; the agent's console shows the
// request without a reload, the agent accepts, the waiting page moves to the
// conversation by itself; they chat both ways (each line once, in order), see
// each other typing; the agent leaves and the visitor is shown the end and
// the transcript. No console errors or CSP violations. Screenshots:
// t/artifacts/help-*.png (the visitor's on a phone-sized screen).
'use strict';
const fs = require('fs');
const path = require('path');
const t = require('./lib/browser.js');

const QUICK = 5000; // "within a couple of seconds", with room for a slow machine

(async () => {
  const base = process.env.BATON_URL;
  const dir = process.env.BATON_DIR;
  if (!base || !dir) t.skipAll('no running stack: run through `make test`');
  if (!fs.existsSync(path.join(dir, 'demo'))) t.skipAll(`${dir}/demo/ missing: tools/stack makes it on start`);

  const agent = t.newAgent('Dana Agent');
  const key = t.newSite(agent.client, ['127.0.0.1', 'localhost'], 'Kitchen shop');
  let canned = true;
  try {
    t.admin(null, 'canned', 'add', agent.client, 'Greeting', 'Hello! How can I help you today?');
  } catch (e) {
    canned = false; // an older baton-admin without canned phrases
  }

  // The client's page, on "another site": localhost instead of 127.0.0.1.
  const pageName = `help-${agent.client}.html`;
  fs.writeFileSync(path.join(dir, 'demo', pageName), `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kitchen shop</title><link rel="icon" href="${base}/favicon.svg"></head>
<body><h1>Kitchen shop</h1><p>Kettles and teapots.</p>
<p><a id="help" href="${base}/help?site=${key}&amp;topic=kettles" data-baton-help>Talk to us</a></p>
<script src="${base}/js/help-button.js" async></script>
</body></html>
`);
  const site = base.replace('//127.0.0.1:', '//localhost:');
  const sitePage = `${site}/demo/${pageName}`;

  const browser = await t.launch();
  const problems = [];
  try {
    const agentCtx = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const visitorCtx = await browser.newContext({ viewport: { width: 390, height: 760 }, isMobile: true, hasTouch: true });
    const dana = await agentCtx.newPage();
    const vera = await visitorCtx.newPage();
    // The visitor's polls under way (the lost-answer step below waits on them).
    const veraPolls = new Set();
    const isPoll = (req) => /\/poll\?/.test(req.url());
    vera.on('request', (req) => { if (isPoll(req)) veraPolls.add(req); });
    vera.on('requestfinished', (req) => veraPolls.delete(req));
    vera.on('requestfailed', (req) => veraPolls.delete(req));
    const allowed = []; // console errors caused on purpose, added where they are
    t.watchPage(dana, problems, 'agent');
    t.watchPage(vera, problems, 'visitor', allowed);
    if (process.env.DEBUG_POLLS) {
      vera.on('request', (r) => { if (/poll/.test(r.url())) console.log('# req', Date.now() % 100000, r.url()); });
      vera.on('requestfinished', (r) => { if (/poll/.test(r.url())) console.log('# fin', Date.now() % 100000, r.url()); });
      vera.on('requestfailed', (r) => { if (/poll/.test(r.url())) console.log('# fail', Date.now() % 100000, r.url(), r.failure().errorText); });
    }

    // The agent signs in, available, and waits on the console.
    await dana.goto(`${base}/signin`);
    await dana.fill('#email', agent.email);
    await dana.fill('#password', agent.password);
    await dana.check('input[name=state][value=available]');
    await Promise.all([dana.waitForURL(`${base}/console`), dana.click('#signin-form button[type=submit]')]);
    t.is(await dana.textContent('#state'), 'Available', 'the agent is on the console, available');
    await dana.waitForFunction(() => document.title === 'Console · Baton');
    await dana.evaluate(() => { window.batonNoReload = true; });

    // The visitor's page: the help button script asks Baton across origins.
    await vera.goto(sitePage);
    await vera.waitForSelector('#help[data-baton-status]', { timeout: QUICK });
    t.is(await vera.getAttribute('#help', 'data-baton-status'), 'available',
      'the help button learns that someone is there (cross-origin availability)');
    t.is(await vera.textContent('#help'), 'Talk to us now', 'and says so');
    await t.screenshot(vera, 'help-1-site');

    await Promise.all([vera.waitForURL(/\/help\?/), vera.click('#help')]);
    t.ok(await vera.isVisible('#help-form'), 'the help link asks for a question');
    await vera.fill('#name', 'Vera Visitor');
    await vera.fill('#question', 'Which kettle works on an induction hob?');
    await t.screenshot(vera, 'help-2-question');
    await Promise.all([vera.waitForURL(/\/wait\?r=/), vera.click('#help-form button[type=submit]')]);
    t.ok(true, 'asking leads to the waiting page');
    t.ok(/You are next|ahead of you/.test(await vera.textContent('#status')), 'which shows the place in the queue');
    const refreshes = await vera.evaluate(() => document.querySelectorAll('meta[http-equiv=refresh]').length);
    t.is(refreshes, 0, 'with JavaScript on, the no-script refresh is not in force');
    await t.screenshot(vera, 'help-3-waiting');

    // The console shows the request by itself (long-poll, no reload).
    // Waiting, or already offered to Dana (the lists of the console).
    const request = dana.locator('li.request', { hasText: 'Vera Visitor' });
    await request.waitFor({ timeout: QUICK });
    t.ok(true, 'the request appears on the console within seconds');
    t.ok(await dana.evaluate(() => window.batonNoReload === true), 'without reloading the console');
    t.ok((await request.textContent()).includes('Which kettle works on an induction hob?'), 'with the question');
    t.ok((await request.textContent()).includes(`localhost:${process.env.BATON_PORT}`), 'and the site it came from');
    t.is(await dana.evaluate(() => Number(document.getElementById('queue-count').textContent)
      + Number(document.getElementById('offered-count').textContent)), 1, 'the counts say 1');
    t.ok(await dana.evaluate(() => document.getElementById('queue-empty').hidden
      !== document.getElementById('offered-empty').hidden), 'one list says it is empty, the other holds the visitor');
    await dana.waitForFunction(() => document.title === '(1) Console · Baton', null, { timeout: QUICK });
    t.ok(true, 'the title counts the waiting visitor');
    await t.screenshot(dana, 'help-4-console');

    // The agent accepts; both end up in the channel.
    await Promise.all([dana.waitForURL(/\/channel\?id=/), request.locator('button', { hasText: 'Accept' }).click()]);
    t.ok(true, 'accepting leads the agent into the conversation');
    const channelUrl = dana.url();
    await vera.waitForURL(channelUrl, { timeout: QUICK });
    t.ok(true, 'the waiting page moves to the same conversation by itself');
    t.ok((await vera.textContent('#people')).includes('Dana Agent'), 'the visitor sees the agent among the people');

    // Lines both ways.
    await dana.fill('#say-text', 'Hello Vera, I can help with that.');
    await dana.press('#say-text', 'Enter');
    await vera.locator('#lines li.event-line', { hasText: 'Hello Vera, I can help with that.' }).waitFor({ timeout: QUICK });
    t.ok(true, 'the visitor sees the agent\'s line');
    t.is(await dana.inputValue('#say-text'), '', 'Enter sent the line and emptied the box');

    // The visitor types: the agent sees the words as they come.
    await vera.click('#say-text');
    await vera.keyboard.type('The black one, is it heavy?', { delay: 40 });
    await dana.waitForFunction(() => /Vera Visitor is typing: The black one/.test(document.getElementById('typing').textContent),
      null, { timeout: QUICK });
    t.ok(true, 'the agent sees what the visitor is typing');
    await t.screenshot(dana, 'help-5-agent-sees-typing');
    await vera.keyboard.down('Shift');
    await vera.keyboard.press('Enter');
    await vera.keyboard.up('Shift');
    await vera.keyboard.type('(for a small kitchen)', { delay: 10 });
    t.is(await vera.inputValue('#say-text'), 'The black one, is it heavy?\n(for a small kitchen)', 'Shift+Enter makes a new line');
    await vera.keyboard.press('Enter');
    const veraLine = 'The black one, is it heavy?\n(for a small kitchen)';
    await dana.locator('#lines li.event-line:not(.pending)', { hasText: 'The black one, is it heavy?' }).waitFor({ timeout: QUICK });
    t.ok(true, 'the agent sees the visitor\'s line');
    await dana.waitForFunction(() => document.getElementById('typing').textContent === '', null, { timeout: QUICK });
    t.ok(true, 'and the typing preview goes when it is sent');

    // The agent types: the visitor sees only that.
    await dana.click('#say-text');
    if (canned) {
      await dana.click('#canned .chip');
      t.is(await dana.inputValue('#say-text'), 'Hello! How can I help you today?', 'a canned phrase goes into the box');
      await dana.fill('#say-text', '');
    }
    await dana.keyboard.type('It weighs 1.2 kg, light for steel.', { delay: 40 });
    await vera.waitForFunction(() => document.getElementById('typing').textContent === 'Dana Agent is typing…',
      null, { timeout: QUICK });
    t.ok(true, 'the visitor sees that the agent is typing (not what)');
    await t.screenshot(vera, 'help-6-visitor-sees-typing');
    await dana.click('#say-form button[type=submit]');
    await vera.locator('#lines li.event-line', { hasText: 'It weighs 1.2 kg' }).waitFor({ timeout: QUICK });
    await dana.locator('#lines li.event-line:not(.pending)', { hasText: 'It weighs 1.2 kg' }).waitFor({ timeout: QUICK });

    // Each side has every line once, in the same order; seqs ascending.
    // The visitor's question is the first line, on both sides.
    const expected = ['Which kettle works on an induction hob?', 'Hello Vera, I can help with that.', veraLine,
      'It weighs 1.2 kg, light for steel.'];
    const linesOf = (p) => p.$$eval('#lines li.event-line', (lis) => lis.map((li) => ({
      body: li.querySelector('.body').textContent, seq: Number(li.dataset.seq), mine: li.classList.contains('mine'),
      pending: li.classList.contains('pending'),
    })));
    for (const [who, p, mine] of [['agent', dana, [false, true, false, true]], ['visitor', vera, [true, false, true, false]]]) {
      const got = await linesOf(p);
      t.is(JSON.stringify(got.map((l) => l.body)), JSON.stringify(expected), `the ${who} has each line once, in order`);
      t.is(JSON.stringify(got.map((l) => l.mine)), JSON.stringify(mine), `the ${who}'s own lines are marked as theirs`);
      t.ok(got.every((l, i) => !l.pending && (i === 0 || l.seq > got[i - 1].seq)), `the ${who}'s lines are all sent, seqs ascending`);
    }
    await t.screenshot(dana, 'help-7-agent-chat');
    await t.screenshot(vera, 'help-8-visitor-chat');

    // A line whose answer is lost (stored, but the browser hears nothing;
    // in Firefox, lost before it is stored) stays with a Retry button;
    // retrying stores it once. The visitor's
    // feed is held meanwhile, so it cannot bring the line first.
    allowed.push(/net::ERR_FAILED/);
    const heldPolls = [];
    let holding = true;
    const holdPoll = (route) => (holding ? heldPolls.push(route) : route.continue());
    await vera.route('**/poll?*', holdPoll);
    await dana.fill('#say-text', 'One moment…'); // a typing signal ends the visitor's poll under way
    // The visitor's polls under way when the hold began must end first (a
    // poll the typing signal missed ends by itself within 25 s).
    for (const until = Date.now() + 30000; veraPolls.size !== heldPolls.length;) {
      if (Date.now() > until) throw new Error(`the visitor's feed still has a poll under way that is not held`);
      await vera.waitForTimeout(25);
    }
    await dana.fill('#say-text', '');
    await vera.route('**/say', async (route) => {
      // Firefox (WebDriver BiDi) cannot fetch a POST on the page's behalf:
      // there the post is lost on the way out instead of on the way back.
      if (t.browserName !== 'firefox') await route.fetch();
      await route.abort('failed');
    }, { times: 1 });
    await vera.fill('#say-text', 'Is there a guarantee?');
    await vera.press('#say-text', 'Enter');
    const lost = vera.locator('#lines li.failed', { hasText: 'Is there a guarantee?' });
    await lost.waitFor({ timeout: QUICK });
    t.ok(await lost.locator('button.retry').isVisible(), 'a line whose post failed offers a retry');
    await t.screenshot(vera, 'help-9-retry');
    await lost.locator('button.retry').click();
    await vera.locator('#lines li.sent', { hasText: 'Is there a guarantee?' }).waitFor({ timeout: QUICK });
    t.ok(true, 'retrying sends it');
    holding = false;
    for (const route of heldPolls) await route.continue();
    await vera.unroute('**/poll?*', holdPoll);
    await vera.locator('#lines li.event-line:not(.pending)', { hasText: 'Is there a guarantee?' }).waitFor({ timeout: QUICK });
    await dana.locator('#lines li.event-line', { hasText: 'Is there a guarantee?' }).waitFor({ timeout: QUICK });
    t.is(await vera.locator('#lines li.event-line', { hasText: 'Is there a guarantee?' }).count(), 1,
      'the feed\'s copy takes the place of the one sent: the visitor has it once');
    await dana.waitForTimeout(500);
    t.is(await dana.locator('#lines li.event-line', { hasText: 'Is there a guarantee?' }).count(), 1,
      'and it was stored once: the agent has it once');

    // The visitor's feed fails for a while: "Reconnecting…", then it
    // catches up with what was said meanwhile.
    await vera.route('**/poll?*', (route) => route.abort('failed'));
    await dana.fill('#say-text', 'Two years, on everything we sell.'); // typing ends the poll under way
    await vera.waitForSelector('#connection', { state: 'visible', timeout: QUICK });
    t.is(await vera.textContent('#connection'), 'Reconnecting…', 'a failing feed shows "Reconnecting…"');
    await dana.press('#say-text', 'Enter');
    await dana.fill('#say-text', 'And free returns for 30 days.');
    await dana.press('#say-text', 'Enter');
    await dana.locator('#lines li.event-line:not(.pending)', { hasText: 'free returns' }).waitFor({ timeout: QUICK });
    await t.screenshot(vera, 'help-10-reconnecting');
    await vera.unroute('**/poll?*');
    await vera.locator('#lines li.event-line', { hasText: 'free returns' }).waitFor({ timeout: 15000 });
    t.ok(await vera.locator('#lines li.event-line', { hasText: 'Two years' }).isVisible(), 'both lines said meanwhile arrive');
    t.ok(true, 'once back, the feed catches up with what was said meanwhile');
    await vera.waitForSelector('#connection', { state: 'hidden', timeout: QUICK });
    t.ok(true, 'and "Reconnecting…" goes away');

    for (const [who, p] of [['agent', dana], ['visitor', vera]]) {
      const seqs = await p.$$eval('#lines li[data-seq]', (lis) => lis.map((li) => Number(li.dataset.seq)));
      t.ok(seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]), `the ${who} has no event twice, all in order`, seqs.join(' '));
      t.is(await p.locator('#lines li.event-line').count(), 7, `the ${who} has the seven lines (the question first)`);
    }

    // The agent leaves: back to the console; the visitor sees the end.
    await Promise.all([dana.waitForURL(`${base}/console`), dana.click('#leave-form button')]);
    t.ok(true, 'leaving takes the agent back to the console');
    await vera.waitForSelector('#ended', { state: 'visible', timeout: QUICK });
    t.ok(true, 'the visitor is told that the session has ended');
    t.ok(await vera.isHidden('#say-form'), 'and can no longer type');
    t.ok((await vera.textContent('#lines')).includes('Dana Agent left'), 'the agent\'s leaving is in the lines');
    await t.screenshot(vera, 'help-11-ended');
    await Promise.all([vera.waitForURL(/\/transcript\?id=/), vera.click('#transcript-link')]);
    const transcript = await vera.textContent('#transcript');
    t.ok(transcript.includes('Hello Vera, I can help with that.') && transcript.includes('It weighs 1.2 kg'),
      'the transcript link opens the transcript');
    t.ok(transcript.indexOf('Which kettle works on an induction hob?') < transcript.indexOf('Hello Vera'),
      'with the question as its first line');
    t.ok(!/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/.test(transcript), 'and times as a clock shows them, not stored stamps');
    await t.screenshot(vera, 'help-12-transcript');
    await dana.waitForSelector('#queue-empty', { state: 'visible' });
    await t.screenshot(dana, 'help-13-console-after');

    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    t.ok(false, 'the browser run finished', `${e.stack}\n${problems.join('\n')}`);
  } finally {
    await browser.close();
    fs.rmSync(path.join(dir, 'demo', pageName), { force: true });
  }
  t.done();
})();
