#!/usr/bin/env node
// The whiteboard in a real browser (Debian's Chromium;
// t/browser-whiteboard-firefox.t runs it in Firefox ESR): the agent (who
// leads) points at things, then circles an item of the shared page, and the
// circle appears on the visitor's page around the same item, staying there
// when the visitor scrolls; a late joiner (a supervisor, and the visitor's
// page reloaded) sees it; notes, lines and arrows; the leader lets everyone
// draw, the visitor draws and clears their own, the leader clears all; a
// blank board; marks over a page without the site script; and the replay
// shows the pointer's path and then the circle, in order.
// Screenshots: t/artifacts/whiteboard-*.png.
'use strict';
const t = require('./lib/browser.js');
const { openConversation, monitorAs, sitePage, until, QUICK } = require('./lib/conversation.js');

const frameOf = async (p) => (await p.$('#view')).contentFrame();
async function frameAt(p, url, ms = QUICK) {
  const deadline = Date.now() + ms;
  for (;;) {
    const f = await frameOf(p);
    if (f && f.url().startsWith(url)) {
      try {
        await f.waitForLoadState('domcontentloaded', { timeout: Math.max(100, deadline - Date.now()) });
        return f;
      } catch (e) { /* navigating on */ }
    }
    if (Date.now() > deadline) throw new Error(`the frame is at ${f && f.url()}, not ${url}`);
    await p.waitForTimeout(25);
  }
}
const scripted = (p) => p.waitForFunction(() => window.BatonViewer && window.BatonViewer.scripted, null, { timeout: QUICK });

// Whether the mark's shape (ellipse or rect) in a frame surrounds an
// element, both in the frame's own coordinates.
function surrounds(frame, shape, id) {
  return frame.evaluate(([s, i]) => {
    const mark = document.querySelector(`svg[data-baton-marks] ${s}`);
    const item = document.getElementById(i);
    if (!mark || !item) return false;
    const a = mark.getBoundingClientRect();
    const b = item.getBoundingClientRect();
    return a.left <= b.left && a.top <= b.top && a.right >= b.right && a.bottom >= b.bottom
      && a.width < b.width + 120 && a.height < b.height + 120;
  }, [shape, id]);
}

// Drags on the stage from one point to another, in the frame's viewport
// coordinates (the frame fills the stage).
async function drag(page, from, to, steps = 12) {
  const stage = await page.locator('#stage').boundingBox();
  await page.mouse.move(stage.x + from[0], stage.y + from[1]);
  await page.mouse.down();
  await page.mouse.move(stage.x + to[0], stage.y + to[1], { steps });
  await page.mouse.up();
}

async function rectOf(frame, id) {
  return frame.evaluate((i) => document.getElementById(i).getBoundingClientRect().toJSON(), id);
}

