#!/usr/bin/env node
// An event in a real browser (Debian's Chromium; t/browser-event-firefox.t
// runs it in Firefox ESR): a producer, two speakers and twenty attendees,
// each in a context of their own. The producer goes live from the event's
// page and hands the lead to a speaker; the speaker leads every attendee to
// a page (the producer view, the speaker view on stage, the attendee view);
// a question goes from an attendee to the producer, who passes it to the
// other speaker, whose written answer reaches every attendee; the
// producer's private line reaches only its speaker; a removed attendee's
// page stops and their poll is refused. Screenshots: t/artifacts/event-*.png.
'use strict';
const t = require('./lib/browser.js');
const { sitePage, until, QUICK } = require('./lib/conversation.js');

const ATTENDEES = 20;
const SLOW = QUICK * 3; // twenty-three pages on a shared two-core machine

async function signIn(browser, problems, who, label) {
  const base = process.env.BATON_URL;
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 820 } });
  const page = await ctx.newPage();
  t.watchPage(page, problems, label);
  await page.goto(`${base}/signin`);
  await page.fill('#email', who.email);
  await page.fill('#password', who.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/signin')), page.click('#signin-form button[type=submit]')]);
  return { ctx, page };
}

function staff(client, name, role) {
  const email = `${t.uniqueName('ev')}@example.com`;
  const password = `pw-${t.uniqueName('')}`;
  t.admin(password, 'agent', 'add', client, email, name, role);
  return { email, password, name };
}

const frameOf = async (p) => (await p.$('#view')).contentFrame();
async function frameAt(p, url, ms = SLOW) {
  let f;
  await until(`the frame at ${url}`, async () => {
    f = await frameOf(p);
    return f && f.url().startsWith(url);
  }, ms).catch((err) => { throw new Error(`${err.message} (it is at ${f && f.url()})`); });
}

