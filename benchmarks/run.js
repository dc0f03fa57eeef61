#!/usr/bin/env node
'use strict';
// Benchmark suite: sequelize-rs (this repository) vs Sequelize v6 vs pg. See README.md.
//
//   node benchmarks/run.js [--runs N] [--workloads a,b] [--impls sequelize-rs,sequelize,pg]
//                          [--cold-runs N] [--probe-ms MS] [--out FILE] [--reseed]
//   node benchmarks/run.js --summarize benchmarks/results/<file>.jsonl
//
// One fresh child process per (implementation, workload, run); within a run the implementations
// of a workload run back to back, in an order rotated every run. Each child prints one JSON line
// (worker.js); cold-start is timed here, around spawn → exit of `node -e "…"`.
// Markdown report on stdout, progress on stderr, every record in benchmarks/results/<time>.jsonl.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const common = require('./lib/common');
const { report, DEFS } = require('./lib/report');

const WORKER = path.join(__dirname, 'worker.js');
const PG_TEST_SH = path.join(common.REPO_DIR, 'scripts', 'pg-test.sh');

// ------------------------------------------------------------------------- arguments

function usage(code) {
  process.stderr.write(`usage: node benchmarks/run.js [options]
  --runs N            runs per workload (default 5)
  --workloads LIST    comma-separated, from ${common.WORKLOADS.join(',')} (default: all)
  --impls LIST        comma-separated, from ${common.IMPLS.join(',')} (default: all)
  --cold-runs N       cold-start rounds (default max(runs, 10 × BENCH_SCALE rounded, ≥ 1))
  --probe-ms MS       measure the machine's CPU busy % for MS before each process (default 300; 0 = off)
  --out FILE          results file (default benchmarks/results/<timestamp>.jsonl)
  --reseed            re-create and re-seed bench_rows (the write workloads always re-create bench_writes)
  --summarize FILE    print the report of an existing results file and exit
env: DATABASE_URL (default: the local test server, started if needed), BENCH_SCALE (loop-count
multiplier, e.g. 0.05 for a smoke test), SEQUELIZE_RS_PATH (addon package dir, default the repo)
`);
  process.exit(code);
}

