#!/usr/bin/env node
// A room of four in a real browser (Debian's Chromium; t/browser-room-firefox.t
// runs it in Firefox ESR): the agent invites from the viewer's Invite panel
// (a link for one person, a link for up to two, one that expires), three
// visitors join by name, a second person on the single-use link and anyone
// on the expired one read why they cannot; the baton goes round the room,
// each of the four leading everyone to a page once; each one's pointer, in
// its own colour and with its name, is seen by the three others; a private
// line between two visitors reaches only them; the Who panel lists all four.
// Screenshots: t/artifacts/room-*.png.
'use strict';
const t = require('./lib/browser.js');
const { openConversation, sitePage, sql, until, QUICK } = require('./lib/conversation.js');

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

// The agent makes a link in the Invite panel; returns it.
async function makeLink(agent, { many = 0, hours = '24' } = {}) {
  if (await agent.isHidden('#panel-invite')) await agent.click('#invite-button');
  await agent.waitForSelector('#panel-invite:not([hidden])', { timeout: QUICK });
  if (many) {
    await agent.check('input[name=reuse][value=many]');
    // As a person does: into the box, everything in it selected, the number
    // typed (Playwright's fill() appends to a number box in Firefox).
    await agent.click('#invite-uses');
    await agent.press('#invite-uses', 'Control+a');
    await agent.type('#invite-uses', String(many));
    t.is(await agent.inputValue('#invite-uses'), String(many), `the box says ${many}`);
  } else {
    await agent.check('input[name=reuse][value=one]');
  }
  await agent.selectOption('#invite-hours', hours);
  const before = await agent.inputValue('#invite-link');
  await agent.click('#invite-make');
  await agent.waitForFunction((b) => {
    const v = document.getElementById('invite-link').value;
    return v && v !== b;
  }, before, { timeout: QUICK });
  return agent.inputValue('#invite-link');
}

