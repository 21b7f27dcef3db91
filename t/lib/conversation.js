// Helpers for browser tests that start from a conversation: an agent signed
// in (available) in one context, a visitor who clicks the help link on a
// client's page (served from localhost while Baton is 127.0.0.1, so
// cross-origin as a customer's site is) in another, the agent accepting,
// both in the viewer. Used by t/browser-call.t and t/browser-whiteboard.t.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const t = require('./browser.js');

const QUICK = 10000;

// Writes a client page into the stack's demo directory; returns its URL on
// "another site" (localhost, as nginx serves it: BATON_SITE_URL may say
// otherwise), with Baton's site script from `base` (default BATON_URL).
function sitePage(name, title, body, { script = true, head = '', base = process.env.BATON_URL, lang = 'en' } = {}) {
  const dir = process.env.BATON_DIR;
  const site = (process.env.BATON_SITE_URL || process.env.BATON_URL).replace('//127.0.0.1:', '//localhost:');
  fs.writeFileSync(path.join(dir, 'demo', name), `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="icon" href="${base}/favicon.svg">${head}
<style>
  body { margin: 0; font: 16px/1.5 Georgia, serif; background: #fbf7f2; color: #2b2118; }
  .page { width: 900px; padding: 20px; box-sizing: border-box; position: relative; }
  .tall { height: 2400px; }
  .box { position: absolute; width: 220px; height: 160px; border-radius: 12px; display: flex; align-items: center; justify-content: center; color: #fff; font: 600 18px sans-serif; }
</style></head>
<body><div class="page tall">
<h1>${title}</h1>
${body}
</div>
${script ? `<script src="${base}/js/baton-site.js" async></script>` : ''}
</body></html>
`);
  return `${site}/demo/${name}`;
}

// Opens a conversation through the bare help link (the widget has its own
// tests: t/browser-widget.t): { agent, visitor (pages), agentCtx, visitorCtx,
// channelId, channelUrl, home (the visitor's page), client, key }.
// options: agentName, visitorName, contextOptions (for both contexts),
// prefix (file names), initScript (for both contexts, before any page),
// base (Baton's address; default BATON_URL: another front such as Apache),
// lang (the client page's <html lang>, which the help link passes on).
async function openConversation(browser, problems, options = {}) {
  const base = options.base || process.env.BATON_URL;
  const account = t.newAgent(options.agentName || 'Dana Agent');
  const key = t.newSite(account.client, ['127.0.0.1', 'localhost'], 'Kettle shop');
  const prefix = options.prefix || `c${account.client}`;
  const home = sitePage(`${prefix}-home.html`, 'Kettle shop', `<p>Kettles and teapots.</p>
<p><a id="help" href="${base}/help?site=${key}" referrerpolicy="no-referrer-when-downgrade" data-baton-help data-baton-widget="off">Talk to us</a></p>
<script src="${base}/js/help-button.js" async></script>`, { base, lang: options.lang || 'en' });
  const contextOptions = options.contextOptions || {};
  const agentCtx = await browser.newContext({ viewport: { width: 1280, height: 820 }, ...contextOptions });
  const visitorCtx = await browser.newContext({ viewport: { width: 1100, height: 800 }, ...contextOptions });
  if (options.initScript) {
    await agentCtx.addInitScript(options.initScript);
    await visitorCtx.addInitScript(options.initScript);
  }
  const agent = await agentCtx.newPage();
  const visitor = await visitorCtx.newPage();
  t.watchPage(agent, problems, 'agent', options.allow || []);
  t.watchPage(visitor, problems, 'visitor', options.allow || []);

  await agent.goto(`${base}/signin`);
  await agent.fill('#email', account.email);
  await agent.fill('#password', account.password);
  await agent.check('input[name=state][value=available]');
  await Promise.all([agent.waitForURL(`${base}/console`), agent.click('#signin-form button[type=submit]')]);

  await visitor.goto(home);
  await visitor.waitForSelector('#help[data-baton-status]', { timeout: QUICK });
  await Promise.all([visitor.waitForURL(/\/help\?/), visitor.click('#help')]);
  await visitor.fill('#name', options.visitorName || 'Vera Visitor');
  await visitor.fill('#question', options.question || 'Can we talk?');
  await Promise.all([visitor.waitForURL(/\/wait\?r=/), visitor.click('#help-form button[type=submit]')]);

  // Waiting, or already offered to the agent (the console's two lists).
  const request = agent.locator('li.request', { hasText: options.visitorName || 'Vera Visitor' });
  await request.waitFor({ timeout: QUICK });
  await Promise.all([agent.waitForURL(/\/channel\?id=/), request.locator('button', { hasText: 'Accept' }).click()]);
  const channelUrl = agent.url();
  await visitor.waitForURL(channelUrl, { timeout: QUICK });
  // Both viewers load the visitor's page into their frame as they open.
  // Firefox's WebDriver BiDi fails a navigation of the top page started
  // while that load is under way, with the frame's cancelled load as its
  // own error (NS_BINDING_ABORTED: its frames are in-process, browser.js),
  // so a conversation is handed to the test once both frames have loaded.
  await Promise.all([agent, visitor].map((page) => framed(page, home)));
  const channelId = new URL(channelUrl).searchParams.get('id');
  return { agent, visitor, agentCtx, visitorCtx, channelId, channelUrl, home, client: account.client, key, prefix };
}

