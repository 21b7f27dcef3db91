#!/usr/bin/env node
// The viewer in a real browser (Debian's Chromium; t/browser-viewer-firefox.t
// runs it in Firefox ESR): co-browsing end to end.
// A visitor clicks the help link on a client's page (served from localhost
// while Baton is 127.0.0.1: cross-origin, as a customer's site is); the
// agent accepts in a second context; they chat both ways; the agent leads
// to a second page and the visitor's view follows, scroll included; each
// sees the other's pointer at the right place of the page, at different
// window sizes; the visitor clicks a link inside the page and the agent
// sees the new address; the agent passes the baton (two clicks) and the
// visitor leads the agent; a page without the site script gets the pointing
// overlay; a supervisor watching (a third context) and the visitor exchange
// private lines with the agent that only the two concerned see; a page that
// refuses framing opens in a led window on both sides, which cannot send the
// viewer elsewhere, and where the leader's clicks, scrolling and pointer are
// followed as in the frame; a framed page redirected to another origin keeps
// its exact pointers; a page sent to a new
// window is offered with an Open button; a visitor who leads off the
// client's sites only asks the agent, who sees the full address; the agent
// takes the lead back;
// avatars are chosen; the keyboard reaches everything; a phone-sized view.
// Screenshots: t/artifacts/viewer-*.png.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const t = require('./lib/browser.js');

const QUICK = 5000; // "within a couple of seconds", with room for a slow machine
// How quickly a follower's view follows (under a second) is a speed target:
// make bench measures it (bench/README, fan-out). Here the views are awaited
// with a deadline, and the time taken is only reported.

