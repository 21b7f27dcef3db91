#!/usr/bin/env node
// The event test (t/browser-event.t), every step of it, in Debian's Firefox
// ESR. Screenshots: t/artifacts/firefox-event-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-event.t');
