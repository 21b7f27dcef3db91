#!/usr/bin/env node
// Offline messages in a real browser (Debian's Chromium;
// t/browser-messages-firefox.t runs it in Firefox ESR): with nobody at the
// desk a visitor leaves a message with her e-mail address; the agent finds
// it in the console's Messages card, opens the thread and answers; the
// answer reaches the visitor's mailbox (the private maildir); her reply,
// sent through the private mail server, appears in the open thread without
// a reload; the agent marks it done. No console errors or CSP violations.
// Screenshots: t/artifacts/messages-*.png.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const t = require('./lib/browser.js');

const QUICK = 10000;   // a page update, with room for a slow machine
const MAIL = 60000;    // a message through the mail server

// The first message in the maildir to `address` (its Envelope-to), as raw
// text, waiting up to `ms`.
async function waitMail(address, ms) {
  const dir = path.join(process.env.BATON_MAILDIR, 'new');
  const until = Date.now() + ms;
  while (Date.now() < until) {
    for (const f of fs.readdirSync(dir).sort()) {
      const raw = fs.readFileSync(path.join(dir, f), 'utf8');
      if (new RegExp(`^Envelope-to: ${address.replace(/[.+]/g, '\\$&')}\\s*$`, 'mi').test(raw)) return raw;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}
const header = (raw, name) => ((raw || '').match(new RegExp(`^${name}:\\s*(.*)$`, 'mi')) || [])[1];

(async () => {
  const base = process.env.BATON_URL;
  const dir = process.env.BATON_DIR;
  if (!base || !dir || !process.env.BATON_MAILDIR) t.skipAll('no running stack with mail: run through `make test`');

  const agent = t.newAgent('Mia Messages');
  const key = t.newSite(agent.client, ['127.0.0.1', 'localhost'], 'Garden shop');
  const vera = `vera${t.uniqueName('')}@example.com`;
  const pageName = `messages-${agent.client}.html`;
  fs.writeFileSync(path.join(dir, 'demo', pageName), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Garden shop</title>
<link rel="icon" href="${base}/favicon.svg"></head>
<body><h1>Garden shop</h1><p><a id="help" href="${base}/help?site=${key}">Talk to us</a></p></body></html>
`);
  const site = base.replace('//127.0.0.1:', '//localhost:');

  const browser = await t.launch();
  const problems = [];
  try {
    const visitor = await (await browser.newContext()).newPage();
    const mia = await (await browser.newContext({ viewport: { width: 1100, height: 800 } })).newPage();
    t.watchPage(visitor, problems, 'visitor');
    t.watchPage(mia, problems, 'agent');

    // Nobody is at the desk: the visitor leaves a message.
    await visitor.goto(`${site}/demo/${pageName}`);
    await Promise.all([visitor.waitForNavigation(), visitor.click('#help')]);
    await visitor.fill('textarea[name=question]', 'Do you ship olive trees to Norway?');
    await Promise.all([visitor.waitForURL(/\/wait\?r=/), visitor.click('form button[type=submit]')]);
    // The waiting page lists the choices; the message form is a page of its own.
    await Promise.all([visitor.waitForURL(/choice=message/), visitor.click('#choose-message')]);
    await visitor.waitForSelector('#message-form', { timeout: QUICK });
    await visitor.fill('#msg-name', 'Vera Visitor');
    await visitor.fill('#msg-contact', vera);
    await Promise.all([visitor.waitForNavigation(), visitor.click('#message-form button[type=submit]')]);
    t.is((await visitor.textContent('h1')).trim(), 'Thank you', 'the visitor leaves a message with her address');

    // The agent finds it in the console and opens the thread.
    await mia.goto(`${base}/signin`);
    await mia.fill('#email', agent.email);
    await mia.fill('#password', agent.password);
    await mia.check('input[name=state][value=away]');
    await Promise.all([mia.waitForURL(`${base}/console`), mia.click('#signin-form button[type=submit]')]);
    const item = mia.locator('#messages li.thread-item.awaiting');
    await item.waitFor({ timeout: QUICK });
    t.ok((await item.textContent()).includes('Vera Visitor'), 'the console\'s Messages card lists it, to answer');
    await t.screenshot(mia, 'messages-1-console');
    await Promise.all([mia.waitForURL(/\/messages\?id=/), item.locator('a').click()]);
    t.is((await mia.textContent('#thread-messages .thread-message.in .body')).trim(),
      'Do you ship olive trees to Norway?', 'the thread shows her message');
    await t.screenshot(mia, 'messages-2-thread');

    // The answer goes by e-mail, and shows in the thread at once.
    await mia.fill('#reply-text', 'Yes, we do: in spring, by courier.');
    await mia.click('#reply-form button[type=submit]');
    await mia.locator('#thread-messages .thread-message.out').waitFor({ timeout: QUICK });
    t.is((await mia.textContent('#thread-messages .thread-message.out .body')).trim(),
      'Yes, we do: in spring, by courier.', 'the answer appears in the thread without a reload');
    t.is(await mia.inputValue('#reply-text'), '', 'and the answer box is emptied');
    const answer = await waitMail(vera, MAIL);
    t.ok(answer && /Yes, we do: in spring, by courier\./.test(answer), 'the answer reaches her mailbox');
    const replyTo = (header(answer, 'Reply-To') || '').replace(/[<>]/g, '');
    const messageId = header(answer, 'Message-ID');
    t.ok(/^reply\+[0-9a-f]{32}@/.test(replyTo), `it asks for replies to the thread's address (${replyTo})`);
    await t.screenshot(mia, 'messages-3-answered');

    // Her reply goes through the private mail server (its sendmail
    // interface) and appears in the open thread by itself.
    execFileSync('/usr/sbin/exim4', ['-C', process.env.BATON_EXIM_CONF, '-oep', '-i', '-f', vera, '--', replyTo], {
      input: [`From: Vera Visitor <${vera}>`, `To: ${replyTo}`, 'Subject: Re: olive trees',
        `Message-ID: <r${Date.now()}@mail.example.com>`, `In-Reply-To: ${messageId}`, '',
        'Wonderful, two trees please.', '', 'On Sunday, Mia Messages wrote:', '> Yes, we do', ''].join('\r\n'),
    });
    await mia.waitForFunction(() => Array.from(document.querySelectorAll('#thread-messages .thread-message.in .body'))
      .some((b) => b.textContent.trim() === 'Wonderful, two trees please.'), null, { timeout: MAIL });
    t.ok(true, 'her reply appears in the open thread, without the quoted answer');
    await t.screenshot(mia, 'messages-4-reply');

    await mia.click('#mark-done');
    await mia.waitForURL(/\/messages\?id=/);
    t.is((await mia.textContent('#thread-state')).trim(), 'done', 'the agent marks it done');
    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    t.ok(false, 'the browser run finished', e.stack);
  } finally {
    await browser.close();
  }
  t.done();
})();
