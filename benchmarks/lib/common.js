'use strict';
// Shared by run.js (parent) and worker.js (one measurement per process): implementations,
// connection options, loop counts, the deterministic `bench_rows` data and its checksums.

const fs = require('node:fs');
const path = require('node:path');

const BENCH_DIR = path.resolve(__dirname, '..');
const REPO_DIR = path.resolve(BENCH_DIR, '..');

// The addon under test: the repository itself (index.js), unless SEQUELIZE_RS_PATH says otherwise.
const SEQUELIZE_RS_PATH = path.resolve(process.env.SEQUELIZE_RS_PATH || REPO_DIR);

const IMPLS = ['sequelize-rs', 'sequelize', 'pg'];
const WORKLOADS = ['select1-seq', 'select1-par', 'select-10k', 'cold-start'];

/** Absolute path of the module an implementation loads (resolved from benchmarks/node_modules). */
function implModulePath(impl) {
  if (impl === 'sequelize-rs') return SEQUELIZE_RS_PATH;
  if (impl === 'sequelize') return require.resolve('sequelize', { paths: [BENCH_DIR] });
  if (impl === 'pg') return require.resolve('pg', { paths: [BENCH_DIR] });
  throw new Error(`unknown implementation ${impl}`);
}

function implVersion(impl) {
  try {
    if (impl === 'sequelize-rs') {
      return JSON.parse(fs.readFileSync(path.join(SEQUELIZE_RS_PATH, 'package.json'), 'utf8')).version;
    }
    const pj = require.resolve(`${impl}/package.json`, { paths: [BENCH_DIR] });
    return JSON.parse(fs.readFileSync(pj, 'utf8')).version;
  } catch (_) {
    return null;
  }
}

// TLS on for every implementation, certificate not verified (the test server's CA is self-signed).
// A fresh object each time: Sequelize keeps (and may extend) the options it is given.
function sequelizeOptions() {
  return {
    logging: false,
    pool: { max: 10 },
    dialectOptions: { ssl: { require: true, rejectUnauthorized: false } },
  };
}
function pgSsl() {
  return { rejectUnauthorized: false };
}

/**
 * TLS is configured by options, identically for every implementation, so TLS-related query
 * parameters are removed from the URI (pg would otherwise let `sslmode=require` override its `ssl`
 * option and verify the certificate). Other parameters are kept. The string is returned unchanged
 * when there is nothing to remove.
 */
const TLS_PARAMS = ['sslmode', 'ssl', 'sslrootcert', 'sslcert', 'sslkey', 'uselibpqcompat'];
function stripTlsParams(uri) {
  const q = uri.indexOf('?');
  if (q < 0) return uri;
  const kept = uri
    .slice(q + 1)
    .split('&')
    .filter((kv) => kv && !TLS_PARAMS.includes(decodeURIComponent(kv.split('=')[0]).toLowerCase()));
  return kept.length ? `${uri.slice(0, q)}?${kept.join('&')}` : uri.slice(0, q);
}

/** The URI without its password, for reports. */
function redactUri(uri) {
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
}

/** BENCH_SCALE multiplies every loop count (0.05 for a smoke test); at least `min`. */
function scale() {
  const s = Number(process.env.BENCH_SCALE || 1);
  if (!Number.isFinite(s) || s <= 0) throw new Error(`bad BENCH_SCALE ${process.env.BENCH_SCALE}`);
  return s;
}
function scaled(n, min = 1) {
  return Math.max(min, Math.round(n * scale()));
}

// Loop counts of each workload (before BENCH_SCALE).
const COUNTS = {
  'select1-seq': { warmup: 500, queries: 5000 },
  'select1-par': { warmup: 1000, queries: 20000, inFlight: 32 },
  'select-10k': { warmup: 1, iterations: 5 },
  'cold-start': { rounds: 10 },
};

// ------------------------------------------------------------------------- bench_rows data