(async () => {
  const base = process.env.BATON_URL;
  const dir = process.env.BATON_DIR;
  if (!base || !dir) t.skipAll('no running stack: run through `make test`');
  if (!fs.existsSync(path.join(dir, 'demo'))) t.skipAll(`${dir}/demo/ missing: tools/stack makes it on start`);

  const agent = t.newAgent('Dana Agent');
  const key = t.newSite(agent.client, ['127.0.0.1', 'localhost'], 'Kettle shop');
  const supEmail = `${t.uniqueName('bsup')}@example.com`;
  const supPassword = `pw-${t.uniqueName('')}`;
  t.admin(supPassword, 'agent', 'add', agent.client, supEmail, 'Sue Supervisor', 'supervisor');

  // The client's pages, on "another site": localhost instead of 127.0.0.1.
  const site = base.replace('//127.0.0.1:', '//localhost:');
  const prefix = `v${agent.client}`;
  const written = [];
  const page = (name, title, body, { script = true, head = '' } = {}) => {
    const file = `${prefix}-${name}.html`;
    fs.writeFileSync(path.join(dir, 'demo', file), `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="icon" href="${base}/favicon.svg">${head}
<style>
  body { margin: 0; font: 16px/1.5 Georgia, serif; background: #fbf7f2; color: #2b2118; }
  .page { width: 900px; padding: 20px; box-sizing: border-box; position: relative; }
  .tall { height: 2200px; }
  .box { position: absolute; width: 220px; height: 160px; border-radius: 12px; display: flex; align-items: center; justify-content: center; color: #fff; font: 600 18px sans-serif; }
  #box-a { left: 60px; top: 260px; background: #b4532a; }
  #box-b { left: 520px; top: 820px; background: #3e7c6b; }
  #box-c { left: 300px; top: 1500px; background: #6b7f8f; }
  nav a { margin-right: 1rem; }
</style></head>
<body><div class="page${['two', 'plain', 'refunds-noframe'].includes(name) ? ' tall' : ''}">
<h1>${title}</h1>
${body}
</div>
${script ? `<script src="${base}/js/baton-site.js" async></script>` : ''}
</body></html>
`);
    written.push(file);
    return `${site}/demo/${file}`;
  };
  const link = (name, text, id) => `<a id="${id}" href="${prefix}-${name}.html">${text}</a>`;
  const home = page('home', 'Kettle shop', `<p>Kettles and teapots.</p>
<p><a id="help" href="${base}/help?site=${key}&amp;topic=kettles" referrerpolicy="no-referrer-when-downgrade" data-baton-help data-baton-widget="off">Talk to us</a></p>
<nav>${link('two', 'Kettles', 'to-two')} ${link('three', 'Teapots', 'to-three')}</nav>
<script src="${base}/js/help-button.js" async></script>`);
  const two = page('two', 'Kettles', `<nav>${link('three', 'Teapots', 'to-three')} ${link('home', 'Home', 'to-home')}</nav>
<div class="box" id="box-a">Steel kettle</div><div class="box" id="box-b">Copper kettle</div><div class="box" id="box-c">Glass kettle</div>`);
  const three = page('three', 'Teapots', `<p>Celadon and cast iron.</p>
<nav>${link('two', 'Kettles', 'to-two')} ${link('home', 'Home', 'to-home')} ${link('four', 'Care', 'to-four')}</nav>`);
  const four = page('four', 'Caring for a teapot', `<p>Rinse, never soap.</p><nav>${link('three', 'Teapots', 'to-three')}
${link('orders-noframe', 'Your orders', 'to-orders')}</nav>`);
  const plain = page('plain', 'A page without the site script', '<p>No Baton script here.</p><div class="box" id="box-a">Spot</div>', { script: false });
  const refuse = page('orders-noframe', 'Your orders', '<p>This page refuses to be framed.</p>');
  const refuse2 = page('returns-noframe', 'Your returns', `<p>This one too.</p><nav>${link('refunds-noframe', 'Refunds', 'to-refunds')}</nav>`);
  const refuse3 = page('refunds-noframe', 'Your refunds', `<nav>${link('three', 'Teapots', 'to-three')}</nav>
<div class="box" id="box-a">Refund form</div>`);
  // A page that sends its visitor on to another origin (as http to https,
  // or a bare domain to www, do): here from the client's host to Baton's.
  const threeElsewhere = `${base}/demo/${prefix}-three.html`;
  const moved = page('moved', 'Moved', '<p>Moved.</p>', { script: false, head: `<meta http-equiv="refresh" content="0; url=${threeElsewhere}">` });
  t.admin(null, 'canned-address', 'add', agent.client, 'Teapots', three);

  const browser = await t.launch();
  const problems = [];
  try {
    const agentCtx = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    const visitorCtx = await browser.newContext({ viewport: { width: 1000, height: 760 } });
    const supCtx = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const dana = await agentCtx.newPage();
    const vera = await visitorCtx.newPage();
    t.watchPage(dana, problems, 'agent');
    const allowed = []; // console errors caused on purpose, added where they are
    t.watchPage(vera, problems, 'visitor', allowed);

    // The agent signs in, available.
    await dana.goto(`${base}/signin`);
    await dana.fill('#email', agent.email);
    await dana.fill('#password', agent.password);
    await dana.check('input[name=state][value=available]');
    await Promise.all([dana.waitForURL(`${base}/console`), dana.click('#signin-form button[type=submit]')]);

    // The visitor clicks the help link on the client's page and asks.
    await vera.goto(home);
    await vera.waitForSelector('#help[data-baton-status]', { timeout: QUICK });
    await Promise.all([vera.waitForURL(/\/help\?/), vera.click('#help')]);
    await vera.fill('#name', 'Vera Visitor');
    await vera.fill('#question', 'Which kettle works on induction?');
    await Promise.all([vera.waitForURL(/\/wait\?r=/), vera.click('#help-form button[type=submit]')]);

    // The agent accepts; both are in the viewer.
    const request = dana.locator('li.request', { hasText: 'Vera Visitor' });
    await request.waitFor({ timeout: QUICK });
    await Promise.all([dana.waitForURL(/\/channel\?id=/), request.locator('button', { hasText: 'Accept' }).click()]);
    const channelUrl = dana.url();
    const channelId = new URL(channelUrl).searchParams.get('id');
    await vera.waitForURL(channelUrl, { timeout: QUICK });
    t.ok(true, 'the agent accepts and both are in the viewer');
    const danaId = Number(await dana.getAttribute('#channel', 'data-me'));
    const veraId = Number(await vera.getAttribute('#channel', 'data-me'));

    for (const [who, p] of [['agent', dana], ['visitor', vera]]) {
      t.is(await p.locator('#people li.person').count(), 2, `the ${who} sees two avatars, their own included`);
      t.ok(await p.locator(`#people li.person.leader[data-participant="${danaId}"] .badge`).isVisible(), `the ${who} sees that the agent leads`);
      t.ok(await p.locator('#people li.person.me img.avatar').isVisible(), `the ${who}'s own avatar has a picture`);
      for (const id of ['#address', '#history-button', '#who-button', '#help-button', '#leave-form button', '#say-text']) {
        t.ok(await p.locator(id).isVisible(), `the ${who} has ${id}`);
      }
    }
    t.ok(await dana.locator('#rooms-button').isVisible(), 'the agent has a rooms button');
    t.is(await vera.locator('#rooms-button').count(), 0, 'the visitor has none');
    t.is(await vera.getAttribute('#address', 'readonly'), '', 'the follower\'s address bar is read-only');
    t.ok(await vera.locator('#go').isDisabled(), 'and cannot go anywhere');
    t.ok(/Dana Agent leads/.test(await vera.textContent('#lead-status')), 'the visitor is told who leads');

    // The viewer opens on the page the visitor asked from, for both: nobody
    // has to find it and show it first.
    t.is(await dana.locator('.stage-notice[data-key="start"]').count(), 0, 'the agent need not show the start page first');
    const frameOf = async (p) => (await p.$('#view')).contentFrame();
    const frameAt = async (p, url, ms = QUICK) => {
      const until = Date.now() + ms;
      for (;;) {
        const f = await frameOf(p);
        if (f && f.url() === url) {
          try {
            await f.waitForLoadState('domcontentloaded', { timeout: Math.max(100, until - Date.now()) });
            return f;
          } catch (e) { /* navigating on */ }
        }
        if (Date.now() > until) throw new Error(`the frame is at ${f && f.url()}, not ${url}`);
        await p.waitForTimeout(25);
      }
    };
    await frameAt(dana, home);
    await frameAt(vera, home);
    t.ok(true, 'both views open on the visitor\'s page');
    t.ok(await dana.isHidden('#stage-empty') && await vera.isHidden('#stage-empty'), 'neither says "No page is shown yet"');
    t.is(await dana.textContent('#lines li.event-line .body'), 'Which kettle works on induction?',
      'the visitor\'s question is the agent\'s first line');
    t.is(await vera.textContent('#lines li.event-line .body'), 'Which kettle works on induction?', 'and the visitor\'s');
    await t.screenshot(dana, 'viewer-1-agent-start');

    // Chat both ways.
    await dana.fill('#say-text', 'Hello Vera, let me show you our kettles.');
    await dana.press('#say-text', 'Enter');
    await vera.locator('#lines li.event-line', { hasText: 'let me show you our kettles' }).waitFor({ timeout: QUICK });
    t.ok(true, 'the visitor sees the agent\'s line');
    await vera.fill('#say-text', 'Great, thank you!');
    await vera.press('#say-text', 'Enter');
    await dana.locator('#lines li.event-line', { hasText: 'Great, thank you!' }).waitFor({ timeout: QUICK });
    t.ok(true, 'the agent sees the visitor\'s line');
    for (const [who, p] of [['agent', dana], ['visitor', vera]]) {
      const clear = await p.evaluate(() => {
        const lines = document.getElementById('lines');
        lines.scrollTop = 0;
        const first = lines.querySelector('li').getBoundingClientRect();
        const head = document.querySelector('.talk-head').getBoundingClientRect();
        return first.top >= head.bottom - 1;
      });
      t.ok(clear, `the ${who}'s people strip covers no line`);
    }

    // The agent leads to the second page by typing its address.
    await dana.fill('#address', two);
    let t0 = Date.now();
    await dana.press('#address', 'Enter');
    const veraTwo = await frameAt(vera, two);
    const followMs = Date.now() - t0;
    t.ok(true, `the visitor's view follows the agent to the second page (${followMs} ms)`);
    const danaTwo = await frameAt(dana, two);
    t.is(await veraTwo.textContent('h1'), 'Kettles', 'and shows it, loaded from the site');
    await vera.waitForFunction((u) => document.getElementById('address').value === u, two, { timeout: QUICK });
    t.ok(true, 'the visitor\'s address bar shows where the view is');
    await vera.locator('#lines li.event-address', { hasText: two }).waitFor({ timeout: QUICK });
    t.ok(true, 'the lines say where the agent led');

    // Scrolling follows the leader.
    await danaTwo.evaluate(() => window.scrollTo(0, 600));
    await veraTwo.waitForFunction(() => Math.abs(window.scrollY - 600) <= 1, null, { timeout: QUICK });
    t.ok(true, 'the visitor\'s view follows the agent\'s scrolling');
    await t.screenshot(dana, 'viewer-2-agent-leads');
    await t.screenshot(vera, 'viewer-3-visitor-follows');

    // Pointers: the agent points at the copper kettle; the visitor sees the
    // agent's pointer at the same place of the page.
    await danaTwo.evaluate(() => {
      window.__last = null;
      document.addEventListener('mousemove', (e) => { window.__last = { x: e.pageX, y: e.pageY }; });
    });
    // A person moves the mouse in the window in front; Firefox delivers
    // no mouse events to a tab behind another.
    await dana.bringToFront();
    const boxB = await danaTwo.locator('#box-b').boundingBox();
    // Near the kettle's left edge: the visitor's narrower view shows the
    // spot too, not under its scroll bar (Firefox draws one).
    await dana.mouse.move(boxB.x + 10, boxB.y + 30, { steps: 4 });
    await dana.mouse.move(boxB.x + 30, boxB.y + 50, { steps: 4 });
    const danaAt = await danaTwo.evaluate(() => window.__last);
    const markAt = (f, id) => f.evaluate((pid) => {
      const m = document.querySelector(`[data-baton-pointer="${pid}"]`);
      if (!m) return null;
      const x = parseFloat(m.style.left) + 7;
      const y = parseFloat(m.style.top) + 7;
      const under = document.elementsFromPoint(x - window.scrollX, y - window.scrollY).find((e) => e !== m && !m.contains(e));
      return { x, y, under: under && under.closest('[id]') ? under.closest('[id]').id : null, label: m.textContent };
    }, id);
    const waitMark = async (f, id, want) => {
      const until = Date.now() + QUICK;
      let got = null;
      while (Date.now() < until) {
        got = await markAt(f, id);
        if (got && Math.abs(got.x - want.x) <= 1 && Math.abs(got.y - want.y) <= 1) return got;
        await f.page().waitForTimeout(50);
      }
      return got;
    };
    await vera.bringToFront(); // where the visitor looks (and Firefox lays out)
    let seen = await waitMark(veraTwo, danaId, danaAt);
    t.ok(seen && Math.abs(seen.x - danaAt.x) <= 1 && Math.abs(seen.y - danaAt.y) <= 1,
      'the agent\'s pointer is drawn in the visitor\'s page where the agent points', JSON.stringify({ danaAt, seen }));
    t.is(seen && seen.under, 'box-b', 'over the same thing (the copper kettle)');
    t.is(seen && seen.label, 'Dana Agent', 'named');
    await t.screenshot(vera, 'viewer-4-visitor-sees-agent-pointer');

    // Another window size and scroll position on the visitor's side.
    await vera.setViewportSize({ width: 760, height: 640 });
    await veraTwo.evaluate(() => window.scrollTo(0, 700));
    seen = await waitMark(veraTwo, danaId, danaAt);
    t.ok(seen && Math.abs(seen.x - danaAt.x) <= 1 && Math.abs(seen.y - danaAt.y) <= 1 && seen.under === 'box-b',
      'at another window size and scroll, the pointer is still on the same spot', JSON.stringify(seen));
    await t.screenshot(vera, 'viewer-5-visitor-smaller-window');

    // The visitor points at the steel kettle; the agent sees it.
    await veraTwo.evaluate(() => {
      window.scrollTo(0, 150);
      window.__last = null;
      document.addEventListener('mousemove', (e) => { window.__last = { x: e.pageX, y: e.pageY }; });
    });
    await vera.bringToFront();
    await vera.waitForTimeout(200);
    const boxA = await veraTwo.locator('#box-a').boundingBox();
    await vera.mouse.move(boxA.x + 30, boxA.y + 20, { steps: 3 });
    await vera.mouse.move(boxA.x + 60, boxA.y + 40, { steps: 3 });
    const veraAt = await veraTwo.evaluate(() => window.__last);
    await dana.bringToFront();
    await danaTwo.evaluate(() => window.scrollTo(0, 100));
    seen = await waitMark(danaTwo, veraId, veraAt);
    t.ok(seen && Math.abs(seen.x - veraAt.x) <= 1 && Math.abs(seen.y - veraAt.y) <= 1 && seen.under === 'box-a',
      'the agent sees the visitor\'s pointer on the steel kettle', JSON.stringify({ veraAt, seen }));
    t.is(seen && seen.label, 'Vera Visitor', 'named');
    const colors = await danaTwo.evaluate((id) => document.querySelector(`[data-baton-pointer="${id}"] span`).style.background, veraId);
    const danaColor = await veraTwo.evaluate((id) => document.querySelector(`[data-baton-pointer="${id}"] span`).style.background, danaId);
    t.ok(colors && danaColor && colors !== danaColor, 'the two pointers have different colours', `${colors} / ${danaColor}`);
    await t.screenshot(dana, 'viewer-6-agent-sees-visitor-pointer');
    await vera.setViewportSize({ width: 1000, height: 760 });

    // The visitor (following) clicks a link inside the page: the agent sees
    // the visitor's new address; the agent's own view stays.
    await veraTwo.click('#to-three');
    await frameAt(vera, three);
    await dana.locator(`#people li[data-participant="${veraId}"] .where`, { hasText: `${prefix}-three.html` }).waitFor({ timeout: QUICK });
    t.ok(true, 'the agent sees under the visitor\'s avatar that the visitor has the third page open');
    await dana.click('#who-button');
    const whoVera = dana.locator(`#who-list li[data-participant="${veraId}"]`);
    t.ok((await whoVera.textContent()).includes(three), 'and in the who panel, with the full address');
    await t.screenshot(dana, 'viewer-7-agent-sees-visitor-address');
    await dana.keyboard.press('Escape');
    t.ok(await dana.locator('#panel-who').isHidden(), 'Escape closes the panel');
    t.is(await dana.evaluate(() => document.activeElement.id), 'who-button', 'and gives the focus back to its button');
    t.is((await frameOf(dana)).url(), two, 'the agent\'s view stays where the agent led');

    // The baton: two clicks (the avatar, "Give the lead").
    await dana.click(`#people li[data-participant="${veraId}"] .avatar-button`);
    await dana.locator('#person-menu .menu-action', { hasText: 'Give the lead' }).click();
    await vera.locator(`#people li.leader[data-participant="${veraId}"]`).waitFor({ timeout: QUICK });
    t.ok(/You lead/.test(await vera.textContent('#lead-status')), 'the visitor is told they lead now');
    t.ok(!(await vera.locator('#go').isDisabled()), 'and their address bar is active');
    await dana.locator(`#people li.leader[data-participant="${veraId}"]`).waitFor({ timeout: QUICK });
    t.ok(/Vera Visitor leads/.test(await dana.textContent('#lead-status')), 'the agent sees that the visitor leads');
    t.ok(await dana.locator('#go').isDisabled(), 'and can no longer change the address');
    // The new leader's view is where everyone goes.
    await frameAt(dana, three);
    t.ok(true, 'the agent\'s view goes to the page the visitor has open');
    // The visitor leads the agent by clicking a link inside the page.
    const veraThree = await frameAt(vera, three);
    t0 = Date.now();
    await veraThree.click('#to-four');
    await frameAt(dana, four);
    const linkMs = Date.now() - t0;
    t.ok(true, `the visitor clicks a link and the agent's view follows (${linkMs} ms, the page loading twice)`);
    await dana.locator(`#people li[data-participant="${veraId}"] .where`, { hasText: `${prefix}-four.html` }).waitFor({ timeout: QUICK });
    await t.screenshot(vera, 'viewer-8-visitor-leads');
    await t.screenshot(dana, 'viewer-9-agent-follows-visitor');

    // A page without the site script: pointing on the overlay.
    await vera.fill('#address', plain);
    await vera.press('#address', 'Enter');
    await frameAt(dana, plain);
    await frameAt(vera, plain);
    await vera.locator('#pointer-button').waitFor({ state: 'visible', timeout: QUICK });
    t.ok(true, 'a page without the site script offers the pointing overlay');
    await vera.click('#pointer-button');
    t.is(await vera.getAttribute('#pointer-button', 'aria-pressed'), 'true', 'which is on');
    const ov = await vera.locator('#overlay').boundingBox();
    await vera.mouse.move(ov.x + ov.width * 0.25, ov.y + ov.height * 0.5, { steps: 3 });
    await vera.mouse.move(ov.x + ov.width * 0.3, ov.y + ov.height * 0.4, { steps: 3 });
    const overlayMark = dana.locator(`#marks .mark[data-participant="${veraId}"]`);
    await overlayMark.waitFor({ timeout: QUICK });
    await dana.waitForFunction((id) => {
      const m = document.querySelector(`#marks .mark[data-participant="${id}"]`);
      return m && Math.abs(parseFloat(m.style.left) - 30) < 0.5 && Math.abs(parseFloat(m.style.top) - 40) < 0.5;
    }, veraId, { timeout: QUICK });
    t.ok(true, 'the agent sees the visitor\'s overlay pointer at the same place of the view');
    t.is((await overlayMark.textContent()), 'Vera Visitor', 'named');
    await t.screenshot(dana, 'viewer-10-overlay-pointer');
    await vera.keyboard.press('Escape');
    await vera.click('#pointer-button');
    await vera.keyboard.press('ArrowRight');
    t.is(await vera.getAttribute('#pointer-button', 'aria-pressed'), 'true', 'the overlay can be used from the keyboard');
    await vera.keyboard.press('Escape');
    t.is(await vera.getAttribute('#pointer-button', 'aria-pressed'), 'false', 'and Escape ends pointing');

    // A supervisor watches silently (a third participant).
    const sue = await supCtx.newPage();
    t.watchPage(sue, problems, 'supervisor');
    await sue.goto(`${base}/signin`);
    await sue.fill('#email', supEmail);
    await sue.fill('#password', supPassword);
    await sue.check('input[name=state][value=away]');
    await Promise.all([sue.waitForURL(/\/console|\/supervise/), sue.click('#signin-form button[type=submit]')]);
    await sue.goto(`${base}/supervise`);
    const [sueView] = await Promise.all([supCtx.waitForEvent('page'),
      sue.click(`form.monitor-form[data-channel="${channelId}"] button`)]);
    t.watchPage(sueView, problems, 'supervisor viewer');
    await sueView.waitForURL(channelUrl, { timeout: QUICK });
    t.is(await sueView.getAttribute('#channel', 'data-role'), 'supervisor', 'a supervisor joins to watch');
    await sueView.waitForSelector('#say-to:not([hidden])', { timeout: QUICK });
    t.ok((await sueView.textContent('#say-to')).includes('Dana Agent'), 'whose lines go privately to the agent');
    t.is(await vera.locator('#people li.person').count(), 2, 'the visitor does not see the supervisor');
    await dana.locator('#people li.role-supervisor').waitFor({ timeout: QUICK });
    t.ok(true, 'the agent does');

    await sueView.fill('#say-text', 'Offer free shipping.');
    await sueView.press('#say-text', 'Enter');
    const prompt = dana.locator('#lines li.event-private', { hasText: 'Offer free shipping.' });
    await prompt.waitFor({ timeout: QUICK });
    t.ok((await prompt.textContent()).includes('private'), 'the agent gets the supervisor\'s private line, marked private');

    // The visitor writes privately to the agent (avatar, "Private line").
    await vera.click(`#people li[data-participant="${danaId}"] .avatar-button`);
    await vera.locator('#person-menu .menu-action', { hasText: 'Private line' }).click();
    t.ok(await vera.isVisible('#say-to'), 'the visitor\'s input line says the next line is private');
    await vera.keyboard.type('Just between us: is there a discount?');
    await vera.keyboard.press('Enter');
    const sidebar = dana.locator('#lines li.event-private', { hasText: 'Just between us' });
    await sidebar.waitFor({ timeout: QUICK });
    t.ok((await sidebar.textContent()).includes('to you'), 'the agent gets the visitor\'s private line');
    await vera.locator('#lines li.event-private:not(.pending)', { hasText: 'Just between us' }).waitFor({ timeout: QUICK });
    await dana.fill('#say-text', 'Public again: all kettles ship free.');
    await dana.press('#say-text', 'Enter');
    await sueView.locator('#lines li', { hasText: 'Public again' }).waitFor({ timeout: QUICK });
    await vera.locator('#lines li', { hasText: 'Public again' }).waitFor({ timeout: QUICK });
    t.is(await sueView.locator('#lines li', { hasText: 'Just between us' }).count(), 0,
      'the supervisor does not see the visitor\'s private line');
    t.is(await vera.locator('#lines li', { hasText: 'Offer free shipping' }).count(), 0,
      'the visitor does not see the supervisor\'s');
    const reloaded = await visitorCtx.newPage();
    await reloaded.goto(channelUrl);
    t.is(await reloaded.locator('#lines li', { hasText: 'Offer free shipping' }).count(), 0, 'not even after a reload');
    t.ok((await reloaded.locator('#lines li.event-private', { hasText: 'Just between us' }).textContent()).includes('to Dana Agent'),
      'where the visitor\'s own private line shows whom it went to');
    await reloaded.close();
    await t.screenshot(dana, 'viewer-11-agent-private-lines');
    await t.screenshot(vera, 'viewer-12-visitor-private-line');
    await t.screenshot(sueView, 'viewer-13-supervisor');
    await vera.click('#say-to-clear');
    t.ok(await vera.isHidden('#say-to'), 'the visitor goes back to writing to everyone');

    // A page that refuses framing opens in a led window, on both sides:
    // here the leader clicks a link to it inside the page.
    await vera.fill('#address', four);
    await vera.press('#address', 'Enter');
    const veraFour = await frameAt(vera, four);
    await frameAt(dana, four);
    allowed.push(/frame-ancestors 'none'/); // the frame tries it first
    const [veraPopup] = await Promise.all([visitorCtx.waitForEvent('page', { timeout: QUICK }), veraFour.click('#to-orders')]);
    await veraPopup.waitForURL(refuse, { timeout: QUICK });
    t.ok(true, 'the refusing page the leader clicked a link to opens in a window of its own');
    t.ok(await vera.locator('.stage-notice[data-key="refused"]').isVisible(), 'and the leader\'s viewer says why');
    const refusedNotice = dana.locator('.stage-notice[data-key="refused"]');
    await refusedNotice.waitFor({ timeout: QUICK });
    t.ok(/cannot be shown here/.test(await refusedNotice.textContent()), 'the agent\'s viewer says the page cannot be shown in it');
    t.ok((await refusedNotice.textContent()).includes(refuse), 'naming the address');
    t.ok(await dana.isHidden('#view'), 'and shows no stale page meanwhile');
    await t.screenshot(dana, 'viewer-14-refused');
    const [danaPopup] = await Promise.all([agentCtx.waitForEvent('page', { timeout: QUICK }),
      refusedNotice.locator('button', { hasText: 'Open the page' }).click()]);
    await danaPopup.waitForURL(refuse, { timeout: QUICK });
    t.ok(true, 'the agent opens it in a window of its own');
    await vera.bringToFront();
    await vera.fill('#address', refuse2);
    await vera.press('#address', 'Enter');
    await veraPopup.waitForURL(refuse2, { timeout: QUICK });
    await danaPopup.waitForURL(refuse2, { timeout: QUICK });
    t.ok(true, 'the next refusing page the leader leads to shows in both led windows');
    await t.screenshot(danaPopup, 'viewer-15-led-window');

    // A page in a led window cannot send the viewer elsewhere: its opener
    // is a sandboxed frame of the viewer's, not the viewer.
    const taken = `${site}/demo/${prefix}-home.html?taken`;
    await veraPopup.evaluate((u) => {
      for (const w of [window.opener, window.opener && window.opener.top, window.opener && window.opener.parent]) {
        try { if (w) w.location.href = u; } catch (e) { /* refused, as it should be */ }
      }
      try { window.open(u, 'baton-view'); } catch (e) { /* refused */ }
    }, taken);
    await vera.waitForTimeout(700);
    t.is(vera.url(), channelUrl, 'a page in a led window cannot send the viewer elsewhere');
    t.ok(!(await frameOf(vera)).url().includes('taken'), 'nor into its frame');

    // The leader clicks a link inside the led window: the site script there
    // reports it, and the agent's led window follows.
    await veraPopup.bringToFront();
    await veraPopup.click('#to-refunds');
    await danaPopup.waitForURL(refuse3, { timeout: QUICK });
    t.ok(true, 'the leader clicks a link in the led window and the agent\'s led window follows');
    await dana.locator(`#people li[data-participant="${veraId}"] .where`, { hasText: `${prefix}-refunds-noframe.html` }).waitFor({ timeout: QUICK });
    t.ok(true, 'the agent sees the address the visitor\'s led window shows');
    await dana.locator('.stage-notice[data-key="refused"]', { hasText: refuse3 }).waitFor({ timeout: QUICK });
    t.ok(true, 'and the agent\'s viewer names it');
    await veraPopup.evaluate(() => window.scrollTo(0, 200));
    await danaPopup.waitForFunction(() => Math.abs(window.scrollY - 200) <= 1, null, { timeout: QUICK });
    t.ok(true, 'the agent\'s led window follows the leader\'s scrolling');
    await veraPopup.evaluate(() => {
      window.__last = null;
      document.addEventListener('mousemove', (e) => { window.__last = { x: e.pageX, y: e.pageY }; });
    });
    const refundBox = await veraPopup.locator('#box-a').boundingBox();
    await veraPopup.mouse.move(refundBox.x + 20, refundBox.y + 60, { steps: 3 });
    await veraPopup.mouse.move(refundBox.x + 40, refundBox.y + 80, { steps: 3 });
    const veraInLed = await veraPopup.evaluate(() => window.__last);
    await danaPopup.bringToFront();
    seen = await waitMark(danaPopup.mainFrame(), veraId, veraInLed);
    t.ok(seen && Math.abs(seen.x - veraInLed.x) <= 1 && Math.abs(seen.y - veraInLed.y) <= 1 && seen.under === 'box-a',
      'the agent sees the visitor\'s pointer in the led window, on the same spot', JSON.stringify({ veraInLed, seen }));
    await t.screenshot(danaPopup, 'viewer-16-led-window-pointer');
    // A link to a page that may be framed brings the view back.
    await veraPopup.bringToFront();
    await veraPopup.click('#to-three');
    await frameAt(vera, three);
    await frameAt(dana, three);
    t.ok(true, 'a link in the led window to a page that may be framed brings it back into both viewers');
    await dana.locator('.stage-notice[data-key="refused"]').waitFor({ state: 'detached', timeout: QUICK });
    t.ok(true, 'and the notice goes');

    // A framed address that redirects to another origin: the site script
    // of the page it lands on still counts.
    await vera.bringToFront();
    await vera.fill('#address', moved);
    await vera.press('#address', 'Enter');
    await frameAt(vera, threeElsewhere);
    await vera.waitForFunction((u) => document.getElementById('address').value === u, threeElsewhere, { timeout: QUICK });
    t.ok(true, 'a page redirected to another origin: the leader\'s viewer knows where it landed');
    await frameAt(dana, threeElsewhere);
    await dana.locator(`#people li[data-participant="${veraId}"] .where`, { hasText: `127.0.0.1:${process.env.BATON_PORT}/demo/${prefix}-three.html` }).waitFor({ timeout: QUICK });
    t.ok(true, 'the agent follows there and sees it');
    await vera.waitForTimeout(1800); // the viewer waits 1.5 s for a site script before offering the overlay
    t.ok(await vera.isHidden('#pointer-button'), 'exact pointers there: no pointing overlay is offered');
    await t.screenshot(vera, 'viewer-17-redirected');

    // A page sent to open in a new window: the follower gets an Open button.
    const viewBefore = (await frameOf(dana)).url();
    await vera.fill('#address', three);
    await vera.click('#go-window');
    const sent = dana.locator('.stage-notice[data-key="window"]');
    await sent.waitFor({ timeout: QUICK });
    t.ok(/sent you a page/.test(await sent.textContent()), 'the agent is told a page was sent to open');
    await t.screenshot(dana, 'viewer-18-window-sent');
    const [opened] = await Promise.all([agentCtx.waitForEvent('page', { timeout: QUICK }), sent.locator('button', { hasText: 'Open' }).click()]);
    await opened.waitForURL(three, { timeout: QUICK });
    t.ok(true, 'Open opens it in a new window');
    t.is(await opened.evaluate(() => window.opener), null, 'which cannot reach back to the viewer');
    await opened.close();
    t.is((await frameOf(dana)).url(), viewBefore, 'the agent\'s view stays as it was');

    // A visitor who leads cannot take the agent off the client's sites (a
    // look-alike sign-in page): the agent is asked, with the full address.
    const outside = 'https://login.bank-example.test/verify?next=%2Faccount';
    const danaViewAt = (await frameOf(dana)).url();
    await vera.fill('#address', outside);
    await vera.press('#address', 'Enter');
    await vera.locator('.stage-notice[data-key="proposed"]', { hasText: 'Your guide was asked' }).waitFor({ timeout: QUICK });
    t.ok(true, 'the visitor who leads elsewhere is told the agent was asked');
    const proposal = dana.locator(`.stage-notice[data-key="propose-${veraId}"]`);
    await proposal.waitFor({ timeout: QUICK });
    t.ok((await proposal.textContent()).includes(outside), 'the agent is asked, shown the full address');
    t.ok(await proposal.locator('button.follow-proposal').isVisible(), 'with a button to go there');
    t.is((await frameOf(dana)).url(), danaViewAt, 'and the agent\'s view stays where it was');
    await t.screenshot(dana, 'viewer-18b-agent-asked-to-follow');
    await proposal.locator('button.dismiss').click();
    t.ok(await proposal.isHidden(), 'the agent may dismiss it');

    // The agent takes the lead back, and leads with a saved address.
    await dana.bringToFront();
    await dana.click('#take-lead');
    await vera.locator(`#people li.leader[data-participant="${danaId}"]`).waitFor({ timeout: QUICK });
    t.ok(true, 'the agent takes the lead back');
    await dana.click('#history-button');
    const historyText = await dana.textContent('#history-list');
    t.ok(historyText.includes(two) && historyText.includes(four) && historyText.includes(refuse), 'the history lists the addresses visited', historyText);
    await t.screenshot(dana, 'viewer-19-history');
    await dana.click('#saved-addresses .address-pick');
    await frameAt(vera, three);
    t.ok(true, 'a saved address leads everyone there');

    // Avatars: the visitor chooses the whale; the agent sees it.
    await vera.click(`#people li[data-participant="${veraId}"] .avatar-button`);
    await vera.click('#avatar-choices button[data-avatar="whale"]');
    await dana.locator(`#people li[data-participant="${veraId}"][data-avatar="whale"]`).waitFor({ timeout: QUICK });
    t.ok(true, 'the visitor chooses an avatar and the agent sees it');
    await t.screenshot(vera, 'viewer-20-avatar-choice');
    await vera.keyboard.press('Escape');

    // The keyboard reaches the avatars and their menu.
    await dana.focus(`#people li[data-participant="${veraId}"] .avatar-button`);
    await dana.keyboard.press('Enter');
    t.ok(await dana.isVisible('#person-menu'), 'Enter on an avatar opens its menu');
    t.ok(await dana.evaluate(() => document.getElementById('person-menu').contains(document.activeElement)), 'with the focus in it');
    await dana.keyboard.press('Escape');
    t.ok(await dana.isHidden('#person-menu'), 'Escape closes it');
    t.is(await dana.evaluate(() => document.activeElement.closest('li') && document.activeElement.closest('li').dataset.participant),
      String(veraId), 'and the focus is back on the avatar');

    // Rooms: the agent's other open conversations (none here); a client
    // may hide the button.
    await dana.click('#rooms-button');
    t.ok(await dana.isVisible('#rooms-empty'), 'the rooms panel says there is no other conversation');
    await dana.keyboard.press('Escape');
    execFileSync('mariadb', ['--no-defaults', `--socket=${process.env.BATON_DB_SOCKET}`, '-uroot', 'baton', '-e',
      `UPDATE client SET show_rooms = 0 WHERE slug = '${agent.client}'`]);
    await dana.reload();
    await dana.waitForSelector('#people li.person');
    t.is(await dana.locator('#rooms-button').count(), 0, 'a client that hides the rooms hides the button');
    t.ok((await dana.locator('#lines li.event-private', { hasText: 'Just between us' }).textContent()).includes('to you'),
      'after a reload the private lines are still marked');
    t.ok(await dana.locator(`#people li.leader[data-participant="${danaId}"]`).isVisible(), 'and the agent still leads');
    await frameAt(dana, three);
    t.ok(true, 'with the view where it was led');

    // A phone-sized window: the page or the chat, one tap apart
    // (t/browser-phone.t has the whole visitor's way on a phone).
    await vera.bringToFront();
    await vera.setViewportSize({ width: 390, height: 844 });
    await vera.locator('#view-switch').waitFor({ timeout: QUICK });
    const inView = async (p, sel) => p.evaluate((s) => {
      const r = document.querySelector(s).getBoundingClientRect();
      return r.height > 0 && r.top >= -1 && r.bottom <= window.innerHeight + 1 && getComputedStyle(document.querySelector(s)).visibility === 'visible';
    }, sel);
    t.ok(await inView(vera, '#say-text'), 'on a phone the chat shows first, its input in view');
    await vera.click('#show-page');
    t.ok(await inView(vera, '#view'), 'one tap shows the page');
    t.ok(!(await inView(vera, '#say-text')), 'in place of the chat');
    await t.screenshot(vera, 'viewer-21-phone');
    await vera.click('#show-chat');
    t.ok(await inView(vera, '#say-text'), 'and one tap brings the chat back');

    // Exit.
    await Promise.all([vera.waitForURL(/\/transcript\?id=/), vera.click('#leave-form button')]);
    t.ok(true, 'Exit leaves the conversation');

    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    t.ok(false, 'the browser run finished', `${e.stack}\n${problems.join('\n')}`);
  } finally {
    await browser.close();
    for (const file of written) fs.rmSync(path.join(dir, 'demo', file), { force: true });
  }
  t.done();
})();