function parseArgs(argv) {
  const o = { runs: 5, workloads: common.WORKLOADS, impls: common.IMPLS, coldRuns: null, probeMs: 300, out: null, reseed: false, summarize: null };
  const list = (v, allowed, what) => {
    const xs = String(v).split(',').map((s) => s.trim()).filter(Boolean);
    for (const x of xs) if (!allowed.includes(x)) throw new Error(`unknown ${what} '${x}' (${allowed.join(', ')})`);
    return xs;
  };
  const int = (v, what, min) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`${what} must be an integer ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const val = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--runs': o.runs = int(val(), '--runs', 1); break;
      case '--workloads': o.workloads = list(val(), common.WORKLOADS, 'workload'); break;
      case '--impls': o.impls = list(val(), common.IMPLS, 'implementation'); break;
      case '--cold-runs': o.coldRuns = int(val(), '--cold-runs', 1); break;
      case '--probe-ms': o.probeMs = int(val(), '--probe-ms', 0); break;
      case '--out': o.out = path.resolve(val()); break;
      case '--reseed': o.reseed = true; break;
      case '--summarize': o.summarize = path.resolve(val()); break;
      case '-h': case '--help': usage(0); break;
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  // Keep the canonical workload order (cold-start last).
  o.workloads = common.WORKLOADS.filter((w) => o.workloads.includes(w));
  if (o.coldRuns === null) o.coldRuns = Math.max(o.runs, Math.max(1, Math.round(common.COUNTS['cold-start'].rounds * common.scale())));
  return o;
}

// ------------------------------------------------------------------------- environment

function log(msg) {
  process.stderr.write(`${msg}\n`);
}

/** DATABASE_URL, else the local test server's app URL (starting the server when it is not running). */
function databaseUrl() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, source: 'DATABASE_URL' };
  const status = spawnSync('bash', [PG_TEST_SH, 'status'], { encoding: 'utf8' });
  if (status.status !== 0) {
    log('[bench] local test server not running: bash scripts/pg-test.sh start');
    const start = spawnSync('bash', [PG_TEST_SH, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (start.status !== 0) throw new Error('scripts/pg-test.sh start failed');
  }
  const env = spawnSync('bash', [PG_TEST_SH, 'env'], { encoding: 'utf8' });
  if (env.status !== 0) throw new Error(`scripts/pg-test.sh env failed: ${env.stderr}`);
  return { url: JSON.parse(env.stdout).urls.app, source: 'local test server (scripts/pg-test.sh)' };
}

/** Section names of an ELF file (to tell a debug build from a stripped release build). */
function elfSectionNames(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const read = (pos, len) => {
      const b = Buffer.alloc(len);
      fs.readSync(fd, b, 0, len, pos);
      return b;
    };
    const h = read(0, 64);
    if (h.readUInt32BE(0) !== 0x7f454c46 || h[4] !== 2 || h[5] !== 1) return null; // ELF64 LE only
    const shoff = Number(h.readBigUInt64LE(0x28));
    const shentsize = h.readUInt16LE(0x3a);
    const shnum = h.readUInt16LE(0x3c);
    const shstrndx = h.readUInt16LE(0x3e);
    const sh = read(shoff, shentsize * shnum);
    const strOff = Number(sh.readBigUInt64LE(shstrndx * shentsize + 0x18));
    const strSize = Number(sh.readBigUInt64LE(shstrndx * shentsize + 0x20));
    const strtab = read(strOff, strSize);
    const names = [];
    for (let i = 0; i < shnum; i++) {
      const at = sh.readUInt32LE(i * shentsize);
      names.push(strtab.toString('latin1', at, strtab.indexOf(0, at)));
    }
    return names;
  } finally {
    fs.closeSync(fd);
  }
}

function addonInfo() {
  try {
    const dir = common.SEQUELIZE_RS_PATH;
    const file = process.env.NAPI_RS_NATIVE_LIBRARY_PATH ||
      fs.readdirSync(dir).filter((f) => f.endsWith('.node')).map((f) => path.join(dir, f))[0];
    if (!file) return { build: 'not built' };
    const st = fs.statSync(file);
    const names = elfSectionNames(file);
    let build = 'unknown';
    if (names) build = names.includes('.debug_info') ? 'debug' : names.includes('.symtab') ? 'release (not stripped)' : 'release';
    return { file, size_mb: st.size / 2 ** 20, mtime: st.mtime.toISOString(), build };
  } catch (err) {
    return { build: `unknown (${err.message})` };
  }
}

/** % of all CPU time not idle over `ms` (nothing of ours running): other tenants, the server. */
async function cpuBusyPct(ms) {
  if (!ms) return null;
  const sample = () => {
    try {
      const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      const idle = f[3] + (f[4] || 0);
      const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
      return { idle, total };
    } catch (_) {
      return null;
    }
  };
  const a = sample();
  await new Promise((r) => setTimeout(r, ms));
  const b = sample();
  if (!a || !b || b.total === a.total) return null;
  return (100 * (b.total - a.total - (b.idle - a.idle))) / (b.total - a.total);
}

// ------------------------------------------------------------------------- children

function runChild(args, env, timeoutMs) {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let exitAt = null;
    let timedOut = false;
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: common.BENCH_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', () => { exitAt = process.hrtime.bigint(); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const end = exitAt || process.hrtime.bigint();
      resolve({ code, signal, timedOut, stdout, stderr, wallMs: Number(end - t0) / 1e6 });
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, timedOut, stdout, stderr: `${stderr}${err.stack}`, wallMs: NaN });
    });
  });
}

function lastJsonLine(text) {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].startsWith('{')) {
      try {
        return JSON.parse(lines[i]);
      } catch (_) {
        /* keep looking */
      }
    }
  }
  return null;
}

function failure(r, what) {
  const why = r.timedOut ? 'timed out' : r.signal ? `killed by ${r.signal}` : `exit code ${r.code}`;
  const tail = r.stderr.trim().split('\n').slice(-5).join(' | ');
  return `${what}: ${why}${tail ? `; stderr: ${tail}` : ''}`;
}

async function measureWorker(impl, workload, env) {
  const r = await runChild([WORKER, impl, workload], env, 15 * 60 * 1000);
  const rec = lastJsonLine(r.stdout);
  if (rec && rec.ok && r.code === 0) return { ...rec, child_wall_ms: r.wallMs };
  return {
    impl,
    workload,
    ok: false,
    error: (rec && rec.error) || failure(r, 'worker failed'),
    child_wall_ms: r.wallMs,
  };
}

// Cold start: the whole process, timed from here. The code is minimal on purpose (what an app does).
const COLD_DONE =
  'const c=process.cpuUsage();process.stdout.write(JSON.stringify({ok:true,cpu_ms:(c.user+c.system)/1000,' +
  'maxrss_mb:process.resourceUsage().maxRSS/1024,in_process_ms:performance.now()})+"\\n")';
const COLD_FAIL = '.catch(e=>{console.error(e&&e.stack||e);process.exit(1)})';
function coldCode(impl) {
  const p = JSON.stringify(common.implModulePath(impl));
  if (impl === 'pg') {
    return `const pg=require(${p});` +
      'const c=new pg.Client({connectionString:process.env.BENCH_URL,ssl:{rejectUnauthorized:false}});' +
      "c.connect().then(()=>c.query('SELECT 1 AS x')).then(r=>{" +
      "if(r.rows.length!==1||r.rows[0].x!==1)throw new Error('bad result '+JSON.stringify(r.rows));return c.end()})" +
      `.then(()=>{${COLD_DONE}})${COLD_FAIL}`;
  }
  return `const m=require(${p});const S=m.Sequelize||m;` +
    'const s=new S(process.env.BENCH_URL,{logging:false,pool:{max:10},dialectOptions:{ssl:{require:true,rejectUnauthorized:false}}});' +
    "s.authenticate().then(()=>s.query('SELECT 1 AS x',{type:S.QueryTypes.SELECT})).then(r=>{" +
    "if(!Array.isArray(r)||r.length!==1||r[0].x!==1)throw new Error('bad result '+JSON.stringify(r));return s.close()})" +
    `.then(()=>{${COLD_DONE}})${COLD_FAIL}`;
}

async function measureCold(impl, env) {
  const loadavgStart = os.loadavg();
  const r = await runChild(['-e', coldCode(impl)], env, 2 * 60 * 1000);
  const rec = lastJsonLine(r.stdout);
  if (!(rec && rec.ok && r.code === 0)) {
    return { impl, workload: 'cold-start', ok: false, error: failure(r, 'cold-start process failed'), loadavg_start: loadavgStart };
  }
  return {
    impl,
    workload: 'cold-start',
    ok: true,
    impl_version: common.implVersion(impl),
    primary: 'wall_ms',
    metrics: { wall_ms: r.wallMs, cpu_ms: rec.cpu_ms, in_process_ms: rec.in_process_ms },
    maxrss_mb: rec.maxrss_mb,
    loadavg_start: loadavgStart,
  };
}

function rotate(xs, k) {
  const n = xs.length;
  return xs.map((_, i) => xs[(i + k) % n]);
}

function brief(rec) {
  if (!rec.ok) return `FAILED: ${String(rec.error).split('\n')[0].slice(0, 200)}`;
  const def = DEFS[rec.workload];
  return def.metrics
    .filter((m) => rec.metrics && Number.isFinite(rec.metrics[m.key]))
    .slice(0, 2)
    .map((m) => `${rec.metrics[m.key].toFixed(2)} ${m.label}`)
    .join(', ');
}

// ------------------------------------------------------------------------- main

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    log(`error: ${err.message} (--help for usage)`);
    return 2;
  }
  if (opts.summarize) {
    const recs = fs.readFileSync(opts.summarize, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    process.stdout.write(report(recs));
    return 0;
  }

  const db = databaseUrl();
  const url = common.stripTlsParams(db.url);
  const childEnv = { ...process.env, BENCH_URL: url, BENCH_SCALE: String(common.scale()) };
  const started = new Date();
  const outFile = opts.out ||
    path.join(common.BENCH_DIR, 'results', `${started.toISOString().replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z')}.jsonl`);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const records = [];
  const write = (rec) => {
    records.push(rec);
    fs.appendFileSync(outFile, `${JSON.stringify(rec)}\n`);
  };

  const meta = {
    type: 'meta',
    started: started.toISOString(),
    runs: opts.runs,
    cold_runs: opts.workloads.includes('cold-start') ? opts.coldRuns : 0,
    workloads: opts.workloads,
    impls: opts.impls,
    scale: common.scale(),
    counts: common.COUNTS,
    database: common.redactUri(url),
    database_source: db.source,
    versions: Object.fromEntries(opts.impls.map((i) => [i, common.implVersion(i)])),
    addon: opts.impls.includes('sequelize-rs') ? addonInfo() : undefined,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpu_model: (os.cpus()[0] || {}).model,
    mem_gb: Math.round(os.totalmem() / 2 ** 30),
    loadavg_start: os.loadavg(),
    uptime: spawnSync('uptime', { encoding: 'utf8' }).stdout?.trim(),
  };
  write(meta);
  log(`[bench] ${meta.database} (${db.source}); results → ${path.relative(process.cwd(), outFile)}`);
  if (meta.addon) log(`[bench] addon: ${meta.addon.file} — ${meta.addon.build} build`);
  if (meta.addon && meta.addon.build === 'debug') log('[bench] WARNING: debug build of the addon; run `npm run build` for meaningful numbers');
  log(`[bench] ${meta.uptime}`);

  if (opts.workloads.some((w) => common.NEEDS_BENCH_ROWS.includes(w))) {
    const s = await runChild([WORKER, 'pg', 'setup', ...(opts.reseed ? ['--reseed'] : [])], childEnv, 5 * 60 * 1000);
    const rec = lastJsonLine(s.stdout);
    if (!(rec && rec.ok)) throw new Error((rec && rec.error) || failure(s, 'setup failed'));
    write({ type: 'setup', ...rec });
    log(`[bench] setup: bench_rows ${rec.created ? `created and seeded in ${rec.ms.toFixed(0)} ms` : 'already seeded'}`);
  }

  const one = async (run, slot, impl, workload, extra = {}) => {
    const busy = await cpuBusyPct(opts.probeMs);
    const parent = { loadavg_before: os.loadavg(), cpu_busy_pct: busy, at: new Date().toISOString() };
    const rec = workload === 'cold-start' ? await measureCold(impl, childEnv) : await measureWorker(impl, workload, childEnv);
    const full = { type: 'result', run, slot, ...extra, ...rec, parent };
    write(full);
    return full;
  };

  let failures = 0;
  const batchWorkloads = opts.workloads.filter((w) => w !== 'cold-start');
  for (let run = 1; run <= opts.runs && batchWorkloads.length; run++) {
    for (const workload of batchWorkloads) {
      const order = rotate(opts.impls, run - 1);
      for (let slot = 0; slot < order.length; slot++) {
        const rec = await one(run, slot, order[slot], workload);
        if (!rec.ok) failures++;
        log(`[run ${run}/${opts.runs}] ${workload} ${order[slot]}: ${brief(rec)} (load ${rec.parent.loadavg_before[0].toFixed(2)})`);
      }
    }
  }
  if (opts.workloads.includes('cold-start')) {
    // Round 0 warms the page cache and is not counted.
    for (let round = 0; round <= opts.coldRuns; round++) {
      const order = rotate(opts.impls, round);
      for (let slot = 0; slot < order.length; slot++) {
        const rec = await one(round, slot, order[slot], 'cold-start', round === 0 ? { warmup: true } : {});
        if (!rec.ok && round > 0) failures++;
        log(`[cold ${round === 0 ? 'warm-up' : `${round}/${opts.coldRuns}`}] ${order[slot]}: ${brief(rec)}`);
      }
    }
  }

  process.stdout.write(report(records));
  log(`[bench] results: ${outFile}${failures ? `; ${failures} failed measurement(s)` : ''}`);
  return failures ? 1 : 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (err) => {
    log(`[bench] ${err.stack || err}`);
    process.exitCode = 2;
  },
);
