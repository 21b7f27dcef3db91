#!/usr/bin/env node
// The room test (t/browser-room.t), every step of it, in Debian's Firefox
// ESR. Screenshots: t/artifacts/firefox-room-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-room.t');
