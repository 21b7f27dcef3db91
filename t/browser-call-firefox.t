#!/usr/bin/env node
// The call test (t/browser-call.t), every step of it, in Debian's Firefox
// ESR with its fake camera and microphone (media.navigator.streams.fake).
// Screenshots: t/artifacts/firefox-call-*.png.
'use strict';
process.env.BATON_BROWSER = 'firefox';
require('./browser-call.t');
