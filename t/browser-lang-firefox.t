#!/usr/bin/env node
// t/browser-lang.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshot: t/artifacts/firefox-lang-waiting-es.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-lang.t');
