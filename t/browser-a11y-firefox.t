#!/usr/bin/env node
// t/browser-a11y.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-a11y-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-a11y.t');
