#!/usr/bin/env node
// The widget in a real browser (Debian's Chromium; t/browser-widget-firefox.t
// runs it in Firefox ESR): the demo shop's own pages (htdocs/demo, rendered as
// `make run` renders them) served from another origin of the same site (a
// port of 127.0.0.1 of their own; Baton is 127.0.0.1:BATON_PORT), with the
// one-line site script. The help link says before the click that someone is
// there; by keyboard it opens the panel over the shop's page ("Connecting…"
// until Baton answers); the visitor asks there, keeps browsing while waiting
// (the panel follows, one request in all), and is in the conversation in the
// panel when the agent accepts, the question its first line. The agent's
// view follows the page the visitor is actually on; the visitor sends a line
// from each of three pages (the contact page keeps its bare link) and the
// agent has every one once, in order; minimised, the panel counts unread
// lines; it says "Reconnecting…" when its feed fails; the agent leading moves
// the visitor's page; the full viewer is one click away; Exit leads to the
// rating. A module hooked into the site script (window.BatonSite, for DOM
// mirroring later) is told when the conversation watches. Where the client takes calls, the panel offers "Call me back"
// and "Call us" (issue 15's pages, shown in the panel): a call-back asked
// there is the panel's page from then on, from page to page of the shop.
// A visitor on a page of another site over plain HTTP (where the
// panel's cookie cannot come back) is taken the bare link's way. No console
// errors. Screenshots: t/artifacts/widget-*.png.
'use strict';
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const t = require('./lib/browser.js');

const QUICK = 8000; // "within a couple of seconds", with room for a slow machine

/* The demo shop's pages with this site's key and Baton's address filled in,
 * as tools/stack renders them for `make run`. */
function renderShop(dir, key, base) {
  const src = path.join(process.env.BATON_ROOT || path.resolve(__dirname, '..'), 'htdocs', 'demo');
  for (const name of fs.readdirSync(src)) {
    let text = fs.readFileSync(path.join(src, name));
    if (name.endsWith('.html')) text = text.toString('utf8').replace(/@SITE_KEY@/g, key).replace(/@BATON_URL@/g, base);
    fs.writeFileSync(path.join(dir, name), text);
  }
}

