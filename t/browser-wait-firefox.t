#!/usr/bin/env node
// t/browser-wait.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-wait-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-wait.t');