(async () => {
  const base = process.env.BATON_URL;
  if (!base || !process.env.BATON_DIR) t.skipAll('no running stack: run through `make test`');
  const browser = await t.launch();
  const problems = [];
  try {
    const conv = await openConversation(browser, problems, { agentName: 'Wendy Board' });
    const { agent, visitor, prefix } = conv;
    const boxes = `<div class="box" id="box-a" style="left:60px;top:260px;background:#b4532a">Steel kettle</div>
<div class="box" id="box-b" style="left:520px;top:820px;background:#3e7c6b">Copper kettle</div>
<div class="box" id="box-c" style="left:300px;top:1500px;background:#6b7f8f">Glass kettle</div>`;
    const kettles = sitePage(`${prefix}-kettles.html`, 'Kettles', boxes);
    const plain = sitePage(`${prefix}-plain.html`, 'No script here', '<p>A page without the site script.</p>', { script: false });

    // The agent leads to the page; both views run the site script.
    await agent.fill('#address', kettles);
    await agent.press('#address', 'Enter');
    const af = await frameAt(agent, kettles);
    const vf = await frameAt(visitor, kettles);
    await scripted(agent);
    await scripted(visitor);
    t.ok(await agent.isEnabled('#draw-button'), 'the leader may draw');
    t.ok(await visitor.isDisabled('#draw-button'), 'the visitor may not yet');

    // The agent points along the boxes (the replay shows this path), then
    // scrolls to the second one; the visitor follows.
    const stage = await agent.locator('#stage').boundingBox();
    for (const [x, y] of [[100, 300], [250, 320], [400, 380], [550, 420], [650, 480]]) {
      await agent.mouse.move(stage.x + x, stage.y + y, { steps: 4 });
      await agent.waitForTimeout(300); // a pointer sample is taken at most every 250 ms
    }
    await af.evaluate(() => window.scrollTo(0, 600));
    await vf.waitForFunction(() => Math.abs(window.scrollY - 600) <= 1, null, { timeout: QUICK });
    t.ok(true, 'the agent points, and scrolls to the copper kettle; the visitor follows');

    /* ---- a circle around an item ------------------------------------------ */
    await agent.click('#draw-button');
    t.ok(await agent.isVisible('#board-palette'), 'Draw opens the palette');
    await agent.click('.board-tool[data-tool=circle]');
    const b = await rectOf(af, 'box-b');
    const t0 = Date.now();
    await drag(agent, [b.left - 25, b.top - 25], [b.right + 25, b.bottom + 25]);
    await vf.waitForSelector('svg[data-baton-marks] ellipse', { timeout: QUICK });
    t.ok(true, `the circle appears on the visitor's page (${Date.now() - t0} ms after the drag)`);
    t.ok(await surrounds(vf, 'ellipse', 'box-b'), 'around the same item: the copper kettle');
    t.ok(await surrounds(af, 'ellipse', 'box-b'), 'as on the agent\'s page');
    await vf.evaluate(() => window.scrollTo(0, 300));
    await vf.waitForFunction(() => Math.abs(window.scrollY - 300) <= 1, null, { timeout: QUICK });
    t.ok(await surrounds(vf, 'ellipse', 'box-b'), 'the visitor scrolls: the circle stays on the item');
    await t.screenshot(agent, 'whiteboard-1-agent-circles');
    await t.screenshot(visitor, 'whiteboard-2-visitor-sees');

    /* ---- a late joiner ------------------------------------------------------ */
    const sup = await monitorAs(browser, problems, conv.client, conv.channelId);
    const sf = await frameAt(sup.page, kettles);
    await sf.waitForSelector('svg[data-baton-marks] ellipse', { timeout: QUICK });
    t.ok(await surrounds(sf, 'ellipse', 'box-b'), 'a supervisor who comes later sees the circle on the item');
    t.ok(await sup.page.isHidden('#draw-button'), 'and has no Draw button');
    await visitor.reload();
    const vf2 = await frameAt(visitor, kettles);
    await vf2.waitForSelector('svg[data-baton-marks] ellipse', { timeout: QUICK });
    t.ok(await surrounds(vf2, 'ellipse', 'box-b'), 'the visitor\'s reloaded page draws it again');

    /* ---- other tools ---------------------------------------------------------- */
    await agent.click('.board-tool[data-tool=arrow]');
    const a = await rectOf(af, 'box-b');
    await drag(agent, [a.left - 120, a.top - 60], [a.left - 5, a.top + 20]);
    await agent.click('.board-tool[data-tool=text]');
    await agent.click('.board-color[data-color="#c92a2a"]');
    const stageNow = await agent.locator('#stage').boundingBox();
    await agent.mouse.click(stageNow.x + a.left, stageNow.y + a.bottom + 30);
    await agent.fill('#board-note', 'Works on induction');
    await agent.press('#board-note', 'Enter');
    await agent.click('.board-tool[data-tool=pen]');
    await drag(agent, [a.left, a.bottom + 80], [a.right, a.bottom + 90], 20);
    const vf3 = await frameOf(visitor);
    await vf3.waitForFunction(() => {
      const svg = document.querySelector('svg[data-baton-marks]');
      return svg && svg.querySelector('line') && svg.querySelector('polyline')
        && [...svg.querySelectorAll('text')].some((x) => x.textContent === 'Works on induction');
    }, null, { timeout: QUICK });
    t.ok(true, 'an arrow, a note and a freehand line reach the visitor');
    t.is(await vf3.evaluate(() => document.querySelector('svg[data-baton-marks] text').getAttribute('fill')), '#c92a2a',
      'in the colour chosen');
    await t.screenshot(visitor, 'whiteboard-3-tools');

    /* ---- everyone draws; clearing ----------------------------------------------- */
    await agent.check('#board-everyone');
    await visitor.waitForFunction(() => !document.getElementById('draw-button').disabled, null, { timeout: QUICK });
    t.ok(true, 'the leader lets everyone draw: the visitor may');
    await visitor.click('#draw-button');
    t.ok(await visitor.isHidden('#board-clear-all'), 'the visitor has no Clear all');
    await visitor.click('.board-tool[data-tool=rect]');
    await vf3.evaluate(() => window.scrollTo(0, 0));
    await vf3.waitForFunction(() => window.scrollY === 0, null, { timeout: QUICK });
    const c = await rectOf(vf3, 'box-a');
    await drag(visitor, [c.left - 10, c.top - 10], [c.right + 10, c.bottom + 10]);
    await af.waitForSelector('svg[data-baton-marks] rect', { timeout: QUICK });
    t.ok(true, 'the visitor draws a box; the agent sees it');
    await visitor.click('#board-clear-mine');
    await af.waitForSelector('svg[data-baton-marks] rect', { state: 'detached', timeout: QUICK });
    t.ok(await af.$('svg[data-baton-marks] ellipse') !== null, 'the visitor clears their own: the box goes, the circle stays');
    await agent.click('#board-clear-all');
    await vf3.waitForFunction(() => document.querySelector('svg[data-baton-marks]').childElementCount === 0, null, { timeout: QUICK });
    t.ok(true, 'the leader clears all: the visitor\'s page is clean');
    await agent.uncheck('#board-everyone');
    await visitor.waitForFunction(() => document.getElementById('draw-button').disabled, null, { timeout: QUICK });
    t.ok(true, 'and draws alone again');

    /* ---- a blank board ------------------------------------------------------------ */
    await agent.click('#board-blank');
    const af4 = await frameAt(agent, `${base}/board.html?b=`);
    const vf4 = await frameAt(visitor, `${base}/board.html?b=`);
    t.ok(true, 'Blank board leads everyone to a fresh board');
    await scripted(agent);
    await agent.waitForSelector('#draw-button:not([disabled])', { timeout: QUICK });
    if (await agent.isHidden('#board-palette')) await agent.click('#draw-button');
    await agent.click('.board-tool[data-tool=circle]');
    await drag(agent, [200, 150], [420, 300]);
    await vf4.waitForSelector('svg[data-baton-marks] ellipse', { timeout: QUICK });
    t.ok(true, 'a circle on the board reaches the visitor');
    t.ok(await af4.$('svg[data-baton-marks] ellipse') !== null, 'and stays on the agent\'s board');
    await t.screenshot(visitor, 'whiteboard-4-board');

    /* ---- a page without the site script: marks over the view ---------------------- */
    await agent.click('#board-done');
    await agent.fill('#address', plain);
    await agent.press('#address', 'Enter');
    await frameAt(visitor, plain);
    await agent.waitForFunction(() => !window.BatonViewer.scripted && window.BatonViewer.url.includes('-plain.html'),
      null, { timeout: QUICK });
    await agent.waitForSelector('#draw-button:not([disabled])', { timeout: QUICK });
    await agent.click('#draw-button');
    await agent.click('.board-tool[data-tool=circle]');
    await drag(agent, [100, 100], [300, 220]);
    await visitor.waitForSelector('#board-overlay ellipse', { timeout: QUICK });
    t.ok(true, 'over a page without the site script, the circle is drawn over the visitor\'s view');
    await agent.click('#board-done');

    /* ---- a call, for the record (its media is t/browser-call.t's) ---------------------- */
    const token = async (p) => p.getAttribute('#channel', 'data-token');
    const callStep = (p, fields) => p.evaluate(async (f) => {
      const res = await fetch('/call', { method: 'POST', body: new URLSearchParams(f), headers: { Accept: 'application/json' } });
      return res.json();
    }, { channel: conv.channelId, ...fields });
    const started = await callStep(agent, { token: await token(agent), action: 'start', media: 'audio' });
    await callStep(visitor, { token: await token(visitor), action: 'join', call: String(started.call.id), media: 'audio' });
    await callStep(agent, { token: await token(agent), action: 'leave', call: String(started.call.id) });

    /* ---- the replay ------------------------------------------------------------------- */
    await sup.ctx.close();
    await agent.click('#leave-form button');
    await agent.waitForURL(`${base}/console`, { timeout: QUICK });
    await agent.goto(`${base}/replay?id=${conv.channelId}`);
    await agent.waitForSelector('#replay[data-state=ready]', { timeout: QUICK });
    const record = await agent.evaluate(async (id) => (await (await fetch(`/replay?id=${id}&format=json`)).json()), conv.channelId);
    const agentId = record.events.find((e) => e.kind === 'join' && e.role === 'agent').pid;
    const firstMark = record.events.find((e) => e.kind === 'mark');
    const path = record.events.filter((e) => e.kind === 'pointer' && e.pid === agentId && e.t < firstMark.t);
    t.ok(path.length >= 3 && new Set(path.map((e) => `${e.x},${e.y}`)).size >= 3,
      `the record has the agent's pointer path before the circle (${path.length} samples)`);
    t.ok(record.events.some((e) => e.kind === 'scroll' && e.y === 600 && e.t < firstMark.t), 'and the scroll to the kettle');
    t.ok(JSON.parse(firstMark.body).tool === 'circle', 'then the circle');
    await agent.check('input[name=speed][value="16"]');
    // Step through the record: the pointer moves before the circle is drawn.
    let steps = 0;
    while (await agent.getAttribute('#replay', 'data-marks') !== '1') {
      await agent.click('#replay-next');
      if (++steps > 400) throw new Error('the circle never appeared in the replay');
    }
    t.ok(Number(await agent.getAttribute('#replay', 'data-pointers')) >= 3, 'the replay showed the pointer moving first');
    const rf = await (await agent.$('#replay-frame')).contentFrame();
    await rf.waitForSelector('svg[data-baton-marks] ellipse', { timeout: QUICK });
    t.ok(await surrounds(rf, 'ellipse', 'box-b'), 'then the circle, on the item, in the replayed page');
    t.ok(await rf.$('[data-baton-pointer]') !== null, 'with the agent\'s pointer on it');
    await rf.waitForFunction(() => Math.abs(window.scrollY - 600) <= 1, null, { timeout: QUICK });
    t.ok(true, 'the replayed page is scrolled where the leader scrolled');
    await t.screenshot(agent, 'whiteboard-5-replay');
    await agent.click('#replay-play');
    await agent.waitForSelector('#replay[data-state=ended]', { timeout: 60000 });
    t.ok(true, 'the replay plays to the end');
    const said = await agent.textContent('#replay-lines');
    t.ok(said.includes('Wendy Board started a voice call') && said.includes('Vera Visitor joined the call (voice)')
      && said.includes('The call ended'), 'with the call starting and ending on the timeline');
    t.ok(said.includes('Wendy Board drew a circle on the page'), 'and the marks drawn');
  } catch (err) {
    t.ok(false, `no exception: ${err.stack || err}`);
  } finally {
    t.ok(problems.length === 0, 'no console errors or uncaught exceptions', problems.join('\n'));
    await browser.close();
  }
  t.done();
})();
