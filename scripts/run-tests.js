#!/usr/bin/env node
'use strict';
// `npm test`: build the debug addon if none is built, start the throwaway PostgreSQL
// (scripts/pg-test.sh) unless DATABASE_URL is set, run `cargo test --lib` and the node:test files
// in __test__/, stop the server again if this script started it. Exits non-zero on any failure.
//
//   npm test                       everything
//   npm test -- pool escape        only __test__/*.test.js whose name contains "pool" or "escape"
//
// Env: DATABASE_URL=...   use that server; tests needing the local roles/CA skip themselves
//      SKIP_CARGO_TEST=1  skip `cargo test --lib`
//      KEEP_PG=1          leave the local server running afterwards
//      PGTEST_PORT=n      port of the local server (default 55440)

const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '..');
const PG_TEST_SH = path.join(REPO, 'scripts', 'pg-test.sh');
const TEST_DIR = path.join(REPO, '__test__');

function step(msg) {
  console.log(`\n[run-tests] ${msg}`);
}

let interrupted = false;

// Runs a command with inherited stdio; resolves its exit status (non-zero on signal/spawn error).
function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: REPO, stdio: 'inherit', ...options });
    child.on('error', (err) => {
      console.error(`[run-tests] cannot run ${cmd}: ${err.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(signal ? 128 : code));
  });
}

function pgTest(command, stdio = ['ignore', 'pipe', 'inherit']) {
  return spawnSync('bash', [PG_TEST_SH, command], { cwd: REPO, stdio, encoding: 'utf8' });
}

function hasAddon() {
  return fs.readdirSync(REPO).some((f) => /^sequelize-rs\..+\.node$/.test(f));
}

function testFiles(filters) {
  const all = fs
    .readdirSync(TEST_DIR)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  const picked = filters.length ? all.filter((f) => filters.some((x) => f.includes(x))) : all;
  return picked.map((f) => path.join('__test__', f));
}

async function main() {
  const filters = process.argv.slice(2);
  const failures = [];
  const useLocal = !process.env.DATABASE_URL;
  let startedServer = false;
  let envJson = null;

  const stopIfStarted = () => {
    if (startedServer && process.env.KEEP_PG !== '1') {
      step('stopping the test server');
      pgTest('stop', ['ignore', 'inherit', 'inherit']);
      startedServer = false;
    } else if (useLocal && envJson) {
      console.log('[run-tests] leaving the test server running (scripts/pg-test.sh stop)');
    }
  };
  // Ctrl-C reaches the running child too (same process group); stop after it and clean up.
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n[run-tests] ${sig}: stopping after the current step`);
    });
  }
  const check = (code, name) => {
    if (code !== 0) failures.push(name);
    if (interrupted) throw new Error('interrupted');
    return code === 0;
  };

  try {
    // 1. the addon
    if (!hasAddon()) {
      step('no sequelize-rs.*.node found: npm run build:debug');
      if (!check(await run('npm', ['run', 'build:debug']), 'build:debug')) return failures;
    }

    // 2. the database
    if (useLocal) {
      const wasRunning = pgTest('status').status === 0;
      step(`${wasRunning ? 'test server already running; ' : ''}scripts/pg-test.sh start`);
      const r = pgTest('start');
      startedServer = !wasRunning; // even on failure: stopping a half-started server is harmless
      if (!check(r.status, 'pg-test.sh start')) return failures;
      envJson = r.stdout.trim().split('\n').pop();
    } else {
      step('DATABASE_URL is set: not starting the local server; tests needing it will skip');
    }
    const testEnv = { ...process.env };
    if (envJson) testEnv.PGTEST_ENV = envJson;
    else delete testEnv.PGTEST_ENV;

    // 3. Rust unit tests
    if (process.env.SKIP_CARGO_TEST === '1') {
      step('SKIP_CARGO_TEST=1: skipping cargo test');
    } else {
      step('cargo test --lib');
      check(await run('cargo', ['test', '--lib'], { env: testEnv }), 'cargo test --lib');
    }

    // 4. JS tests (listed here: Node 20 does not expand globs)
    const files = testFiles(filters);
    if (files.length === 0) {
      step(filters.length ? `no test file matches ${filters.join(', ')}` : 'no __test__/*.test.js files');
      if (filters.length) failures.push('no matching test files');
    } else {
      step(`node --test --test-concurrency=1 (${files.length} files)`);
      const args = ['--test', '--test-concurrency=1', ...files];
      check(await run(process.execPath, args, { env: testEnv }), 'node --test');
    }
  } catch (err) {
    if (!interrupted) throw err;
    failures.push('interrupted');
  } finally {
    stopIfStarted();
  }
  return failures;
}

function finish(failures) {
  if (failures.length) {
    console.error(`\n[run-tests] FAILED: ${failures.join(', ')}`);
    return 1;
  }
  console.log('\n[run-tests] all passed');
  return 0;
}

main().then(
  (failures) => {
    process.exitCode = finish(failures);
  },
  (err) => {
    console.error('[run-tests]', err);
    process.exitCode = 1;
  },
);
