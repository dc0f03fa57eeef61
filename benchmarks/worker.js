'use strict';
// One measurement in a fresh process: `node worker.js <impl> <workload>`; prints ONE JSON line.
//   impl:     sequelize-rs | sequelize | pg
//   workload: select1-seq | select1-par | select-10k | findall-10k | findone-pk | create-seq |
//             bulkcreate-10k   (cold-start is timed by run.js itself)
//   `node worker.js pg setup [--reseed]` creates and seeds bench_rows (once; idempotent).
// Env: BENCH_URL (or DATABASE_URL) — connection URI; BENCH_SCALE — loop-count multiplier.
// Every result is validated; a wrong result makes the process exit 1 with {ok:false, error}.

const os = require('node:os');
const common = require('./lib/common');

const [impl, workload, ...flags] = process.argv.slice(2);
const loadavgStart = os.loadavg();
const SQL1 = 'SELECT 1';

function nowMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}
function cpuMs(c) {
  return { user_ms: c.user / 1000, system_ms: c.system / 1000, total_ms: (c.user + c.system) / 1000 };
}
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function uri() {
  const u = process.env.BENCH_URL || process.env.DATABASE_URL;
  if (!u) throw new Error('BENCH_URL (or DATABASE_URL) is not set; run benchmarks through run.js');
  return common.stripTlsParams(u);
}

// ------------------------------------------------------------------------- implementations

/**
 * Opens `impl` and returns {q(sql) → Promise<result>, rowsOf(result) → rows, exec(sql) (any
 * statement, result ignored), close()}, plus `sequelize` and `Sequelize` (the Sequelize-shaped
 * implementations) or `client` (pg) for the model workloads.
 * `pool`: pg uses pg.Pool({max: 10}) when true, one pg.Client otherwise; the Sequelize-shaped
 * implementations always get {pool: {max: 10}}.
 */
async function open(which, { pool }) {
  const t0 = nowMs();
  const mod = require(common.implModulePath(which));
  const requireMs = nowMs() - t0;
  if (which === 'pg') {
    const config = { connectionString: uri(), ssl: common.pgSsl() };
    const client = pool ? new mod.Pool({ ...config, max: 10 }) : new mod.Client(config);
    if (!pool) await client.connect();
    return {
      requireMs,
      // pg resolves to a Result; the rows are `.rows` (read in the same tick by the caller).
      q: (sql) => client.query(sql),
      rowsOf: (res) => res.rows,
      exec: (sql) => client.query(sql),
      close: () => client.end(),
      client,
    };
  }
  const Sequelize = mod.Sequelize || mod;
  const sequelize = new Sequelize(uri(), common.sequelizeOptions());
  const type = Sequelize.QueryTypes.SELECT;
  await sequelize.authenticate();
  return {
    requireMs,
    q: (sql) => sequelize.query(sql, { type }),
    rowsOf: (rows) => rows,
    exec: (sql) => sequelize.query(sql, { type: Sequelize.QueryTypes.RAW }),
    close: () => sequelize.close(),
    sequelize,
    Sequelize,
  };
}

