'use strict';
// The issue's packaging check, for real: the package as published (npm pack), installed under the
// name `sequelize` in an empty project, runs the Neon guide's dbTest.js (examples/dbTest.js) with
// only the connection string changed, prints the expected lines and exits by itself.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./helpers');

const OK_LINE = 'Connection has been established successfully.';
const VERSION_LINE = 'PostgreSQL Version:';
// Real Sequelize lingers ~10.1 s after the last query (pool idle timeout); we must not.
const MAX_LINGER_MS = Number(process.env.PACKAGE_TEST_MAX_LINGER_MS || 3000);
const MAX_TOTAL_MS = Number(process.env.PACKAGE_TEST_MAX_TOTAL_MS || (h.isLocal() ? 8000 : 20000));

function npm(args, cwd, timeoutMs = 180000) {
  return h.runProcess('npm', args, { cwd, env: h.npmFreeEnv(), timeoutMs });
}

function show(r) {
  return `exit ${r.code}${r.signal ? ` signal ${r.signal}` : ''}${r.timedOut ? ' (timed out)' : ''}\n` +
    `--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

test('npm pack → npm install sequelize@file:<tarball> → the Neon guide script works and exits by itself',
  { timeout: 600000 }, async (t) => {
    if (h.skipUnlessDatabase(t)) return;
    const { dir, cleanup } = h.tmpDir('sequelize-rs-package-');
    t.after(cleanup);

    // 1. pack the repo as it would be published
    const packDir = path.join(dir, 'pack');
    fs.mkdirSync(packDir);
    const packed = await npm(['pack', '--json', '--pack-destination', packDir], h.REPO);
    assert.equal(packed.code, 0, `npm pack failed\n${show(packed)}`);
    const info = JSON.parse(packed.stdout)[0];
    const files = info.files.map((f) => f.path);
    for (const f of ['package.json', 'index.js', 'native.js']) {
      assert.ok(files.includes(f), `${f} missing from the tarball: ${files.join(', ')}`);
    }
    assert.ok(files.some((f) => /^sequelize-rs\..+\.node$/.test(f)),
      `the native addon (sequelize-rs.*.node) is not in the tarball: ${files.join(', ')}`);
    const stray = files.filter((f) => /^(\.pgtest|target|src|vendor|node_modules|__test__)\//.test(f) || /\.key$/.test(f));
    assert.deepEqual(stray, [], 'files that must not be published are in the tarball');
    const tarball = path.join(packDir, info.filename);
    assert.ok(fs.existsSync(tarball), `${tarball} not written`);

    // 2. an empty project that installs it as `sequelize` (no registry needed: no runtime deps)
    const app = path.join(dir, 'app');
    fs.mkdirSync(app);
    const init = await npm(['init', '-y'], app);
    assert.equal(init.code, 0, `npm init -y failed\n${show(init)}`);
    const install = await npm(
      ['install', '--offline', '--no-audit', '--no-fund', `sequelize@file:${tarball}`], app);
    assert.equal(install.code, 0, `npm install failed (runtime dependencies?)\n${show(install)}`);
    const installed = path.join(app, 'node_modules', 'sequelize');
    assert.ok(!fs.lstatSync(installed).isSymbolicLink(), 'node_modules/sequelize must be a copy, not a link');
    assert.ok(fs.readdirSync(installed).some((f) => /^sequelize-rs\..+\.node$/.test(f)),
      'installed package has no .node file');

    // 3. the guide's script, only the connection string replaced
    const connectionString = h.url('app');
    fs.writeFileSync(path.join(app, 'dbTest.js'), h.seedScript(connectionString));

    // 4. run it like a user: `node dbTest.js` (local CA trusted through NODE_EXTRA_CA_CERTS)
    const r = await h.runNode(['dbTest.js'], {
      cwd: app,
      env: h.childEnv(),
      timeoutMs: 30000,
      marks: [OK_LINE, VERSION_LINE],
    });
    assert.ok(!r.timedOut, `dbTest.js did not exit by itself within 30 s\n${show(r)}`);
    assert.equal(r.code, 0, show(r));
    assert.ok(r.stdout.includes(OK_LINE), `no "${OK_LINE}"\n${show(r)}`);
    if (h.isLocal()) {
      assert.match(r.stdout, /PostgreSQL Version: PostgreSQL 15/, show(r));
    } else {
      assert.match(r.stdout, /PostgreSQL Version: PostgreSQL \d+/, show(r));
    }
    assert.doesNotMatch(r.stderr, /Unable to/, show(r));

    const linger = r.ms - r.marks[VERSION_LINE];
    t.diagnostic(`dbTest.js: total ${r.ms.toFixed(0)} ms, exited ${linger.toFixed(0)} ms after its last line`);
    assert.ok(linger <= MAX_LINGER_MS,
      `process lingered ${linger.toFixed(0)} ms after the last query (limit ${MAX_LINGER_MS} ms)`);
    assert.ok(r.ms <= MAX_TOTAL_MS, `dbTest.js took ${r.ms.toFixed(0)} ms in total (limit ${MAX_TOTAL_MS} ms)`);
  });
