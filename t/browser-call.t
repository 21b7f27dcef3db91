#!/usr/bin/env node
// Calls in a real browser (Debian's Chromium with fake cameras and
// microphones; t/browser-call-firefox.t runs it in Firefox ESR): the agent
// and the visitor, in two contexts, start a video call and a voice call and
// each side's RTCPeerConnection.getStats() shows inbound audio (and video)
// bytes rising; the visitor's camera and microphone are asked for only after
// their own click; mute stops outbound audio; stopping the camera stops it;
// hang-up on one side ends it on the other; a declined call leaves no media
// running; a supervisor watching silently sees the call but receives no
// signalling; a call forced through TURN (iceTransportPolicy 'relay')
// connects through the private coturn. Screenshots: t/artifacts/call-*.png.
'use strict';
const fs = require('fs');
const path = require('path');
const t = require('./lib/browser.js');
const { openConversation, monitorAs, addGuest, until, QUICK } = require('./lib/conversation.js');

const CONNECT_MS = 20000; // a call set up and media flowing, on a loaded machine

// Counts what each page asks of the camera and microphone, and keeps the
// tracks it got, so that a test can see they were stopped.
function countMedia() {
  window.__media = { asked: 0, tracks: [] };
  const md = navigator.mediaDevices;
  if (!md || !md.getUserMedia) return;
  const original = md.getUserMedia.bind(md);
  md.getUserMedia = async (constraints) => {
    window.__media.asked++;
    const stream = await original(constraints);
    window.__media.tracks.push(...stream.getTracks());
    return stream;
  };
}

// RTP byte counts of all of a page's peer connections, their states, and
// the kinds of the candidates of each selected pair.
function rtp(page) {
  return page.evaluate(async () => {
    const out = { inAudio: 0, inVideo: 0, outAudio: 0, outVideo: 0, states: [], pairs: [] };
    const list = window.BatonCall ? window.BatonCall.connections() : [];
    for (const { pc } of list) {
      out.states.push(pc.connectionState);
      const stats = await pc.getStats();
      let pair = null;
      stats.forEach((s) => {
        const kind = s.kind || s.mediaType;
        if (s.type === 'inbound-rtp') out[kind === 'video' ? 'inVideo' : 'inAudio'] += s.bytesReceived || 0;
        if (s.type === 'outbound-rtp') out[kind === 'video' ? 'outVideo' : 'outAudio'] += s.bytesSent || 0;
        if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId);
        if (!pair && s.type === 'candidate-pair' && s.state === 'succeeded' && (s.selected || s.nominated)) pair = s;
      });
      if (pair) {
        const local = stats.get(pair.localCandidateId);
        const remote = stats.get(pair.remoteCandidateId);
        out.pairs.push({ local: local && local.candidateType, remote: remote && remote.candidateType,
          address: local && (local.address || local.ip), port: local && local.port, url: local && local.url });
      }
    }
    return out;
  });
}

// Waits until a byte count of a page has risen by at least `by` twice in a row.
async function rising(page, field, what, by = 500) {
  const first = (await rtp(page))[field];
  let from = first;
  let rises = 0;
  await until(what, async () => {
    const now = (await rtp(page))[field];
    if (now >= from + by) {
      rises++;
      from = now;
    }
    return rises >= 2;
  }, CONNECT_MS, 300);
  return true;
}

// Whether a byte count stays the same for `quiet` ms (within `ms`).
async function stays(page, field, what, quiet = 1500) {
  let from = (await rtp(page))[field];
  let since = Date.now();
  await until(what, async () => {
    const now = (await rtp(page))[field];
    if (now !== from) {
      from = now;
      since = Date.now();
    }
    return Date.now() - since >= quiet;
  }, CONNECT_MS, 250);
  return true;
}

const inCall = (page) => page.waitForFunction(() => {
  const c = window.BatonCall;
  const list = c ? c.connections() : [];
  return list.length > 0 && list.every((x) => x.pc.connectionState === 'connected');
}, null, { timeout: CONNECT_MS });

const barGone = (page) => page.waitForSelector('#call-bar', { state: 'hidden', timeout: QUICK });

