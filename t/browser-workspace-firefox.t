#!/usr/bin/env node
// t/browser-workspace.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-workspace-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-workspace.t');
