'use strict';
// One measurement in a fresh process: `node worker.js <impl> <workload>`; prints ONE JSON line.
//   impl:     sequelize-rs | sequelize | pg
//   workload: select1-seq | select1-par | select-10k   (cold-start is timed by run.js itself)
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
 * Opens `impl` and returns {q(sql) → Promise<rows>, close(), serverSsl()}.
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
      close: () => client.end(),
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
    close: () => sequelize.close(),
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

async function select10k(db) {
  const { warmup, iterations } = common.COUNTS['select-10k'];
  const I = common.scaled(iterations);
  const expected = common.expectedTouch(); // computed before any timing
  const want = JSON.stringify(expected);
  const fetch = [];
  const touch = [];
  const fetchCpu = [];
  let rows;
  for (let it = -warmup; it < I; it++) {
    rows = null;
    const c0 = process.cpuUsage();
    const t0 = nowMs();
    rows = db.rowsOf(await db.q(common.SELECT_10K_SQL));
    const t1 = nowMs();
    const cpu = process.cpuUsage(c0);
    const sums = common.touchRows(rows);
    const t2 = nowMs();
    if (rows.length !== common.N_ROWS) throw new Error(`got ${rows.length} rows, expected ${common.N_ROWS}`);
    const got = JSON.stringify(sums);
    if (got !== want) throw new Error(`column sums ${got}, expected ${want}`);
    if (it >= 0) {
      fetch.push(t1 - t0);
      touch.push(t2 - t1);
      fetchCpu.push((cpu.user + cpu.system) / 1000);
    }
  }
  // Full value-by-value check of a sample of rows (untimed).
  for (let i = 0; i < rows.length; i += 97) common.checkRow(rows[i]);
  common.checkRow(rows[rows.length - 1]);
  const total = fetch.map((f, i) => f + touch[i]);
  return {
    primary: 'fetch_ms',
    metrics: {
      fetch_ms: median(fetch),
      touch_ms: median(touch),
      total_ms: median(total),
      fetch_cpu_ms: median(fetchCpu),
    },
    samples: { fetch_ms: fetch, touch_ms: touch, fetch_cpu_ms: fetchCpu },
    counts: { warmup, iterations: I, rows: common.N_ROWS },
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
  const result = await spec.run(db);
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
