// Helpers for browser tests: TAP output for prove, Debian's Chromium or
// Firefox ESR through playwright-core (never a downloaded browser; BATON_BROWSER
// picks, chromium by default), screenshots kept as test artifacts in
// t/artifacts/, and fixtures through baton-admin.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = process.env.BATON_ROOT || path.resolve(__dirname, '..', '..');
const { chromium, firefox } = require(path.join(root, 'node_modules', 'playwright-core'));
const browserName = process.env.BATON_BROWSER || 'chromium';

// playwright-core 1.64 keeps a tree of each page's frames from the browser's
// events, and asserts, inside the event handler, that a child frame the
// browser reports as attached is not one it knows already. Chromium can
// report it twice while a cross-site frame moves between processes (the
// viewer frames localhost pages in a 127.0.0.1 page; seen once in CI, in
// t/browser-viewer.t). The assertion fires before anything changes, so the
// known frame stays as it was, as if the second report had been ignored:
// that one exception is noted and the test goes on. Any other uncaught
// exception ends the test as Node would.
process.on('uncaughtException', (e) => {
  const stack = String((e && e.stack) || e);
  if (/^Error: Assertion error/.test(stack) && /FrameManager\.frameAttached/.test(stack)
      && /_onFrameAttached/.test(stack)) {
    console.error('# playwright-core: a frame the page already had was reported attached again; ignored');
    return;
  }
  console.error(stack);
  process.exit(1);
});

let count = 0;
let failed = 0;
function ok(cond, name, diag) {
  count++;
  if (!cond) failed++;
  console.log(`${cond ? 'ok' : 'not ok'} ${count} - ${name}`);
  // On stderr, as Test::More's diagnostics: prove shows them without -v.
  if (!cond) console.error(`#   Failed test '${name}'`);
  if (!cond && diag !== undefined) console.error(`#   ${String(diag).replace(/\n/g, '\n#   ')}`);
  return cond;
}
function is(got, want, name) {
  return ok(got === want, name, `got: ${JSON.stringify(got)}\nexpected: ${JSON.stringify(want)}`);
}
function done() {
  console.log(`1..${count}`);
  process.exit(failed ? 1 : 0);
}
function skipAll(reason) {
  console.log(`1..0 # SKIP ${reason}`);
  process.exit(0);
}

function admin(password, ...args) {
  return execFileSync(path.join(root, 'tools', 'baton-admin'), ['--conf', process.env.BATON_CONF, ...args],
    { env: { ...process.env, BATON_PASSWORD: password || '' }, encoding: 'utf8' });
}

function uniqueName(prefix) {
  return `${prefix}${Date.now()}${Math.floor(Math.random() * 10000)}`;
}

// A fresh agent in a fresh client: { email, password, client }.
function newAgent(name = 'Browser Agent') {
  const client = uniqueName('bc');
  admin(null, 'client', 'add', client, `Client ${client}`);
  const email = `${uniqueName('bagent')}@example.com`;
  const password = `pw-${uniqueName('')}`;
  admin(password, 'agent', 'add', client, email, name, 'agent');
  return { email, password, client };
}

// A site for a client, with its domains; returns the site's key.
function newSite(client, domains = ['127.0.0.1', 'localhost'], name = 'Test site') {
  const out = admin(null, 'site', 'add', client, name, ...domains);
  const m = /key is ([A-Za-z0-9]+)/.exec(out);
  if (!m) throw new Error(`no site key in: ${out}`);
  return m[1];
}

// Collects what should never happen on a page: console errors (CSP
// violations among them), uncaught exceptions. `allow` lists patterns of
// console errors a test causes on purpose (e.g. /status of 409/). A console
// error is told with where it comes from, in brackets: the address of a
// resource that failed to load (Chromium's "Failed to load resource"
// names no address of its own), or of the script that logged it.
function watchPage(page, problems, label, allow = []) {
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const where = m.location() && m.location().url;
    const text = where ? `${m.text()} (${where})` : m.text();
    if (allow.some((re) => re.test(text))) return;
    problems.push(`${label}: console error: ${text}`);
  });
  page.on('pageerror', (e) => {
    // Firefox reports CSP refusals this way rather than on the console.
    if (playwrightsOwnStyle.test(e.message) || allow.some((re) => re.test(e.message))) return;
    problems.push(`${label}: uncaught: ${e.message}`);
  });
}
// Playwright's screenshots in Firefox add and remove a <style>body {}</style>
// (its animation sync); Firefox reports that as a violation of our CSP. This
// is its hash, so only that one element is forgiven.
const playwrightsOwnStyle = /sha256-YjaKGiklmzC6wjXA513HAMmzus8VE61XCOT\+SmwNZWA=/;

