#!/usr/bin/env node
// t/browser-admin.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-admin-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-admin.t');
