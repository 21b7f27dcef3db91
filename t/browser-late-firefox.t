#!/usr/bin/env node
// t/browser-late.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-late-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-late.t');
