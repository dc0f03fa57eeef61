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
// Canonical order (cold-start last: run.js times it after the others).
const WORKLOADS = [
  'select1-seq',
  'select1-par',
  'select-10k',
  'findall-10k',
  'findone-pk',
  'create-seq',
  'bulkcreate-10k',
  'cold-start',
];
// Workloads that read the seeded bench_rows table (run.js runs the set-up step for them).
const NEEDS_BENCH_ROWS = ['select-10k', 'findall-10k', 'findone-pk'];

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
  'findall-10k': { warmup: 1, iterations: 5 },
  'findone-pk': { warmup: 200, ops: 2000, seed: 0x5eed1234 },
  'create-seq': { warmup: 100, ops: 1000 },
  // `rows` is not scaled by BENCH_SCALE (the workload is "10k rows"); the iterations are.
  'bulkcreate-10k': { warmup: 1, iterations: 3, rows: 10000 },
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

// ------------------------------------------------------------------------- model workloads

const COLUMNS = ['id', 's1', 's2', 's3', 'n', 'big', 'dbl', 'flag', 'ts', 'doc'];

/** The 10 attributes of both models (BenchRow → bench_rows, BenchWrite → bench_writes). */
function modelAttributes(DataTypes) {
  return {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    s1: DataTypes.STRING,
    s2: DataTypes.STRING,
    s3: DataTypes.STRING,
    n: DataTypes.INTEGER,
    big: DataTypes.BIGINT,
    dbl: DataTypes.DOUBLE,
    flag: DataTypes.BOOLEAN,
    ts: DataTypes.DATE,
    doc: DataTypes.JSONB,
  };
}
const ROW_MODEL = { name: 'BenchRow', options: { tableName: TABLE, timestamps: false } };
const WRITE_TABLE = 'bench_writes';
const WRITE_MODEL = { name: 'BenchWrite', options: { tableName: WRITE_TABLE, timestamps: false } };

// bench_writes as Sequelize's sync() would create it; dropped and re-created by every write worker
// (through the implementation under test, untimed), emptied with RESTART IDENTITY between the
// bulkCreate iterations, so the ids handed out are always 1, 2, 3, …
const WRITE_TABLE_RESET = [
  `DROP TABLE IF EXISTS "${WRITE_TABLE}"`,
  `CREATE TABLE "${WRITE_TABLE}" (
    "id" SERIAL PRIMARY KEY,
    "s1" VARCHAR(255),
    "s2" VARCHAR(255),
    "s3" VARCHAR(255),
    "n" INTEGER,
    "big" BIGINT,
    "dbl" DOUBLE PRECISION,
    "flag" BOOLEAN,
    "ts" TIMESTAMP WITH TIME ZONE,
    "doc" JSONB
  )`,
];
const WRITE_TABLE_EMPTY = `TRUNCATE "${WRITE_TABLE}" RESTART IDENTITY`;

// The SQL Sequelize generates for BenchRow.findByPk(id) (the id is inlined).
const FIND_BY_PK_PREFIX =
  'SELECT "id", "s1", "s2", "s3", "n", "big", "dbl", "flag", "ts", "doc" FROM "bench_rows" AS "BenchRow" WHERE "BenchRow"."id" = ';
function findByPkSql(id) {
  return `${FIND_BY_PK_PREFIX}${id};`;
}

const RETURNING = 'RETURNING "id","s1","s2","s3","n","big","dbl","flag","ts","doc";';
const INSERT_HEAD = `INSERT INTO "${WRITE_TABLE}" ("id","s1","s2","s3","n","big","dbl","flag","ts","doc") VALUES `;
// The parameterised statement Sequelize sends for BenchWrite.create(row).
const INSERT_ONE_SQL = `${INSERT_HEAD}(DEFAULT,$1,$2,$3,$4,$5,$6,$7,$8,$9) ${RETURNING}`;

/** The values written for id `id`: rowFor(id) without the id (the database assigns it). */
function writeValues(id) {
  const { id: _omit, ...values } = rowFor(id);
  return values;
}

function pad(n, w) {
  return String(n).padStart(w, '0');
}
/** A Date as Sequelize binds / inlines it (timezone '+00:00'): `2024-01-01 00:01:00.001 +00:00`. */
function formatTs(d) {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)} +00:00`;
}
/** The 9 bind parameters of INSERT_ONE_SQL, as Sequelize sends them. */
function insertParams(v) {
  return [v.s1, v.s2, v.s3, v.n, v.big, v.dbl, v.flag, formatTs(v.ts), JSON.stringify(v.doc)];
}
function lit(s) {
  return `'${s.replace(/'/g, "''")}'`;
}
/**
 * The literal multi-row INSERT … RETURNING Sequelize builds for BenchWrite.bulkCreate(rows)
 * (every value inlined; the pg floor builds it inside the timed section, as Sequelize does).
 */
function bulkInsertSql(rows) {
  const tuples = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i];
    tuples[i] = `(DEFAULT,${lit(v.s1)},${lit(v.s2)},${lit(v.s3)},${v.n},${lit(v.big)},${lit(String(v.dbl))},` +
      `${v.flag},${lit(formatTs(v.ts))},${lit(JSON.stringify(v.doc))})`;
  }
  return `${INSERT_HEAD}${tuples.join(',')} ${RETURNING}`;
}

/** Deterministic PRNG (mulberry32) → integers in [1, max]. */
function randomIds(seed, max) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return 1 + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * max);
  };
}

/**
 * Throws unless `inst` is a persisted instance of `Model` whose attributes (in dataValues order,
 * read through the instance getters, and via get({plain: true})) equal rowFor(id).
 */
function checkInstance(inst, Model, id) {
  if (!(inst instanceof Model)) {
    throw new Error(`expected an instance of ${Model.name} for id ${id}, got ${inst && inst.constructor && inst.constructor.name}: ${JSON.stringify(inst)}`);
  }
  if (inst.isNewRecord !== false) throw new Error(`instance ${id}: isNewRecord is ${inst.isNewRecord}`);
  if (!inst.dataValues || typeof inst.dataValues !== 'object') throw new Error(`instance ${id}: no dataValues`);
  const viaGetters = {};
  for (const k of Object.keys(inst.dataValues)) viaGetters[k] = inst[k];
  if (viaGetters.id !== id) throw new Error(`instance: id ${JSON.stringify(viaGetters.id)}, expected ${id}`);
  checkRow(viaGetters);
  checkRow(inst.get({ plain: true }));
}

module.exports = {
  BENCH_DIR,
  REPO_DIR,
  SEQUELIZE_RS_PATH,
  IMPLS,
  WORKLOADS,
  NEEDS_BENCH_ROWS,
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
  COLUMNS,
  modelAttributes,
  ROW_MODEL,
  WRITE_MODEL,
  WRITE_TABLE,
  WRITE_TABLE_RESET,
  WRITE_TABLE_EMPTY,
  findByPkSql,
  INSERT_ONE_SQL,
  writeValues,
  formatTs,
  insertParams,
  bulkInsertSql,
  randomIds,
  checkInstance,
};