(async () => {
  const base = process.env.BATON_URL;
  const dir = process.env.BATON_DIR;
  if (!base || !dir) t.skipAll('no running stack: run through `make test`');
  if (!process.env.BATON_TURN_PORT) t.skipAll('no TURN server in this stack (tools/parts/turn)');

  const browser = await t.launch({ media: true });
  const problems = [];
  try {
    const conv = await openConversation(browser, problems, { agentName: 'Dana Agent', initScript: countMedia });
    const { agent, visitor } = conv;
    t.ok(true, 'the agent and the visitor are in the viewer');
    await agent.waitForSelector('#call-button', { state: 'visible', timeout: QUICK });
    t.ok(await visitor.isVisible('#call-button'), 'both have a Call button');
    t.is(await visitor.evaluate(() => window.__media.asked), 0, 'the visitor\'s camera and microphone are not asked for');

    /* ---- a video call ---------------------------------------------------- */
    await agent.click('#call-button');
    await agent.click('#call-video');
    await visitor.waitForSelector('#call-bar[data-state=incoming]', { timeout: QUICK });
    t.ok((await visitor.textContent('#call-status')).includes('Dana Agent is calling you (video)'),
      'the visitor sees who is calling, with video');
    t.is(await visitor.evaluate(() => window.__media.asked), 0, 'still nothing asked of the visitor\'s devices while it rings');
    await agent.waitForSelector('#call-bar[data-state=calling]', { timeout: QUICK });
    t.ok((await agent.textContent('#call-status')).includes('Calling Vera Visitor'), 'the agent sees whom they call');
    await t.screenshot(visitor, 'call-1-incoming');

    await visitor.click('#call-join-video');
    t.is(await visitor.evaluate(() => window.__media.asked), 1, 'the visitor\'s click asks for camera and microphone, once');
    await inCall(agent);
    await inCall(visitor);
    t.ok(true, 'both peer connections connect');
    await rising(agent, 'inAudio', 'the agent receiving audio');
    t.ok(true, 'the agent\'s getStats(): inbound audio bytes rising');
    await rising(agent, 'inVideo', 'the agent receiving video');
    t.ok(true, 'the agent\'s getStats(): inbound video bytes rising');
    await rising(visitor, 'inAudio', 'the visitor receiving audio');
    t.ok(true, 'the visitor\'s getStats(): inbound audio bytes rising');
    await rising(visitor, 'inVideo', 'the visitor receiving video');
    t.ok(true, 'the visitor\'s getStats(): inbound video bytes rising');
    for (const [who, page] of [['agent', agent], ['visitor', visitor]]) {
      await page.waitForSelector('#call-bar[data-state=in-call]', { timeout: QUICK });
      await page.waitForFunction(() => document.querySelectorAll('#call-tiles li.call-tile.has-video').length === 2,
        null, { timeout: QUICK });
      t.ok(true, `the ${who}'s bar shows both people, with video`);
    }
    t.ok((await agent.textContent('#call-status')).includes('In a video call with Vera Visitor'), 'the agent sees who is in the call');
    await agent.waitForSelector('#call-tiles li.call-tile.speaking', { timeout: QUICK });
    t.ok(true, 'someone is shown speaking (the fake microphone beeps)');
    await t.screenshot(agent, 'call-2-video');
    await t.screenshot(visitor, 'call-3-video-visitor');

    /* ---- mute, camera ---------------------------------------------------- */
    await visitor.click('#call-mute');
    await stays(visitor, 'outAudio', 'the visitor\'s outbound audio to stop');
    t.ok(true, 'mute: the visitor\'s outbound audio bytes stop');
    const vid = Number(await visitor.getAttribute('#channel', 'data-me'));
    await agent.waitForFunction((id) => {
      const li = document.querySelector(`#call-tiles li[data-participant="${id}"] .call-flags`);
      return li && li.textContent.includes('muted');
    }, vid, { timeout: QUICK });
    t.ok(true, 'the agent sees the visitor muted');
    t.is(await visitor.getAttribute('#call-mute', 'aria-pressed'), 'true', 'the visitor\'s Mute button is pressed');
    await visitor.click('#call-mute');
    await rising(visitor, 'outAudio', 'the visitor\'s outbound audio again');
    t.ok(true, 'unmute: outbound audio flows again');

    await agent.click('#call-camera');
    await agent.waitForFunction(() => window.BatonCall.local.getVideoTracks().length === 0, null, { timeout: QUICK });
    t.ok(await agent.evaluate(() => window.__media.tracks.filter((x) => x.kind === 'video').every((x) => x.readyState === 'ended')),
      'stop video: the agent\'s camera is stopped');
    const aid = Number(await agent.getAttribute('#channel', 'data-me'));
    await visitor.waitForFunction((id) => {
      const li = document.querySelector(`#call-tiles li[data-participant="${id}"]`);
      return li && !li.classList.contains('has-video');
    }, aid, { timeout: QUICK });
    t.ok(true, 'the visitor sees the agent\'s picture instead of video');
    await agent.click('#call-camera');
    await rising(visitor, 'inVideo', 'the agent\'s video again');
    t.ok(true, 'start video: the visitor receives the agent\'s video again');

    /* ---- hang-up on one side ends it on the other ----------------------- */
    await visitor.click('#call-hangup');
    await barGone(agent);
    t.ok(true, 'the visitor hangs up: the call ends on the agent\'s side');
    t.is(await agent.evaluate(() => window.BatonCall.connections().length), 0, 'the agent\'s peer connection is closed');
    for (const [who, page] of [['agent', agent], ['visitor', visitor]]) {
      await page.waitForFunction(() => window.__media.tracks.every((x) => x.readyState === 'ended'), null, { timeout: QUICK });
      t.ok(true, `every camera and microphone track of the ${who} is stopped`);
    }
    await t.screenshot(agent, 'call-4-ended');

    /* ---- a voice call, hung up by the agent ------------------------------ */
    await agent.click('#call-button');
    await agent.click('#call-audio');
    await visitor.waitForSelector('#call-bar[data-state=incoming]', { timeout: QUICK });
    t.ok(await visitor.isHidden('#call-join-video'), 'a voice call offers no video');
    await visitor.click('#call-join-audio');
    await inCall(visitor);
    await rising(visitor, 'inAudio', 'the visitor receiving audio in the voice call');
    t.ok(true, 'voice call: the visitor\'s inbound audio rises');
    await rising(agent, 'inAudio', 'the agent receiving audio in the voice call');
    t.ok(true, 'voice call: the agent\'s inbound audio rises');
    t.is((await rtp(agent)).inVideo, 0, 'and no video');
    await agent.click('#call-hangup');
    await barGone(visitor);
    t.ok(true, 'the agent hangs up: the call ends on the visitor\'s side');

    /* ---- three people: a mesh ---------------------------------------------- */
    const gus = await addGuest(browser, problems, conv.channelId, 'Gus Guest', {}, countMedia);
    await gus.page.waitForSelector('#call-button', { state: 'visible', timeout: QUICK });
    await agent.click('#call-button');
    await agent.click('#call-video');
    await visitor.waitForSelector('#call-bar[data-state=incoming]', { timeout: QUICK });
    await gus.page.waitForSelector('#call-bar[data-state=incoming]', { timeout: QUICK });
    t.ok(true, 'a call rings for both others');
    await visitor.click('#call-join-video');
    await inCall(visitor);
    await gus.page.click('#call-join-video');
    for (const [who, page] of [['agent', agent], ['visitor', visitor], ['guest', gus.page]]) {
      await page.waitForFunction(() => window.BatonCall.connections().length === 2
        && window.BatonCall.connections().every((x) => x.pc.connectionState === 'connected'), null, { timeout: CONNECT_MS });
      await until(`video from both others at the ${who}`, () => page.evaluate(async () => {
        let flowing = 0;
        for (const { pc } of window.BatonCall.connections()) {
          let bytes = 0;
          (await pc.getStats()).forEach((x) => { if (x.type === 'inbound-rtp' && x.kind === 'video') bytes += x.bytesReceived || 0; });
          if (bytes > 0) flowing++;
        }
        return flowing === 2;
      }), CONNECT_MS, 300);
      await page.waitForFunction(() => document.querySelectorAll('#call-tiles li.call-tile.has-video').length === 3, null, { timeout: QUICK });
      t.ok(true, `the ${who} has two connections, video from both others, and three tiles`);
    }
    await t.screenshot(gus.page, 'call-7-three');
    await gus.page.click('#call-hangup');
    await agent.waitForFunction(() => window.BatonCall.connections().length === 1, null, { timeout: QUICK });
    t.ok(await visitor.isVisible('#call-bar'), 'one of three hangs up: the call goes on for the other two');
    await visitor.click('#call-hangup');
    await barGone(agent);
    t.ok(true, 'and ends when the second leaves');
    await Promise.all([gus.page.waitForURL(/\/transcript\?/, { timeout: QUICK }), gus.page.click('#leave-form button')]);
    await gus.ctx.close();

    /* ---- a declined call -------------------------------------------------- */
    const askedBefore = await visitor.evaluate(() => window.__media.asked);
    await visitor.click('#call-button');
    await visitor.click('#call-audio');
    await agent.waitForSelector('#call-bar[data-state=incoming]', { timeout: QUICK });
    await agent.click('#call-decline');
    await barGone(visitor);
    t.ok(true, 'the agent declines the visitor\'s call: it ends on the visitor\'s side');
    await visitor.waitForFunction(() => window.__media.tracks.every((x) => x.readyState === 'ended'), null, { timeout: QUICK });
    t.ok(true, 'the caller\'s microphone is stopped');
    t.is(await visitor.evaluate(() => window.__media.asked), askedBefore + 1, 'the caller asked once, on their click');
    t.is(await agent.evaluate(() => window.BatonCall.connections().length), 0, 'no connection on the side that declined');
    t.ok(await agent.evaluate(() => window.__media.tracks.every((x) => x.readyState === 'ended')),
      'and no media running there');

    /* ---- a supervisor watching silently ----------------------------------- */
    const sup = await monitorAs(browser, problems, conv.client, conv.channelId, 'Sue Supervisor', countMedia);
    await sup.page.evaluate(() => {
      window.__kinds = [];
      window.BatonChannel.on('event', (ev) => window.__kinds.push(ev.kind));
    });
    await agent.evaluate(() => {
      window.__rtc = 0;
      window.BatonChannel.on('event', (ev) => { if (ev.kind === 'rtc') window.__rtc++; });
    });
    await agent.click('#call-button');
    await agent.click('#call-video');
    await visitor.waitForSelector('#call-bar[data-state=incoming]', { timeout: QUICK });
    await visitor.click('#call-join-video');
    await inCall(agent);
    await rising(agent, 'inVideo', 'video with a supervisor watching');
    await sup.page.waitForSelector('#call-bar:not([hidden])', { timeout: QUICK });
    t.ok((await sup.page.textContent('#call-status')).includes('are in a call'), 'the supervisor sees that a call is under way');
    t.ok(await sup.page.isHidden('#call-answer'), 'with no way to join it (the client does not allow listening)');
    t.ok(await agent.evaluate(() => window.__rtc) > 0, 'the agent received signalling');
    const kinds = await sup.page.evaluate(() => window.__kinds);
    t.ok(kinds.includes('call'), 'the supervisor\'s feed had the call\'s steps');
    t.ok(!kinds.includes('rtc'), 'and no signalling at all');
    t.is(await sup.page.evaluate(() => window.BatonCall.connections().length), 0, 'the supervisor has no connection');
    await t.screenshot(sup.page, 'call-5-supervisor');
    await agent.click('#call-hangup');
    await barGone(visitor);

    /* ---- where the client allows it, the supervisor listens --------------- */
    t.admin(null, 'client', 'set', conv.client, 'tell_visitors_monitored', '1');
    t.admin(null, 'client', 'set', conv.client, 'supervisors_listen', '1');
    await visitor.evaluate(() => {
      window.__callBodies = [];
      window.BatonChannel.on('event', (ev) => { if (ev.kind === 'call') window.__callBodies.push(ev.body); });
    });
    await agent.click('#call-button');
    await agent.click('#call-audio');
    await visitor.waitForSelector('#call-bar[data-state=incoming]', { timeout: QUICK });
    await visitor.click('#call-join-audio');
    await inCall(agent);
    await sup.page.waitForSelector('#call-join-audio:visible', { timeout: QUICK });
    t.is((await sup.page.textContent('#call-join-audio')).trim(), 'Listen', 'the supervisor is offered to listen');
    await sup.page.click('#call-join-audio');
    await inCall(sup.page);
    await rising(sup.page, 'inAudio', 'the supervisor hearing the call');
    t.ok(true, 'the supervisor hears the call');
    await until('two voices reaching the supervisor', () => sup.page.evaluate(async () => {
      const [{ pc }] = window.BatonCall.connections();
      let voices = 0;
      (await pc.getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.bytesReceived > 0) voices++; });
      return voices >= 2;
    }), CONNECT_MS, 300);
    t.ok(true, 'both voices: the agent\'s and the visitor\'s (passed on by the agent\'s browser)');
    t.is(await sup.page.evaluate(() => window.__media.asked), 0, 'without a microphone of their own');
    t.is(await agent.evaluate(() => window.BatonCall.connections().length), 2, 'through the agent\'s browser (a second connection)');
    t.is(await visitor.evaluate(() => window.BatonCall.connections().length), 1, 'the visitor\'s browser talks to the agent alone');
    const memberNames = await visitor.evaluate(() => window.BatonCall.call.members.map((m) => m.name));
    t.ok(!memberNames.includes('Sue Supervisor'), 'and its call has no trace of the listener', memberNames.join(', '));
    t.ok(!(await visitor.evaluate(() => window.__callBodies)).includes('listen'), 'nor its feed');
    await t.screenshot(agent, 'call-6-agent-with-listener');
    await sup.page.click('#call-hangup');
    await agent.waitForFunction(() => window.BatonCall.connections().length === 1, null, { timeout: QUICK });
    t.ok(true, 'the supervisor stops listening; the call goes on');
    await agent.click('#call-hangup');
    await barGone(visitor);
    await sup.ctx.close();

    /* ---- through the TURN relay ------------------------------------------- */
    const relay = await openConversation(browser, problems, {
      agentName: 'Rhea Relay', visitorName: 'Ravi Visitor',
      initScript: () => { window.BatonCallOptions = { iceTransportPolicy: 'relay' }; },
    });
    await relay.agent.click('#call-button');
    await relay.agent.click('#call-video');
    await relay.visitor.waitForSelector('#call-bar[data-state=incoming]', { timeout: QUICK });
    await relay.visitor.click('#call-join-video');
    await inCall(relay.agent);
    await inCall(relay.visitor);
    await rising(relay.visitor, 'inVideo', 'video through the relay');
    t.ok(true, 'relay only: the call connects and video flows');
    await rising(relay.agent, 'inAudio', 'audio through the relay');
    t.ok(true, 'and audio');
    for (const [who, page] of [['agent', relay.agent], ['visitor', relay.visitor]]) {
      const { pairs } = await rtp(page);
      t.ok(pairs.length === 1 && pairs[0].local === 'relay', `the ${who}'s selected candidate is a relay`, JSON.stringify(pairs));
    }
    // The relay is one of the private coturn's: its address and port range
    // (tools/parts/turn writes them into DIR/turn/turnserver.conf).
    const conf = fs.readFileSync(path.join(dir, 'turn', 'turnserver.conf'), 'utf8');
    const low = Number(/^min-port=(\d+)$/m.exec(conf)[1]);
    const high = Number(/^max-port=(\d+)$/m.exec(conf)[1]);
    for (const [who, page] of [['agent', relay.agent], ['visitor', relay.visitor]]) {
      const [pair] = (await rtp(page)).pairs;
      t.ok(pair.address === '127.0.0.1' && pair.port >= low && pair.port <= high,
        `the ${who}'s relay is on the private coturn (127.0.0.1, ports ${low}-${high})`, JSON.stringify(pair));
      if (pair.url !== undefined) {
        t.ok(pair.url.includes(`127.0.0.1:${process.env.BATON_TURN_PORT}`), `reached through turn:127.0.0.1:${process.env.BATON_TURN_PORT}`, pair.url);
      }
    }
    await relay.visitor.click('#call-hangup');
    await barGone(relay.agent);
    t.ok(true, 'and it ends as any call');
  } catch (err) {
    t.ok(false, `no exception: ${err.stack || err}`);
  } finally {
    t.ok(problems.length === 0, 'no console errors or uncaught exceptions', problems.join('\n'));
    await browser.close();
  }
  t.done();
})();
