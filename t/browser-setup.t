#!/usr/bin/env node
// The first-run setup in a real browser (Debian's Chromium;
// t/browser-setup-firefox.t runs it in Firefox ESR), on a fresh
// installation: an empty database of its own (t/lib/empty-database) and
// Baton's programs run as plain CGI in front of it by a small web server in
// this test (static files from htdocs/, every other path the program of its
// name). The operator opens the address baton-admin setup-token printed,
// fills the form (one mistake first), lands signed in on the page with the
// first client's help link and the baton.conf lines for the address and
// mail settings it gave, pastes it into a page of the client's site,
// where a visitor's click on it opens Baton's help page; the operator's
// reports open; and the setup page is gone. Screenshots:
// t/artifacts/setup-*.png.
'use strict';
const t = require('./lib/browser.js');
const http = require('http');
const fs = require('fs');
const path = require('path');
const { execFileSync, spawn } = require('child_process');

const root = path.resolve(__dirname, '..');
// The programs' complaints, where the stack's logs are.
const cgiLog = path.join(process.env.BATON_DIR || '/tmp', 'log', `setup-cgi-${process.pid}.log`);
const types = { '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml',
  '.html': 'text/html; charset=utf-8', '.png': 'image/png' };

// A web server that runs cgi-bin/NAME.fcgi as CGI for /NAME, serves
// htdocs/, and /shop.html: a page of the client's site holding whatever
// was pasted into it.
function cgiServer(settings) {
  const site = { pasted: '' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/shop.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><title>First Shop</title><link rel="icon" href="data:,"><h1>First Shop</h1>${site.pasted}`);
      return;
    }
    const name = url.pathname.slice(1);
    const program = path.join(root, 'cgi-bin', `${name}.fcgi`);
    if (/^[a-z]+$/.test(name) && fs.existsSync(program)) return runCgi(req, res, url, program, settings.conf);
    const file = path.join(root, 'htdocs', path.normalize(url.pathname));
    if (!file.startsWith(path.join(root, 'htdocs') + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return { server, site };
}

function runCgi(req, res, url, program, conf) {
  const body = [];
  req.on('data', (c) => body.push(c));
  req.on('end', () => {
    const input = Buffer.concat(body);
    const env = { PATH: process.env.PATH, BATON_CONF: conf, GATEWAY_INTERFACE: 'CGI/1.1',
      REQUEST_METHOD: req.method, QUERY_STRING: url.search.slice(1), SCRIPT_NAME: url.pathname,
      REQUEST_URI: req.url, SERVER_NAME: '127.0.0.1', SERVER_PORT: String(req.socket.localPort),
      SERVER_PROTOCOL: 'HTTP/1.1', REMOTE_ADDR: req.socket.remoteAddress.replace(/^::ffff:/, ''),
      CONTENT_LENGTH: String(input.length), CONTENT_TYPE: req.headers['content-type'] || '' };
    for (const [k, v] of Object.entries(req.headers))
      env[`HTTP_${k.toUpperCase().replace(/-/g, '_')}`] = v;
    const child = spawn(program, [], { env });
    const out = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => fs.appendFileSync(cgiLog, c));
    child.on('close', () => {
      const raw = Buffer.concat(out);
      const split = raw.indexOf('\r\n\r\n');
      const head = raw.subarray(0, split < 0 ? raw.length : split).toString();
      let status = 200;
      const headers = [];
      for (const line of head.split('\r\n')) {
        const m = /^([^:]+):\s*(.*)$/.exec(line);
        if (!m) continue;
        if (m[1].toLowerCase() === 'status') status = parseInt(m[2], 10);
        else headers.push(m[1], m[2]);
      }
      res.writeHead(status, headers);
      res.end(split < 0 ? '' : raw.subarray(split + 4));
    });
    // A program may answer without reading the body (a refusal): its answer
    // still comes on stdout, so a closed stdin is no error here.
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

(async () => {
  if (!process.env.BATON_URL) t.skipAll('no running stack: run through `make test`');
  const db = `setup_${t.browserName}_${process.pid}`;
  // The programs learn the server's address (public_url) from their
  // configuration, made once the server listens.
  const settings = { conf: null };
  const { server, site } = cgiServer(settings);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  settings.conf = execFileSync(path.join(root, 't', 'lib', 'empty-database'), ['create', db, base], { encoding: 'utf8' }).trim();
  const conf = settings.conf;
  const browser = await t.launch();
  try {
    const printed = execFileSync(path.join(root, 'tools', 'baton-admin'), ['--conf', conf, 'setup-token'], { encoding: 'utf8' });
    const m = /Open (\S+)\/setup\?token=([0-9a-f]{64}) in a browser/.exec(printed);
    t.ok(m && m[1] === base, 'baton-admin setup-token prints the address to open', printed);
    const token = m[2];

    const page = await (await browser.newContext()).newPage();
    const problems = [];
    // The deliberate refusal below answers 400; anything else is a fault.
    t.watchPage(page, problems, 'setup', [/status of 400/, /status of 404/]);

    await page.goto(`${base}/setup`);
    t.ok(await page.isVisible('#setup-how'), 'without the token the page says only how to get one');
    t.ok(!(await page.isVisible('#setup-form')), 'and shows no form');

    await page.goto(`${base}/setup?token=${token}`);
    t.is(await page.title(), 'Set up Baton · Baton', 'the token opens the setup page');
    t.ok((await page.textContent('#setup-database')).includes('schema migrations'), 'with the database check');
    t.ok((await page.textContent('#setup-address')).includes(base), 'and the public address check');
    await t.screenshot(page, 'setup-1-form');

    await page.fill('#org_name', 'Hosting Example Ltd');
    await page.fill('#org_slug', 'hosting-example');
    await page.fill('#name', 'Olive Operator');
    await page.fill('#email', 'olive@hosting.example');
    await page.fill('#password', 'correct horse battery');
    await page.fill('#password2', 'correct horse battery staple');
    await page.fill('#client_name', 'First Shop');
    await page.fill('#client_slug', 'first-shop');
    await page.fill('#site_domain', '127.0.0.1');
    t.is(await page.inputValue('#public_url'), base, 'the public address starts as baton.conf has it');
    await page.fill('#mail_domain', 'mail.hosting.example');
    // Firefox's fill() adds to a prefilled e-mail field instead of replacing it.
    await page.fill('#operator_email', '');
    await page.fill('#operator_email', 'olive@hosting.example');
    await Promise.all([page.waitForNavigation(), page.click('#setup-form button[type=submit]')]);
    t.is((await page.textContent('#message')).trim(), 'The two passwords differ: type the same one twice.', 'a mistake is explained');
    t.is(await page.inputValue('#org_name'), 'Hosting Example Ltd', 'what was typed is kept');
    t.is(await page.inputValue('#password'), '', 'but not the password');
    await t.screenshot(page, 'setup-2-mistake');

    await page.fill('#password', 'correct horse battery');
    await page.fill('#password2', 'correct horse battery');
    await Promise.all([page.waitForNavigation(), page.click('#setup-form button[type=submit]')]);
    t.ok((await page.textContent('#setup-done')).includes('olive@hosting.example'), 'the operator is made');
    t.ok((await page.textContent('#setup-mail')).includes('A welcome message to olive@hosting.example'),
      'a welcome mail tests the mail settings');
    const link = await page.inputValue('#setup-link');
    t.ok(/^<a href="http:\/\/127\.0\.0\.1:\d+\/help\?site=[0-9a-f]{32}"/.test(link), 'the first client\'s help link is shown, ready to copy', link);
    t.is((await page.textContent('#setup-conf-lines')).trim(),
      'mail_domain = mail.hosting.example\noperator_email = olive@hosting.example',
      'the lines for baton.conf: the mail settings given, not the address it has already');
    t.ok((await page.textContent('#setup-conf')).includes(conf), 'and the file they go into');
    await t.screenshot(page, 'setup-3-done');

    // The site owner pastes the link into the site; a visitor clicks it.
    site.pasted = link;
    const visitor = await (await browser.newContext()).newPage();
    t.watchPage(visitor, problems, 'visitor');
    await visitor.goto(`${base}/shop.html`);
    await Promise.all([visitor.waitForURL(/\/help\?site=/), visitor.click('text=Talk to us')]);
    t.ok(await visitor.isVisible('form'), 'the help link works: the visitor reaches Baton\'s help page',
      await visitor.content());
    t.ok(!(await visitor.content()).includes('not registered'), 'the site\'s domain is recognised');
    await t.screenshot(visitor, 'setup-4-help-link');

    await Promise.all([page.waitForURL(`${base}/report`), page.click('#setup-report')]);
    t.ok((await page.textContent('.me')).includes('Olive Operator'), 'the operator is signed in, on the reports');
    await t.screenshot(page, 'setup-5-report');

    const gone = await page.goto(`${base}/setup?token=${token}`);
    t.is(gone.status(), 404, 'the setup page is gone for good');
    t.ok(await page.isVisible('#setup-gone'), 'saying the installation is set up');
    t.ok(problems.length === 0, 'no console errors or page errors', problems.join('\n'));
  } catch (e) {
    t.ok(false, 'the browser run finished', e.stack);
  } finally {
    await browser.close();
    server.close();
    execFileSync(path.join(root, 't', 'lib', 'empty-database'), ['drop', db]);
  }
  t.done();
})();