// Waits until a frame of the page has loaded url.
async function framed(page, url) {
  const frame = await until(`a frame of ${page.url()} showing ${url}`,
    () => page.frames().find((f) => f !== page.mainFrame() && f.url().split('#')[0] === url));
  await frame.waitForLoadState('load', { timeout: QUICK });
}

// A supervisor of the client, monitoring the conversation silently in a
// context of their own: their viewer page.
async function monitorAs(browser, problems, client, channelId, name = 'Sue Supervisor', initScript = null) {
  const base = process.env.BATON_URL;
  const email = `${t.uniqueName('bsup')}@example.com`;
  const password = `pw-${t.uniqueName('')}`;
  t.admin(password, 'agent', 'add', client, email, name, 'supervisor');
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 760 } });
  if (initScript) await ctx.addInitScript(initScript);
  const page = await ctx.newPage();
  t.watchPage(page, problems, 'supervisor');
  await page.goto(`${base}/signin`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${base}/console`), page.click('#signin-form button[type=submit]')]);
  await page.goto(`${base}/supervise`);
  const status = await page.evaluate(async (channel) => {
    const csrf = document.querySelector('input[name=csrf]').value;
    const res = await fetch('/monitor', { method: 'POST', body: new URLSearchParams({ csrf, channel }), redirect: 'manual' });
    return res.type === 'opaqueredirect' ? 303 : res.status;
  }, channelId);
  if (status !== 303) throw new Error(`monitor: ${status}`);
  await page.goto(`${base}/channel?id=${channelId}`);
  return { ctx, page };
}

// Runs SQL as the database's root user (for situations no page makes);
// returns the rows as arrays of strings.
function sql(query) {
  const out = execFileSync('mariadb', ['--no-defaults', `--socket=${process.env.BATON_DB_SOCKET}`, '-uroot',
    '--batch', '--skip-column-names', 'baton', '-e', query], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

// One more person in a conversation, in a context of their own: an
// invitation into it (baton-admin room invite, in its owner's name), and the
// guest following its link and giving their name, as anyone invited does.
// Returns { ctx, page, participant }.
async function addGuest(browser, problems, channelId, name, contextOptions = {}, initScript = null) {
  const base = process.env.BATON_URL;
  const out = t.admin(null, 'room', 'invite', channelId);
  const m = /join\?i=([0-9a-f]{64})/.exec(out);
  if (!m) throw new Error(`no invitation link in: ${out}`);
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 760 }, ...contextOptions });
  if (initScript) await ctx.addInitScript(initScript);
  const page = await ctx.newPage();
  t.watchPage(page, problems, name);
  await page.goto(`${base}/join?i=${m[1]}`);
  await page.fill('#name', name);
  await Promise.all([page.waitForURL(`${base}/channel?id=${channelId}`), page.click('#join-form button[type=submit]')]);
  const participant = Number(await page.getAttribute('#channel', 'data-me'));
  return { ctx, page, participant };
}

// Waits until fn() (in the test) returns a truthy value; throws with `what`
// after ms.
async function until(what, fn, ms = QUICK, every = 100) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

module.exports = { openConversation, monitorAs, addGuest, sitePage, sql, until, QUICK };
