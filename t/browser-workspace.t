#!/usr/bin/env node
// The agent's workspace in a real browser (Debian's Chromium;
// t/browser-workspace-firefox.t runs it in Firefox ESR): the state in the
// top bar in one click; a new offer chimes and notifies as the agent's
// preferences say; a supervisor gives a waiting visitor priority on the
// desk and both the desk's queue and the agent's console reorder; beside
// the conversation, the visitor panel (name, question, page, site,
// language, earlier sessions, notes, one added in place); a line in a
// conversation in the background and a supervisor's prompt each chime and
// notify. The Notification API is replaced by a recorder before any page
// script runs, and every chime is a "baton:sound" event. No console errors
// or CSP violations. Screenshots: t/artifacts/workspace-*.png.
'use strict';
const t = require('./lib/browser.js');
const { sql } = require('./lib/conversation.js');

async function signIn(page, base, who, state) {
  await page.goto(`${base}/signin`);
  await page.fill('#email', who.email);
  await page.fill('#password', who.password);
  await page.check(`input[name=state][value=${state}]`);
  await Promise.all([page.waitForURL(`${base}/console`), page.click('#signin-form button[type=submit]')]);
}

// Notifications granted and recorded; chimes recorded; this page never has
// the focus (it is "in the background" for the desk's purposes).
function recorder() {
  window.__notes = [];
  window.__sounds = [];
  class RecordedNotification {
    constructor(title, options) {
      window.__notes.push({ title, body: (options && options.body) || '', tag: (options && options.tag) || '' });
    }
    addEventListener() {}
    close() {}
    static requestPermission() { return Promise.resolve('granted'); }
  }
  RecordedNotification.permission = 'granted';
  window.Notification = RecordedNotification;
  window.addEventListener('baton:sound', (e) => window.__sounds.push(e.detail.kind));
  document.hasFocus = () => false;
}