// Someone follows a link in a new context and gives their name; returns
// their page (in the viewer) or, when refused, the page that says why.
async function follow(browser, problems, link, name, expectRefusal = false) {
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 760 } });
  const page = await ctx.newPage();
  t.watchPage(page, problems, name, expectRefusal ? [/status of 410/] : []);
  const res = await page.goto(link);
  if (expectRefusal) return { ctx, page, status: res.status() };
  await page.fill('#name', name);
  try {
    await Promise.all([page.waitForURL(/\/channel\?id=/), page.click('#join-form button[type=submit]')]);
  } catch (err) {
    const said = await page.textContent('body').catch(() => '');
    throw new Error(`${name} did not get into the session: ${said.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
  return { ctx, page, status: 200, id: Number(await page.getAttribute('#channel', 'data-me')) };
}

// Passes the baton from a leader's page to the person of participant id.
async function giveLead(page, id) {
  await page.click(`#people [data-key="avatar:${id}"]`);
  await page.click('#person-menu .menu-action:has-text("Give the lead")');
  await page.waitForFunction((i) => document.querySelector(`#people li.leader[data-participant="${i}"]`), id, { timeout: QUICK });
}

(async () => {
  const base = process.env.BATON_URL;
  if (!base || !process.env.BATON_DIR) t.skipAll('no running stack: run through `make test`');
  const browser = await t.launch();
  const problems = [];
  try {
    const conv = await openConversation(browser, problems, { agentName: 'Rhea Room', visitorName: 'Vera Visitor' });
    const { agent, visitor, prefix } = conv;

    /* ---- invitations -------------------------------------------------------- */
    const single = await makeLink(agent);
    t.ok(/\/join\?i=[0-9a-f]{64}$/.test(single), 'the agent makes a link for one person in the Invite panel');
    const wes = await follow(browser, problems, single, 'Wes Wright');
    t.ok(wes.id > 0, 'Wes joins by it with his name');
    const used = await follow(browser, problems, single, 'Uma Used', true);
    t.is(used.status, 410, 'a second person on the single-use link: 410');
    t.ok((await used.page.textContent('#error-message')).includes('used as many times as it allows'), 'the page says it is used up');
    await used.ctx.close();
    const pair = await makeLink(agent, { many: 2 });
    const xena = await follow(browser, problems, pair, 'Xena Xu');
    t.ok(xena.id > 0, 'Xena joins by a link for up to two');
    const soon = await makeLink(agent, { hours: '1' });
    const token = /i=([0-9a-f]{64})/.exec(soon)[1];
    sql(`UPDATE invitation SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE token_hash = SHA2('${token}', 256)`);
    const late = await follow(browser, problems, soon, 'Leo Late', true);
    t.is(late.status, 410, 'a link that has expired: 410');
    t.ok((await late.page.textContent('#error-message')).includes('expired'), 'the page says it has expired');
    await late.ctx.close();
    const listed = await agent.waitForFunction(() => {
      const text = document.getElementById('invite-list').textContent;
      return document.querySelectorAll('#invite-list li').length >= 3 && text.includes('used 1 of 1') && text.includes('used 1 of 2');
    }, null, { timeout: QUICK }).then(() => true, async () => agent.textContent('#invite-list'));
    t.ok(listed === true, 'the panel lists the links with their uses', listed === true ? '' : `the list reads: ${listed}`);
    await t.screenshot(agent, 'room-1-invite');
    await agent.click('#panel-invite .panel-close');

    /* ---- four in the room ------------------------------------------------------ */
    const people = [
      { name: 'Rhea Room', page: agent },
      { name: 'Vera Visitor', page: visitor },
      { name: 'Wes Wright', page: wes.page },
      { name: 'Xena Xu', page: xena.page },
    ];
    for (const p of people) {
      p.id = Number(await p.page.getAttribute('#channel', 'data-me'));
      await p.page.waitForFunction(() => document.querySelectorAll('#people li[data-participant]').length === 4, null, { timeout: QUICK });
    }
    t.ok(true, 'each of the four sees the four in the people strip');
    await wes.page.click('#who-button');
    const who = await wes.page.textContent('#who-list');
    t.ok(people.every((p) => who.includes(p.name)), 'the Who panel lists everyone');
    await wes.page.click('#panel-who .panel-close');

    /* ---- the baton goes round the room ------------------------------------------ */
    for (let i = 0; i < people.length; i++) {
      const leader = people[i];
      const page = sitePage(`${prefix}-room-${i}.html`, `Page of ${leader.name}`, `<p id="mark-${i}">Chosen by ${leader.name}.</p>`);
      await leader.page.waitForFunction(() => document.getElementById('channel').classList.contains('is-leader'), null, { timeout: QUICK });
      await leader.page.fill('#address', page);
      await leader.page.press('#address', 'Enter');
      for (const p of people) await frameAt(p.page, page);
      t.ok(true, `${leader.name} leads everyone to their page`);
      if (i + 1 < people.length) {
        await giveLead(leader.page, people[i + 1].id);
        t.ok(true, `${leader.name} gives the baton to ${people[i + 1].name}`);
      }
    }
    t.ok(await people[3].page.evaluate(() => window.BatonViewer.leading), 'Xena leads at the end');

    /* ---- everyone's pointer, in its own colour -------------------------------------- */
    for (const p of people) await scripted(p.page);
    for (let i = 0; i < people.length; i++) {
      const stage = await people[i].page.locator('#stage').boundingBox();
      await people[i].page.mouse.move(stage.x + 80 + i * 90, stage.y + 150 + i * 40, { steps: 3 });
    }
    const colours = new Set();
    for (const viewer of people) {
      const f = await frameOf(viewer.page);
      for (const other of people) {
        if (other === viewer) continue;
        await f.waitForFunction((id) => document.querySelector(`[data-baton-pointer="${id}"]`), other.id, { timeout: QUICK });
        const seen = await f.evaluate((id) => {
          const m = document.querySelector(`[data-baton-pointer="${id}"]`);
          return { name: m.lastChild.textContent, colour: m.firstChild.style.background };
        }, other.id);
        t.is(seen.name, other.name, `${viewer.name} sees ${other.name}'s pointer, named`);
        if (viewer === people[0]) colours.add(seen.colour);
      }
      const mine = await f.evaluate((id) => document.querySelector(`[data-baton-pointer="${id}"]`), viewer.id);
      t.ok(!mine, `${viewer.name} does not see a pointer of their own`);
    }
    t.is(colours.size, 3, 'the three pointers the agent sees are three colours');
    await t.screenshot(wes.page, 'room-2-pointers');

    /* ---- a private line between two visitors ------------------------------------------- */
    await visitor.click(`#people [data-key="avatar:${people[2].id}"]`);
    await visitor.click('#person-menu .menu-action:has-text("Private line")');
    await visitor.fill('#say-text', 'Wes, only for you');
    await visitor.press('#say-text', 'Enter');
    await wes.page.waitForFunction(() => [...document.querySelectorAll('#lines .event-private')].some((li) => li.textContent.includes('Wes, only for you')), null, { timeout: QUICK });
    t.ok(true, 'Wes gets Vera\'s private line');
    await agent.fill('#say-text', 'Everyone: thanks');
    await agent.press('#say-text', 'Enter');
    await xena.page.waitForFunction(() => document.getElementById('lines').textContent.includes('Everyone: thanks'), null, { timeout: QUICK });
    t.ok(!(await xena.page.textContent('#lines')).includes('Wes, only for you'), 'Xena never sees it');
    t.ok(!(await agent.textContent('#lines')).includes('Wes, only for you'), 'nor the agent');
    await t.screenshot(visitor, 'room-3-private');
  } catch (err) {
    t.ok(false, `no exception: ${err.stack || err}`);
  } finally {
    t.ok(problems.length === 0, 'no console errors or uncaught exceptions', problems.join('\n'));
    await browser.close();
  }
  t.done();
})();
