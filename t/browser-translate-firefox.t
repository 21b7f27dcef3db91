#!/usr/bin/env node
// The translation test (t/browser-translate.t), every step of it, in Debian's
// Firefox ESR. Screenshots: t/artifacts/firefox-translate-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-translate.t');
