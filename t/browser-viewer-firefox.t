#!/usr/bin/env node
// The viewer test (t/browser-viewer.t), every step of it, in Debian's
// Firefox ESR instead of Chromium. Screenshots: t/artifacts/firefox-viewer-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-viewer.t');
