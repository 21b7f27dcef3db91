#!/usr/bin/env node
// Collaborators, end to end in a real browser (Debian's Chromium;
// t/browser-collaborators-firefox.t runs it in Firefox ESR), with nothing
// done on the shell that an administrator does: the client's administrator
// asks invited people for a collaborator id in the desk settings, adds a
// collaborator on the Collaborators page (the password made and shown
// once), opens a room and invites; the collaborator joins with that id and
// password (a wrong one is refused) and appears by name in the room;
// deactivated on the page, they are refused the next time. On the
// way the administrator sets an agent's language on the Agents page, a
// help address on the Sites page and a canned phrase's Spanish; then the
// operator invites a colleague on the Operators page. No console errors,
// CSP violations or serious accessibility problems on these pages.
// Screenshots: t/artifacts/collaborators-*.png.
'use strict';
const t = require('./lib/browser.js');

const QUICK = 20000;

async function submit(page, form) {
  await Promise.all([page.waitForNavigation({ timeout: QUICK }), page.click(`${form} button[type=submit]`)]);
}

(async () => {
  const base = process.env.BATON_URL;
  if (!base) t.skipAll('no running stack: run through `make test`');
  const browser = await t.launch();
  const problems = [];
  try {
    const stamp = t.uniqueName('');
    const client = `collab${stamp}`;
    t.admin(null, 'client', 'add', client, 'Kitchen Studio');
    const site = t.newSite(client, ['127.0.0.1', 'localhost'], 'Kitchen Studio website');
    const adaEmail = `ada${stamp}@example.com`, adaPassword = `pw-ada-${stamp}`;
    t.admin(adaPassword, 'agent', 'add', client, adaEmail, 'Ada Admin', 'admin');
    const samEmail = `sam${stamp}@example.com`;
    t.admin(`pw-sam-${stamp}`, 'agent', 'add', client, samEmail, 'Sam Second', 'agent');

    const ada = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    t.watchPage(ada, problems, 'administrator');
    await ada.goto(`${base}/signin`);
    await ada.fill('#email', adaEmail);
    await ada.fill('#password', adaPassword);
    await ada.check('input[name=state][value=away]');
    await submit(ada, '#signin-form');

    // Desk settings: invited people join with a collaborator id.
    await ada.goto(`${base}/settings`);
    await ada.selectOption('#room_join', 'account');
    await submit(ada, '#rooms-form');
    t.ok((await ada.textContent('#notice')).includes('join with a collaborator id and password'),
      'the administrator asks invited people for a collaborator id');
    t.is(await ada.inputValue('#room_join'), 'account', 'the setting shows as saved');
    const settingsA11y = await t.accessibilityProblems(ada);
    t.ok(settingsA11y.length === 0, 'Desk settings with its new sections: no serious or critical accessibility problem', settingsA11y.join('\n'));

    // The Collaborators page, from the menu: one added, the password made.
    await Promise.all([ada.waitForURL(`${base}/collaborators`), ada.click('#nav-collaborators')]);
    t.ok(await ada.isVisible('#no-collaborators'), 'none yet');
    await ada.fill('#collaborator-login', `chris${stamp}`);
    await ada.fill('#collaborator-name', 'Chris <Collaborator>');
    await submit(ada, '#add-form');
    t.ok((await ada.textContent('#notice')).includes(`with the id chris${stamp}`), 'the collaborator is added');
    const password = await ada.inputValue('#handover-link');
    t.ok(/^[0-9a-f]{20}$/.test(password), 'with a password made and shown once');
    t.is(await ada.textContent(`tr[data-login="chris${stamp}"] .name`), 'Chris <Collaborator>', 'listed by name, as typed');
    await t.screenshot(ada, 'collaborators-1-added');
    const a11y = await t.accessibilityProblems(ada);
    t.ok(a11y.length === 0, 'the Collaborators page: no serious or critical accessibility problem', a11y.join('\n'));

    // The Agents page: Sam reads and writes Spanish.
    await ada.goto(`${base}/agents`);
    const samId = await ada.getAttribute(`tr:has(.email:text-is("${samEmail}"))`, 'data-agent');
    await ada.fill(`#lang-${samId}`, 'es');
    await submit(ada, `tr[data-agent="${samId}"] .lang-form`);
    t.ok((await ada.textContent('#notice')).includes('Sam Second reads and writes es'), 'an agent\'s language, set on the Agents page');
    t.is(await ada.inputValue(`#lang-${samId}`), 'es', 'and shown');
    const agentsA11y = await t.accessibilityProblems(ada);
    t.ok(agentsA11y.length === 0, 'the Agents page with its new column: no serious or critical accessibility problem', agentsA11y.join('\n'));

    // The Sites page: mail to a help address becomes a help request.
    await ada.goto(`${base}/sites`);
    const siteId = await ada.getAttribute('.site', 'data-site');
    await ada.fill(`#help-address-${siteId}`, `help${stamp}@kitchen.example`);
    await submit(ada, `.site[data-site="${siteId}"] .help-address-form`);
    t.ok((await ada.textContent('#notice')).includes(`Mail to help${stamp}@kitchen.example now becomes a help request`),
      'a site\'s help address, set on the Sites page');
    t.ok(site.length > 0, 'for the site made for the test');

    // Canned phrases: a phrase's own Spanish, written under it.
    await ada.goto(`${base}/canned`);
    await ada.fill('#phrase-new-title', 'Wait');
    await ada.fill('#phrase-new-body', 'One moment, please.');
    await ada.selectOption('#phrase-new-for', 'all');
    await submit(ada, '#phrase-add-form');
    const phraseId = await ada.getAttribute('#phrases li.entry', 'data-id');
    await ada.click(`#phrases li.entry[data-id="${phraseId}"] details.translations summary`);
    await ada.fill(`#translation-lang-${phraseId}`, 'es');
    await ada.fill(`#translation-new-${phraseId}`, 'Un momento, por favor.');
    await submit(ada, `#phrases li.entry[data-id="${phraseId}"] .translation-add-form`);
    t.ok((await ada.textContent('#notice')).includes("'Wait' in es is saved"), 'a canned phrase\'s Spanish, written on the Canned phrases page');
    t.is(await ada.inputValue(`#translation-${phraseId}-es`), 'Un momento, por favor.', 'and shown under the phrase, to edit');
    const cannedA11y = await t.accessibilityProblems(ada);
    t.ok(cannedA11y.length === 0, 'Canned phrases with translations: no serious or critical accessibility problem', cannedA11y.join('\n'));

    // A room, and an invitation from the viewer's Invite panel.
    await ada.goto(`${base}/rooms`);
    await ada.fill('#room-name', 'Kitchen planning');
    await Promise.all([ada.waitForURL(/\/channel\?id=/, { timeout: QUICK }), ada.click('#room-open-form button[type=submit]')]);
    await ada.waitForFunction(() => window.BatonChannel, null, { timeout: QUICK });
    await ada.click('#invite-button', { timeout: QUICK });
    await ada.waitForSelector('#panel-invite:not([hidden])', { timeout: QUICK });
    await ada.check('input[name=reuse][value=many]');
    await ada.click('#invite-uses');
    await ada.press('#invite-uses', 'Control+a');
    await ada.type('#invite-uses', '2');
    await ada.click('#invite-make');
    await ada.waitForFunction(() => /\/join\?i=[0-9a-f]{64}$/.test(document.getElementById('invite-link').value), null, { timeout: QUICK });
    const link = await ada.inputValue('#invite-link');

    // The collaborator: a wrong password refused, the right one lets them in.
    const chrisContext = await browser.newContext({ viewport: { width: 1000, height: 760 } });
    const chris = await chrisContext.newPage();
    t.watchPage(chris, problems, 'collaborator', [/status of 40[13]/]);
    await chris.goto(link);
    t.ok(await chris.isVisible('#login'), 'the invitation asks for an id');
    t.ok(await chris.isHidden('#name'), 'not just a name');
    await chris.fill('#login', `chris${stamp}`);
    await chris.fill('#password', 'not-the-password');
    await submit(chris, '#join-form');
    t.ok(await chris.isVisible('#join-error'), 'a wrong password is refused, saying so');
    await chris.fill('#login', `chris${stamp}`);
    await chris.fill('#password', password);
    await Promise.all([chris.waitForURL(/\/channel\?id=/, { timeout: QUICK }), chris.click('#join-form button[type=submit]')]);
    t.ok(true, 'the collaborator joins with the id and the password the page made');
    const seen = await ada.waitForFunction(() => (document.getElementById('people') || {}).textContent.includes('Chris <Collaborator>'),
      null, { timeout: QUICK }).then(() => true, () => false);
    t.ok(seen, 'and the administrator sees them in the room by name');
    await t.screenshot(ada, 'collaborators-2-in-the-room');
    await chrisContext.close();

    // Deactivated on the page, the collaborator's second use of the link is refused.
    const adaAdmin = await ada.context().newPage();
    t.watchPage(adaAdmin, problems, 'administrator (second tab)');
    await adaAdmin.goto(`${base}/collaborators`);
    await submit(adaAdmin, `tr[data-login="chris${stamp}"] .deactivate-form`);
    t.ok((await adaAdmin.textContent('#notice')).includes('can no longer join your rooms'), 'the administrator deactivates the collaborator');
    t.is(await adaAdmin.textContent(`tr[data-login="chris${stamp}"] .state`), 'disabled', 'shown as disabled');
    const again = await (await browser.newContext({ viewport: { width: 1000, height: 760 } })).newPage();
    t.watchPage(again, problems, 'collaborator again', [/status of 40[13]/]);
    await again.goto(link);
    await again.fill('#login', `chris${stamp}`);
    await again.fill('#password', password);
    await submit(again, '#join-form');
    t.ok(await again.isVisible('#join-error'), 'and with the right password they are refused now');
    t.ok(!/\/channel\?id=/.test(again.url()), 'not in the room');
    await again.context().close();

    // The operator invites a colleague on the Operators page.
    const olgaEmail = `olga${stamp}@example.com`, olgaPassword = `pw-olga-${stamp}`;
    t.admin(olgaPassword, 'operator', 'add', olgaEmail, 'Olga Operator');
    const olga = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    t.watchPage(olga, problems, 'operator');
    await olga.goto(`${base}/signin`);
    await olga.fill('#email', olgaEmail);
    await olga.fill('#password', olgaPassword);
    await submit(olga, '#signin-form');
    await olga.goto(`${base}/clients`);
    await Promise.all([olga.waitForURL(`${base}/operators`), olga.click('#nav-operators')]);
    await olga.fill('#operator-name', 'Otto Operator');
    await olga.fill('#operator-email', `otto${stamp}@example.com`);
    await submit(olga, '#invite-form');
    t.ok(/\/password\?t=[0-9a-f]{64}$/.test(await olga.inputValue('#handover-link')), 'the operator invites a colleague, the link shown to pass on');
    t.ok(await olga.isVisible('#operator-list tr:has-text("Otto Operator")'), 'listed among the operators');
    const operatorsA11y = await t.accessibilityProblems(olga);
    t.ok(operatorsA11y.length === 0, 'the Operators page: no serious or critical accessibility problem', operatorsA11y.join('\n'));
  } catch (err) {
    t.ok(false, 'the walk-through runs to the end', err.stack);
  } finally {
    t.is(problems.join('\n'), '', 'no console errors or CSP violations');
    await browser.close();
    t.done();
  }
})();
