#!/usr/bin/env node
// t/browser-overflow.t, every step of it, in Debian's Firefox ESR instead
// of Chromium. Screenshot: t/artifacts/firefox-overflow-1-page.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-overflow.t');
