#!/usr/bin/env node
'use strict';
// `npm run demo`: run the Neon guide's dbTest.js (examples/dbTest.js) unchanged except for its
// connection string, with `require('sequelize')` resolving to this package.
//
//   DATABASE_URL=postgres://…neon.tech/neondb?sslmode=require npm run demo   # a real server
//   npm run demo                                                             # the local test server
//
// For the local server the test CA is trusted the way a user would trust a private CA:
// NODE_EXTRA_CA_CERTS=<.pgtest/ca.crt> (the script's ssl:{require:true} verifies certificates).
// Env: DEMO_TIMEOUT_MS (default 60000) kills the script if it has not exited by then.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '..');
const PG_TEST_SH = path.join(REPO, 'scripts', 'pg-test.sh');
const SEED = path.join(REPO, 'examples', 'dbTest.js');
const PLACEHOLDER =
  'postgres://<user>:<password>@ep-crimson-wildflower-999999.eu-central-1.aws.neon.tech/neondb';

function say(msg) {
  console.error(`[demo] ${msg}`);
}

function hasAddon() {
  return fs.readdirSync(REPO).some((f) => /^sequelize-rs\..+\.node$/.test(f));
}

function pgTest(command) {
  return spawnSync('bash', [PG_TEST_SH, command], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
}

function redact(u) {
  return u.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

async function main() {
  if (!hasAddon()) {
    say('no sequelize-rs.*.node found: npm run build (release)');
    const b = spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
    if (b.status !== 0) return 1;
  }

  let connectionString = process.env.DATABASE_URL;
  let startedServer = false;
  const childEnv = { ...process.env };
  if (!connectionString) {
    const wasRunning = pgTest('status').status === 0;
    const r = pgTest('start');
    startedServer = !wasRunning;
    if (r.status !== 0) {
      if (startedServer) pgTest('stop');
      return 1;
    }
    const env = JSON.parse(fs.readFileSync(r.stdout.trim().split('\n').pop(), 'utf8'));
    connectionString = env.urls.app;
    childEnv.NODE_EXTRA_CA_CERTS = env.caFile;
    say(`local test server; trusting its CA with NODE_EXTRA_CA_CERTS=${env.caFile}`);
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sequelize-rs-demo-'));
  try {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(REPO, path.join(dir, 'node_modules', 'sequelize'), 'dir');
    const src = fs.readFileSync(SEED, 'utf8');
    if (!src.includes(PLACEHOLDER)) throw new Error(`placeholder URL not found in ${SEED}`);
    fs.writeFileSync(path.join(dir, 'dbTest.js'), src.split(PLACEHOLDER).join(connectionString));
    say(`running \`node dbTest.js\` in ${dir} against ${redact(connectionString)}`);

    const timeoutMs = Number(process.env.DEMO_TIMEOUT_MS || 60000);
    const started = Date.now();
    let stdout = '';
    const { code, signal, timedOut } = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['dbTest.js'], {
        cwd: dir,
        env: childEnv,
        stdio: ['inherit', 'pipe', 'inherit'],
      });
      child.stdout.on('data', (d) => {
        process.stdout.write(d); // stream it, and keep it to check the outcome
        stdout += d;
      });
      let killed = false;
      const timer = setTimeout(() => {
        killed = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      const forward = (sig) => child.kill(sig);
      process.on('SIGINT', forward);
      process.on('SIGTERM', forward);
      child.on('error', reject);
      child.on('close', (c, s) => {
        clearTimeout(timer);
        process.off('SIGINT', forward);
        process.off('SIGTERM', forward);
        resolve({ code: c, signal: s, timedOut: killed });
      });
    });
    const secs = ((Date.now() - started) / 1000).toFixed(2);
    if (timedOut) {
      say(`dbTest.js did not exit within ${timeoutMs} ms; killed`);
      return 1;
    }
    say(`dbTest.js exited by itself after ${secs} s with ${signal ? `signal ${signal}` : `code ${code}`}`);
    const ok =
      code === 0 &&
      stdout.includes('Connection has been established successfully.') &&
      stdout.includes('PostgreSQL Version:');
    if (!ok) say('FAILED: expected "Connection has been established successfully." and "PostgreSQL Version:"');
    return ok ? 0 : 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    if (startedServer && process.env.KEEP_PG !== '1') {
      pgTest('stop');
    }
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error('[demo]', err);
    process.exitCode = 1;
  },
);
