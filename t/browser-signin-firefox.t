#!/usr/bin/env node
// t/browser-signin.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-signin-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-signin.t');