(async () => {
  const base = process.env.BATON_URL;
  if (!base || !process.env.BATON_DIR) t.skipAll('no running stack: run through `make test`');
  const browser = await t.launch();
  const problems = [];
  try {
    const client = t.uniqueName('ev');
    t.admin(null, 'client', 'add', client, `Client ${client}`);
    t.admin(null, 'client', 'set', client, 'seat_cap', '1000');
    t.newSite(client, ['127.0.0.1', 'localhost'], 'Kettle shop'); // the pages the speakers show
    const producer = staff(client, 'Pat Producer', 'supervisor');
    const ann = staff(client, 'Ann Speaker', 'agent');
    const bob = staff(client, 'Bob Speaker', 'agent');
    const out = t.admin(null, 'event', 'add', client, 'Kettle launch', '2031-05-01 10:00', producer.email,
      `${ann.email},${bob.email}`, '100', 'open', 'questions');
    const eventId = /^([0-9a-f]{32})$/m.exec(out)[1];

    /* ---- the producer goes live ------------------------------------------------ */
    const prod = await signIn(browser, problems, producer, 'producer');
    const P = prod.page;
    await P.goto(`${base}/event?id=${eventId}`);
    await Promise.all([P.waitForNavigation(), P.click('#go-live')]);
    await P.waitForSelector('#event-state:has-text("live")', { timeout: QUICK });
    t.ok(true, 'the producer takes the event live from its page');

    /* ---- the speakers on stage ------------------------------------------------- */
    const speakers = [];
    for (const [who, label] of [[ann, 'Ann'], [bob, 'Bob']]) {
      const s = await signIn(browser, problems, who, label);
      await s.page.goto(`${base}/event?id=${eventId}`);
      await Promise.all([s.page.waitForURL(/\/channel\?id=/), s.page.click('#stage-link')]);
      await s.page.waitForSelector('#backstage-button', { timeout: QUICK });
      speakers.push({ ...s, ...who });
    }
    const [A, B] = speakers.map((s) => s.page);
    await A.waitForFunction(() => [...document.querySelectorAll('#people li[data-participant]')].some((li) => li.textContent.includes('Bob Speaker')), null, { timeout: QUICK })
      .catch(() => {});
    const panel = await A.textContent('#people');
    t.ok(panel.includes('Bob Speaker'), 'a speaker sees the other speaker on stage (the panel view)');

    /* ---- twenty attendees ------------------------------------------------------- */
    const attendees = [];
    for (let i = 1; i <= ATTENDEES; i++) {
      const ctx = await browser.newContext({ viewport: { width: 900, height: 700 } });
      const page = await ctx.newPage();
      const name = `Attendee ${String(i).padStart(2, '0')}`;
      t.watchPage(page, problems, name, i === ATTENDEES ? [/status of 4\d\d/] : []);
      await page.goto(`${base}/attend?e=${eventId}`);
      await page.fill('#name', name);
      await Promise.all([page.waitForNavigation(), page.click('#register-form button[type=submit]')]);
      await page.waitForSelector('#audience', { timeout: QUICK });
      attendees.push({ ctx, page, name, id: Number(await page.getAttribute('#audience', 'data-me')) });
    }
    t.is(attendees.filter((a) => a.id > 0).length, ATTENDEES, `${ATTENDEES} attendees join by the event's link`);
    t.ok(!(await attendees[0].page.$('#who-list, #people')), 'an attendee sees no list of the other attendees');

    /* ---- the producer hands the lead to Ann; Ann leads everyone ------------------ */
    const annLi = P.locator('#speakers > li', { hasText: 'Ann Speaker' });
    await annLi.locator('.give-lead').click();
    await A.waitForFunction(() => document.getElementById('channel').classList.contains('is-leader'), null, { timeout: QUICK });
    t.ok(true, 'the producer hands the lead to Ann: her viewer says she leads');
    const slide = sitePage(`ev${client}-slide.html`, 'The new kettle', '<h1 id="slide">The new kettle</h1>');
    await A.fill('#address', slide);
    await A.press('#address', 'Enter');
    for (const a of attendees) await frameAt(a.page, slide);
    t.ok(true, `all ${ATTENDEES} attendees are led to Ann's page`);
    await frameAt(B, slide);
    t.ok(true, 'so is the other speaker');
    await t.screenshot(A, 'event-1-speaker');
    await t.screenshot(attendees[0].page, 'event-2-attendee');

    /* ---- a late joiner gets the current page at once ----------------------------- */
    {
      const ctx = await browser.newContext({ viewport: { width: 900, height: 700 } });
      const page = await ctx.newPage();
      t.watchPage(page, problems, 'late joiner');
      await page.goto(`${base}/attend?e=${eventId}`);
      await page.fill('#name', 'Lena Late');
      await Promise.all([page.waitForNavigation(), page.click('#register-form button[type=submit]')]);
      await frameAt(page, slide, QUICK);
      t.ok(true, 'a late joiner gets the current page at once');
      await ctx.close();
    }

    /* ---- a question: attendee -> producer -> Bob -> everyone ---------------------- */
    const asker = attendees[2];
    await asker.page.fill('#ask-text', 'Does it whistle?');
    await asker.page.click('#ask-form button[type=submit]');
    const item = P.locator('#queue li', { hasText: 'Does it whistle?' });
    await item.waitFor({ timeout: SLOW });
    t.ok((await item.textContent()).includes(asker.name), 'the producer sees the question with its asker');
    t.ok(!(await attendees[0].page.textContent('#qa')).includes('Does it whistle?'), 'the room does not see it yet');
    await item.locator('select').selectOption({ label: 'Bob Speaker' });
    await item.locator('button', { hasText: 'Pass' }).click();
    await B.click('#backstage-button');
    const passed = B.locator('#passed-questions li', { hasText: 'Does it whistle?' });
    await passed.waitFor({ timeout: SLOW });
    t.ok(true, 'Bob finds it among the questions passed to him');
    await passed.locator('input').fill('Yes, softly.');
    await passed.locator('button[type=submit]').click();
    for (const a of attendees) {
      await a.page.waitForFunction(() => [...document.querySelectorAll('#qa .answer')].some((e) => e.textContent.includes('Yes, softly.')), null, { timeout: SLOW });
    }
    t.ok(true, `the answer reaches all ${ATTENDEES} attendees`);
    await t.screenshot(attendees[2].page, 'event-3-answered');

    /* ---- the producer's private line reaches only its speaker --------------------- */
    await annLi.locator('.note-text').fill('Ann: five minutes left');
    await annLi.locator('.note-text').press('Enter');
    const bobLi = P.locator('#speakers > li', { hasText: 'Bob Speaker' });
    await bobLi.locator('.note-text').fill('Bob: you are next');
    await bobLi.locator('.note-text').press('Enter');
    await A.click('#backstage-button');
    await A.waitForFunction(() => document.getElementById('backstage-notes').textContent.includes('Ann: five minutes left'), null, { timeout: SLOW });
    t.ok(true, 'Ann gets the producer\'s line to her');
    await B.waitForFunction(() => document.getElementById('backstage-notes').textContent.includes('Bob: you are next'), null, { timeout: SLOW });
    t.ok(!(await B.textContent('#stage-panel')).includes('five minutes left'), 'Bob never sees the line to Ann');
    t.ok(!(await A.textContent('#stage-panel')).includes('you are next'), 'nor Ann the line to Bob');
    let seen = 0;
    for (const a of attendees) if ((await a.page.content()).includes('five minutes left')) seen++;
    t.is(seen, 0, 'no attendee sees a private line');
    await t.screenshot(A, 'event-4-backstage');

    /* ---- the producer removes an attendee --------------------------------------------- */
    const gone = attendees[ATTENDEES - 1];
    await P.fill('#attendee-q', gone.name);
    await P.click('#attendee-search button[type=submit]');
    const row = P.locator('#attendee-list li', { hasText: gone.name });
    await row.waitFor({ timeout: QUICK });
    P.once('dialog', (d) => d.accept());
    await row.locator('button', { hasText: 'Remove' }).click();
    await gone.page.waitForFunction(() => document.getElementById('audience-status').textContent.includes('removed'), null, { timeout: SLOW });
    t.ok(true, 'the removed attendee\'s page says so and stops');
    const status = await gone.page.evaluate(async (e) => (await fetch(`/poll?audience=${e}&after=0&signals=0`)).status, eventId);
    t.ok(status >= 400 && status < 500, `their poll is refused (${status})`);
    await P.waitForFunction(() => document.getElementById('pop-present').textContent !== '0', null, { timeout: SLOW });
    t.ok(Number(await P.textContent('#pop-present')) >= ATTENDEES - 1, 'the producer sees the audience present');
    await t.screenshot(P, 'event-5-producer');
  } catch (err) {
    t.ok(false, `no exception: ${err.stack || err}`);
  } finally {
    t.ok(problems.length === 0, 'no console errors or uncaught exceptions', problems.join('\n'));
    await browser.close();
  }
  t.done();
})();
