'use strict';
// Turns result records (the JSONL run.js writes) into Markdown: per workload, each
// implementation's median [min–max], the ratios taken pair by pair within a run, and the issue's
// targets.

const SUBJECT = 'sequelize-rs';

// Per workload: metrics (first = headline) and the targets from the issue. A target is on the
// speed-up of sequelize-rs over another implementation (other's time ÷ sequelize-rs's time, or
// sequelize-rs's throughput ÷ other's): `min` is the speed-up required. A metric with `top: true`
// is a field of the record itself (`maxrss_mb`), not of `metrics`; it already has its own column
// in the per-implementation table, so it appears only in the paired table (for peak RSS the
// "speed-up" is other's RSS ÷ sequelize-rs's: ≥ 1 means sequelize-rs peaks no higher).
const DEFS = {
  'select1-seq': {
    title: 'sequential `SELECT 1` — one connection, one query at a time',
    metrics: [
      { key: 'us_per_query', label: 'µs/query', better: 'lower' },
      { key: 'cpu_us_per_query', label: 'client CPU µs/query', better: 'lower' },
    ],
    targets: [
      { metric: 'us_per_query', vs: 'sequelize', min: 1 / 0.8, text: 'latency ≤ 0.8× Sequelize' },
      { metric: 'us_per_query', vs: 'pg', min: 1, text: 'latency ≤ pg' },
    ],
  },
  'select1-par': {
    title: 'parallel `SELECT 1` — 32 in flight, pool max 10',
    metrics: [
      { key: 'qps', label: 'queries/s', better: 'higher' },
      { key: 'cpu_us_per_query', label: 'client CPU µs/query', better: 'lower' },
    ],
    targets: [{ metric: 'qps', vs: 'sequelize', min: 2.5, text: 'throughput ≥ 2.5× Sequelize' }],
  },
  'select-10k': {
    title: 'raw 10,000-row × 10-column SELECT (`type: SELECT`; pg: plain rows) — median of the timed iterations',
    metrics: [
      { key: 'fetch_ms', label: 'fetch ms', better: 'lower' },
      { key: 'touch_ms', label: 'touch ms', better: 'lower' },
      { key: 'total_ms', label: 'fetch + touch ms', better: 'lower' },
      { key: 'fetch_cpu_ms', label: 'client CPU ms (fetch)', better: 'lower' },
    ],
    targets: [
      { metric: 'fetch_ms', vs: 'sequelize', min: 2.5, text: '≥ 2.5× faster than Sequelize' },
      { metric: 'fetch_ms', vs: 'pg', min: 2, text: '≥ 2× faster than pg' },
      { metric: 'total_ms', vs: 'sequelize', min: 2.5, text: '≥ 2.5× faster than Sequelize (incl. reading every value)' },
      { metric: 'total_ms', vs: 'pg', min: 2, text: '≥ 2× faster than pg (incl. reading every value)' },
    ],
  },
  'findall-10k': {
    title: '`BenchRow.findAll()` of the 10,000-row table into model instances (pg: the same SQL → plain rows); touch = then reading every attribute of every instance through its getters — median of the timed iterations',
    metrics: [
      { key: 'fetch_ms', label: 'fetch ms', better: 'lower' },
      { key: 'touch_ms', label: 'touch ms', better: 'lower' },
      { key: 'total_ms', label: 'fetch + touch ms', better: 'lower' },
      { key: 'fetch_cpu_ms', label: 'client CPU ms (fetch)', better: 'lower' },
      { key: 'maxrss_mb', label: 'peak RSS MB', better: 'lower', top: true },
    ],
    targets: [
      { metric: 'fetch_ms', vs: 'sequelize', min: 4, text: '≥ 4× faster than Sequelize' },
      { metric: 'fetch_ms', vs: 'pg', min: 2, text: '≥ 2× faster than pg (plain objects)' },
      { metric: 'total_ms', vs: 'sequelize', min: 4, text: '≥ 4× faster than Sequelize (incl. reading every attribute)' },
      { metric: 'total_ms', vs: 'pg', min: 2, text: '≥ 2× faster than pg (incl. reading every attribute)' },
      { metric: 'maxrss_mb', vs: 'sequelize', min: 1, text: 'peak RSS ≤ Sequelize\'s' },
    ],
  },
  'findone-pk': {
    title: 'sequential `BenchRow.findByPk(random id)` (fixed seed; pg: the same SELECT, id inlined, one `pg.Client`)',
    metrics: [
      { key: 'us_per_op', label: 'µs/op', better: 'lower' },
      { key: 'cpu_us_per_op', label: 'client CPU µs/op', better: 'lower' },
    ],
    targets: [{ metric: 'us_per_op', vs: 'pg', min: 1, text: 'per call no slower than pg' }],
  },
  'create-seq': {
    title: 'sequential `BenchWrite.create(row)` into a fresh table (pg: Sequelize\'s parameterised `INSERT … RETURNING`)',
    metrics: [
      { key: 'us_per_op', label: 'µs/op', better: 'lower' },
      { key: 'cpu_us_per_op', label: 'client CPU µs/op', better: 'lower' },
    ],
    targets: [{ metric: 'us_per_op', vs: 'pg', min: 1, text: 'per call no slower than pg' }],
  },
  'bulkcreate-10k': {
    title: '`BenchWrite.bulkCreate(10,000 rows)` into an emptied table (pg: Sequelize\'s literal multi-row `INSERT … RETURNING`, built in the timed section) — median of the timed iterations',
    metrics: [
      { key: 'ms', label: 'ms', better: 'lower' },
      { key: 'cpu_ms', label: 'client CPU ms', better: 'lower' },
    ],
    targets: [{ metric: 'ms', vs: 'sequelize', min: 3, text: '≥ 3× faster than Sequelize' }],
  },
  'cold-start': {
    title: 'whole-process cold start — `node -e` require + connect/authenticate + one query + close, spawn → exit',
    metrics: [
      { key: 'wall_ms', label: 'wall ms', better: 'lower' },
      { key: 'cpu_ms', label: 'process CPU ms', better: 'lower' },
      { key: 'in_process_ms', label: 'ms in process (start → closed)', better: 'lower' },
    ],
    targets: [{ metric: 'wall_ms', vs: 'pg', min: 1, text: 'cold start ≤ pg' }],
  },
};

