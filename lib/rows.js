'use strict';
// Builds row objects from the column-wise results the Rust core sends (src/binding/results.rs):
// one compiled builder per column layout, cached, so each row is a single object literal.

const builders = new Map();

function localDate(ms) {
  // `timestamp without time zone`: pg reads the wall clock in the process's local time zone.
  if (!Number.isFinite(ms)) return ms;
  const d = new Date(ms);
  const out = new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(),
    d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  if (d.getUTCFullYear() < 100) out.setFullYear(d.getUTCFullYear());
  return out;
}
function utcDate(ms) {
  return Number.isFinite(ms) ? new Date(ms) : ms;
}
function mapArray(v, f) {
  return Array.isArray(v) ? v.map((x) => mapArray(x, f)) : v === null ? null : f(v);
}
const arrayElem = {
  plain: null,
  tstz: (x) => utcDate(x),
  ts: (x) => localDate(x),
  bytes: (x) => Buffer.from(x.replace(/^\\x/, ''), 'hex'),
};
function decodeArray(text, elem) {
  const v = JSON.parse(text);
  const f = arrayElem[elem];
  return f ? mapArray(v, f) : v;
}
const helpers = { localDate, utcDate, decodeArray };

function valueExpr(kind, i) {
  const n = `n${i}[r]`;
  switch (kind) {
    case 'num': return `${n} ? null : v${i}[r]`;
    case 'bool': return `v${i}[r] === 2 ? null : v${i}[r] === 1`;
    case 'text': return `${n} ? null : t${i}.slice(o${i}[r], o${i}[r + 1])`;
    case 'json': return `${n} ? null : JSON.parse(t${i}.slice(o${i}[r], o${i}[r + 1]))`;
    case 'tstz': return `${n} ? null : h.utcDate(v${i}[r])`;
    case 'ts': return `${n} ? null : h.localDate(v${i}[r])`;
    case 'bytes': return `${n} ? null : Buffer.from(b${i}.subarray(o${i}[r], o${i}[r + 1]))`;
    case 'array': return `${n} ? null : h.decodeArray(t${i}.slice(o${i}[r], o${i}[r + 1]), c${i}[6])`;
    default: throw new Error(`unknown column kind ${kind}`);
  }
}

function compile(names, kinds, dual) {
  const lines = ['"use strict";'];
  kinds.forEach((k, i) => {
    lines.push(`const c${i} = cols[${i}], v${i} = c${i}[1], n${i} = c${i}[2], t${i} = c${i}[3], o${i} = c${i}[4], b${i} = c${i}[5];`);
  });
  lines.push('const rows = new Array(nrows);');
  if (dual) lines.push('const copies = new Array(nrows);');
  lines.push('for (let r = 0; r < nrows; r++) {');
  // Duplicate column names: the last value wins (as with pg), the key keeps its first position.
  if (dual) {
    // Two objects with the same values (Sequelize's dataValues and _previousDataValues).
    kinds.forEach((k, i) => lines.push(`  const x${i} = ${valueExpr(k, i)};`));
    const props = names.map((name, i) => `${JSON.stringify(name)}: x${i}`).join(', ');
    lines.push(`  rows[r] = { ${props} };`);
    lines.push(`  copies[r] = { ${props} };`);
  } else {
    const props = names.map((name, i) => `${JSON.stringify(name)}: ${valueExpr(kinds[i], i)}`);
    lines.push(`  rows[r] = { ${props.join(', ')} };`);
  }
  lines.push('}');
  lines.push(dual ? 'return [rows, copies];' : 'return rows;');
  // eslint-disable-next-line no-new-func
  return new Function('cols', 'nrows', 'h', lines.join('\n'));
}

/**
 * One result set from the core (src/binding/results.rs sends
 * `[command, rowCount, oid, nrows, flatFields, cols]`); `fields` (pg's field descriptions) are
 * only materialised when asked for.
 */
class ResultSet {
  constructor(a) {
    this.command = a[0];
    this.rowCount = a[1];
    this.oid = a[2];
    this.nrows = a[3];
    this._flat = a[4];
    this.cols = a[5];
    this._fields = undefined;
  }

  get names() {
    const out = [];
    for (let i = 0; i < this._flat.length; i += 7) out.push(this._flat[i]);
    return out;
  }

  get fields() {
    if (this._fields === undefined) {
      const f = this._flat;
      const out = [];
      for (let i = 0; i < f.length; i += 7) {
        out.push({
          name: f[i], tableID: f[i + 1], columnID: f[i + 2], dataTypeID: f[i + 3],
          dataTypeSize: f[i + 4], dataTypeModifier: f[i + 5], format: f[i + 6] ? 'binary' : 'text',
        });
      }
      this._fields = out;
    }
    return this._fields;
  }
}

/**
 * Rows of one result set as plain objects, like pg. With `dual`, returns `[rows, copies]`:
 * a second object per row holding the same values (model instances' `_previousDataValues`).
 */
function buildRows(set, dual = false) {
  if (set.nrows === 0 || set.cols.length === 0) return dual ? [[], []] : [];
  const names = set.names;
  const kinds = set.cols.map((c) => c[0]);
  const key = `${dual ? 'D' : 'S'}${kinds.join(',')}|${names.join('\u0000')}`;
  let build = builders.get(key);
  if (!build) {
    if (builders.size > 500) builders.clear();
    build = compile(names, kinds, dual);
    builders.set(key, build);
  }
  return build(set.cols, set.nrows, helpers);
}

/** `{'a.b': 1}` → `{a: {b: 1}}` (Sequelize's `nest: true`, via dottie). */
function nestRow(row) {
  const out = {};
  for (const key of Object.keys(row)) {
    const parts = key.split('.');
    let target = out;
    for (let i = 0; i < parts.length - 1; i++) {
      if (target[parts[i]] === null || typeof target[parts[i]] !== 'object') target[parts[i]] = {};
      target = target[parts[i]];
    }
    target[parts[parts.length - 1]] = row[key];
  }
  return out;
}

module.exports = { buildRows, ResultSet, nestRow };
