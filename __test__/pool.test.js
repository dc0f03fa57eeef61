'use strict';
// The pool in Rust: lazy single connection, max/idle/evict/maxUses, process lifetime, close(),
// and surviving dead connections (pg_terminate_backend, server restart) without leaks or hangs.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const h = require('./helpers');

const { Sequelize } = h;
const REPO = path.resolve(__dirname, '..');

function make(appName, options = {}) {
  return new Sequelize(h.url('app', { application_name: appName }), {
    logging: false, dialectOptions: { ssl: h.sslOptions() }, ...options,
  });
}

test('the first query opens exactly one connection (no version probe)', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const app = h.uniqueAppName('one');
  const mark = h.logMark();
  const s = make(app);
  try {
    assert.equal(h.backendCount(app), 0, 'no connection before the first query');
    await s.authenticate();
    await s.query('SELECT 1');
    assert.equal(h.backendCount(app), 1);
    const authorized = h.logSince(mark).split('\n').filter((l) => /connection authorized: user=app/.test(l) && l.includes(app));
    assert.equal(authorized.length, 1);
  } finally {
    await s.close();
  }
  await h.waitFor(() => h.backendCount(app) === 0, { message: 'close() ends the connection' });
});

test('pool.max bounds concurrent connections and queues the rest', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const app = h.uniqueAppName('max');
  const s = make(app, { pool: { max: 2 } });
  try {
    const res = await Promise.all(Array.from({ length: 6 }, () =>
      s.query('SELECT pg_backend_pid() AS pid FROM pg_sleep(0.2)', { type: Sequelize.QueryTypes.SELECT })));
    assert.equal(new Set(res.map((r) => r[0].pid)).size, 2);
    assert.equal(s.poolStatus().size, 2);
  } finally {
    await s.close();
  }
});

test('idle connections are evicted after pool.idle (never below min)', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const app = h.uniqueAppName('idle');
  const s = make(app, { pool: { max: 3, idle: 200, evict: 50 } });
  try {
    await Promise.all([1, 2, 3].map(() => s.query('SELECT pg_sleep(0.1)')));
    assert.equal(h.backendCount(app), 3);
    await h.waitFor(() => h.backendCount(app) === 0, { message: 'idle eviction', timeoutMs: 3000 });
    assert.equal(s.poolStatus().size, 0);
    assert.deepEqual(await s.query('SELECT 1 AS x', { plain: true }), { x: 1 });
  } finally {
    await s.close();
  }
  const app2 = h.uniqueAppName('min');
  const m = make(app2, { pool: { max: 3, min: 1, idle: 100, evict: 50 } });
  try {
    await Promise.all([1, 2, 3].map(() => m.query('SELECT pg_sleep(0.1)')));
    await h.waitFor(() => h.backendCount(app2) === 1, { message: 'evicted down to min', timeoutMs: 3000 });
    await h.sleep(300);
    assert.equal(h.backendCount(app2), 1);
  } finally {
    await m.close();
  }
});

test('pool.maxUses retires a connection after that many uses', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const s = make(h.uniqueAppName('uses'), { pool: { max: 1, maxUses: 2 } });
  try {
    const pids = [];
    for (let i = 0; i < 4; i++) pids.push((await s.query('SELECT pg_backend_pid() AS p', { plain: true })).p);
    assert.equal(pids[0], pids[1]);
    assert.notEqual(pids[1], pids[2]);
    assert.equal(pids[2], pids[3]);
  } finally {
    await s.close();
  }
});

test('close() resolves, later queries reject, a second close() is fine', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const s = make(h.uniqueAppName('close'));
  await s.authenticate();
  assert.equal(await s.close(), undefined);
  await assert.rejects(s.query('SELECT 1'), {
    message: 'ConnectionManager.getConnection was called after the connection manager was closed!',
  });
  assert.equal(await s.close(), undefined);
});

test('a killed idle connection is replaced; the next query succeeds', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const app = h.uniqueAppName('kill');
  const s = make(app, { pool: { max: 2 } });
  try {
    const before = (await s.query('SELECT pg_backend_pid() AS p', { plain: true })).p;
    assert.equal(h.terminateBackends(app), 1);
    await h.sleep(100);
    const after = (await s.query('SELECT pg_backend_pid() AS p', { plain: true })).p;
    assert.notEqual(after, before);
    assert.equal(s.poolStatus().size, 1);
    assert.equal(h.backendCount(app), 1);
  } finally {
    await s.close();
  }
});

test('a connection killed mid-query rejects that query with a ConnectionError, then recovers', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const app = h.uniqueAppName('midq');
  const s = make(app, { pool: { max: 2 } });
  try {
    await s.authenticate();
    const pending = s.query('SELECT pg_sleep(5)').catch((e) => e);
    await h.waitFor(() => h.backends(`a.application_name = '${app}' AND a.state = 'active'`).length === 1,
      { message: 'query running' });
    h.terminateBackends(app);
    const err = await pending;
    assert.ok(err instanceof Sequelize.ConnectionError, `got ${err && err.name}: ${err && err.message}`);
    assert.match(err.message, /terminating connection due to administrator command|Connection terminated/);
    assert.deepEqual(await s.query('SELECT 1 AS ok', { plain: true }), { ok: 1 });
    assert.equal(s.poolStatus().size, 1);
  } finally {
    await s.close();
  }
});

