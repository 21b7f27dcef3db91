#!/usr/bin/env node
// t/browser-two-factor.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-two-factor-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-two-factor.t');