(async () => {
  const base = process.env.BATON_URL;
  if (!base) t.skipAll('no running stack: run through `make test`');
  const client = t.uniqueName('wc');
  t.admin(null, 'client', 'add', client, 'Workspace Teas');
  const key = t.newSite(client, ['127.0.0.1'], 'Tea shop');
  const mk = (name, role) => {
    const who = { email: `${t.uniqueName('w')}@example.com`, password: `pw-${t.uniqueName('')}`, name };
    t.admin(who.password, 'agent', 'add', client, who.email, name, role);
    return who;
  };
  const wendy = mk('Wendy Workspace', 'agent');
  const sid = mk('Sid Supervisor', 'supervisor');
  // Wendy wants the offer chime but no desktop notification for offers.
  sql(`UPDATE agent SET desktop_offer = 0 WHERE email = '${wendy.email}'`);
  const fs = require('fs');
  const path = require('path');
  const sitePage = `workspace-${t.uniqueName('p')}.html`;
  fs.mkdirSync(path.join(process.env.BATON_DIR, 'demo'), { recursive: true });
  fs.writeFileSync(path.join(process.env.BATON_DIR, 'demo', sitePage),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Green teas</title></head>'
    + `<body><h1>Green teas</h1><p><a id="help" href="${base}/help?site=${key}">Talk to us</a></p></body></html>\n`);
  const siteUrl = `${base}/demo/${sitePage}`;

  const browser = await t.launch();
  const problems = [];
  try {
    const wendyContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-AT' });
    await wendyContext.addInitScript(recorder);
    const agent = await wendyContext.newPage();
    t.watchPage(agent, problems, 'agent');
    await signIn(agent, base, wendy, 'away');
    t.is(await agent.getAttribute('#statebar', 'data-state'), 'away', 'the top bar shows the agent away');
    await agent.click('#statebar button[value=available]');
    await agent.waitForFunction(() => document.getElementById('state').textContent === 'Available');
    t.is(await agent.getAttribute('#statebar button[value=available]', 'aria-pressed'), 'true', 'one click makes her available');

    // A visitor asks: offered to Wendy, with a chime and no notification.
    const ask = async (name, question) => {
      const context = await browser.newContext({ locale: 'fr-CH' });
      const page = await context.newPage();
      t.watchPage(page, problems, `visitor ${name}`);
      await page.goto(siteUrl);
      await Promise.all([page.waitForURL(/\/help\?/), page.click('#help')]);
      await page.fill('#name', name);
      await page.fill('#question', question);
      await Promise.all([page.waitForURL(/\/wait\?r=/), page.click('#help-form button[type=submit]')]);
      return { page, request: new URL(page.url()).searchParams.get('r') };
    };
    const pia = await ask('Pia Panel', 'Is the sencha organic?');
    await agent.waitForSelector(`#offered > li.offered[data-request="${pia.request}"]`, { timeout: 8000 });
    await agent.waitForFunction(() => window.__sounds.includes('offer'), null, { timeout: 5000 });
    t.ok(true, 'the offer chimes');
    t.ok(!(await agent.evaluate(() => window.__notes.some((n) => /offered to you/.test(n.title)))),
      'and, as her preferences say, shows no desktop notification');

    // Two more visitors wait (Wendy's one offer is out); the supervisor
    // puts the second one ahead from the desk.
    const quinn = await ask('Quinn First', 'Do you ship to Austria?');
    const rosa = await ask('Rosa Second', 'My order is late!');
    const sidContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const desk = await sidContext.newPage();
    t.watchPage(desk, problems, 'supervisor');
    await signIn(desk, base, sid, 'away');
    await Promise.all([desk.waitForURL(`${base}/supervise`), desk.click('#nav-supervise')]);
    await desk.waitForSelector(`#queue-body tr[data-request="${rosa.request}"]`, { timeout: 8000 });
    const order = (page, selector) => page.$$eval(selector, (els) => els.map((e) => e.dataset.request));
    let desked = await order(desk, '#queue-body tr[data-request]');
    t.ok(desked.indexOf(quinn.request) < desked.indexOf(rosa.request), 'the desk lists the visitors in arrival order');
    const priorityField = `#queue-body tr[data-request="${rosa.request}"] input[name=priority]`;
    await desk.fill(priorityField, ''); // (Firefox ESR types after a number field's value)
    await desk.fill(priorityField, '5');
    await desk.click(`#queue-body tr[data-request="${rosa.request}"] button[type=submit]`);
    await desk.waitForFunction(([q, r]) => {
      const ids = Array.from(document.querySelectorAll('#queue-body tr[data-request]')).map((e) => e.dataset.request);
      return ids.indexOf(r) >= 0 && ids.indexOf(r) < ids.indexOf(q);
    }, [quinn.request, rosa.request], { timeout: 8000 });
    t.ok(true, 'the supervisor sets a priority on the desk and the queue reorders');
    await agent.waitForFunction(([q, r]) => {
      const ids = Array.from(document.querySelectorAll('#queue > li[data-request]')).map((e) => e.dataset.request);
      return ids.indexOf(r) >= 0 && ids.indexOf(r) < ids.indexOf(q);
    }, [quinn.request, rosa.request], { timeout: 8000 });
    t.ok(true, 'so does the agent\'s console, without a reload');
    t.is(await agent.textContent(`#queue > li[data-request="${rosa.request}"] .priority-chip`), 'priority 5', 'showing the priority');
    await agent.selectOption('#queue-sort', 'wait');
    t.is((await order(agent, '#queue > li[data-request]'))[0], quinn.request, 'sorted by the longest wait, Quinn comes first again');
    await agent.selectOption('#queue-sort', 'priority');
    t.is(await agent.textContent('#queue-count'), '2', 'two waiting');
    t.is(await agent.textContent('#offered-count'), '1', 'one offered');
    await t.screenshot(agent, 'workspace-1-console');
    await t.screenshot(desk, 'workspace-2-desk-priority');

    // Wendy accepts Pia: the visitor panel beside the conversation.
    await Promise.all([agent.waitForURL(/\/channel\?id=/),
      agent.click(`#offered > li[data-request="${pia.request}"] .accept-form button`)]);
    const channel = new URL(agent.url()).searchParams.get('id');
    t.is(await agent.textContent('#visitor-name'), 'Pia Panel', 'the panel names the visitor');
    t.is(await agent.textContent('#visitor-question'), 'Is the sencha organic?', 'her question');
    t.is(await agent.textContent('#visitor-page'), siteUrl, 'the page she came from');
    t.ok((await agent.textContent('#visitor-panel summary')).includes('Tea shop'), 'the site');
    t.ok((await agent.textContent('#visitor-language')).includes('fr-CH'), 'her language');
    t.ok(await agent.isVisible('#visitor-sessions-none'), 'a first session');
    await agent.fill('#note-text', 'Likes green tea; allergic to jasmine.');
    await agent.click('#note-form button[type=submit]');
    await agent.waitForSelector('#visitor-notes li .body:text("Likes green tea; allergic to jasmine.")', { timeout: 5000 });
    t.ok(true, 'a note is added in place');
    t.is(sql(`SELECT n.body FROM visitor_note n JOIN client c ON c.id = n.client_id WHERE c.slug = '${client}'`)[0][0],
      'Likes green tea; allergic to jasmine.', 'and kept');
    t.is(await agent.getAttribute('#statebar', 'data-state'), 'available', 'the state shows in the top bar of the viewer too');
    await t.screenshot(agent, 'workspace-3-visitor-panel');

    // A line from the visitor while the conversation is in the background.
    await pia.page.waitForURL(/\/channel\?id=/, { timeout: 8000 });
    await pia.page.fill('#say-text', 'Hello? Anyone there?');
    await pia.page.click('#say-form button[type=submit]');
    await agent.waitForFunction(() => window.__sounds.includes('line'), null, { timeout: 8000 });
    t.ok(true, 'a line in a background conversation chimes');
    await agent.waitForFunction(() => window.__notes.some((n) => n.title === 'Pia Panel' && n.body === 'Hello? Anyone there?'),
      null, { timeout: 5000 });
    t.ok(true, 'and shows a desktop notification with the line');

    // The supervisor watches and prompts Wendy.
    await desk.goto(`${base}/supervise`);
    const wendyParticipant = await agent.getAttribute('#channel', 'data-me');
    const csrf = await desk.$eval('#supervise', (e) => e.dataset.csrf);
    const monitored = await sidContext.request.post(`${base}/monitor`, { form: { csrf, channel }, headers: { Origin: base }, maxRedirects: 0 });
    t.is(monitored.status(), 303, 'the supervisor starts watching');
    const html = await (await sidContext.request.get(`${base}/channel?id=${channel}`)).text();
    const sidToken = /data-token="([0-9a-f]{64})"/.exec(html)[1];
    const said = await sidContext.request.post(`${base}/say`, {
      form: { channel, token: sidToken, to: wendyParticipant, text: 'Offer her the 10 % code.' },
      headers: { Origin: base, Accept: 'application/json' },
    });
    t.is(said.status(), 200, 'and prompts the agent with a private line');
    await agent.waitForFunction(() => window.__sounds.includes('supervisor'), null, { timeout: 8000 });
    t.ok(true, 'the supervisor\'s line chimes its own tune');
    await agent.waitForFunction(() => window.__notes.some((n) => /\(supervisor\)$/.test(n.title) && n.body === 'Offer her the 10 % code.'),
      null, { timeout: 5000 });
    t.ok(true, 'and shows a desktop notification');

    // The preferences, on the profile page: no chime for lines any more.
    await agent.goto(`${base}/profile`);
    await agent.uncheck('input[name=sound_line]');
    await Promise.all([agent.waitForNavigation(), agent.click('#preferences-form button[type=submit]')]);
    t.ok(!(await agent.isChecked('input[name=sound_line]')), 'the agent turns off the chime for lines');
    await agent.goto(`${base}/channel?id=${channel}`);
    const before = await agent.evaluate(() => window.__notes.length);
    await pia.page.fill('#say-text', 'Still there?');
    await pia.page.click('#say-form button[type=submit]');
    await agent.waitForFunction((n) => window.__notes.length > n, before, { timeout: 8000 });
    t.ok(!(await agent.evaluate(() => window.__sounds.includes('line'))), 'the next line notifies without a chime');
    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    t.ok(false, 'the browser run finished', e.stack);
  } finally {
    await browser.close();
  }
  t.done();
})();
