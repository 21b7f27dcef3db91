#!/usr/bin/env node
// t/browser-pageview.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-pageview-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-pageview.t');
