// Helpers of the mirror-mode browser tests (t/browser-mirror*.t): the demo
// shop (htdocs/demo/) rendered for a test site and served from an origin
// of its own, the stored events, a request body searched for a secret in
// any form it may take, and the conversation that makes a page mirrorable
// (the agent signs in, the visitor asks in the widget's panel, the agent
// accepts).
'use strict';
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { execFileSync } = require('child_process');

const QUICK = 10000; // "within a couple of seconds", with room for a slow machine

function renderShop(dir, key, base) {
  const src = path.join(process.env.BATON_ROOT || path.resolve(__dirname, '..', '..'), 'htdocs', 'demo');
  for (const name of fs.readdirSync(src)) {
    let text = fs.readFileSync(path.join(src, name));
    if (name.endsWith('.html')) text = text.toString('utf8').replace(/@SITE_KEY@/g, key).replace(/@BATON_URL@/g, base);
    fs.writeFileSync(path.join(dir, name), text);
  }
}

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

/* The demo shop for a test site: { url, close() }. */
async function openShop(key, base) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-mirror-'));
  renderShop(dir, key, base);
  const server = await serve(dir);
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close() {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/* raw: the values as stored (--batch alone escapes backslashes, tabs and
 * newlines; a JSON body holds no raw tab or newline to split on). */
function sql(query, raw = false) {
  return execFileSync('mariadb', ['--no-defaults', `--socket=${process.env.BATON_DB_SOCKET}`, '-uroot', '--batch',
    ...(raw ? ['--raw'] : []), '--skip-column-names', 'baton', '-e', query],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim();
}

/* The bodies of a channel's stored mirror events, in order, as stored. */
function mirrorEvents(channelId) {
  const out = sql(`SELECT e.body FROM channel_event e JOIN channel c ON c.id = e.channel_id
                   WHERE c.public_id = '${channelId}' AND e.kind = 'mirror' ORDER BY e.seq`, true);
  return out === '' ? [] : out.split('\n');
}

/* Mirror messages (JSON texts) as the agent's viewer reads them: the parts
 * of a gzipped snapshot ("z":"gzip": mirror.js where the browser has
 * CompressionStream) joined, base64-decoded and inflated, so that a test
 * searches the snapshot itself and not its compressed form. Returns
 * { text: every message, snapshots inflated, one a line; gzipped: how many
 * compressed snapshots there were }. */
function readable(bodies) {
  const out = [];
  let cur = null; // the snapshot being gathered, as the viewer does: in order
  let gzipped = 0;
  for (const body of bodies) {
    let m;
    try {
      m = JSON.parse(body);
    } catch (e) {
      out.push(body);
      continue;
    }
    if (!m || m.t !== 'snap' || m.z === undefined) {
      out.push(body);
      continue;
    }
    if (m.z !== 'gzip') throw new Error(`a snapshot compressed as ${m.z}`);
    // A new snapshot, or the same part again (a post retried): afresh.
    if (!cur || cur.id !== m.id || cur.got[m.part] !== undefined) {
      if (cur) out.push(...cur.raw);
      cur = { id: m.id, got: [], raw: [] };
    }
    cur.got[m.part] = m.d;
    cur.raw.push(body);
    if (cur.got.filter((d) => d !== undefined).length === m.parts) {
      out.push(zlib.gunzipSync(Buffer.from(cur.got.join(''), 'base64')).toString('utf8'));
      cur = null;
      gzipped++;
    }
  }
  if (cur) out.push(...cur.raw);
  return { text: out.join('\n'), gzipped };
}

/* The mirror messages in form-encoded posts to /mirror (their data field). */
function posted(bodies) {
  return bodies.map((b) => new URLSearchParams(b).get('data')).filter((d) => d !== null);
}

/* Whatever form a value may take in a request: form-encoded or not, with
 * or without its spaces. */
function holds(text, secret) {
  let plain = String(text || '');
  try {
    plain = decodeURIComponent(plain.replace(/\+/g, ' '));
  } catch (e) { /* not encoded */ }
  const squash = (s) => s.replace(/[\s-]/g, '');
  return plain.includes(secret) || squash(plain).includes(squash(secret));
}

/* The visitor's widget panel frame at a Baton path. */
async function panelFrame(page, base, pathRe, ms = QUICK) {
  const until = Date.now() + ms;
  for (;;) {
    const f = page.frames().find((x) => x !== page.mainFrame() && x.url().startsWith(base) && pathRe.test(new URL(x.url()).pathname));
    if (f) {
      try {
        await f.waitForLoadState('domcontentloaded', { timeout: Math.max(100, until - Date.now()) });
        return f;
      } catch (e) { /* navigating on */ }
    }
    if (Date.now() > until) throw new Error(`no panel frame at ${pathRe}`);
    await page.waitForTimeout(50);
  }
}

async function signInAgent(page, base, agent) {
  await page.goto(`${base}/signin`);
  await page.fill('#email', agent.email);
  await page.fill('#password', agent.password);
  await page.check('input[name=state][value=available]');
  await Promise.all([page.waitForURL(`${base}/console`), page.click('#signin-form button[type=submit]')]);
}

/* The visitor (on a shop page with the widget) asks; the agent accepts.
 * Returns the channel's public id, with the visitor's panel in the
 * conversation. */
async function askAndAccept(vera, dana, base, name, question) {
  await vera.waitForSelector('a[data-baton-help][data-baton-status]', { timeout: QUICK });
  await vera.click('a[data-baton-help]');
  const frame = await panelFrame(vera, base, /^\/help$/);
  await frame.fill('#question', question);
  await frame.fill('#name', name);
  await frame.click('#help-form button[type=submit]');
  await panelFrame(vera, base, /^\/wait$/);
  const request = dana.locator('li.request', { hasText: name });
  await request.waitFor({ timeout: QUICK });
  await Promise.all([dana.waitForURL(/\/channel\?id=/), request.locator('button', { hasText: 'Accept' }).click()]);
  await panelFrame(vera, base, /^\/channel$/);
  return new URL(dana.url()).searchParams.get('id');
}

module.exports = { QUICK, openShop, sql, mirrorEvents, readable, posted, holds, panelFrame, signInAgent, askAndAccept };
