#!/usr/bin/env node
// t/browser-mirror-compress.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-mirror-compress-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-mirror-compress.t');
