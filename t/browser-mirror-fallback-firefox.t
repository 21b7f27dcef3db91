#!/usr/bin/env node
// t/browser-mirror-fallback.t, every step of it, in Debian's Firefox ESR
// instead of Chromium. Screenshots: t/artifacts/firefox-mirror-fallback-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-mirror-fallback.t');
