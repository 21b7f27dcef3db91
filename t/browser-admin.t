#!/usr/bin/env node
// Administration in a real browser (Debian's Chromium;
// t/browser-admin-firefox.t runs it in Firefox ESR): a reseller creates a
// client with its first administrator; the administrator sets a password
// through the link, adds a site, invites an agent who joins through their
// own link, keeps a canned phrase that the agent then finds in the viewer,
// and sets the agent's capacity, which routing respects at once; sets the
// calling hours on Telephony and gives the agent a desk phone. The
// operator reads the health page (every program answers), the rates and the
// audit log with all of the above. No console errors or CSP violations.
// Screenshots: t/artifacts/admin-*.png (README's tour shows them).
'use strict';
const t = require('./lib/browser.js');
const { sql } = require('./lib/conversation.js');

async function signIn(page, base, email, password, state) {
  await page.goto(`${base}/signin`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  if (state) await page.check(`input[name=state][value=${state}]`);
  await Promise.all([page.waitForNavigation(), page.click('#signin-form button[type=submit]')]);
}

// Follows a link to set a password, then signs in with it.
async function acceptLink(page, base, link, email, password, state) {
  await page.goto(link);
  await page.fill('#password', password);
  await page.fill('#again', password);
  await Promise.all([page.waitForURL(`${base}/signin?password_set=1`), page.click('#invite-form button[type=submit]')]);
  await signIn(page, base, email, password, state);
}

const handoverLink = (page) => page.inputValue('#handover-link');

(async () => {
  const base = process.env.BATON_URL;
  if (!base) t.skipAll('no running stack: run through `make test`');
  const browser = await t.launch();
  const problems = [];
  const stamp = t.uniqueName('');
  const reseller = `partners${stamp}`;
  const clientSlug = `shop${stamp}`;
  try {
    // A reseller, invited by the operator from the shell.
    t.admin(null, 'reseller', 'add', reseller, 'Web Partners', '15');
    const rexEmail = `rex${stamp}@example.com`;
    // (The stack sets no public_url: baton-admin prints the link's path.)
    const rexLink = /(\/password\?t=[0-9a-f]{64})/.exec(t.admin(null, 'reseller', 'invite', reseller, rexEmail, 'Rex Reseller'))[1];
    const rexPage = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    t.watchPage(rexPage, problems, 'reseller');
    await acceptLink(rexPage, base, `${base}${rexLink}`, rexEmail, `pw-rex-${stamp}`);
    t.is(new URL(rexPage.url()).pathname, '/clients', 'the reseller signs in to its clients');

    // It creates a client with its first administrator.
    const adaEmail = `ada${stamp}@example.com`;
    await rexPage.fill('#client-name', 'Teapot Shop');
    await rexPage.fill('#client-slug', clientSlug);
    await rexPage.fill('#admin-name', 'Ada Admin');
    await rexPage.fill('#admin-email', adaEmail);
    await Promise.all([rexPage.waitForNavigation(), rexPage.click('#create-form button[type=submit]')]);
    t.ok((await rexPage.textContent('#notice')).includes(`Client ${clientSlug} is created`), 'the client is created');
    const adaLink = await handoverLink(rexPage);
    t.ok(/\/password\?t=[0-9a-f]{64}$/.test(adaLink), 'with the administrator\'s link to pass on');
    t.ok(await rexPage.isVisible(`tr[data-client="${clientSlug}"]`), 'listed among the reseller\'s clients');
    await t.screenshot(rexPage, 'admin-1-reseller-creates-a-client');

    // The administrator sets a password through the link and sets up the desk.
    const adaContext = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const ada = await adaContext.newPage();
    t.watchPage(ada, problems, 'administrator');
    await acceptLink(ada, base, adaLink, adaEmail, `pw-ada-${stamp}`, 'away');
    t.is(new URL(ada.url()).pathname, '/console', 'the administrator signs in');
    await Promise.all([ada.waitForURL(`${base}/agents`), ada.click('#nav-admin')]);
    await Promise.all([ada.waitForURL(`${base}/sites`), ada.click('#nav-sites')]);
    await ada.fill('#site-name', 'Teapot Shop website');
    await ada.fill('#site-domains', '127.0.0.1 localhost');
    await Promise.all([ada.waitForNavigation(), ada.click('#add-form button[type=submit]')]);
    const key = /its key is ([0-9a-f]{32})/.exec(await ada.textContent('#notice'))[1];
    t.ok(key, 'the administrator adds a site');
    t.ok((await ada.inputValue('#link-0')).includes(`/help?site=${key}`), 'with its help link ready to copy');
    await t.screenshot(ada, 'admin-2-sites');
    // Visitors of this test go straight into the queue.
    await Promise.all([ada.waitForNavigation(), ada.click('.ask-form button[type=submit]')]);

    // ... invites an agent, who joins through their own link.
    await Promise.all([ada.waitForURL(`${base}/agents`), ada.click('#nav-agents')]);
    const andyEmail = `andy${stamp}@example.com`;
    await ada.fill('#invite-name', 'Andy Agent');
    await ada.fill('#invite-email', andyEmail);
    await ada.selectOption('#invite-role', 'agent');
    await Promise.all([ada.waitForNavigation(), ada.click('#invite-form button[type=submit]')]);
    const andyLink = await handoverLink(ada);
    t.ok(/\/password\?t=/.test(andyLink), 'the administrator invites an agent');
    t.ok((await ada.textContent('#people')).includes('invited'), 'who shows as invited');
    await t.screenshot(ada, 'admin-3-agents');
    const andyContext = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const andy = await andyContext.newPage();
    t.watchPage(andy, problems, 'agent');
    await acceptLink(andy, base, andyLink, andyEmail, `pw-andy-${stamp}`, 'available');
    t.is(new URL(andy.url()).pathname, '/console', 'the agent joins through the link and signs in');
    await ada.reload();
    const [[andyId]] = sql(`SELECT id FROM agent WHERE email = '${andyEmail}'`);
    t.ok(!(await ada.textContent(`tr[data-agent="${andyId}"]`)).includes('invited'), 'and is no longer shown as invited');

    // ... keeps a canned phrase for everyone, and edits it.
    await Promise.all([ada.waitForURL(`${base}/canned`), ada.click('#nav-canned')]);
    await ada.fill('#phrase-new-title', 'Shipping');
    await ada.fill('#phrase-new-body', 'Delivery takes 3 days.');
    await Promise.all([ada.waitForNavigation(), ada.click('#phrase-add-form button[type=submit]')]);
    const [[phraseId]] = sql(`SELECT p.id FROM canned_phrase p JOIN client c ON c.id = p.client_id WHERE c.slug = '${clientSlug}' AND p.title = 'Shipping'`);
    await ada.fill(`#phrase-body-${phraseId}`, 'Delivery takes 2 days, free from 30 EUR.');
    await Promise.all([ada.waitForNavigation(), ada.click(`li[data-id="${phraseId}"] .entry-form button[type=submit]`)]);
    t.ok((await ada.textContent('#notice')).includes('is saved'), 'the administrator edits a canned phrase');
    await t.screenshot(ada, 'admin-4-canned-phrases');

    // A page of the shop with its help link (the test stack serves DIR/demo/).
    const fs = require('fs');
    const path = require('path');
    const shopPage = `admin-${stamp}.html`;
    fs.mkdirSync(path.join(process.env.BATON_DIR, 'demo'), { recursive: true });
    fs.writeFileSync(path.join(process.env.BATON_DIR, 'demo', shopPage),
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Teapots</title></head>'
      + `<body><h1>Teapots</h1><p><a id="help" href="${base}/help?site=${key}">Talk to us</a></p></body></html>\n`);
    const askForHelp = async () => {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${base}/demo/${shopPage}`);
      await Promise.all([page.waitForURL(/\/wait\?r=/), page.click('#help')]);
      return page;
    };

    // Capacity 1 (the default): with one session open, a second visitor waits.
    await askForHelp();
    await andy.waitForSelector('#offered > li.offered', { timeout: 8000 });
    await Promise.all([andy.waitForURL(/\/channel\?id=/), andy.click('#offered > li.offered button[type=submit]')]);
    t.ok(true, 'the agent accepts the first visitor');
    const canned = andy.locator('#canned button.chip', { hasText: 'Shipping' });
    t.is(await canned.getAttribute('data-text'), 'Delivery takes 2 days, free from 30 EUR.', 'the edited phrase is in the viewer');
    await canned.click();
    t.is(await andy.inputValue('#say-text'), 'Delivery takes 2 days, free from 30 EUR.', 'one click puts it in the line');
    await t.screenshot(andy, 'admin-5-phrase-in-the-viewer');

    const visitorTwo = await askForHelp();
    const second = new URL(visitorTwo.url()).searchParams.get('r');
    // Routing ran when the request was made: at capacity, no offer.
    t.is(sql(`SELECT state FROM help_request WHERE public_id = '${second}'`)[0][0], 'waiting',
      'at capacity (1 session), the second visitor is not offered to the agent');
    await Promise.all([ada.waitForURL(`${base}/agents`), ada.click('#nav-agents')]);
    // (Firefox ESR's fill types after what a number field holds: empty it first.)
    await ada.fill(`#capacity-${andyId}`, '');
    await ada.fill(`#capacity-${andyId}`, '2');
    await Promise.all([ada.waitForNavigation(), ada.click(`tr[data-agent="${andyId}"] .capacity-form button[type=submit]`)]);
    t.ok((await ada.textContent('#notice')).includes('takes up to 2 sessions at once'), 'the administrator raises the capacity to 2');
    const consoleTab = await andyContext.newPage();
    await consoleTab.goto(`${base}/console`);
    await consoleTab.waitForSelector(`#offered > li.offered[data-request="${second}"]`, { timeout: 8000 });
    t.ok(true, 'and the second visitor is offered to the agent at once');

    // The call centre: calling hours on Telephony, a desk phone on Agents.
    await Promise.all([ada.waitForURL(`${base}/telephony`), ada.click('#nav-telephony')]);
    await ada.fill('#calling_hours', 'mon-fri 08:30-18:00, sat 10:00-13:00');
    await ada.fill('#time_zone', 'Europe/Paris');
    await Promise.all([ada.waitForNavigation(), ada.click('#telephony-form button[type=submit]')]);
    t.ok((await ada.textContent('#notice')).includes('The telephony settings are saved'), 'the administrator sets the calling hours');
    t.is(await ada.inputValue('#calling_hours'), 'mon-fri 08:30-18:00, sat 10:00-13:00', 'shown as set');
    t.ok((await ada.textContent('#help-number')).includes('none'), 'the help number is the operator\'s, shown');
    await t.screenshot(ada, 'admin-8-telephony');
    await Promise.all([ada.waitForURL(`${base}/agents`), ada.click('#nav-agents')]);
    await Promise.all([ada.waitForNavigation(), ada.click(`tr[data-agent="${andyId}"] .desk-phone-form button[type=submit]`)]);
    t.ok(/^[0-9a-f]{20,}$/.test(await handoverLink(ada)), 'a desk phone for the agent: its password shown once');
    t.ok((await ada.textContent(`tr[data-agent="${andyId}"]`)).includes(`desk${andyId}`), 'and its SIP user in the list');

    // The operator: health, rates, audit log.
    const olgaEmail = `olga${stamp}@example.com`;
    t.admin(`pw-olga-${stamp}`, 'operator', 'add', olgaEmail, 'Olga Operator');
    const olga = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    // The health page asks each program with a bare HEAD: 400 and 405 are
    // answers (the browser logs them as failed loads).
    t.watchPage(olga, problems, 'operator', [/status of 40[05]/]);
    await signIn(olga, base, olgaEmail, `pw-olga-${stamp}`, 'away');
    await Promise.all([olga.waitForURL(`${base}/clients`), olga.click('#nav-admin')]);
    t.ok(await olga.isVisible(`tr[data-client="${clientSlug}"]`), 'the operator sees every client');
    await Promise.all([olga.waitForURL(`${base}/installation`), olga.click('#nav-installation')]);
    await olga.waitForSelector('#programs[data-done="true"]', { timeout: 30000 });
    const states = await olga.$$eval('#programs li', (lis) => lis.map((li) => `${li.dataset.program}:${li.dataset.state}`));
    t.ok(states.length > 20 && states.every((s) => s.endsWith(':ok')), `every program answers (${states.length})`, states.join(' '));
    await t.screenshot(olga, 'admin-6-health');
    await Promise.all([olga.waitForURL(`${base}/rates`), olga.click('#nav-rates')]);
    const rateRow = `.client-rate[data-client="${clientSlug}"]`;
    await olga.fill(`${rateRow} input[name=rate]`, '0.04');
    await Promise.all([olga.waitForNavigation(), olga.click(`${rateRow} .rate-form button[type=submit]`)]);
    t.ok((await olga.textContent(`${rateRow} .terms`)).startsWith('0.04 EUR per minute'), 'the operator sets the client\'s rate');
    await Promise.all([olga.waitForURL(`${base}/audit`), olga.click('#nav-audit')]);
    const audit = await olga.textContent('#entries');
    for (const what of ['client.create', 'site.add', 'account.invite', 'canned.edit', 'account.capacity', 'phone.setting',
      'account.desk_phone', 'client.rate']) {
      t.ok(audit.includes(what), `the audit log has ${what}`);
    }
    t.ok(audit.includes(rexEmail) && audit.includes(adaEmail), 'with who did it');
    await t.screenshot(olga, 'admin-7-audit-log');
    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    t.ok(false, 'the browser run finished', e.stack);
  } finally {
    await browser.close();
  }
  t.done();
})();
