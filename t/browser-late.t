#!/usr/bin/env node
// The late-answer alert in a real browser (Debian's Chromium;
// t/browser-late-firefox.t runs it in Firefox ESR): a visitor waiting past
// their service level's target answer time is marked "late" in the desk's
// queue (htdocs/js/console.js) and counted in the desk's title, and the
// supervisor's desk (htdocs/js/supervise.js) marks the same visitor; one
// whose level allows longer is not marked. Screenshot: t/artifacts/late-console.png.
'use strict';
const { execFileSync } = require('child_process');
const t = require('./lib/browser.js');

const QUICK = 15000;

function sql(query) {
  const out = execFileSync('mariadb', ['--no-defaults', `--socket=${process.env.BATON_DB_SOCKET}`, '-uroot',
    '--batch', '--skip-column-names', 'baton', '-e', query], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

(async () => {
  const base = process.env.BATON_URL;
  if (!base) t.skipAll('no running stack: run through `make test`');
  const client = t.uniqueName('lt');
  t.admin(null, 'client', 'add', client, 'Late Desk Ltd');
  const key = t.newSite(client, ['127.0.0.1'], 'Shop');
  sql(`UPDATE site SET ask_question = 0 WHERE site_key = '${key}'`);
  // Everyone is to be answered within 2 seconds; "relaxed" visitors within an hour.
  t.admin(null, 'level', 'set', client, 'default', 'chat', '--target', '2');
  t.admin(null, 'level', 'set', client, 'relaxed', 'chat', '--target', '3600', '--rank', '1');
  t.admin(null, 'rule', 'add', client, 'Relaxed topic', 'topic = relaxed', '0', 'relaxed');
  const sup = { email: `${t.uniqueName('s')}@example.com`, password: `pw-${t.uniqueName('')}` };
  t.admin(sup.password, 'agent', 'add', client, sup.email, 'Sue Pervisor', 'supervisor');

  const browser = await t.launch();
  const problems = [];
  try {
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    // Two visitors ask, straight into the queue.
    for (const topic of ['late', 'relaxed']) {
      const visitor = await browser.newContext();
      const res = await visitor.request.get(`${base}/help?site=${key}&topic=${topic}`,
        { headers: { Referer: `${base}/demo/shop.html` }, maxRedirects: 0 });
      t.is(res.status(), 303, `the ${topic} visitor is in the queue`);
      await visitor.close();
    }
    const page = await ctx.newPage();
    t.watchPage(page, problems, 'console');
    await page.goto(`${base}/signin`);
    await page.fill('#email', sup.email);
    await page.fill('#password', sup.password);
    await page.check('input[name=state][value=break]');
    await Promise.all([page.waitForURL(`${base}/console`), page.click('button[type=submit]')]);
    await page.waitForSelector('#queue .request.late', { timeout: QUICK });
    const rows = await page.$$eval('#queue .request', (lis) => lis.map((li) => ({
      topic: li.querySelector('.topic').textContent,
      late: li.classList.contains('late'),
      chip: !li.querySelector('.late-chip').hidden,
    })));
    t.ok(rows.some((r) => r.topic === 'late' && r.late && r.chip), 'the desk marks the visitor past the target "late"', JSON.stringify(rows));
    t.ok(rows.some((r) => r.topic === 'relaxed' && !r.late && !r.chip), 'not the one whose level allows an hour', JSON.stringify(rows));
    await page.waitForFunction(() => /1 late/.test(document.title), null, { timeout: QUICK });
    t.ok(/\(2, 1 late\)/.test(await page.title()), 'the desk\'s title counts it', await page.title());
    await t.screenshot(page, 'late-console');

    const desk = await ctx.newPage();
    t.watchPage(desk, problems, 'supervise');
    await desk.goto(`${base}/supervise`);
    await desk.waitForSelector('#queue-body tr.late .late-chip:not([hidden])', { timeout: QUICK });
    const marked = await desk.$$eval('#queue-body tr', (trs) => trs.map((tr) => tr.classList.contains('late')));
    t.is(marked.filter(Boolean).length, 1, 'the supervisor sees the one late visitor marked');
    t.is(problems.length, 0, 'no console errors or CSP violations', problems.join('\n'));
  } finally {
    await browser.close();
  }
  t.done();
})().catch((e) => {
  console.log(`not ok - ${e.stack || e}`);
  process.exit(1);
});
