#!/usr/bin/env node
// t/browser-supervise.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-supervise-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-supervise.t');
