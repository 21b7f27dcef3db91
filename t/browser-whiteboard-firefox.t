#!/usr/bin/env node
// The whiteboard test (t/browser-whiteboard.t), every step of it, in Debian's
// Firefox ESR. Screenshots: t/artifacts/firefox-whiteboard-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-whiteboard.t');
