#!/usr/bin/env node
// t/browser-phone.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-phone-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-phone.t');
