#!/usr/bin/env node
// t/browser-setup.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-setup-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-setup.t');
