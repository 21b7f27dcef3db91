#!/usr/bin/env node
// Mirror mode's speed and archive size (issue 20), run by tools/bench-mirror
// (`make bench-mirror`) against a running stack; not part of `make test`.
//
//   BATON_URL=... BATON_DIR=... BATON_CONF=... BATON_DB_SOCKET=... \
//   node bench/mirror.js FIXTURES SESSIONS SECONDS ROUNDS
//
// What is real: a pair of real browsers (Debian's Chromium through
// playwright-core) on the demo shop's basket (htdocs/demo/basket.html, the
// shop's mirror page), the visitor sharing it and typing, the agent's
// viewer rebuilding it; and, at the same time, SESSIONS mirrored sessions
// played by an HTTP load generator in this process: real conversations
// (bench/setup.pl's pairs: help link, accept), each visitor posting to
// /mirror the traffic a real browser recorded on that page in a warm-up
// round (start, the snapshot's parts, then the typing, one message every
// 250 ms: a brisk typist), each agent long-polling /poll as the viewer does.
//
// Measured, in each of ROUNDS rounds (a new visitor each time):
//   first    from the visitor's click on "Share this page" until the
//            agent's copy is built (#mirror[data-ready]) - both pages' own
//            clocks, one machine;
//   typing   for each character the visitor types in the street field (40,
//            one every 120 ms), from its input event on the visitor's page
//            until the agent's copy of the field holds it (or a later
//            value: waiting values are coalesced, htdocs/js/panel.js).
// and over the SECONDS of load: the mirror events stored per session and
// minute, in bytes (the archive's growth), and the generator's posts,
// polls and errors. Prints one JSON line.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const zlib = require('zlib');
const t = require(path.join(__dirname, '..', 't', 'lib', 'browser.js'));
const S = require(path.join(__dirname, '..', 't', 'lib', 'mirror-shop.js'));

const [fixtureFile, sessionsArg, secondsArg, roundsArg] = process.argv.slice(2);
const SESSIONS = Number(sessionsArg) || 100;
const SECONDS = Number(secondsArg) || 60;
const ROUNDS = Number(roundsArg) || 3;
const base = process.env.BATON_URL;
const TYPED = 'Flat 3, 12 Elm Row, Leith, Edinburgh EH6';

function pct(list, p) {
  if (!list.length) return null;
  const s = list.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/* ---- the load: SESSIONS mirrored sessions over plain HTTP -------------- */

const agent = new http.Agent({ keepAlive: true, maxSockets: SESSIONS * 2 + 10 });
function request(method, urlPath, cookie, body) {
  return new Promise((resolve) => {
    const u = new URL(urlPath, base);
    const req = http.request({
      method, host: u.hostname, port: u.port, path: u.pathname + u.search, agent,
      headers: {
        Accept: 'application/json', Origin: base, Cookie: cookie,
        ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) } : {}),
      },
      timeout: 60000,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, body: String(e.message) }));
    if (body) req.write(body);
    req.end();
  });
}

