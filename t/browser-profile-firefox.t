#!/usr/bin/env node
// t/browser-profile.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-profile-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-profile.t');
