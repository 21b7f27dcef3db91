#!/usr/bin/env node
// t/browser-messages.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-messages-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-messages.t');