function loadSessions(recorded) {
  const pairs = fs.readFileSync(fixtureFile, 'utf8').split('\n').filter((l) => l.startsWith('pair '))
    .slice(0, SESSIONS).map((l) => {
      const [, channel, vcookie, vtoken, acookie] = l.split(' ');
      return { channel, vcookie, vtoken, acookie };
    });
  const opening = recorded.filter((m) => /^\{"t":"(start|snap)"/.test(m));
  const typing = recorded.filter((m) => /^\{"t":"(input|mut|scroll|focus)"/.test(m));
  const stats = { posts: 0, postErrors: 0, polls: 0, pollErrors: 0 };
  let running = true;
  async function visitor(p) {
    const post = async (data) => {
      const r = await request('POST', '/mirror', p.vcookie, new URLSearchParams({ channel: p.channel, token: p.vtoken, data }).toString());
      stats.posts++;
      if (r.status !== 200 && running) stats.postErrors++;
    };
    await new Promise((r) => setTimeout(r, Math.random() * 2000)); // not all at once
    for (const m of opening) if (running) await post(m);
    for (let i = 0; running; i++) {
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 100));
      if (running && typing.length) await post(typing[i % typing.length]);
    }
  }
  async function agentPoll(p) {
    let after = 0;
    let signals = 0;
    while (running) {
      const r = await request('GET', `/poll?channel=${p.channel}&after=${after}&signals=${signals}`, p.acookie);
      stats.polls++;
      if (r.status !== 200) {
        if (running) stats.pollErrors++;
        await new Promise((res) => setTimeout(res, 500));
        continue;
      }
      try {
        const a = JSON.parse(r.body);
        if (typeof a.last_seq === 'number') after = Math.max(after, a.last_seq);
        if (typeof a.signals === 'number') signals = a.signals;
        if (a.retry_ms) await new Promise((res) => setTimeout(res, a.retry_ms));
      } catch (e) { if (running) stats.pollErrors++; }
    }
  }
  const started = Date.now();
  const all = pairs.flatMap((p) => [visitor(p), agentPoll(p)]);
  return {
    pairs, stats, started,
    async stop() {
      running = false;
      agent.destroy(); // the held polls end here
      await Promise.race([Promise.all(all), new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}

/* ---- the browser pair ---------------------------------------------------- */

async function round(browser, dana, shop, measure) {
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const vera = await ctx.newPage();
  try {
    await vera.goto(`${shop.url}/basket.html`);
    await Promise.all([vera.waitForLoadState('load'), vera.click('#demo-signin')]);
    await vera.waitForSelector('#signed-in:not([hidden])', { timeout: 30000 });
    const channelId = await S.askAndAccept(vera, dana, base, 'Vera Visitor', 'Can you see my basket?');
    const offer = vera.locator('[data-baton-mirror=offer]');
    await offer.waitFor({ timeout: 30000 });
    await dana.evaluate(() => {
      window.benchReadyAt = 0;
      const check = () => {
        if (!window.benchReadyAt && document.querySelector('#mirror[data-ready="1"]')) window.benchReadyAt = Date.now();
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const clickedAt = await vera.evaluate(() => Date.now());
    await offer.locator('button', { hasText: 'Share this page' }).click();
    await dana.waitForSelector('#mirror[data-ready="1"]', { timeout: 60000 });
    const first = (await dana.evaluate(() => window.benchReadyAt)) - clickedAt;

    // Typing: when each length of the field's value is reached on each side.
    await vera.evaluate(() => {
      window.benchTyped = {};
      document.getElementById('ship-street').addEventListener('input', (e) => { window.benchTyped[e.target.value.length] = Date.now(); });
    });
    await dana.evaluate(() => {
      window.benchSeen = {};
      const doc = document.getElementById('mirror-frame').contentDocument;
      const field = doc.getElementById('ship-street');
      new MutationObserver(() => {
        const n = (field.getAttribute('value') || '').length;
        if (!window.benchSeen[n]) window.benchSeen[n] = Date.now();
      }).observe(field, { attributes: true, attributeFilter: ['value'] });
    });
    await vera.fill('#ship-street', '');
    await vera.click('#ship-street');
    await vera.keyboard.type(TYPED, { delay: 120 });
    await dana.waitForFunction((n) => window.benchSeen[n], TYPED.length, { timeout: 60000 });
    const typed = await vera.evaluate(() => window.benchTyped);
    const seen = await dana.evaluate(() => window.benchSeen);
    // A character is visible once the agent's copy holds it or anything
    // typed after it (the visitor's panel sends a field's latest value,
    // not each one it had while a post was on its way).
    const lags = [];
    let shownAt = Infinity;
    const shown = [];
    for (let n = TYPED.length; n >= 1; n--) {
      if (seen[n]) shownAt = Math.min(shownAt, seen[n]);
      shown[n] = shownAt;
    }
    for (let n = 1; n <= TYPED.length; n++) if (typed[n] && shown[n] < Infinity) lags.push(shown[n] - typed[n]);
    if (measure) measure(first, lags);
    await Promise.all([dana.waitForURL(`${base}/console`, { timeout: 30000 }), dana.click('#leave-form button')]);
    return channelId;
  } finally {
    await ctx.close();
  }
}

(async () => {
  if (!base || !fixtureFile) {
    console.error('usage: BATON_URL=... node bench/mirror.js FIXTURES SESSIONS SECONDS ROUNDS');
    process.exit(2);
  }
  const staff = t.newAgent('Bench Agent');
  const key = t.newSite(staff.client, ['127.0.0.1', 'localhost'], 'Demo shop');
  const shop = await S.openShop(key, base);
  const browser = await t.launch();
  const firsts = [];
  const lags = [];
  let load = null;
  let out = null;
  try {
    const agentCtx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const dana = await agentCtx.newPage();
    await S.signInAgent(dana, base, staff);

    // Warm-up, unloaded: what a real browser sends, recorded.
    const warm = await round(browser, dana, shop, null);
    const recorded = S.mirrorEvents(warm);
    // The first snapshot the browser sent, as sent (gzipped and base64 in
    // parts where the browser has CompressionStream, as Chromium does:
    // issue 20's "compressed where the browser can"), and its JSON; and
    // what gzip would make of a typed character's message, which is sent
    // as it is.
    const firstId = (JSON.parse(recorded.find((m) => m.startsWith('{"t":"snap"')) || '{}')).id;
    const snaps = recorded.filter((m) => m.startsWith('{"t":"snap"') && JSON.parse(m).id === firstId);
    const snapBytes = snaps.reduce((n, m) => n + Buffer.byteLength(m), 0);
    const snapGzipped = snaps.length > 0 && snaps.every((m) => JSON.parse(m).z === 'gzip');
    const snapData = snaps.map((m) => JSON.parse(m).d).join('');
    const snapText = snapGzipped ? zlib.gunzipSync(Buffer.from(snapData, 'base64')).toString('utf8') : snapData;
    const gz = (x) => zlib.gzipSync(Buffer.from(x), { level: 6 }).length;
    const inputs = recorded.filter((m) => m.startsWith('{"t":"input"'));
    const compression = {
      snapshot_gzipped: snapGzipped, snapshot_parts: snaps.length,
      snapshot_json: Buffer.byteLength(snapText), snapshot_sent: Buffer.byteLength(snapData),
      input_message: inputs.length ? Buffer.byteLength(inputs[0]) : 0,
      input_gzip_base64: inputs.length ? Math.ceil(gz(inputs[0]) / 3) * 4 : 0,
    };
    console.error(`bench-mirror: recorded ${recorded.length} messages (snapshot ${snapBytes} bytes); ${SESSIONS} sessions for ${SECONDS} s`);

    load = loadSessions(recorded);
    const until = Date.now() + SECONDS * 1000;
    let rounds = 0;
    while (rounds < ROUNDS || Date.now() < until) {
      await round(browser, dana, shop, (f, l) => {
        firsts.push(f);
        lags.push(...l);
      });
      rounds++;
      if (Date.now() >= until && rounds >= ROUNDS) break;
    }
    const seconds = (Date.now() - load.started) / 1000;
    await load.stop();
    const ids = load.pairs.map((p) => `'${p.channel.replace(/[^A-Za-z0-9]/g, '')}'`).join(',');
    const [rows, bytes] = S.sql(`SELECT COUNT(*), COALESCE(SUM(LENGTH(e.body)), 0) FROM channel_event e JOIN channel c ON c.id = e.channel_id
      WHERE c.public_id IN (${ids}) AND e.kind = 'mirror'`).split('\t').map(Number);
    out = {
      sessions: load.pairs.length, seconds: Math.round(seconds), rounds,
      first_ms: { median: pct(firsts, 50), max: Math.max(...firsts), all: firsts },
      typing_ms: { p50: pct(lags, 50), p95: pct(lags, 95), max: Math.max(...lags), n: lags.length },
      snapshot_bytes: snapBytes,
      compression,
      load: load.stats,
      archive: {
        rows, bytes,
        bytes_per_session_minute: Math.round(bytes / load.pairs.length / (seconds / 60)),
        rows_per_session_minute: Math.round(rows / load.pairs.length / (seconds / 60)),
      },
    };
  } finally {
    if (load) await load.stop();
    await browser.close();
    shop.close();
  }
  console.log(JSON.stringify(out));
})().catch((e) => {
  console.error(e.stack);
  process.exit(1);
});
