#!/usr/bin/env node
// The reports in a real browser (Debian's Chromium;
// t/browser-report-firefox.t runs it in Firefox ESR): a supervisor opens each
// report on fixture data and htdocs/js/charts.js draws its charts from the
// tables (SVG, a bar or point for each figure, titled for screen readers), on
// a desktop and on a phone, with no console errors or CSP violations.
// Screenshots: t/artifacts/report-*.png.
'use strict';
const { execFileSync } = require('child_process');
const t = require('./lib/browser.js');

// Runs SQL as the database's root user; returns rows of tab-separated cells.
function sql(query) {
  const out = execFileSync('mariadb', ['--no-defaults', `--socket=${process.env.BATON_DB_SOCKET}`, '-uroot',
    '--batch', '--skip-column-names', 'baton', '-e', query], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}
const hex = (n) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');

(async () => {
  const base = process.env.BATON_URL;
  if (!base) t.skipAll('no running stack: run through `make test`');

  // A client with two sites, a supervisor and two agents; a week of March 2024
  // with sessions on three days, hits on two, requests, states.
  const client = t.uniqueName('rc');
  t.admin(null, 'client', 'add', client, 'Chart & Co');
  t.newSite(client, ['127.0.0.1'], 'Shop');
  t.newSite(client, ['localhost'], 'Help centre');
  const email = `${t.uniqueName('rsuper')}@example.com`;
  const password = `pw-${t.uniqueName('')}`;
  t.admin(password, 'agent', 'add', client, email, 'Sam Supervisor', 'supervisor');
  t.admin('x-unused-password', 'agent', 'add', client, `${t.uniqueName('ragent')}@example.com`, 'Ann Agent', 'agent');
  const [[clientId]] = sql(`SELECT id FROM client WHERE slug = '${client}'`);
  const sites = sql(`SELECT id FROM site WHERE client_id = ${clientId} ORDER BY id`).map((r) => r[0]);
  const agents = sql(`SELECT id FROM agent WHERE client_id = ${clientId} ORDER BY display_name`).map((r) => r[0]);
  const visitor = sql(`INSERT INTO visitor (token_hash, created_at, last_seen_at) VALUES ('${hex(64)}',`
    + ` '2024-03-01', '2024-03-01'); SELECT LAST_INSERT_ID()`)[0][0];
  const sessions = [
    [sites[0], '2024-03-04 10:00:00', '2024-03-04 10:20:00'],
    [sites[0], '2024-03-06 09:00:00', '2024-03-06 09:05:00'],
    [sites[1], '2024-03-06 14:00:00', '2024-03-06 14:45:00'],
    [sites[1], '2024-03-08 16:00:00', '2024-03-08 16:02:30'],
  ];
  for (const [site, created, closed] of sessions) {
    const request = sql(`INSERT INTO help_request (public_id, client_id, site_id, visitor_id, state, created_at,`
      + ` accepted_at, accepted_agent_id) VALUES ('${hex(32)}', ${clientId}, ${site}, ${visitor}, 'accepted',`
      + ` '${created}' - INTERVAL 75 SECOND, '${created}', ${agents[0]}); SELECT LAST_INSERT_ID()`)[0][0];
    const channel = sql(`INSERT INTO channel (public_id, client_id, request_id, name, state, changed_at,`
      + ` created_at, closed_at) VALUES ('${hex(32)}', ${clientId}, ${request}, 'Session', 'closed',`
      + ` '${created}', '${created}', '${closed}'); SELECT LAST_INSERT_ID()`)[0][0];
    sql(`INSERT INTO participant (channel_id, kind, agent_id, display_name, token, joined_at) VALUES`
      + ` (${channel}, 'agent', ${agents[0]}, 'Ann Agent', '${hex(64)}', '${created}'),`
      + ` (${channel}, 'visitor', NULL, 'Visitor', '${hex(64)}', '${created}'),`
      + ` (${channel}, 'visitor', NULL, 'Guest', '${hex(64)}', '${created}')`);
    sql(`INSERT INTO request_event (request_id, client_id, kind, agent_id, at) VALUES`
      + ` (${request}, ${clientId}, 'created', NULL, '${created}' - INTERVAL 75 SECOND),`
      + ` (${request}, ${clientId}, 'accepted', ${agents[0]}, '${created}')`);
  }
  sql(`INSERT INTO help_hit (site_id, day, hits) VALUES (${sites[0]}, '2024-03-04', 12), (${sites[0]}, '2024-03-05', 4),`
    + ` (${sites[1]}, '2024-03-06', 9), (${sites[1]}, '2024-03-09', 3)`);
  sql(`INSERT INTO agent_event (agent_id, client_id, kind, state, at) VALUES`
    + ` (${agents[0]}, ${clientId}, 'signin', 'available', '2024-03-04 08:00:00'),`
    + ` (${agents[0]}, ${clientId}, 'state', 'break', '2024-03-04 12:00:00'),`
    + ` (${agents[0]}, ${clientId}, 'state', 'available', '2024-03-04 12:30:00'),`
    + ` (${agents[0]}, ${clientId}, 'signout', NULL, '2024-03-04 17:00:00')`);
  const week = 'from=2024-03-04&to=2024-03-10';

  const browser = await t.launch();
  try {
    const problems = [];
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    t.watchPage(page, problems, 'desktop');

    await page.goto(`${base}/signin`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(`${base}/console`), page.click('button[type=submit]')]);
    await Promise.all([page.waitForURL(/\/report/), page.click('#nav-report')]);
    t.ok(true, 'the Reports link in the top bar opens the reports');

    await page.goto(`${base}/report?kind=usage&${week}`);
    await page.waitForSelector('#chart-periods-0 svg');
    t.is(await page.locator('#chart-periods-0 svg rect.bar').count(), 14,
      'usage over time: a bar for sessions and one for hits on each of the 7 days');
    t.is(await page.locator('#chart-periods-1 svg circle.point').count(), 7, 'and a line of minutes with 7 points');
    t.is(await page.locator('#chart-periods-1 svg polyline.line').count(), 1, 'drawn as one line');
    t.is(await page.locator('#chart-sites-0 svg rect.bar').count(), 4, 'usage per site: 2 sites, 2 bars each');
    t.is(await page.locator('#chart-periods-0 .legend li').count(), 2, 'a legend names the two series');
    t.is(await page.locator('#table-site-periods').count(), 1, 'the detail table is there');
    t.is(await page.locator('#chart-site-periods-0').count(), 0, 'without a chart of its own');

    const svg = page.locator('#chart-periods-0 svg');
    t.is(await svg.getAttribute('role'), 'img', 'a chart is an image to assistive technology');
    const labelledBy = (await svg.getAttribute('aria-labelledby')).split(' ');
    t.is(await page.locator(`[id="${labelledBy[0]}"]`).textContent(), 'Sessions and Help-link hits by day',
      'titled by what it shows');
    t.ok(/Bar chart of the table "Usage over time", 7 rows; highest Sessions: 2 \(2024-03-06\)/
      .test(await page.locator(`[id="${labelledBy[1]}"]`).textContent()), 'and described');
    const barTitles = await page.locator('#chart-periods-0 svg rect.bar title').allTextContents();
    t.ok(barTitles.includes('2024-03-06: Sessions 2') && barTitles.includes('2024-03-04: Help-link hits 12'),
      'each bar has a title with its figure');
    const heights = await page.locator('#chart-periods-0 svg rect.bar.series-0').evaluateAll(
      (rects) => rects.map((r) => Number(r.getAttribute('height'))));
    t.ok(heights[2] > heights[0] && heights[0] > 0 && heights[1] === 0,
      `bar heights follow the table (2 sessions > 1 > 0): ${heights.join(', ')}`);
    const firstRow = await page.locator('#table-periods tbody tr').first().locator('td').allTextContents();
    t.is(firstRow.join('|'), '1|20.0|12', 'the table keeps the figures');
    await t.screenshot(page, 'report-usage');

    await page.selectOption('select[name=granularity]', 'week');
    await Promise.all([page.waitForURL(/granularity=week/), page.click('.report-filters button')]);
    await page.waitForSelector('#chart-periods-0 svg');
    t.is(await page.locator('#chart-periods-0 svg rect.bar').count(), 2, 'per week: one week, two bars');

    await page.goto(`${base}/report?kind=queue&${week}`);
    await page.waitForSelector('#chart-hours-0 svg');
    t.is(await page.locator('#chart-hours-0 svg rect.bar').count(), 24, 'queue: a bar for each hour of the day');
    t.is(await page.locator('#chart-waits-0 svg rect.bar').count(), 6, 'a bar for each waiting time bucket');
    t.is(await page.locator('#chart-scheduled-0 svg rect.bar').count(), 4, 'and scheduled sessions');
    await t.screenshot(page, 'report-queue');

    await page.goto(`${base}/report?kind=agents&${week}`);
    await page.waitForSelector('#chart-agents-0 svg');
    t.is(await page.locator('#chart-agents-0 svg rect.bar').count(), 2, 'agents: sessions, one bar per agent');
    t.is(await page.locator('#chart-agents-2 svg rect.bar').count(), 6, 'time in each state, three bars per agent');
    const ticks = await page.locator('#chart-agents-2 svg .axis text').allTextContents();
    t.ok(ticks.includes('2:00:00'), `a time axis reads as h:mm:ss (${ticks.slice(0, 6).join(' ')})`);
    await t.screenshot(page, 'report-agents');

    await page.goto(`${base}/report?kind=attendance&${week}`);
    await page.waitForSelector('#chart-sessions-0 svg');
    t.is(await page.locator('#chart-sessions-0 svg rect.bar').count(), 4, 'attendance: a bar for each session');
    t.is(await page.locator('#table-attendance tbody tr').count(), 12, 'and a row for each person in each');
    await t.screenshot(page, 'report-attendance');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv-all')]);
    t.is(download.suggestedFilename(), `baton-attendance-${client}-2024-03-04-2024-03-10.csv`,
      'the CSV link downloads a file');

    const phone = await (await browser.newContext({
      viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    })).newPage();
    t.watchPage(phone, problems, 'phone');
    await phone.goto(`${base}/signin`);
    await phone.fill('#email', email);
    await phone.fill('#password', password);
    await Promise.all([phone.waitForURL(`${base}/console`), phone.click('button[type=submit]')]);
    await phone.goto(`${base}/report?kind=usage&${week}`);
    await phone.waitForSelector('#chart-periods-0 svg');
    const fits = await phone.evaluate(() => {
      const svgBox = document.querySelector('#chart-periods-0 svg').getBoundingClientRect();
      const view = document.documentElement.clientWidth;
      return { svg: svgBox.right, page: document.documentElement.scrollWidth, view };
    });
    t.ok(fits.svg <= fits.view && fits.page <= fits.view,
      `on a phone the chart and the page fit the screen (${JSON.stringify(fits)})`);
    t.is(await phone.locator('#chart-periods-0 svg rect.bar').count(), 14, 'with every bar');
    await t.screenshot(phone, 'report-phone');

    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    t.ok(false, 'the browser run finished', e.stack);
  } finally {
    await browser.close();
  }
  t.done();
})();
