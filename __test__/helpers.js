'use strict';
// Shared helpers for the JS tests (node:test). Not a test file itself.
//
// The test server is described by .pgtest/env.json, written by scripts/pg-test.sh (see there for
// the roles, certificates and pg_hba rules). scripts/run-tests.js passes its path in PGTEST_ENV.
// When DATABASE_URL is set instead (a real server such as Neon), env() is null: url('app') is
// DATABASE_URL, and tests needing the local server's roles/CA/admin access skip themselves.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');

const REPO = path.resolve(__dirname, '..');
const PG_TEST_SH = path.join(REPO, 'scripts', 'pg-test.sh');
const DEFAULT_ENV_JSON = path.join(REPO, '.pgtest', 'env.json');

// The connection string placeholder in the Neon guide's dbTest.js (examples/dbTest.js).
const SEED_PLACEHOLDER_URL =
  'postgres://<user>:<password>@ep-crimson-wildflower-999999.eu-central-1.aws.neon.tech/neondb';
const SEED_SCRIPT_PATH = path.join(REPO, 'examples', 'dbTest.js');

// ------------------------------------------------------------------------------ environment

let cachedEnv; // undefined = not loaded yet
/**
 * The parsed .pgtest/env.json, or null when there is no local test server.
 * Source: $PGTEST_ENV; else (only when DATABASE_URL is unset) .pgtest/env.json if present.
 */
function env() {
  if (cachedEnv !== undefined) return cachedEnv;
  let file = process.env.PGTEST_ENV;
  if (!file && !process.env.DATABASE_URL && fs.existsSync(DEFAULT_ENV_JSON)) file = DEFAULT_ENV_JSON;
  cachedEnv = file ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
  return cachedEnv;
}

/** True when tests run against the local server started by scripts/pg-test.sh. */
function isLocal() {
  return env() !== null;
}

/** True when some database is available (local server or DATABASE_URL). */
function hasDatabase() {
  return isLocal() || Boolean(process.env.DATABASE_URL);
}