// options.javaScript === false: pages run no script. Chromium does that per
// context (javaScriptEnabled: false); Firefox over WebDriver BiDi does not
// honour that option, so its whole browser is launched without scripts.
// options.media: fake cameras and microphones that need no permission
// prompt (calls, t/browser-call.t). Chromium's fake devices send a test
// pattern with a timer and a beeping tone; Firefox's a coloured frame and a
// tone.
async function launch(options = {}) {
  const browser = await launchBrowser({ ...options, logger: browserCalls });
  limitWaits(browser);
  return browser;
}

// The browser calls a test made, for when it is stopped from outside:
// tools/tap-keep ends a test file that runs past its time limit with
// SIGTERM, and what the test was waiting for is then the one thing worth
// knowing (seen once in CI: a browser test that never ended, and nothing
// said where). The calls not yet answered, and the last ones made.
const startedAt = Date.now();
const unanswered = [];
const lastCalls = [];
const browserCalls = {
  isEnabled: (name) => name === 'api',
  log: (name, severity, message) => {
    const text = String(message);
    const line = `${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${text}`;
    lastCalls.push(line);
    if (lastCalls.length > 12) lastCalls.shift();
    const started = /^=> (\S+) started/.exec(text);
    const ended = /^<= (\S+) (succeeded|failed)/.exec(text);
    if (started) unanswered.push(line);
    else if (ended) {
      const i = unanswered.findIndex((l) => l.endsWith(`=> ${ended[1]} started`));
      if (i >= 0) unanswered.splice(i, 1);
    }
  },
};
process.on('SIGTERM', () => {
  console.error(`# stopped from outside after ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  console.error(`# browser calls not answered: ${unanswered.length ? '' : 'none'}`);
  for (const l of unanswered) console.error(`#   ${l}`);
  console.error('# the last browser calls:');
  for (const l of lastCalls) console.error(`#   ${l}`);
  process.exit(1);
});

// No click, wait or navigation of a test waits for ever. Playwright's library
// default is no limit at all, which turns an element that never comes into
// a `make test` that never ends (seen once: a full run stuck 6 minutes on one
// click, until killed). Far above any wait a test means; tests that wait
// for a condition pass their own, shorter, timeout.
const WAIT_LIMIT_MS = 90000;

function limitWaits(browser) {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => limitContext(await newContext(...args));
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    limitContext(page.context());
    return page;
  };
  const close = browser.close.bind(browser);
  // Closing waits on the browser's own shutdown, which nothing bounds; a
  // browser still there when the test exits is killed by playwright-core.
  browser.close = () => withinLimit(close(), 'the browser did not close; it is killed as the test exits');
}

function limitContext(context) {
  context.setDefaultTimeout(WAIT_LIMIT_MS);
  context.setDefaultNavigationTimeout(WAIT_LIMIT_MS);
  const close = context.close.bind(context);
  context.close = async (...args) => {
    await Promise.all(context.pages().map(stopNavigating));
    await withinLimit(close(...args), 'a browser context did not close; left to the browser\'s close');
  };
  const quietPage = (page) => {
    const closePage = page.close.bind(page);
    page.close = async (...args) => {
      await stopNavigating(page);
      await withinLimit(closePage(...args), 'a page did not close; left to the browser\'s close');
    };
  };
  context.pages().forEach(quietPage);
  context.on('page', quietPage);
  return context;
}

// Chromium can acknowledge the close of a page whose navigation is
// committing without closing it, and playwright-core 1.64 then waits for
// ever (upstream: microsoft/playwright#42068, #42366; seen here: a context
// closed just after a form post whose page reloads itself, t/browser-a11y.t,
// one run in three). A page is first taken to about:blank, which ends any
// navigation of its own and starts none; its pagehide runs as on a close.
async function stopNavigating(page) {
  for (let attempt = 0; attempt < 3 && !page.isClosed(); attempt++) {
    try {
      await page.goto('about:blank', { timeout: 15000 });
      return;
    } catch (e) {
      // Interrupted by the page's own navigation: go again.
    }
  }
}

