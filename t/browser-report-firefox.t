#!/usr/bin/env node
// t/browser-report.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-report-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-report.t');
