#!/usr/bin/env node
// The language switch test (t/browser-language.t), every step of it, in
// Debian's Firefox ESR. Screenshots: t/artifacts/firefox-language-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-language.t');
