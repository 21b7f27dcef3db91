#!/usr/bin/env node
// t/browser-mirror-check.t, every step of it, in Debian's Firefox ESR
// instead of Chromium.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-mirror-check.t');