async function serverSsl(db) {
  const res = await db.q('SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
  const row = db.rowsOf(res)[0];
  return row ? { ssl: row.ssl, version: row.version } : null;
}

function checkSelect1(rows) {
  if (!Array.isArray(rows) || rows.length !== 1 || rows[0]['?column?'] !== 1) {
    throw new Error(`SELECT 1 returned ${JSON.stringify(rows)}`);
  }
}

// ------------------------------------------------------------------------- workloads

async function select1Seq(db) {
  const { warmup, queries } = common.COUNTS['select1-seq'];
  const W = common.scaled(warmup);
  const N = common.scaled(queries);
  for (let i = 0; i < W; i++) checkSelect1(db.rowsOf(await db.q(SQL1)));
  const c0 = process.cpuUsage();
  const t0 = nowMs();
  for (let i = 0; i < N; i++) checkSelect1(db.rowsOf(await db.q(SQL1)));
  const ms = nowMs() - t0;
  const cpu = process.cpuUsage(c0);
  return {
    primary: 'us_per_query',
    metrics: {
      us_per_query: (ms * 1000) / N,
      qps: N / (ms / 1000),
      cpu_us_per_query: (cpu.user + cpu.system) / N,
      timed_ms: ms,
    },
    counts: { warmup: W, queries: N },
    timed_cpu: cpuMs(cpu),
  };
}

async function select1Par(db) {
  const { warmup, queries, inFlight } = common.COUNTS['select1-par'];
  const W = common.scaled(warmup);
  const N = common.scaled(queries);
  async function batch(total) {
    let issued = 0;
    let done = 0;
    async function lane() {
      while (issued < total) {
        issued++;
        checkSelect1(db.rowsOf(await db.q(SQL1)));
        done++;
      }
    }
    await Promise.all(Array.from({ length: inFlight }, lane));
    if (done !== total) throw new Error(`completed ${done} of ${total} queries`);
  }
  await batch(W);
  const c0 = process.cpuUsage();
  const t0 = nowMs();
  await batch(N);
  const ms = nowMs() - t0;
  const cpu = process.cpuUsage(c0);
  return {
    primary: 'qps',
    metrics: {
      qps: N / (ms / 1000),
      us_per_query: (ms * 1000) / N,
      cpu_us_per_query: (cpu.user + cpu.system) / N,
      timed_ms: ms,
    },
    counts: { warmup: W, queries: N, in_flight: inFlight, pool_max: 10 },
    timed_cpu: cpuMs(cpu),
  };
}

/**
 * Shared by select-10k and findall-10k: `fetch()` → the 10,000 rows/instances; 1 warm-up + N timed;
 * every iteration's column sums (read through the row's properties — for instances, the getters)
 * must equal the generated data's; `checkOne(row)` checks a sample value by value (untimed).
 */
async function fetch10k(fetch, { warmup, iterations }, checkOne) {
  const I = common.scaled(iterations);
  const expected = common.expectedTouch(); // computed before any timing
  const want = JSON.stringify(expected);
  const fetchMs = [];
  const touch = [];
  const fetchCpu = [];
  let rows;
  for (let it = -warmup; it < I; it++) {
    rows = null;
    const c0 = process.cpuUsage();
    const t0 = nowMs();
    rows = await fetch();
    const t1 = nowMs();
    const cpu = process.cpuUsage(c0);
    const sums = common.touchRows(rows);
    const t2 = nowMs();
    if (rows.length !== common.N_ROWS) throw new Error(`got ${rows.length} rows, expected ${common.N_ROWS}`);
    const got = JSON.stringify(sums);
    if (got !== want) throw new Error(`column sums ${got}, expected ${want}`);
    if (it >= 0) {
      fetchMs.push(t1 - t0);
      touch.push(t2 - t1);
      fetchCpu.push((cpu.user + cpu.system) / 1000);
    }
  }
  // Full value-by-value check of a sample of rows (untimed); the rows come back in id order
  // (a fresh, never-updated heap table read by a sequential scan), but do not rely on it.
  for (let i = 0; i < rows.length; i += 97) checkOne(rows[i]);
  checkOne(rows[rows.length - 1]);
  const total = fetchMs.map((f, i) => f + touch[i]);
  return {
    primary: 'fetch_ms',
    metrics: {
      fetch_ms: median(fetchMs),
      touch_ms: median(touch),
      total_ms: median(total),
      fetch_cpu_ms: median(fetchCpu),
    },
    samples: { fetch_ms: fetchMs, touch_ms: touch, fetch_cpu_ms: fetchCpu },
    counts: { warmup, iterations: I, rows: common.N_ROWS },
  };
}

async function select10k(db) {
  return fetch10k(async () => db.rowsOf(await db.q(common.SELECT_10K_SQL)), common.COUNTS['select-10k'], common.checkRow);
}

/** The two models, defined as an application would (Sequelize-shaped implementations only). */
function defineModels(db) {
  const { DataTypes } = db.Sequelize;
  const define = (m) => db.sequelize.define(m.name, common.modelAttributes(DataTypes), { ...m.options });
  return { BenchRow: define(common.ROW_MODEL), BenchWrite: define(common.WRITE_MODEL) };
}

// findall-10k: BenchRow.findAll() → 10,000 instances (pg: the same SQL → plain rows).
async function findAll10k(db, impl) {
  const counts = common.COUNTS['findall-10k'];
  if (impl === 'pg') {
    return fetch10k(async () => (await db.client.query(common.SELECT_10K_SQL)).rows, counts, common.checkRow);
  }
  const { BenchRow } = defineModels(db);
  return fetch10k(() => BenchRow.findAll(), counts, (inst) => common.checkInstance(inst, BenchRow, inst && inst.dataValues && inst.dataValues.id));
}

/**
 * A sequential loop of `warmup` + `ops` calls of `op(k)` (k = 1, 2, … across both), timed over the
 * `ops`; `op` validates its own result.
 */
/** Whether call k of `total` is kept for the value-by-value check: the first 3, every 97th, the last. */
function sampled(k, total) {
  return k <= 3 || k % 97 === 0 || k === total;
}

async function opLoop(warmup, ops, op) {
  const W = common.scaled(warmup);
  const N = common.scaled(ops);
  let k = 0;
  for (let i = 0; i < W; i++) await op(++k, false);
  const c0 = process.cpuUsage();
  const t0 = nowMs();
  for (let i = 0; i < N; i++) await op(++k, true);
  const ms = nowMs() - t0;
  const cpu = process.cpuUsage(c0);
  return {
    W,
    N,
    result: {
      primary: 'us_per_op',
      metrics: {
        us_per_op: (ms * 1000) / N,
        ops: N / (ms / 1000),
        cpu_us_per_op: (cpu.user + cpu.system) / N,
        timed_ms: ms,
      },
      timed_cpu: cpuMs(cpu),
    },
  };
}

// findone-pk: sequential BenchRow.findByPk(random id) (pg: the same SELECT, id inlined).
async function findOnePk(db, impl) {
  const { warmup, ops, seed } = common.COUNTS['findone-pk'];
  const nextId = common.randomIds(seed, common.N_ROWS);
  const total = common.scaled(warmup) + common.scaled(ops);
  const sample = []; // [id, result] of the sampled calls, checked value by value afterwards
  const keep = (k, id, r) => {
    if (sampled(k, total)) sample.push([id, r]);
  };
  let op;
  let checkOne;
  if (impl === 'pg') {
    op = async (k) => {
      const id = nextId();
      const { rows } = await db.client.query(common.findByPkSql(id));
      if (rows.length !== 1 || rows[0].id !== id) throw new Error(`id ${id}: got ${JSON.stringify(rows)}`);
      keep(k, id, rows[0]);
    };
    checkOne = (id, row) => common.checkRow(row);
  } else {
    const { BenchRow } = defineModels(db);
    op = async (k) => {
      const id = nextId();
      const inst = await BenchRow.findByPk(id);
      if (inst === null || inst.id !== id) throw new Error(`findByPk(${id}) returned ${JSON.stringify(inst)}`);
      keep(k, id, inst);
    };
    checkOne = (id, inst) => common.checkInstance(inst, BenchRow, id);
  }
  const { W, N, result } = await opLoop(warmup, ops, op);
  if (W + N !== total) throw new Error(`ran ${W + N} calls, expected ${total}`);
  for (const [id, r] of sample) checkOne(id, r);
  return { ...result, counts: { warmup: W, ops: N, seed, checked: sample.length } };
}

/** Drops and re-creates bench_writes through the implementation under test (untimed). */
async function resetWriteTable(db) {
  for (const sql of common.WRITE_TABLE_RESET) await db.exec(sql);
}

/** Row count and a value-by-value check of ids `ids` read back from bench_writes (untimed). */
async function checkWritten(db, expectedCount, ids) {
  const c = db.rowsOf(await db.q(`SELECT count(*)::int AS n, min(id) AS lo, max(id) AS hi FROM "${common.WRITE_TABLE}"`))[0];
  if (c.n !== expectedCount || c.lo !== 1 || c.hi !== expectedCount) {
    throw new Error(`bench_writes holds ${JSON.stringify(c)}, expected ${expectedCount} rows with ids 1..${expectedCount}`);
  }
  const cols = common.COLUMNS.map((x) => `"${x}"`).join(', ');
  const rows = db.rowsOf(await db.q(`SELECT ${cols} FROM "${common.WRITE_TABLE}" WHERE id IN (${ids.join(',')}) ORDER BY id`));
  if (rows.length !== ids.length) throw new Error(`read back ${rows.length} of ${ids.length} sampled rows`);
  for (const r of rows) common.checkRow(r);
}

// create-seq: sequential BenchWrite.create(row) into a fresh bench_writes (pg: Sequelize's
// parameterised INSERT … RETURNING). The k-th row gets id k and equals rowFor(k).
async function createSeq(db, impl) {
  const { warmup, ops } = common.COUNTS['create-seq'];
  await resetWriteTable(db);
  const total = common.scaled(warmup) + common.scaled(ops);
  const input = [null];
  for (let k = 1; k <= total; k++) input.push(common.writeValues(k)); // generated untimed
  const sample = [];
  let op;
  let checkOne;
  if (impl === 'pg') {
    op = async (k) => {
      const { rows } = await db.client.query(common.INSERT_ONE_SQL, common.insertParams(input[k]));
      if (rows.length !== 1 || rows[0].id !== k) throw new Error(`insert ${k}: got ${JSON.stringify(rows)}`);
      if (sampled(k, total)) sample.push([k, rows[0]]);
    };
    checkOne = (k, row) => common.checkRow(row);
  } else {
    const { BenchWrite } = defineModels(db);
    op = async (k) => {
      const inst = await BenchWrite.create(input[k]);
      if (!inst || inst.id !== k) throw new Error(`create #${k} returned id ${inst && JSON.stringify(inst.id)}, expected ${k}`);
      if (sampled(k, total)) sample.push([k, inst]);
    };
    checkOne = (k, inst) => common.checkInstance(inst, BenchWrite, k);
  }
  const { W, N, result } = await opLoop(warmup, ops, op);
  if (W + N !== total) throw new Error(`ran ${W + N} creates, expected ${total}`);
  for (const [k, r] of sample) checkOne(k, r);
  for (let k = 1; k <= total; k++) {
    const v = input[k];
    if ('id' in v) throw new Error(`the input row of create #${k} was given an id (${JSON.stringify(v.id)})`);
  }
  await checkWritten(db, total, sample.map(([k]) => k));
  return { ...result, counts: { warmup: W, ops: N, checked: sample.length } };
}

// bulkcreate-10k: BenchWrite.bulkCreate(10,000 rows) into an emptied bench_writes (pg: Sequelize's
// literal multi-row INSERT … RETURNING, built inside the timed section). 1 warm-up + N timed.
async function bulkCreate10k(db, impl) {
  const { warmup, iterations, rows: R } = common.COUNTS['bulkcreate-10k'];
  const I = common.scaled(iterations);
  await resetWriteTable(db);
  const BenchWrite = impl === 'pg' ? null : defineModels(db).BenchWrite;
  const ms = [];
  const cpuMsList = [];
  for (let it = -warmup; it < I; it++) {
    await db.exec(common.WRITE_TABLE_EMPTY); // untimed; ids restart at 1
    const input = [];
    for (let k = 1; k <= R; k++) input.push(common.writeValues(k)); // fresh rows, untimed
    let out;
    const c0 = process.cpuUsage();
    const t0 = nowMs();
    if (impl === 'pg') out = (await db.client.query(common.bulkInsertSql(input))).rows;
    else out = await BenchWrite.bulkCreate(input);
    const t1 = nowMs();
    const cpu = process.cpuUsage(c0);
    // Validation (untimed): R results, ids 1..R in input order, a sample value by value.
    if (!Array.isArray(out) || out.length !== R) throw new Error(`returned ${out && out.length} rows, expected ${R}`);
    for (let i = 0; i < R; i++) {
      const id = impl === 'pg' ? out[i].id : out[i] && out[i].id;
      if (id !== i + 1) throw new Error(`result ${i}: id ${JSON.stringify(id)}, expected ${i + 1}`);
    }
    for (let i = 0; i < R; i += 97) {
      if (impl === 'pg') common.checkRow(out[i]);
      else common.checkInstance(out[i], BenchWrite, i + 1);
    }
    if (impl === 'pg') common.checkRow(out[R - 1]);
    else common.checkInstance(out[R - 1], BenchWrite, R);
    if (input.some((v) => 'id' in v)) throw new Error('bulkCreate gave the input rows an id (Sequelize leaves them alone)');
    out = null;
    if (it >= 0) {
      ms.push(t1 - t0);
      cpuMsList.push((cpu.user + cpu.system) / 1000);
    }
  }
  const ids = [];
  for (let k = 1; k <= R; k += 89) ids.push(k);
  ids.push(R);
  await checkWritten(db, R, [...new Set(ids)]);
  return {
    primary: 'ms',
    metrics: { ms: median(ms), cpu_ms: median(cpuMsList), rows_per_s: R / (median(ms) / 1000) },
    samples: { ms, cpu_ms: cpuMsList },
    counts: { warmup, iterations: I, rows: R },
  };
}

// ------------------------------------------------------------------------- setup (pg)

async function setup() {
  const reseed = flags.includes('--reseed');
  const pg = require(common.implModulePath('pg'));
  const client = new pg.Client({ connectionString: uri(), ssl: common.pgSsl() });
  await client.connect();
  const t0 = nowMs();
  try {
    const { rows } = await client.query(
      `SELECT to_regclass($1) IS NOT NULL AS present,
              obj_description(to_regclass($1), 'pg_class') AS marker`,
      [common.TABLE],
    );
    let present = rows[0].present && rows[0].marker === common.TABLE_MARKER;
    if (present && !reseed) {
      const c = await client.query(`SELECT count(*)::int AS n FROM ${common.TABLE}`);
      present = c.rows[0].n === common.N_ROWS;
    }
    if (present && !reseed) return { created: false, ms: nowMs() - t0 };
    await client.query(`DROP TABLE IF EXISTS ${common.TABLE}`);
    await client.query(`CREATE TABLE ${common.TABLE} (
      id integer PRIMARY KEY,
      s1 varchar(255),
      s2 varchar(255),
      s3 varchar(255),
      n integer,
      big bigint,
      dbl double precision,
      flag boolean,
      ts timestamptz,
      doc jsonb
    )`);
    const BATCH = 1000;
    for (let from = 1; from <= common.N_ROWS; from += BATCH) {
      const params = [];
      const tuples = [];
      for (let id = from; id < from + BATCH && id <= common.N_ROWS; id++) {
        const r = common.rowFor(id);
        const base = params.length;
        params.push(r.id, r.s1, r.s2, r.s3, r.n, r.big, r.dbl, r.flag, r.ts.toISOString(), JSON.stringify(r.doc));
        tuples.push(`(${Array.from({ length: 10 }, (_, k) => `$${base + k + 1}`).join(',')})`);
      }
      await client.query(`INSERT INTO ${common.TABLE} VALUES ${tuples.join(',')}`, params);
    }
    await client.query(`COMMENT ON TABLE ${common.TABLE} IS '${common.TABLE_MARKER}'`);
    await client.query(`VACUUM ANALYZE ${common.TABLE}`);
    return { created: true, ms: nowMs() - t0 };
  } finally {
    await client.end();
  }
}

// ------------------------------------------------------------------------- main

const RUNNERS = {
  'select1-seq': { pool: false, run: select1Seq },
  'select1-par': { pool: true, run: select1Par },
  'select-10k': { pool: false, run: select10k },
  'findall-10k': { pool: false, run: findAll10k },
  'findone-pk': { pool: false, run: findOnePk },
  'create-seq': { pool: false, run: createSeq },
  'bulkcreate-10k': { pool: false, run: bulkCreate10k },
};

async function main() {
  const base = {
    impl,
    workload,
    pid: process.pid,
    node: process.version,
    scale: common.scale(),
    loadavg_start: loadavgStart,
  };
  if (workload === 'setup') {
    const r = await setup();
    return { ...base, ok: true, ...r };
  }
  if (!common.IMPLS.includes(impl)) throw new Error(`unknown implementation ${impl}`);
  const spec = RUNNERS[workload];
  if (!spec) throw new Error(`unknown workload ${workload} (worker runs ${Object.keys(RUNNERS).join(', ')})`);
  const db = await open(impl, { pool: spec.pool });
  const rssAfterOpen = process.memoryUsage().rss;
  const result = await spec.run(db, impl);
  const tls = await serverSsl(db);
  await db.close();
  if (!tls || tls.ssl !== true) throw new Error(`connection is not TLS: pg_stat_ssl says ${JSON.stringify(tls)}`);
  const usage = process.resourceUsage();
  return {
    ...base,
    ok: true,
    impl_version: common.implVersion(impl),
    ...result,
    server_ssl: tls,
    require_ms: db.requireMs,
    rss_after_open_mb: rssAfterOpen / 2 ** 20,
    maxrss_mb: usage.maxRSS / 1024,
    process_cpu: cpuMs(process.cpuUsage()),
    loadavg_end: os.loadavg(),
  };
}

// Exit as soon as the line is out: a lingering handle must not stall the suite (cold-start, timed
// by run.js, is where a slow or hanging exit shows).
function finish(out, code) {
  process.stdout.write(`${JSON.stringify(out)}\n`, () => process.exit(code));
}

main().then(
  (out) => finish(out, 0),
  (err) => finish({ impl, workload, ok: false, error: String((err && err.stack) || err), loadavg_start: loadavgStart }, 1),
);
