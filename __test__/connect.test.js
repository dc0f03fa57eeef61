'use strict';
// Connecting: constructor forms, URI parsing, TLS verification (positive and negative), SNI,
// SCRAM / SCRAM-PLUS (channel binding), md5, client certificates, environment variables,
// and the Sequelize error classes for every kind of connection failure.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const net = require('node:net');
const tls = require('node:tls');
const h = require('./helpers');

const { Sequelize } = h;

async function tryConnect(uri, options = {}) {
  const s = new Sequelize(uri, { logging: false, ...options });
  try {
    await s.authenticate();
    const [[row]] = await s.query('SELECT current_user AS u, (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS ssl');
    return row;
  } finally {
    await s.close();
  }
}

async function connectError(uri, options = {}) {
  try {
    await tryConnect(uri, options);
  } catch (err) {
    return err;
  }
  throw new Error('expected the connection to fail');
}

test('constructor forms and URI parsing', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const e = h.env();
  const ssl = h.sslOptions();
  const a = new Sequelize(h.url('app'), { logging: false });
  assert.equal(a.getDialect(), 'postgres');
  assert.equal(a.config.username, 'app');
  assert.equal(a.config.password, 'app pw:@/');
  assert.equal(a.config.port, String(e.port));
  assert.equal(a.config.host, 'localhost');
  assert.equal(a.getDatabaseName(), 'app_db');
  await a.close();
  const b = new Sequelize('postgres://u@h/db', { logging: false });
  assert.equal(b.config.port, 5432);
  await b.close();
  const forms = [
    () => new Sequelize(h.url('app').replace(/^postgres:/, 'postgresql:'), { logging: false, dialectOptions: { ssl } }),
    () => new Sequelize('app_db', 'app', 'app pw:@/', { host: 'localhost', port: e.port, dialect: 'postgres', logging: false, dialectOptions: { ssl } }),
    () => new Sequelize({ database: 'app_db', username: 'app', password: 'app pw:@/', host: 'localhost', port: e.port, dialect: 'postgres', logging: false, dialectOptions: { ssl } }),
    () => new Sequelize(`postgres://app:${encodeURIComponent('app pw:@/')}@ignored.invalid:${e.port}/app_db?host=localhost`, { logging: false, dialectOptions: { ssl } }),
  ];
  for (const make of forms) {
    const s = make();
    try {
      const [[row]] = await s.query('SELECT current_user AS u, current_database() AS d');
      assert.deepEqual(row, { u: 'app', d: 'app_db' });
    } finally {
      await s.close();
    }
  }
});

test('constructor errors use Sequelize wording and connecting is lazy', async () => {
  assert.throws(() => new Sequelize('db', 'user', 'pass', { logging: false }),
    { message: 'Dialect needs to be explicitly supplied as of v4.0.0' });
  assert.throws(() => new Sequelize('db', 'user', 'pass', { dialect: 'oracle8' }),
    { message: 'The dialect oracle8 is not supported. Supported dialects: mssql, mariadb, mysql, oracle, postgres, db2 and sqlite.' });
  assert.throws(() => new Sequelize('mysql://u:p@localhost/db'), /mysql is not supported/);
  assert.throws(() => new Sequelize('not a url'), /Invalid connection URI/);
  const lazy = new Sequelize('postgres://u:p@127.0.0.1:1/nodb', { logging: false });
  await lazy.close();
});

test('the Neon guide options verify the certificate: untrusted CA is refused', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const err = await connectError(h.url('app'), { dialectOptions: { ssl: { require: true } } });
  assert.ok(err instanceof Sequelize.ConnectionError);
  assert.equal(err.name, 'SequelizeConnectionError');
  assert.equal(err.message, 'self-signed certificate in certificate chain');
  assert.equal(err.parent.code, 'SELF_SIGNED_CERT_IN_CHAIN');
  const bare = await connectError(h.url('app'), { dialectOptions: { ssl: true } });
  assert.equal(bare.parent.code, 'SELF_SIGNED_CERT_IN_CHAIN');
  const sslmode = await connectError(h.url('app', { sslmode: 'require' }));
  assert.equal(sslmode.parent.code, 'SELF_SIGNED_CERT_IN_CHAIN');
});

