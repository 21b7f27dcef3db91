#!/usr/bin/env node
// How long a call takes to connect, in a real browser (Chromium with fake
// devices), through a given front of a running stack: nginx with held
// long-polls (the default), or Apache with mod_fcgid or plain CGI, where
// polls are answered at once and browsers ask again every 1.5 s (INSTALL,
// "Calls"). Not part of `make test`: tools/bench-calls runs it for each
// front and prints a table for bench/RESULTS.md.
//
//   BATON_URL=http://127.0.0.1:PORT (the front to measure) \
//   BATON_SITE_URL=http://127.0.0.1:NGINX (where DIR/demo is served) \
//   BATON_DIR=... BATON_CONF=... node bench/call-connect.js [ROUNDS]
//
// For each round: the agent starts a video call; "ring" is the time until
// the visitor's page shows it; the visitor joins; "connect" is the time
// from that click until both peer connections are connected; "media" until
// the agent's page receives video. Prints one JSON line.
'use strict';
const path = require('path');
const t = require(path.join(__dirname, '..', 't', 'lib', 'browser.js'));
const { openConversation, until } = require(path.join(__dirname, '..', 't', 'lib', 'conversation.js'));

const rounds = Number(process.argv[2]) || 5;

function connected(page) {
  return page.evaluate(() => {
    const list = window.BatonCall ? window.BatonCall.connections() : [];
    return list.length > 0 && list.every((x) => x.pc.connectionState === 'connected');
  });
}
function videoIn(page) {
  return page.evaluate(async () => {
    let bytes = 0;
    for (const { pc } of window.BatonCall.connections()) {
      (await pc.getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') bytes += s.bytesReceived || 0; });
    }
    return bytes > 0;
  });
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(async () => {
  const browser = await t.launch({ media: true });
  const problems = [];
  const ring = [];
  const connect = [];
  const media = [];
  try {
    const conv = await openConversation(browser, problems, { agentName: 'Bench Agent', base: process.env.BATON_URL });
    const { agent, visitor } = conv;
    await agent.waitForSelector('#call-button', { state: 'visible' });
    for (let i = 0; i < rounds; i++) {
      await agent.click('#call-button');
      const t0 = Date.now();
      await agent.click('#call-video');
      await visitor.waitForSelector('#call-bar[data-state=incoming]', { timeout: 60000 });
      ring.push(Date.now() - t0);
      const t1 = Date.now();
      await visitor.click('#call-join-video');
      await until('both connected', async () => (await connected(agent)) && (await connected(visitor)), 60000, 50);
      connect.push(Date.now() - t1);
      await until('video at the agent', () => videoIn(agent), 60000, 50);
      media.push(Date.now() - t1);
      await agent.click('#call-hangup');
      await visitor.waitForSelector('#call-bar', { state: 'hidden', timeout: 60000 });
    }
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify({
    front: process.env.BATON_URL, rounds, problems: problems.length,
    ring_ms: { median: median(ring), min: Math.min(...ring), max: Math.max(...ring) },
    connect_ms: { median: median(connect), min: Math.min(...connect), max: Math.max(...connect) },
    media_ms: { median: median(media), min: Math.min(...media), max: Math.max(...media) },
  }));
})().catch((e) => {
  console.error(e.stack || e);
  process.exit(1);
});
