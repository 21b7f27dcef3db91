// A customer's telephone for the browser tests (the Node twin of
// t/lib/Baton/Phone.pm): baresip registered with the stand-in carrier
// under a number, driven through its TCP control interface (JSON in
// netstrings). It answers by itself (or rings), plays a known recording,
// sends keypad digits and records what it hears (one WAV per call).
'use strict';
const { spawn, spawnSync, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

let count = 0;

function portFree(port, proto) {
  return new Promise((resolve) => {
    if (proto === 'udp') {
      const s = require('dgram').createSocket('udp4');
      s.once('error', () => resolve(false));
      s.bind(port, '127.0.0.1', () => s.close(() => resolve(true)));
    } else {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    }
  });
}

// A port free for UDP and TCP with the next one free too (baresip takes
// port + 1 for SIP over TLS).
async function freePortPair() {
  for (let i = 0; i < 200; i++) {
    const port = 20000 + 2 * Math.floor(Math.random() * 20000);
    let ok = true;
    for (const p of [port, port + 1]) {
      for (const proto of ['udp', 'tcp']) ok = ok && await portFree(p, proto);
    }
    if (ok) return port;
  }
  throw new Error('no free port pair for a phone');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class Phone {
  constructor({ number, answer = 'auto', play } = {}) {
    const dir = process.env.BATON_DIR;
    if (!dir || !process.env.BATON_CARRIER_PORT) throw new Error('no stand-in carrier: run through make test');
    count++;
    this.number = number || `+1555${String((process.pid * 100 + count) % 10000000).padStart(7, '0')}`;
    this.home = path.join(dir, 'phones', `${this.number.replace('+', '')}-${process.pid}-${count}`);
    this.carrier = process.env.BATON_CARRIER_PORT;
    this.answer = answer;
    this.play = play;
    this.events = [];
    this.responses = new Map();
    this.buffer = Buffer.alloc(0);
    this.tokens = 0;
  }

  async start() {
    fs.rmSync(this.home, { recursive: true, force: true });
    fs.mkdirSync(path.join(this.home, 'recordings'), { recursive: true });
    let play = this.play;
    if (!play) {
      play = path.join(this.home, 'play.wav');
      execFileSync('sox', ['-q', '-n', '-r', '8000', '-c', '1', '-b', '16', play,
        'synth', '120', 'sine', '440', 'sine', '660', 'vol', '0.5']);
    }
    const sip = await freePortPair();
    const ctrl = await freePortPair();
    fs.writeFileSync(path.join(this.home, 'config'), [
      'poll_method epoll', `sip_listen 127.0.0.1:${sip}`, 'call_local_timeout 120', 'call_max_calls 4',
      'audio_player alsa,null', `audio_source aufile,${play}`, 'audio_alert alsa,null',
      'ausrc_srate 8000', 'auplay_srate 8000', 'ausrc_channels 1', 'auplay_channels 1',
      'module_path /usr/lib/baresip/modules', 'module g711.so', 'module aufile.so', 'module alsa.so',
      'module sndfile.so', 'module_app account.so', 'module_app menu.so', 'module_app ctrl_tcp.so',
      `ctrl_tcp_listen 127.0.0.1:${ctrl}`, `snd_path ${path.join(this.home, 'recordings')}`, '',
    ].join('\n'));
    fs.writeFileSync(path.join(this.home, 'accounts'),
      `<sip:${this.number}@127.0.0.1:${this.carrier};transport=udp>;regint=300;answermode=${this.answer};audio_codecs=PCMU,PCMA\n`);
    const log = fs.openSync(path.join(this.home, 'baresip.log'), 'w');
    this.proc = spawn('baresip', ['-f', this.home], { stdio: ['ignore', log, log] });
    this.exited = false;
    this.proc.on('exit', () => { this.exited = true; });
    const until = Date.now() + 20000;
    while (!this.sock && Date.now() < until) {
      if (this.exited) throw new Error(`baresip exited:\n${this.log()}`);
      this.sock = await new Promise((resolve) => {
        const s = net.connect(ctrl, '127.0.0.1');
        s.once('connect', () => resolve(s));
        s.once('error', () => resolve(null));
      });
      if (!this.sock) await sleep(100);
    }
    if (!this.sock) throw new Error(`baresip's control port did not open:\n${this.log()}`);
    this.sock.on('data', (d) => this.read(d));
    this.sock.on('error', () => {});
    if (!await this.waitUntil(20000, () => /\{\d+\/UDP\/v4\} 200 OK/.test(this.log()))) {
      throw new Error(`the phone ${this.number} did not register:\n${this.log()}`);
    }
    return this;
  }

  log() {
    try {
      return fs.readFileSync(path.join(this.home, 'baresip.log'), 'utf8');
    } catch (e) {
      return '';
    }
  }

  read(data) {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const len = Number(this.buffer.subarray(0, colon).toString());
      if (this.buffer.length < colon + 1 + len + 1) return;
      const json = this.buffer.subarray(colon + 1, colon + 1 + len).toString();
      this.buffer = this.buffer.subarray(colon + 2 + len);
      let msg;
      try {
        msg = JSON.parse(json);
      } catch (e) {
        continue;
      }
      if (msg.event) this.events.push(msg);
      if (msg.response && msg.token) this.responses.set(msg.token, msg);
    }
  }

  async command(command, params = '') {
    const token = `t${++this.tokens}`;
    const json = JSON.stringify({ command, params, token });
    this.sock.write(`${Buffer.byteLength(json)}:${json},`);
    if (!await this.waitUntil(10000, () => this.responses.has(token))) {
      throw new Error(`baresip did not answer ${command}`);
    }
    return this.responses.get(token);
  }

  async waitUntil(ms, check) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (check()) return true;
      await sleep(100);
    }
    return Boolean(check());
  }

  // The first event of that type (CALL_INCOMING for a phone that rings
  // until told, CALL_ESTABLISHED, CALL_CLOSED, ...), taken off the list; or
  // null after the deadline. Other events stay for their own waits.
  async waitEvent(type, ms = 10000) {
    let found = null;
    await this.waitUntil(ms, () => {
      const i = this.events.findIndex((e) => e.type === type);
      if (i < 0) return false;
      [found] = this.events.splice(i, 1);
      return true;
    });
    return found;
  }

  dial(number) { return this.command('dial', `sip:${number}@127.0.0.1:${this.carrier}`); }
  acceptCall() { return this.command('accept'); }
  hangup() { return this.command('hangup'); }
  async sendDigits(digits) {
    for (const d of digits) await this.command('sndcode', d);
  }

  // The newest recording of what the phone heard (a WAV file), or null.
  recording() {
    const dir = path.join(this.home, 'recordings');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('-dec.wav'))
      .map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
    return files[0] || null;
  }

  stop() {
    if (this.sock) this.sock.destroy();
    if (this.proc && !this.exited) this.proc.kill('SIGINT');
  }
}

// Loudness of a WAV file: sox's RMS amplitude (0 silence, 1 full scale) and length in seconds.
function loudness(file) {
  // sox prints its statistics on stderr.
  const out = spawnSync('sox', [file, '-n', 'stat'], { encoding: 'utf8' }).stderr || '';
  const rms = /RMS\s+amplitude:\s+([\d.]+)/.exec(out);
  const len = /Length \(seconds\):\s+([\d.]+)/.exec(out);
  return { rms: rms ? Number(rms[1]) : 0, seconds: len ? Number(len[1]) : 0 };
}

module.exports = { Phone, loudness };