async function withinLimit(promise, note) {
  let timer;
  const limit = new Promise((resolve) => {
    timer = setTimeout(() => {
      console.error(`# ${note} (after ${WAIT_LIMIT_MS / 1000} s)`);
      resolve();
    }, WAIT_LIMIT_MS);
  });
  try {
    await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function launchBrowser(options) {
  if (browserName === 'firefox') {
    if (!fs.existsSync('/usr/bin/firefox-esr')) skipAll('no /usr/bin/firefox-esr: `make deps` installs it');
    // Stock Firefox speaks WebDriver BiDi, which playwright-core reaches
    // through its "moz-firefox" channel; 1.64 is the newest release whose
    // commands Firefox ESR 153 knows (1.65 sends one it does not).
    return firefox.launch({
      channel: 'moz-firefox',
      executablePath: '/usr/bin/firefox-esr',
      headless: true,
      logger: options.logger,
      firefoxUserPrefs: {
        // Nothing outside the machine is reachable; do not try.
        'app.update.enabled': false,
        'browser.safebrowsing.malware.enabled': false,
        'browser.safebrowsing.phishing.enabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        // Let a test open windows as a click would.
        'dom.disable_open_during_load': false,
        // WebDriver BiDi mouse input reaches no cross-origin (out-of-process)
        // frame in Firefox 153: measured, a mousemove over a localhost frame
        // in a 127.0.0.1 page never arrives. The viewer frames other origins,
        // so its frames are kept in-process; postMessage between them is the
        // same either way.
        'fission.autostart': false,
        ...(options.javaScript === false ? { 'javascript.enabled': false } : {}),
        ...(options.media ? firefoxMediaPrefs : {}),
      },
    });
  }
  if (browserName !== 'chromium') throw new Error(`BATON_BROWSER=${browserName}: chromium or firefox`);
  // As measured on this machine kind: without these flags Chromium keeps
  // trying to reach Google's services, which the closed network refuses.
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    logger: options.logger,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...(options.media ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
        '--autoplay-policy=no-user-gesture-required'] : [])],
  });
}

// Firefox's fake media: a generated camera and microphone, no prompt, and
// ICE candidates on every interface (both browsers of a test are on this
// machine; Firefox leaves out loopback and hides host addresses by default).
const firefoxMediaPrefs = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.peerconnection.ice.link_local': true,
};

const artifacts = path.join(root, 't', 'artifacts');
async function screenshot(page, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `${browserName === 'chromium' ? name : `${browserName}-${name}`}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// The accessibility check (axe-core from npm, run in the page or frame
// under test; never served to visitors): the violations of serious or
// critical impact, as "rule: how many (first target)" lines. Evaluated
// through the browser's own protocol, so the page's CSP has no say.
let axeSource = null;
// A page that reloads itself while it is checked (a waiting page whose
// request changed state) is checked again once the new one has loaded.
async function accessibilityProblems(where, options = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await axeProblems(where, options);
    } catch (e) {
      if (attempt >= 3 || !/context was destroyed|navigat/i.test(String(e && e.message))) throw e;
      const page = typeof where.page === 'function' ? where.page() : where;
      await page.waitForLoadState('load');
    }
  }
}

async function axeProblems(where, options) {
  if (axeSource === null) axeSource = fs.readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  const hasAxe = await where.evaluate(() => typeof window.axe === 'object');
  if (!hasAxe) await where.evaluate(axeSource);
  const result = await where.evaluate(async (exclude) => {
    const context = exclude && exclude.length ? { include: [document], exclude } : document;
    const r = await window.axe.run(context, { resultTypes: ['violations'], iframes: false });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, count: v.nodes.length,
      target: v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', '), help: v.help }));
  }, options.exclude || []);
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.count} node(s) (${v.target}): ${v.help}`);
}

module.exports = {
  ok, is, done, skipAll, admin, newAgent, newSite, watchPage, launch, screenshot, uniqueName, browserName,
  accessibilityProblems,
};
