#!/usr/bin/env node
// Two-factor sign-in in a real browser (Debian's Chromium;
// t/browser-two-factor-firefox.t runs it in Firefox ESR): an agent sets it
// up on the profile page (the QR code is drawn, the key is there to type),
// confirms with a code computed here as an authenticator app would (RFC
// 6238), gets recovery codes once, then signs in with password and code.
// No console errors or CSP violations. Screenshots: two-factor-*.png.
'use strict';
const crypto = require('crypto');
const t = require('./lib/browser.js');

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}
function totp(key, step = Math.floor(Date.now() / 30000)) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', base32Decode(key)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

(async () => {
  const base = process.env.BATON_URL;
  if (!base) t.skipAll('no running stack: run through `make test`');
  const who = t.newAgent('Tess Twofactor');
  const browser = await t.launch();
  const problems = [];
  try {
    const page = await (await browser.newContext({ viewport: { width: 1100, height: 900 } })).newPage();
    // The wrong code's page answers 403, which the browser logs.
    t.watchPage(page, problems, 'agent', [/status of 403/]);
    const signIn = async () => {
      await page.goto(`${base}/signin`);
      await page.fill('#email', who.email);
      await page.fill('#password', who.password);
      await page.check('input[name=state][value=away]');
      await Promise.all([page.waitForNavigation(), page.click('#signin-form button[type=submit]')]);
    };
    await signIn();
    await Promise.all([page.waitForURL(`${base}/profile`), page.click('#nav-me')]);
    await Promise.all([page.waitForNavigation(), page.click('#two-factor-start-form button')]);
    const img = await page.waitForSelector('#two-factor-qr-image');
    t.ok(await img.evaluate((e) => e.complete && e.naturalWidth > 100), 'the QR code of the key is drawn');
    const key = await page.textContent('#two-factor-key');
    t.ok(/^[A-Z2-7 ]{32,}$/.test(key), 'and the key is there to type');
    await t.screenshot(page, 'two-factor-1-set-up');
    await page.fill('#two-factor-code', totp(key));
    await Promise.all([page.waitForNavigation(), page.click('#two-factor-confirm-form button')]);
    t.ok((await page.textContent('#notice')).includes('Two-factor sign-in is on'), 'a code from the app turns it on');
    const codes = (await page.inputValue('#handover-link')).split(' ');
    t.is(codes.length, 10, 'ten recovery codes are shown once');
    await t.screenshot(page, 'two-factor-2-recovery-codes');

    await Promise.all([page.waitForURL(/\/signin\?signed_out=1/), page.click('text=Sign out')]);
    await signIn();
    t.is(new URL(page.url()).pathname, '/verify', 'the password leads to the code');
    await t.screenshot(page, 'two-factor-3-code');
    await page.fill('#code', '000000');
    await Promise.all([page.waitForNavigation(), page.click('#verify-form button')]);
    t.ok((await page.textContent('#message')).includes('That code is not right'), 'a wrong code is explained');
    // The first code was used to turn it on; the app's next one is accepted.
    await page.fill('#code', totp(key, Math.floor(Date.now() / 30000) + 1));
    await Promise.all([page.waitForURL(`${base}/console`), page.click('#verify-form button')]);
    t.ok(true, 'the right code signs in');
    t.ok(problems.length === 0, 'no console errors or CSP violations', problems.join('\n'));
  } catch (e) {
    t.ok(false, 'the browser run finished', e.stack);
  } finally {
    await browser.close();
  }
  t.done();
})();
