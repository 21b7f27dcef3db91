#!/usr/bin/env node
// t/browser-callback.t, every step of it, in Debian's Firefox ESR instead of
// Chromium (its fake microphone). Screenshots: t/artifacts/firefox-callback-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-callback.t');
