#!/usr/bin/env node
// t/browser-rules.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-rules-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-rules.t');
