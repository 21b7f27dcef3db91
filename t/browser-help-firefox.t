#!/usr/bin/env node
// t/browser-help.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-help-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-help.t');