const TABLE = 'bench_rows';
const TABLE_MARKER = 'sequelize-rs benchmarks: bench_rows v1';
const N_ROWS = 10000;
const TS_BASE = Date.UTC(2024, 0, 1);
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function word(id, len, salt) {
  let s = '';
  for (let k = 0; k < len; k++) s += LETTERS[(id * 31 + k * 7 + salt * 13) % 26];
  return s;
}

/** Row `id` (1..N_ROWS) of bench_rows, as pg / Sequelize return it (bigint as a string). */
function rowFor(id) {
  let s2 = word(id, 18 + (id % 5), 2); // 18–22 chars
  if (id % 10 === 0) s2 = `é${s2.slice(1)}`; // some non-ASCII text
  return {
    id,
    s1: word(id, 6 + (id % 5), 1), // 6–10 chars
    s2,
    s3: word(id, 38 + (id % 5), 3), // 38–42 chars
    n: ((id * 7919) % 100000) - 50000,
    big: (9007199254740993n + BigInt(id) * 1000003n).toString(), // beyond 2^53: must stay exact
    dbl: ((id % 2 ? -1 : 1) * id) / 8, // exactly representable, so sums are order-independent
    flag: id % 3 === 0,
    ts: new Date(TS_BASE + id * 60000 + (id % 1000)), // millisecond precision
    doc: { k: id % 100, ok: id % 2 === 0, tag: `t${id % 7}` }, // keys in jsonb's order
  };
}

// The SQL Sequelize generates for BenchRow.findAll() (the anchors' findall-10k statement).
const SELECT_10K_SQL =
  'SELECT "id", "s1", "s2", "s3", "n", "big", "dbl", "flag", "ts", "doc" FROM "bench_rows" AS "BenchRow";';

/**
 * Reads every column of every row once (so an implementation cannot defer work past the timed
 * fetch) and returns per-column sums, which also validate the values.
 */
function touchRows(rows) {
  let id = 0;
  let slen = 0;
  let n = 0;
  let blen = 0;
  let dbl = 0;
  let flag = 0;
  let ts = 0;
  let doc = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    id += r.id;
    slen += r.s1.length + r.s2.length + r.s3.length;
    n += r.n;
    blen += r.big.length;
    dbl += r.dbl;
    if (r.flag === true) flag++;
    ts += r.ts.getTime() - TS_BASE;
    doc += r.doc.k;
  }
  return { id, slen, n, blen, dbl, flag, ts, doc };
}

let expectedSums;
function expectedTouch() {
  if (!expectedSums) {
    const rows = [];
    for (let id = 1; id <= N_ROWS; id++) rows.push(rowFor(id));
    expectedSums = touchRows(rows);
  }
  return expectedSums;
}

/** Throws unless `row` (as returned) equals rowFor(row.id) value for value. */
function checkRow(row) {
  const want = rowFor(row && row.id);
  const keys = Object.keys(want);
  const got = Object.keys(row);
  if (got.length !== keys.length || keys.some((k, i) => got[i] !== k)) {
    throw new Error(`row ${want.id}: columns ${JSON.stringify(got)}, expected ${JSON.stringify(keys)}`);
  }
  for (const k of keys) {
    const a = row[k];
    const b = want[k];
    let same;
    if (b instanceof Date) same = a instanceof Date && a.getTime() === b.getTime();
    else if (typeof b === 'object') same = a !== null && typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b);
    else same = a === b;
    if (!same) {
      throw new Error(`row ${want.id}, column ${k}: got ${JSON.stringify(a)} (${typeof a}), expected ${JSON.stringify(b)} (${typeof b})`);
    }
  }
}

module.exports = {
  BENCH_DIR,
  REPO_DIR,
  SEQUELIZE_RS_PATH,
  IMPLS,
  WORKLOADS,
  COUNTS,
  implModulePath,
  implVersion,
  pgSsl,
  sequelizeOptions,
  stripTlsParams,
  redactUri,
  scale,
  scaled,
  TABLE,
  TABLE_MARKER,
  N_ROWS,
  TS_BASE,
  rowFor,
  SELECT_10K_SQL,
  touchRows,
  expectedTouch,
  checkRow,
};