test('trusting the CA: ca option, NODE_EXTRA_CA_CERTS, sslrootcert', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const e = h.env();
  const viaCa = await tryConnect(h.url('app'), { dialectOptions: { ssl: { ca: fs.readFileSync(e.caFile, 'utf8') } } });
  assert.deepEqual(viaCa, { u: 'app', ssl: true });
  const ip = await tryConnect(h.url('app', null, { host: '127.0.0.1' }), { dialectOptions: { ssl: h.sslOptions() } });
  assert.equal(ip.ssl, true);
  const old = process.env.NODE_EXTRA_CA_CERTS;
  process.env.NODE_EXTRA_CA_CERTS = e.caFile;
  try {
    const extra = await tryConnect(h.url('app'), { dialectOptions: { ssl: { require: true } } });
    assert.equal(extra.ssl, true);
    const uri = await tryConnect(h.url('app', { sslmode: 'verify-full', channel_binding: 'require' }));
    assert.equal(uri.ssl, true);
  } finally {
    if (old === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = old;
  }
  const root = await tryConnect(h.url('app', { sslmode: 'verify-full', sslrootcert: e.caFile }));
  assert.equal(root.ssl, true);
});

test('host name verification: wrong name refused, verify-ca accepts', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const err = await connectError(h.url('app', null, { host: '127.0.0.1' }),
    { dialectOptions: { ssl: h.sslOptions({ servername: 'wrong.example' }) } });
  assert.equal(err.name, 'SequelizeConnectionError');
  assert.equal(err.parent.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
  assert.match(err.message, /Hostname\/IP does not match certificate's altnames/);
  const e = h.env();
  const ok = await tryConnect(h.url('app', { sslmode: 'verify-ca', uselibpqcompat: 'true', sslrootcert: e.caFile },
    { host: '127.0.0.1' }), { dialectOptions: { ssl: { servername: 'wrong.example' } } });
  assert.equal(ok.ssl, true);
});

test('an unrelated CA is refused', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const e = h.env();
  const err = await connectError(h.url('app'), { dialectOptions: { ssl: { ca: fs.readFileSync(e.otherCaFile, 'utf8') } } });
  assert.equal(err.name, 'SequelizeConnectionError');
  assert.match(err.message, /certificate/);
});

test('rejectUnauthorized:false and sslmode=no-verify turn verification off', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const a = await tryConnect(h.url('app'), { dialectOptions: { ssl: { require: true, rejectUnauthorized: false } } });
  assert.equal(a.ssl, true);
  const b = await tryConnect(h.url('app', { sslmode: 'no-verify' }));
  assert.equal(b.ssl, true);
  // An explicit dialectOptions.ssl is not thrown away by a URI sslmode (Sequelize would drop it).
  const c = await tryConnect(h.url('app', { sslmode: 'require' }), { dialectOptions: { ssl: { rejectUnauthorized: false } } });
  assert.equal(c.ssl, true);
  const d = await tryConnect(h.url('app', { sslmode: 'require', uselibpqcompat: 'true' }));
  assert.equal(d.ssl, true);
});

test('TLS is required by the server: ssl:false is rejected with the server reason', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const err = await connectError(h.url('app'), { dialectOptions: { ssl: false } });
  assert.equal(err.name, 'SequelizeConnectionError');
  assert.equal(err.parent.code, '28000');
  assert.match(err.message, /pg_hba\.conf rejects connection .* no encryption/);
  const disable = await connectError(h.url('app', { sslmode: 'disable' }));
  assert.equal(disable.parent.code, '28000');
});

test('SCRAM channel binding: required works for SCRAM, fails for md5', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const ok = await tryConnect(h.url('app', { channel_binding: 'require' }), { dialectOptions: { ssl: h.sslOptions() } });
  assert.equal(ok.u, 'app');
  const md5 = await tryConnect(h.url('md5'), { dialectOptions: { ssl: h.sslOptions() } });
  assert.equal(md5.u, 'md5user');
  const err = await connectError(h.url('md5', { channel_binding: 'require' }), { dialectOptions: { ssl: h.sslOptions() } });
  assert.equal(err.name, 'SequelizeConnectionError');
  assert.match(err.message, /channel binding/);
});