test('retry option retries matching errors', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const s = new Sequelize('postgres://u:p@127.0.0.1:1/db', { logging: false, retry: { max: 3, match: [/ECONNREFUSED/] } });
  const started = Date.now();
  const err = await s.authenticate().catch((e) => e);
  assert.ok(err instanceof Sequelize.ConnectionRefusedError);
  assert.ok(Date.now() - started >= 200, 'two backoffs of 100 and 110 ms');
  await s.close();
});

test('scripts exit by themselves; pending queries keep Node alive until they settle', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const script = `
    const Sequelize = require(${JSON.stringify(REPO)});
    const s = new Sequelize(${JSON.stringify(h.url('app'))}, { logging: false, dialectOptions: { ssl: { require: true } } });
    s.authenticate().then(() => s.query('SELECT pg_sleep(0.5), 42 AS answer', { plain: true }))
      .then((r) => console.log('answer', r.answer));`;
  const started = Date.now();
  const res = await h.runProcess(process.execPath, ['-e', script], { env: h.childEnv(), timeoutMs: 8000 });
  const elapsed = Date.now() - started;
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stdout, /answer 42/);
  assert.ok(elapsed < 4000, `exited after ${elapsed} ms (Sequelize waits ~10 s)`);
});

test('I/O runs on the JS thread: no threads of our own, pipelined bursts, timers still fire', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  if (!require('node:fs').existsSync('/proc/self/task')) return t.skip('needs /proc');
  // A child process: the thread count of this test runner is not ours to reason about. An IP
  // host: resolving a name runs on tokio's blocking pool (a thread that lingers ~10 s).
  const ipUrl = h.url('app').replace('@localhost:', '@127.0.0.1:');
  const script = `
    const fs = require('fs');
    const threads = () => fs.readdirSync('/proc/self/task').length;
    const before = threads();
    const Sequelize = require(${JSON.stringify(REPO)});
    const s = new Sequelize(${JSON.stringify(ipUrl)}, { logging: false, pool: { max: 4 }, dialectOptions: { ssl: { require: true } } });
    (async () => {
      for (let i = 0; i < 20; i++) await s.query('SELECT ' + i + ' AS x', { plain: true });
      // 64 in flight on 4 connections, and new statements started from promise reactions.
      const all = await Promise.all(Array.from({ length: 64 }, (_, i) =>
        s.query('SELECT ' + i + ' AS x', { plain: true }).then((r) => s.query('SELECT ' + (r.x + 1000) + ' AS y', { plain: true }))));
      const ok = all.every((r, i) => r.y === i + 1000);
      // A statement that waits on the server while the JS thread is busy elsewhere.
      const slow = s.query('SELECT pg_sleep(0.2), 7 AS z', { plain: true });
      const t0 = Date.now(); while (Date.now() - t0 < 50) {}
      const z = (await slow).z;
      // tokio timers (acquire timeout) fire although nothing else wakes the loop.
      const tiny = new Sequelize(${JSON.stringify(ipUrl)}, { logging: false, pool: { max: 1, acquire: 300 }, dialectOptions: { ssl: { require: true } } });
      const tx = await tiny.transaction();
      let acquire = 'none';
      const a0 = Date.now();
      try { await tiny.query('SELECT 1'); } catch (e) { acquire = e.name + ' after ' + (Date.now() - a0 >= 250 ? 'timeout' : 'too early'); }
      await tx.rollback();
      await tiny.close();
      console.log(JSON.stringify({ names: fs.readdirSync('/proc/self/task').map((x) => fs.readFileSync('/proc/self/task/' + x + '/comm', 'utf8').trim()).join(), before, after: threads(), ok, z, size: s.poolStatus().size, acquire }));
      await s.close();
    })();`;
  const res = await h.runProcess(process.execPath, ['-e', script], { env: h.childEnv(), timeoutMs: 15000 });
  assert.equal(res.code, 0, res.stderr);
  const out = JSON.parse(res.stdout.trim().split('\n').pop());
  assert.equal(out.after, out.before, `the addon starts no threads (now: ${out.names})`);
  assert.equal(out.ok, true);
  assert.equal(out.z, 7);
  assert.ok(out.size <= 4, `pool size ${out.size}`);
  assert.equal(out.acquire, 'SequelizeConnectionAcquireTimeoutError after timeout');
});

test('a server restart mid-run: queries fail or succeed, never hang; the pool recovers', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const app = h.uniqueAppName('restart');
  const s = make(app, { pool: { max: 3 } });
  try {
    await Promise.all([1, 2, 3].map(() => s.query('SELECT pg_sleep(0.05)')));
    assert.equal(s.poolStatus().size, 3);
    h.restartServer();
    // Idle connections died with the server; they are replaced on demand.
    const rows = await Promise.all([1, 2, 3, 4, 5].map(() => s.query('SELECT 1 AS x', { plain: true })));
    assert.deepEqual(rows.map((r) => r.x), [1, 1, 1, 1, 1]);
    assert.ok(s.poolStatus().size <= 3);
    await h.waitFor(() => h.backendCount(app) <= 3, { message: 'no leaked backends' });
  } finally {
    await s.close();
  }
});