// ------------------------------------------------------------------------- numbers

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function stats(xs) {
  const v = xs.filter((x) => Number.isFinite(x));
  if (v.length === 0) return null;
  return { median: median(v), min: Math.min(...v), max: Math.max(...v), n: v.length };
}
function num(x) {
  if (!Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}
function fmtStats(s, f = num, suffix = '') {
  if (!s) return '–';
  if (s.n === 1) return `${f(s.median)}${suffix}`;
  return `${f(s.median)}${suffix} [${f(s.min)}–${f(s.max)}]`;
}
function ratio(x) {
  return Number.isFinite(x) ? x.toFixed(2) : '–';
}

// ------------------------------------------------------------------------- report

/** Time ratio sequelize-rs ÷ other for one metric (throughput inverted): < 1 = sequelize-rs faster. */
function timeRatio(def, subjectValue, otherValue) {
  return def.better === 'higher' ? otherValue / subjectValue : subjectValue / otherValue;
}

function measurements(records) {
  return records.filter((r) => r.type === 'result' && !r.warmup);
}

/** The value of metric `def` in record `r` (top-level field or `metrics` entry). */
function metricValue(r, def) {
  if (def.top) return r[def.key];
  return r.metrics && r.metrics[def.key];
}

function pairedRatios(okRecs, def, other) {
  // One ratio per run (cold-start: per round) where both implementations succeeded.
  const byRun = new Map();
  for (const r of okRecs) {
    if (!byRun.has(r.run)) byRun.set(r.run, {});
    byRun.get(r.run)[r.impl] = r;
  }
  const out = [];
  for (const pair of byRun.values()) {
    const a = pair[SUBJECT];
    const b = pair[other];
    if (!a || !b) continue;
    const x = metricValue(a, def);
    const y = metricValue(b, def);
    if (Number.isFinite(x) && Number.isFinite(y) && x > 0 && y > 0) out.push(timeRatio(def, x, y));
  }
  return out;
}

function workloadSection(workload, recs, impls, verdicts) {
  const spec = DEFS[workload];
  const lines = [];
  lines.push(`### ${workload} — ${spec.title}`);
  lines.push('');
  const ok = recs.filter((r) => r.ok);
  const failed = recs.filter((r) => !r.ok);
  const present = impls.filter((i) => recs.some((r) => r.impl === i));
  const counts = ok.find((r) => r.counts);
  if (counts) lines.push(`Counts: ${Object.entries(counts.counts).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  if (workload === 'cold-start') {
    const rounds = new Set(recs.map((r) => r.run)).size;
    lines.push(`${rounds} round(s) after 1 uncounted warm-up round; wall time measured by the parent from spawn() to the child's exit.`);
  }
  lines.push('');

  // Per implementation.
  const tableMetrics = spec.metrics.filter((m) => !m.top);
  const head = ['impl', ...tableMetrics.map((m) => `${m.label} (${m.better} is better)`), 'peak RSS MB', 'runs ok'];
  lines.push(`| ${head.join(' | ')} |`);
  lines.push(`|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const impl of present) {
    const mine = ok.filter((r) => r.impl === impl);
    const all = recs.filter((r) => r.impl === impl);
    const cells = tableMetrics.map((m) => fmtStats(stats(mine.map((r) => metricValue(r, m)))));
    cells.push(fmtStats(stats(mine.map((r) => r.maxrss_mb))));
    cells.push(`${mine.length}/${all.length}`);
    lines.push(`| ${impl} | ${cells.join(' | ')} |`);
  }
  lines.push('');

  // Paired ratios.
  const others = present.filter((i) => i !== SUBJECT);
  if (present.includes(SUBJECT) && others.length) {
    lines.push('| paired per run | metric | time ratio (< 1: sequelize-rs faster) | speed-up | target | met (median) |');
    lines.push('|---|---|---:|---:|---|---|');
    for (const other of others) {
      for (const m of spec.metrics) {
        const rs = pairedRatios(ok, m, other);
        const t = stats(rs);
        const s = stats(rs.map((x) => 1 / x));
        const target = spec.targets.find((g) => g.metric === m.key && g.vs === other);
        let goal = '';
        let met = '';
        if (target) {
          goal = m.top
            ? `${target.text} (${other} ÷ ${SUBJECT} ≥ ${ratio(target.min)}×)`
            : `${target.text} (speed-up ≥ ${ratio(target.min)}×)`;
          met = s ? (s.median >= target.min ? '**yes**' : '**no**') : 'n/a';
          verdicts.push({ workload, target: target.text, vs: other, metric: m.label, speedup: s, met });
        }
        lines.push(`| ${SUBJECT} ÷ ${other} | ${m.label} | ${fmtStats(t, ratio, '×')} | ${fmtStats(s, ratio, '×')} | ${goal} | ${met} |`);
      }
    }
    lines.push('');
  }

  // Conditions.
  const load = stats(recs.map((r) => r.parent && r.parent.loadavg_before && r.parent.loadavg_before[0]));
  const busy = stats(recs.map((r) => r.parent && r.parent.cpu_busy_pct));
  const cond = [];
  if (load) cond.push(`load average (1 min) before each process ${fmtStats(load)}`);
  if (busy) cond.push(`CPU busy (all cores, nothing of ours running) just before each process ${fmtStats(busy, num, ' %')}`);
  if (cond.length) lines.push(`Conditions: ${cond.join('; ')}.`);
  const tls = [...new Set(ok.map((r) => r.server_ssl && `${r.impl}: ${r.server_ssl.version}`).filter(Boolean))];
  if (tls.length) lines.push(`TLS (pg_stat_ssl): ${tls.join(', ')}.`);
  if (failed.length) {
    lines.push('');
    lines.push(`**Failures (${failed.length})**:`);
    for (const r of failed) {
      const msg = String(r.error || 'unknown error').split('\n')[0].slice(0, 300);
      lines.push(`- ${r.impl}, run ${r.run}: ${msg}`);
    }
  }
  lines.push('');
  return lines.join('\n');
}

/** The Markdown report for the records of one results file (meta record first). */
function report(records) {
  const meta = records.find((r) => r.type === 'meta') || {};
  const res = measurements(records);
  const impls = meta.impls || [...new Set(res.map((r) => r.impl))];
  const workloads = (meta.workloads || Object.keys(DEFS)).filter((w) => res.some((r) => r.workload === w));
  const out = [];
  out.push(`## sequelize-rs benchmarks — ${meta.started || ''}`);
  out.push('');
  if (meta.started) {
    out.push(`- machine: ${meta.cpus} × ${meta.cpu_model}, ${meta.mem_gb} GiB, ${meta.platform}; Node ${meta.node}`);
    out.push(`- database: ${meta.database} (${meta.database_source}); TLS on for every implementation`);
    out.push(`- implementations: ${impls.map((i) => `${i} ${(meta.versions && meta.versions[i]) || ''}`.trim()).join(', ')}`);
    if (meta.addon) {
      const a = meta.addon;
      out.push(`- addon: ${a.file || '?'} (${a.size_mb ? `${a.size_mb.toFixed(1)} MB, ` : ''}built ${a.mtime || '?'}): ` +
        `**${a.build}**${a.build === 'debug' ? ' — numbers from a debug build are meaningless; `npm run build` first' : ''}`);
    }
    const cold = meta.cold_runs ? ` (cold-start: ${meta.cold_runs} round(s) after 1 warm-up round)` : '';
    out.push(`- runs: ${meta.runs}${cold}, BENCH_SCALE ${meta.scale}; ` +
      'one fresh process per measurement, implementations interleaved and rotated every run');
    out.push(`- load average at start: ${(meta.loadavg_start || []).map((x) => x.toFixed(2)).join(', ')}`);
    out.push('');
  }
  out.push('Time ratios are sequelize-rs ÷ the other implementation, taken pair by pair inside each run ' +
    '(throughput inverted), then median [min–max]; speed-up = 1 ÷ time ratio. Peak RSS is the process\'s ' +
    'kernel max RSS (where a peak-RSS row is paired, its "speed-up" is the other\'s peak ÷ sequelize-rs\'s). Compare implementations by the paired ratios; quote absolute numbers only with the load.');
  out.push('');
  const verdicts = [];
  for (const w of workloads) out.push(workloadSection(w, res.filter((r) => r.workload === w), impls, verdicts));
  if (verdicts.length) {
    out.push('### Targets from the issue (on the median paired speed-up)');
    out.push('');
    out.push('| workload | target | speed-up of sequelize-rs | met |');
    out.push('|---|---|---:|---|');
    for (const v of verdicts) out.push(`| ${v.workload} | ${v.target} | ${fmtStats(v.speedup, ratio, '×')} | ${v.met} |`);
    out.push('');
  }
  return out.join('\n');
}

module.exports = { DEFS, report, median, stats };