test('client certificates authenticate', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const e = h.env();
  const row = await tryConnect(h.url('cert'), {
    dialectOptions: { ssl: h.sslOptions({ cert: fs.readFileSync(e.clientCert, 'utf8'), key: fs.readFileSync(e.clientKey, 'utf8') }) },
  });
  assert.equal(row.u, 'certuser');
  const viaUri = await tryConnect(h.url('cert', { sslcert: e.clientCert, sslkey: e.clientKey, sslrootcert: e.caFile }));
  assert.equal(viaUri.u, 'certuser');
  const err = await connectError(h.url('cert'), { dialectOptions: { ssl: h.sslOptions() } });
  assert.equal(err.parent.code, '28000');
});

test('wrong password, unknown database, refused port, unknown host', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const ssl = h.sslOptions();
  const pw = await connectError(h.url('app', null, { password: 'nope' }), { dialectOptions: { ssl } });
  assert.equal(pw.name, 'SequelizeConnectionError');
  assert.equal(pw.message, 'password authentication failed for user "app"');
  assert.equal(pw.parent.code, '28P01');
  assert.equal(pw.original, pw.parent);
  const db = await connectError(h.url('app', null, { database: 'nosuchdb' }), { dialectOptions: { ssl } });
  assert.equal(db.message, 'database "nosuchdb" does not exist');
  assert.equal(db.parent.code, '3D000');
  const port = await new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = srv.address().port;
      srv.close(() => resolve(p));
    });
  });
  const refused = await connectError(`postgres://u:p@127.0.0.1:${port}/db`);
  assert.ok(refused instanceof Sequelize.ConnectionRefusedError);
  assert.equal(refused.name, 'SequelizeConnectionRefusedError');
  assert.equal(refused.message, `connect ECONNREFUSED 127.0.0.1:${port}`);
  assert.equal(refused.parent.code, 'ECONNREFUSED');
  const host = await connectError('postgres://u:p@nonexistent.invalid:5432/db');
  assert.ok(host instanceof Sequelize.HostNotFoundError);
  assert.equal(host.message, 'getaddrinfo ENOTFOUND nonexistent.invalid');
  assert.equal(host.parent.code, 'ENOTFOUND');
});

test('a silent server hits the timeouts instead of hanging', async () => {
  const sockets = [];
  const srv = net.createServer((sock) => sockets.push(sock));
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  try {
    let started = Date.now();
    const timeout = await connectError(`postgres://u:p@127.0.0.1:${port}/db`,
      { dialectOptions: { ssl: true, connectionTimeoutMillis: 300 } });
    assert.equal(timeout.name, 'SequelizeConnectionError');
    assert.equal(timeout.message, 'timeout expired');
    assert.ok(Date.now() - started < 3000);
    started = Date.now();
    const acquire = await connectError(`postgres://u:p@127.0.0.1:${port}/db`, { pool: { acquire: 400 } });
    assert.ok(acquire instanceof Sequelize.ConnectionAcquireTimeoutError);
    assert.equal(acquire.name, 'SequelizeConnectionAcquireTimeoutError');
    assert.equal(acquire.message, 'Operation timeout');
    assert.ok(Date.now() - started < 3000);
  } finally {
    for (const sock of sockets) sock.destroy();
    srv.close();
  }
});

test('SNI carries the host name; IP literals send none', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const e = h.env();
  const seen = [];
  // A fake server: answers SSLRequest with 'S', then completes a TLS handshake and records SNI.
  const srv = net.createServer((sock) => {
    sock.once('data', () => {
      sock.write('S');
      const tsock = new tls.TLSSocket(sock, {
        isServer: true,
        cert: fs.readFileSync(e.serverCert),
        key: fs.readFileSync(e.serverCert.replace(/\.crt$/, '.key')),
      });
      tsock.on('secure', () => {
        seen.push(tsock.servername || null);
        tsock.destroy();
      });
      tsock.on('error', () => {});
    });
  });
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  try {
    for (const host of ['localhost', '127.0.0.1']) {
      await connectError(`postgres://u:p@${host}:${port}/db`,
        { dialectOptions: { ssl: h.sslOptions(), connectionTimeoutMillis: 2000 } });
    }
  } finally {
    srv.close();
  }
  assert.deepEqual(seen, ['localhost', null]);
});