function encodeParams(params) {
  if (params == null) return '';
  if (typeof params === 'string') return params.replace(/^[?&]/, '');
  return Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

function appendQuery(base, params) {
  const q = encodeParams(params);
  if (!q) return base;
  return base + (base.includes('?') ? '&' : '?') + q;
}

const ROLE_ALIASES = { admin: 'postgres', md5: 'md5user', cert: 'certuser' };

/**
 * A connection URI for a role of the local server: 'app' (default), 'postgres' / 'admin',
 * 'md5user' / 'md5', 'certuser' / 'cert'. The password is percent-encoded.
 * params: object (values are percent-encoded) or a raw query string ('sslmode=require&x=y').
 * overrides: { host, port, database, user, password } (password: null = omit).
 * Without a local server: url('app', …) is DATABASE_URL (+ params); other roles → null.
 */
function url(role = 'app', params, overrides = {}) {
  const e = env();
  const r = ROLE_ALIASES[role] || role;
  if (!e) {
    if (r !== 'app' || !process.env.DATABASE_URL) return null;
    return appendQuery(process.env.DATABASE_URL, params);
  }
  const u = e.users[r];
  if (!u) throw new Error(`unknown test role ${role}`);
  const user = overrides.user ?? u.user;
  const password = overrides.password === undefined ? u.password : overrides.password;
  let host = overrides.host ?? e.host;
  if (host.includes(':') && !host.startsWith('[')) host = `[${host}]`; // IPv6 literal
  const port = overrides.port ?? e.port;
  const database = overrides.database ?? e.database;
  const auth =
    encodeURIComponent(user) + (password == null ? '' : ':' + encodeURIComponent(password));
  return appendQuery(`postgres://${auth}@${host}:${port}/${database}`, params);
}

/** Options that make the local server's certificate trusted (what a user with a private CA does). */
function sslOptions(extra = {}) {
  const e = env();
  if (!e) return { require: true, ...extra };
  return { require: true, ca: fs.readFileSync(e.caFile, 'utf8'), ...extra };
}

/** Environment for a child process that should trust the local CA (NODE_EXTRA_CA_CERTS). */
function childEnv(extra = {}) {
  const e = env();
  const out = { ...process.env };
  delete out.NODE_TEST_CONTEXT; // a child `node` must not think it is a node:test subprocess
  if (e) out.NODE_EXTRA_CA_CERTS = e.caFile;
  return { ...out, ...extra };
}

// ------------------------------------------------------------------------------ skipping

/** Skips the test unless the local server is in use. Usage: `if (skipUnlessLocal(t)) return;` */
function skipUnlessLocal(t, why = 'needs the local test server (scripts/pg-test.sh)') {
  if (isLocal()) return false;
  t.skip(process.env.DATABASE_URL ? `${why}; DATABASE_URL is set` : why);
  return true;
}

/** Skips the test unless a database (local or DATABASE_URL) is available. */
function skipUnlessDatabase(t) {
  if (hasDatabase()) return false;
  t.skip('no database: run via `npm test` or set DATABASE_URL');
  return true;
}

/** The built addon(s) in the repo root (sequelize-rs.*.node). */
function addonFiles() {
  return fs.readdirSync(REPO).filter((f) => /^sequelize-rs\..+\.node$/.test(f));
}

/** Skips the test unless the native addon has been built. */
function skipUnlessAddon(t) {
  if (addonFiles().length > 0) return false;
  t.skip('native addon not built (npm run build:debug)');
  return true;
}

// ------------------------------------------------------------------------------ admin access

function requireLocal(what) {
  const e = env();
  if (!e) throw new Error(`${what} needs the local test server (scripts/pg-test.sh)`);
  return e;
}

function cleanPgEnv() {
  const out = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PG')) out[k] = v;
  out.PGCONNECT_TIMEOUT = '10';
  return out;
}

/**
 * Runs SQL as the postgres superuser over the unix socket:
 * `psql -h <socketDir> -p <port> -U postgres -d app_db -Atc <sql>` (ON_ERROR_STOP).
 * Returns stdout without the trailing newline; throws (with psql's stderr) on error.
 * options.database: run in another database.
 */
function admin(sql, options = {}) {
  const e = requireLocal('admin()');
  const args = ['-X', '-v', 'ON_ERROR_STOP=1', '-h', e.socketDir, '-p', String(e.port), '-U', 'postgres',
    '-d', options.database || e.database, '-Atc', sql];
  try {
    return execFileSync('psql', args, {
      encoding: 'utf8',
      env: cleanPgEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeout || 30000,
    }).replace(/\n$/, '');
  } catch (err) {
    const msg = (err.stderr || '').toString().trim() || err.message;
    const e2 = new Error(`admin(${JSON.stringify(sql)}) failed: ${msg}`);
    e2.stderr = err.stderr;
    throw e2;
  }
}

/** admin() returning rows as arrays of strings (psql -A, '|' separated). */
function adminRows(sql, options) {
  const out = admin(sql, options);
  return out === '' ? [] : out.split('\n').map((line) => line.split('|'));
}

/** SQL string literal. */
function lit(s) {
  return `'${String(s).replace(/'/g, "''")}'`;
}

/** Client backends (pid, usename, application_name, state, ssl) other than the admin's own. */
function backends(where = 'true') {
  return adminRows(
    `SELECT a.pid, a.usename, a.application_name, a.state, coalesce(s.ssl, false), a.datname
       FROM pg_stat_activity a LEFT JOIN pg_stat_ssl s USING (pid)
      WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid() AND (${where})
      ORDER BY a.pid`,
  ).map(([pid, user, appName, state, ssl, database]) => ({
    pid: Number(pid), user, appName, state, ssl: ssl === 't', database,
  }));
}

/** Number of client backends with this application_name (all non-admin client backends if omitted). */
function backendCount(appName) {
  const where = appName === undefined ? 'true' : `a.application_name = ${lit(appName)}`;
  return backends(where).length;
}

/** pg_terminate_backend for every client backend with this application_name; returns how many. */
function terminateBackends(appName) {
  const out = admin(
    `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
      WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
        AND application_name = ${lit(appName)}`,
  );
  return Number(out);
}

/** A unique application_name for a test, so its backends can be counted / killed. */
let appNameSeq = 0;
function uniqueAppName(prefix = 'srs-test') {
  appNameSeq += 1;
  return `${prefix}-${process.pid}-${appNameSeq}`;
}

/** Polls fn (sync or async) until it returns truthy; returns that value or throws after timeoutMs. */
async function waitFor(fn, { timeoutMs = 5000, intervalMs = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}`);
    await sleep(intervalMs);
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ------------------------------------------------------------------------------ server log

/** Current size of the server log; pass to logSince() to read what was logged after. */
function logMark() {
  const e = requireLocal('logMark()');
  try {
    return fs.statSync(e.logFile).size;
  } catch {
    return 0;
  }
}

/** Server log text appended since mark (from logMark()). */
function logSince(mark) {
  const e = requireLocal('logSince()');
  const fd = fs.openSync(e.logFile, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size <= mark) return '';
    const buf = Buffer.alloc(size - mark);
    fs.readSync(fd, buf, 0, buf.length, mark);
    return buf.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** Number of `connection authorized` lines logged since mark (log_connections=on). */
function connectionsSince(mark, user) {
  const re = user
    ? new RegExp(`connection authorized: user=${user.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `, 'g')
    : /connection authorized: /g;
  return (logSince(mark).match(re) || []).length;
}

// ------------------------------------------------------------------------------ server control

function pgTest(command) {
  requireLocal(`pg-test.sh ${command}`);
  return execFileSync('bash', [PG_TEST_SH, command], {
    encoding: 'utf8',
    env: { ...process.env, PGTEST_PORT: String(env().port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120000,
  });
}

/** Restarts the local server (pg_ctl restart -m fast -w): every connection is dropped. */
function restartServer() {
  pgTest('restart');
}

/** Stops the local server. Tests that do this must call startServer() (e.g. in t.after). */
function stopServer() {
  pgTest('stop');
}

/** Starts the local server again after stopServer(). */
function startServer() {
  pgTest('restart'); // `restart` starts a stopped cluster without re-running the setup
}

// ------------------------------------------------------------------------------ processes

/** runProcess() for `node <args>`; by default with childEnv() (trusts the local CA). */
function runNode(args, { env: childEnvVars = childEnv(), ...options } = {}) {
  return runProcess(process.execPath, args, { ...options, env: childEnvVars });
}

/** process.env without npm's npm_* / INIT_CWD variables, for running npm in another project. */
function npmFreeEnv(extra = {}) {
  const out = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k) && k !== 'INIT_CWD' && k !== 'NODE_TEST_CONTEXT') out[k] = v;
  }
  return { ...out, ...extra };
}

/**
 * Runs a command and collects its output; resolves
 * { code, signal, stdout, stderr, ms, timedOut, marks } and never rejects on a non-zero exit.
 * marks: for each string in options.marks, the ms (since spawn) at which it first appeared on
 * stdout (absent if it never did) — e.g. to measure how long a process lingers after its output.
 */
function runProcess(cmd, args, { cwd = REPO, env: envVars = process.env, timeoutMs = 30000, input, marks = [] } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const child = spawn(cmd, args, { cwd, env: envVars, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const seen = {};
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
      for (const m of marks) if (!(m in seen) && stdout.includes(m)) seen[m] = elapsed();
    });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: elapsed(), timedOut, marks: seen });
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/** A fresh temp directory, removed by the returned cleanup function (or kept with KEEP_TMP=1). */
function tmpDir(prefix = 'sequelize-rs-test-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const cleanup = () => {
    if (process.env.KEEP_TMP === '1') return;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { dir, cleanup };
}

/** The Neon guide's dbTest.js with only the placeholder connection string replaced. */
function seedScript(connectionString) {
  const src = fs.readFileSync(SEED_SCRIPT_PATH, 'utf8');
  if (!src.includes(SEED_PLACEHOLDER_URL)) throw new Error('placeholder URL not found in examples/dbTest.js');
  return src.split(SEED_PLACEHOLDER_URL).join(connectionString);
}

module.exports = {
  REPO,
  SEED_PLACEHOLDER_URL,
  SEED_SCRIPT_PATH,
  env,
  isLocal,
  hasDatabase,
  url,
  sslOptions,
  childEnv,
  skipUnlessLocal,
  skipUnlessDatabase,
  skipUnlessAddon,
  addonFiles,
  admin,
  adminRows,
  lit,
  backends,
  backendCount,
  terminateBackends,
  uniqueAppName,
  waitFor,
  sleep,
  logMark,
  logSince,
  connectionsSince,
  restartServer,
  stopServer,
  startServer,
  runNode,
  runProcess,
  npmFreeEnv,
  tmpDir,
  seedScript,
};

// `Sequelize` is loaded lazily so that helpers (and package.test.js) work before index.js exists.
Object.defineProperty(module.exports, 'Sequelize', {
  enumerable: true,
  get() {
    return require('..');
  },
});
