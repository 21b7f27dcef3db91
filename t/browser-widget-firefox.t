#!/usr/bin/env node
// t/browser-widget.t, every step of it, in Debian's Firefox ESR instead of
// Chromium. Screenshots: t/artifacts/firefox-widget-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-widget.t');