test('environment variables PGUSER/PGPASSWORD/PGDATABASE/PGAPPNAME/PGSSLMODE', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const e = h.env();
  const saved = { ...process.env };
  try {
    Object.assign(process.env, { PGUSER: 'app', PGPASSWORD: 'app pw:@/', PGDATABASE: 'app_db', PGAPPNAME: 'from-env', PGSSLMODE: 'no-verify' });
    const s = new Sequelize({ dialect: 'postgres', host: 'localhost', port: e.port, logging: false });
    try {
      const [[row]] = await s.query("SELECT current_user AS u, current_database() AS d, current_setting('application_name') AS a, (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS ssl");
      assert.deepEqual(row, { u: 'app', d: 'app_db', a: 'from-env', ssl: true });
    } finally {
      await s.close();
    }
    // An explicit ssl option wins over PGSSLMODE.
    const err = await connectError(h.url('app'), { dialectOptions: { ssl: { require: true } } });
    assert.equal(err.parent.code, 'SELF_SIGNED_CERT_IN_CHAIN');
  } finally {
    for (const k of ['PGUSER', 'PGPASSWORD', 'PGDATABASE', 'PGAPPNAME', 'PGSSLMODE']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
});

test('session options: application_name, statement_timeout, lock timeouts, options, timezone', async (t) => {
  if (h.skipUnlessLocal(t)) return;
  const s = new Sequelize(h.url('app', { application_name: 'from-uri', options: '-c search_path=public,pg_catalog' }), {
    logging: false,
    timezone: '+05:30',
    dialectOptions: {
      ssl: h.sslOptions(), statement_timeout: 200, lock_timeout: 1000, idle_in_transaction_session_timeout: 5000,
    },
  });
  try {
    const [[row]] = await s.query("SELECT current_setting('application_name') AS a, current_setting('statement_timeout') AS st, current_setting('lock_timeout') AS lt, current_setting('idle_in_transaction_session_timeout') AS it, current_setting('search_path') AS sp, current_setting('TimeZone') AS tz, current_setting('client_min_messages') AS cmm");
    assert.deepEqual(row, { a: 'from-uri', st: '200ms', lt: '1s', it: '5s', sp: 'public,pg_catalog', tz: '<+05:30>-05:30', cmm: 'warning' });
    const err = await s.query('SELECT pg_sleep(2)').catch((e) => e);
    assert.ok(err instanceof Sequelize.DatabaseError);
    assert.equal(err.message, 'canceling statement due to statement timeout');
    assert.equal(err.parent.code, '57014');
  } finally {
    await s.close();
  }
  const named = new Sequelize(h.url('app'), { logging: false, timezone: 'America/New_York', dialectOptions: { ssl: h.sslOptions() } });
  try {
    const [[row]] = await named.query("SELECT current_setting('TimeZone') AS tz");
    assert.equal(row.tz, 'America/New_York');
  } finally {
    await named.close();
  }
});

test('an unreachable host is a HostNotReachableError', async (t) => {
  // Needs a route that answers "unreachable": created with `ip route` (root only).
  const { execFileSync } = require('node:child_process');
  const net = '198.51.100.0/24';
  try {
    execFileSync('ip', ['route', 'add', 'unreachable', net], { stdio: 'ignore' });
  } catch (_) {
    t.skip('cannot add an unreachable route here (needs root and iproute2)');
    return;
  }
  try {
    const err = await connectError('postgres://u:p@198.51.100.7:5432/db', { dialectOptions: { connectionTimeoutMillis: 3000 } });
    assert.ok(err instanceof Sequelize.HostNotReachableError, `${err.name}: ${err.message}`);
    assert.equal(err.name, 'SequelizeHostNotReachableError');
    assert.equal(err.message, 'connect EHOSTUNREACH 198.51.100.7:5432');
    assert.equal(err.parent.code, 'EHOSTUNREACH');
  } finally {
    execFileSync('ip', ['route', 'del', 'unreachable', net], { stdio: 'ignore' });
  }
});