/* The client's own web server: static files, nothing else. */
function serve(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml' };
  const server = http.createServer((req, res) => {
    const name = path.basename(decodeURIComponent(new URL(req.url, 'http://x').pathname)) || 'index.html';
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(name)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function sql(query) {
  return execFileSync('mariadb', ['--no-defaults', `--socket=${process.env.BATON_DB_SOCKET}`, '-uroot', '--batch',
    '--skip-column-names', 'baton', '-e', query], { encoding: 'utf8' }).trim();
}

(async () => {
  const base = process.env.BATON_URL;
  const dir = process.env.BATON_DIR;
  if (!base || !dir) t.skipAll('no running stack: run through `make test`');

  const agent = t.newAgent('Dana Agent');
  const key = t.newSite(agent.client, ['127.0.0.1', 'localhost'], 'Demo shop');
  const shopDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-shop-'));
  renderShop(shopDir, key, base);
  const server = await serve(shopDir);
  const shop = `http://127.0.0.1:${server.address().port}`;
  // A page of "another site" (localhost) for the fallback, served by Baton's nginx.
  const fallbackName = `widget-${agent.client}.html`;
  fs.writeFileSync(path.join(dir, 'demo', fallbackName), fs.readFileSync(path.join(shopDir, 'index.html'), 'utf8')
    .replace(/(href|src)="(shop\.css|favicon\.svg)"/g, `$1="${shop}/$2"`));
  const elsewhere = `${base.replace('//127.0.0.1:', '//localhost:')}/demo/${fallbackName}`;
  const clientId = sql(`SELECT id FROM client WHERE slug = '${agent.client}'`);

  const browser = await t.launch();
  const problems = [];
  try {
    const agentCtx = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    const visitorCtx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    // A module building on the site script (as DOM mirroring will) hooks
    // into it on every page: it learns when the panel's conversation watches.
    await visitorCtx.addInitScript(() => {
      const hook = () => window.BatonSite.use((api) => {
        window.batonTestExtension = { role: api.role, watching: api.watched(), seen: [] };
        api.on('watching', (m) => {
          window.batonTestExtension.watching = m.on && api.watched();
          window.batonTestExtension.seen.push(m.on);
        });
      });
      if (window.BatonSite) hook();
      else window.addEventListener('baton-site-ready', hook);
    });
    const dana = await agentCtx.newPage();
    const vera = await visitorCtx.newPage();
    const allowed = []; // console errors caused on purpose, added where they are
    t.watchPage(dana, problems, 'agent');
    t.watchPage(vera, problems, 'visitor', allowed);

    await dana.goto(`${base}/signin`);
    await dana.fill('#email', agent.email);
    await dana.fill('#password', agent.password);
    await dana.check('input[name=state][value=available]');
    await Promise.all([dana.waitForURL(`${base}/console`), dana.click('#signin-form button[type=submit]')]);

    // The panel and its frame (Baton's pages, in the shop's page).
    const panel = vera.locator('[data-baton-widget] .panel');
    const launcher = vera.locator('[data-baton-widget] .launcher');
    const status = vera.locator('[data-baton-widget] .status');
    const panelFrame = async (pathRe, ms = QUICK) => {
      const until = Date.now() + ms;
      for (;;) {
        const f = vera.frames().find((x) => x !== vera.mainFrame() && x.url().startsWith(base) && pathRe.test(new URL(x.url()).pathname));
        if (f) {
          try {
            await f.waitForLoadState('domcontentloaded', { timeout: Math.max(100, until - Date.now()) });
            return f;
          } catch (e) { /* navigating on */ }
        }
        if (Date.now() > until) throw new Error(`no panel frame at ${pathRe}: ${vera.frames().map((x) => x.url()).join(' ')}`);
        await vera.waitForTimeout(50);
      }
    };
    const requests = () => Number(sql(`SELECT COUNT(*) FROM help_request WHERE client_id = ${clientId}`));

    // The shop's home page: the help link says someone is there.
    await vera.goto(`${shop}/index.html`);
    const link = vera.locator('a[data-baton-help]');
    await vera.waitForSelector('a[data-baton-help][data-baton-status]', { timeout: QUICK });
    t.is(await link.getAttribute('data-baton-status'), 'available', 'the help button says someone is there, before the click');
    t.is(await link.textContent(), 'Talk to us now', 'in words');
    t.is(await link.getAttribute('role'), 'button', 'the link has become the widget\'s button');
    await t.screenshot(vera, 'widget-1-shop');

    // By keyboard: the link opens the panel; "Connecting…" until Baton answers.
    let release;
    const gate = new Promise((resolve) => { release = resolve; });
    await vera.route(`${base}/help?*`, async (route) => { await gate; await route.continue(); }, { times: 1 });
    await link.focus();
    await vera.keyboard.press('Enter');
    await panel.waitFor({ state: 'visible', timeout: QUICK });
    t.ok(true, 'Enter on the link opens the panel over the page');
    t.is(vera.url(), `${shop}/index.html`, 'the visitor stays on the shop\'s page');
    await status.waitFor({ state: 'visible', timeout: QUICK });
    t.is(await status.textContent(), 'Connecting…', 'the panel says it is connecting');
    release();
    let frame = await panelFrame(/^\/help$/);
    await status.waitFor({ state: 'hidden', timeout: QUICK });
    t.ok(true, 'and stops saying so once Baton answers');
    t.is(await frame.textContent('#desk'), 'Someone is free to answer now.', 'the panel says the same of the desk');
    await frame.waitForFunction(() => document.activeElement && document.activeElement.id === 'question', null, { timeout: QUICK });
    t.ok(true, 'the keyboard is in the panel, at the question');
    await frame.fill('#question', 'Does the stovetop kettle work on induction?');
    await frame.fill('#name', 'Vera Visitor');
    await t.screenshot(vera, 'widget-2-question');
    await frame.click('#help-form button[type=submit]');
    frame = await panelFrame(/^\/wait$/);
    t.ok(/You are next|An agent is being connected/.test(await frame.textContent('#wait')), 'the panel shows the visitor\'s place and the wait');
    t.ok((await frame.textContent('#choice-wait')).includes('Go on browsing this site'), 'and that they may go on browsing');
    await t.screenshot(vera, 'widget-3-waiting');

    // Browsing on while waiting: the panel comes along, with the same request.
    await Promise.all([vera.waitForURL(`${shop}/products.html`), vera.click('nav a[href="products.html"]')]);
    await panel.waitFor({ state: 'visible', timeout: QUICK });
    const waitAgain = await panelFrame(/^\/wait$/);
    t.is(new URL(waitAgain.url()).searchParams.get('r'), new URL(frame.url()).searchParams.get('r'),
      'on the next page the panel is there again, with the same request');
    t.is(requests(), 1, 'one request in all');

    // The agent accepts: the visitor is in the conversation, in the panel.
    const request = dana.locator('li.request', { hasText: 'Vera Visitor' });
    await request.waitFor({ timeout: QUICK });
    await Promise.all([dana.waitForURL(/\/channel\?id=/), request.locator('button', { hasText: 'Accept' }).click()]);
    const channelId = new URL(dana.url()).searchParams.get('id');
    frame = await panelFrame(/^\/channel$/);
    t.is(new URL(frame.url()).searchParams.get('id'), channelId, 'when the agent accepts, the panel is in the conversation');
    t.is(await frame.textContent('#lines li.event-line .body'), 'Does the stovetop kettle work on induction?',
      'the question is its first line');
    const frameOf = async (p) => (await p.$('#view')).contentFrame();
    const agentViewAt = async (url) => {
      const until = Date.now() + QUICK;
      for (;;) {
        const f = await frameOf(dana);
        if (f && f.url() === url) return true;
        if (Date.now() > until) throw new Error(`the agent's view is at ${f && f.url()}, not ${url}`);
        await dana.waitForTimeout(50);
      }
    };
    await agentViewAt(`${shop}/products.html`);
    t.ok(true, 'the agent\'s view shows the page the visitor is on');
    await vera.waitForFunction(() => window.batonTestExtension && window.batonTestExtension.watching === true, null, { timeout: QUICK });
    t.is(await vera.evaluate(() => window.batonTestExtension.role), 'site', 'a module hooked into the site script (window.BatonSite.use)');
    t.ok(true, 'is told the conversation in the panel watches the page, and may report to it');
    t.ok((await dana.textContent('#lead-status')).includes('Vera Visitor leads'), 'the visitor leads');

    // A line from each of three pages; nothing lost.
    const say = async (text) => {
      const f = await panelFrame(/^\/channel$/);
      await f.fill('#say-text', text);
      await f.press('#say-text', 'Enter');
      await f.locator('#lines li.event-line:not(.pending)', { hasText: text }).waitFor({ timeout: QUICK });
      await dana.locator('#lines li.event-line', { hasText: text }).waitFor({ timeout: QUICK });
    };
    await say('Line one, from the products page.');
    t.ok(true, 'a line from the products page reaches the agent');
    await t.screenshot(vera, 'widget-4-conversation');
    await Promise.all([vera.waitForURL(`${shop}/index.html`), vera.click('nav a[href="index.html"]')]);
    await say('Line two, from the home page.');
    t.ok(true, 'the conversation follows to the home page, and a line from there arrives');
    await agentViewAt(`${shop}/index.html`);
    t.ok(true, 'the agent\'s view followed the visitor home');
    await t.screenshot(dana, 'widget-5-agent-follows');
    await Promise.all([vera.waitForURL(`${shop}/contact.html`), vera.click('nav a[href="contact.html"]')]);
    t.is(await vera.getAttribute('a[data-baton-help]', 'role'), null, 'the contact page\'s link stays a bare link');
    t.ok((await vera.getAttribute('a[data-baton-help]', 'href')).startsWith(`${base}/help?site=${key}`), 'to Baton\'s page');
    await say('Line three, from the contact page.');
    t.ok(true, 'the panel comes along there too, and a third line arrives');
    const agentLines = await dana.$$eval('#lines li.event-line .body', (b) => b.map((x) => x.textContent));
    t.is(JSON.stringify(agentLines), JSON.stringify(['Does the stovetop kettle work on induction?',
      'Line one, from the products page.', 'Line two, from the home page.', 'Line three, from the contact page.']),
    'the agent has every line once, in order');
    t.is(requests(), 1, 'still one request in all');

    // Minimised: an unread count on the button; the keyboard goes back and forth.
    frame = await panelFrame(/^\/channel$/);
    await frame.focus('#say-text');
    await vera.keyboard.press('Escape');
    await launcher.waitFor({ state: 'visible', timeout: QUICK });
    t.ok(await panel.isHidden(), 'Escape minimises the panel');
    t.ok(await launcher.evaluate((b) => b.getRootNode().activeElement === b), 'and the keyboard is on its button');
    await dana.fill('#say-text', 'Induction works, yes.');
    await dana.press('#say-text', 'Enter');
    const badge = vera.locator('[data-baton-widget] .badge');
    await badge.waitFor({ state: 'visible', timeout: QUICK });
    t.is(await badge.textContent(), '1', 'a line while minimised: one unread');
    t.ok((await launcher.getAttribute('aria-label')).includes('1 new message'), 'said to screen readers too');
    await t.screenshot(vera, 'widget-6-minimised');
    await vera.keyboard.press('Enter');
    await panel.waitFor({ state: 'visible', timeout: QUICK });
    t.ok(await badge.isHidden(), 'Enter opens it again, nothing unread');
    t.ok(await (await panelFrame(/^\/channel$/)).locator('#lines li.event-line', { hasText: 'Induction works' }).isVisible(),
      'with the agent\'s line there');

    // The feed fails: "Reconnecting…"; back, it catches up.
    allowed.push(/net::ERR_FAILED|Failed to load resource|NetworkError|NS_ERROR/);
    await vera.route(`${base}/poll?*`, (route) => route.abort('failed'));
    await dana.fill('#say-text', 'Anything else?'); // typing ends the poll under way
    await status.waitFor({ state: 'visible', timeout: 15000 });
    t.is(await status.textContent(), 'Reconnecting…', 'a failing feed: the panel says it is reconnecting');
    await dana.press('#say-text', 'Enter');
    await vera.unroute(`${base}/poll?*`);
    await (await panelFrame(/^\/channel$/)).locator('#lines li.event-line', { hasText: 'Anything else?' }).waitFor({ timeout: 20000 });
    await status.waitFor({ state: 'hidden', timeout: QUICK });
    t.ok(true, 'and once back, catches up and says so no more');

    // The agent takes the lead and shows a page: the visitor's page goes there.
    await dana.click('#take-lead');
    await dana.fill('#address', `${shop}/products.html`);
    await Promise.all([vera.waitForURL(`${shop}/products.html`, { timeout: QUICK }), dana.press('#address', 'Enter')]);
    t.ok(true, 'the agent leads to another page of the shop, and the visitor\'s page follows');
    frame = await panelFrame(/^\/channel$/);
    t.ok((await frame.textContent('#lead-status')).includes('Dana Agent leads'), 'the panel says who leads');
    t.is(await frame.getAttribute('#full-viewer', 'href'), `/channel?id=${channelId}`, 'the full viewer is one click away');
    t.is(await frame.getAttribute('#full-viewer', 'target'), '_blank', 'in a tab of its own');

    // Exit: the transcript in the panel, with the rating.
    await Promise.all([panelFrame(/^\/transcript$/), frame.click('#leave-form button')]);
    frame = await panelFrame(/^\/transcript$/);
    await frame.click('label[for=stars-5]');
    await frame.fill('#rating-comment', 'Quick and clear.');
    await frame.click('#rating button[type=submit]');
    await frame.waitForSelector('#rating-thanks', { timeout: QUICK });
    t.is(sql(`SELECT r.stars, r.comment FROM session_rating r JOIN channel c ON c.id = r.channel_id WHERE c.public_id = '${channelId}'`),
      '5\tQuick and clear.', 'the visitor rates the session in the panel');
    await t.screenshot(vera, 'widget-7-rating');

    // The client takes calls: "Call me back" and "Call us" in the panel.
    const helpNumber = `+1202${2 + Math.floor(Math.random() * 8)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    t.admin(null, 'phone', 'set', agent.client, 'country', 'US');
    t.admin(null, 'phone', 'set', agent.client, 'caller_id', '+12025550100');
    t.admin(null, 'phone', 'set', agent.client, 'help_number', helpNumber);
    const callerCtx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const cal = await callerCtx.newPage();
    t.watchPage(cal, problems, 'visitor (phone)');
    const calFrame = async (pathRe) => {
      const until = Date.now() + QUICK;
      for (;;) {
        const f = cal.frames().find((x) => x !== cal.mainFrame() && x.url().startsWith(base) && pathRe.test(new URL(x.url()).pathname));
        if (f) {
          try {
            await f.waitForLoadState('domcontentloaded', { timeout: Math.max(100, until - Date.now()) });
            return f;
          } catch (e) { /* navigating on */ }
        }
        if (Date.now() > until) throw new Error(`no panel frame at ${pathRe}: ${cal.frames().map((x) => x.url()).join(' ')}`);
        await cal.waitForTimeout(50);
      }
    };
    await cal.goto(`${shop}/index.html`);
    await cal.waitForSelector('a[data-baton-help][data-baton-status]', { timeout: QUICK });
    await cal.click('a[data-baton-help]');
    let calPanel = await calFrame(/^\/help$/);
    t.ok((await calPanel.textContent('#callus-form')).includes(helpNumber), 'the panel offers "Call us" with the help number');
    await calPanel.click('#callus-form button[type=submit]');
    calPanel = await calFrame(/^\/callus$/);
    await calPanel.waitForSelector('#callus-code', { timeout: QUICK });
    t.ok(/^[1-9]\d{5}$/.test((await calPanel.textContent('#callus-code')).trim()), 'and its code shows in the panel');
    t.is(cal.url(), `${shop}/index.html`, 'the visitor stays on the shop\'s page');
    // The next page: the panel, still open, is back at the question.
    await Promise.all([cal.waitForURL(`${shop}/products.html`), cal.click('nav a[href="products.html"]')]);
    calPanel = await calFrame(/^\/help$/);
    await calPanel.waitForSelector('#callback summary', { timeout: QUICK });
    await calPanel.click('#callback summary');
    await calPanel.fill('#callback-phone', '(202) 555-0144');
    await calPanel.fill('#callback-question', 'Please ring me about the kettle.');
    await calPanel.click('#callback-form button[type=submit]');
    calPanel = await calFrame(/^\/wait$/);
    await calPanel.waitForSelector('h1', { timeout: QUICK });
    t.is(await calPanel.textContent('h1'), 'We will call you back', '"Call me back" in the panel: the panel says the call will come');
    t.ok((await calPanel.textContent('#callback-number')).includes('+12025550144'), 'to the number given');
    await t.screenshot(cal, 'widget-8-call-me-back');
    const callbackId = new URL(calPanel.url()).searchParams.get('r');
    t.is(sql(`SELECT medium FROM help_request WHERE public_id = '${callbackId}'`), 'callback', 'a call-back request');
    await Promise.all([cal.waitForURL(`${shop}/index.html`), cal.click('nav a[href="index.html"]')]);
    calPanel = await calFrame(/^\/wait$/);
    t.is(new URL(calPanel.url()).searchParams.get('r'), callbackId, 'on the next page the panel is there again with the call-back');
    await callerCtx.close();

    // Another site over plain HTTP: no cookie comes back to the panel, so the
    // link goes its own way.
    const otherCtx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const otto = await otherCtx.newPage();
    // (Firefox says so of the cookie it keeps out of the frame: that is the point.)
    t.watchPage(otto, problems, 'visitor elsewhere', [/has been rejected because it is in a cross-site context/]);
    await otto.goto(elsewhere);
    await otto.waitForSelector('a[data-baton-help][data-baton-status]', { timeout: QUICK });
    await Promise.all([otto.waitForURL(/\/help\?site=/, { timeout: 15000 }), otto.click('a[data-baton-help]')]);
    t.ok(otto.url().startsWith(`${base}/help?site=${key}`), 'on another site over plain HTTP the click goes the bare link\'s way');
    t.ok(await otto.isVisible('#help-form'), 'to the question on Baton\'s page');
    t.is(new URL(otto.url()).searchParams.get('page'), elsewhere, 'naming the page asked from');
    await otherCtx.close();

    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    t.ok(false, 'the browser run finished', `${e.stack}\n${problems.join('\n')}`);
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(shopDir, { recursive: true, force: true });
    fs.rmSync(path.join(dir, 'demo', fallbackName), { force: true });
  }
  t.done();
})();
