#!/usr/bin/env node
// t/browser-collaborators.t, every step of it, in Debian's Firefox ESR
// instead of Chromium. Screenshots: t/artifacts/firefox-collaborators-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-collaborators.t');
