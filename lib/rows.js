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
/** A Json/Array column: one JSON array text (src/core/json_list.rs), parsed once. */
function parseList(T, U, o) {
  return JSON.parse(T.slice(U[o], U[o + 1]));
}
function arrayValue(v, elem) {
  const f = arrayElem[elem];
  return f && v !== null ? mapArray(v, f) : v;
}

// Column kinds as src/binding/results.rs numbers them.
const KINDS = ['num', 'bool', 'text', 'json', 'tstz', 'ts', 'bytes', 'array', 'obj'];
const K_OBJ = 8;
const ELEMS = ['plain', 'tstz', 'ts', 'bytes'];

/**
 * A Json column of flat objects split by key (src/core/json_flat.rs): one object literal with
 * the document's keys; cell kinds 0 null, 1 false, 2 true, 3 number, 4 string.
 */
function objectExpr(keys, i) {
  const props = keys.map((key, j) => {
    const s = `s${i}_${j}`;
    const cell = `(c = B[b${i}_${j} + r]) === 3 ? F[f${i}_${j} + r] : c === 4 ? T.slice(U[${s} + r], U[${s} + r + 1]) : c === 0 ? null : c === 2`;
    return `${JSON.stringify(key)}: ${cell}`;
  });
  return `B[n${i} + r] ? null : { ${props.join(', ')} }`;
}

function valueExpr(kind, i, keys) {
  const isNull = `B[n${i} + r]`;
  const text = `T.slice(U[o${i} + r], U[o${i} + r + 1])`;
  switch (kind) {
    case 'num': return `${isNull} ? null : F[v${i} + r]`;
    case 'bool': return `B[v${i} + r] === 2 ? null : B[v${i} + r] === 1`;
    case 'text': return `${isNull} ? null : ${text}`;
    case 'json': return `j${i}[r]`;
    case 'tstz': return `${isNull} ? null : h.utcDate(F[v${i} + r])`;
    case 'ts': return `${isNull} ? null : h.localDate(F[v${i} + r])`;
    case 'bytes': return `${isNull} ? null : Buffer.from(Y.subarray(U[o${i} + r], U[o${i} + r + 1]))`;
    case 'array': return `e${i} === 'plain' ? j${i}[r] : h.arrayValue(j${i}[r], e${i})`;
    case 'obj': return objectExpr(keys, i);
    default: throw new Error(`unknown column kind ${kind}`);
  }
}

// Column kinds whose values are objects (a previous value must be the same object, as the
// shallow copy Sequelize makes would hold); the others are rebuilt from the result's buffers.
const REF_KINDS = new Set(['json', 'tstz', 'ts', 'bytes', 'array', 'obj']);

/** Prologue of a compiled builder: the typed views and each column's bases. */
function prologue(kinds, objKeys) {
  const lines = ['"use strict";', 'const F = set.F, U = set.U, B = set.B, T = set.text, Y = set.bytes, M = set.meta;', 'let c;'];
  kinds.forEach((k, i) => {
    const m = `M + ${i * 5}`;
    lines.push(`const v${i} = U[${m} + 1], n${i} = U[${m} + 2], o${i} = U[${m} + 3], e${i} = h.ELEMS[U[${m} + 4]];`);
    if (k === 'obj') {
      // v: the key table (5 per key: key start, key end, kinds, numbers, string offsets).
      objKeys[i].forEach((key, j) => {
        const e = `v${i} + ${j * 5}`;
        lines.push(`const b${i}_${j} = U[${e} + 2], f${i}_${j} = U[${e} + 3], s${i}_${j} = U[${e} + 4];`);
      });
    }
  });
  return lines;
}

function compile(names, kinds, objKeys, dual) {
  const lines = prologue(kinds, objKeys);
  kinds.forEach((k, i) => {
    if (k === 'json' || k === 'array') lines.push(`const j${i} = h.parseList(T, U, o${i});`);
  });
  lines.push('const nrows = set.nrows;');
  lines.push('const rows = new Array(nrows);');
  const refs = dual ? kinds.map((k, i) => (REF_KINDS.has(k) ? i : -1)).filter((i) => i >= 0) : [];
  for (const i of refs) lines.push(`const R${i} = new Array(nrows);`);
  lines.push('for (let r = 0; r < nrows; r++) {');
  // Duplicate column names: the last value wins (as with pg), the key keeps its first position.
  if (dual) {
    // The previous values (Sequelize's _previousDataValues) are built on demand from the same
    // buffers (see `previousBuilder`); object values are kept here so they are the same objects.
    kinds.forEach((k, i) => lines.push(`  const x${i} = ${valueExpr(k, i, objKeys[i])};`));
    const props = names.map((name, i) => `${JSON.stringify(name)}: x${i}`).join(', ');
    lines.push(`  rows[r] = { ${props} };`);
    for (const i of refs) lines.push(`  R${i}[r] = x${i};`);
  } else {
    const props = names.map((name, i) => `${JSON.stringify(name)}: ${valueExpr(kinds[i], i, objKeys[i])}`);
    lines.push(`  rows[r] = { ${props.join(', ')} };`);
  }
  lines.push('}');
  if (dual) {
    // The buffers alone (not `set`, whose earlier chunks' rows would stay alive with it).
    const refArrays = kinds.map((k, i) => (REF_KINDS.has(k) ? `R${i}` : 'null')).join(', ');
    lines.push(`const buffers = { F, U, B, text: T, bytes: Y, meta: M };`);
    lines.push(`return [rows, new h.PreviousValues(buffers, [${refArrays}], prev)];`);
  } else {
    lines.push('return rows;');
  }
  // eslint-disable-next-line no-new-func
  return new Function('set', 'h', 'prev', lines.join('\n'));
}

/** Builds row `r`'s values again: scalars from the result's buffers, objects from `R`. */
function previousBuilder(names, kinds, objKeys) {
  const lines = prologue(kinds, objKeys);
  const props = names.map((name, i) => {
    const value = REF_KINDS.has(kinds[i]) ? `R[${i}][r]` : valueExpr(kinds[i], i, objKeys[i]);
    return `${JSON.stringify(name)}: ${value}`;
  });
  lines.push(`return { ${props.join(', ')} };`);
  // eslint-disable-next-line no-new-func
  return new Function('set', 'R', 'h', 'r', lines.join('\n'));
}

/**
 * The values rows of one result set had when they were read, built again on demand: model
 * instances' `_previousDataValues` (lib/model.js). A 10,000-row findAll then makes no second
 * object per row unless an instance asks for it; the result's buffers stay referenced meanwhile.
 */
class PreviousValues {
  constructor(buffers, refs, build) {
    this.buffers = buffers;
    this.refs = refs;
    this.build = build;
  }

  /** A new object with row `r`'s values as read. */
  row(r) {
    return this.build(this.buffers, this.refs, helpers, r);
  }
}

/** Previous values kept as objects (rows changed after they were built, e.g. by parsers). */
class PreviousCopies {
  constructor(rows) {
    this.copies = rows.map((row) => ({ ...row }));
  }

  row(r) {
    return this.copies[r];
  }
}

/**
 * One result set from the core (src/binding/results.rs sends
 * `[command, rowCount, oid, nrows, names, buffer, text, bytes, ncols, nf, nu, nb]`); `fields`
 * (pg's field descriptions) are only materialised when asked for.
 */
class ResultSet {
  constructor(a) {
    this.command = a[0];
    this.rowCount = a[1];
    this.oid = a[2];
    this.nrows = a[3];
    this._names = a[4];
    this.ncols = a[8];
    this.text = a[6];
    this.bytes = a[7];
    const buf = a[5];
    if (buf !== undefined) {
      const nf = a[9];
      const nu = a[10];
      this.F = new Float64Array(buf, 0, nf);
      this.U = new Uint32Array(buf, nf * 8, nu);
      this.B = new Uint8Array(buf, nf * 8 + nu * 4, a[11]);
    }
    this.meta = this.ncols * 6;
    this._fields = undefined;
  }

  get names() {
    return this.ncols === 0 ? [] : this._names.split('\u0000');
  }

  get kinds() {
    const out = new Array(this.ncols);
    for (let i = 0; i < this.ncols; i++) out[i] = KINDS[this.U[this.meta + i * 5]];
    return out;
  }

  get fields() {
    if (this._fields === undefined) {
      const names = this.names;
      const U = this.U;
      const out = [];
      for (let i = 0; i < this.ncols; i++) {
        const b = i * 6;
        out.push({
          name: names[i], tableID: U[b], columnID: U[b + 1] | 0, dataTypeID: U[b + 2],
          dataTypeSize: U[b + 3] | 0, dataTypeModifier: U[b + 4] | 0, format: U[b + 5] ? 'binary' : 'text',
        });
      }
      this._fields = out;
    }
    return this._fields;
  }
}

const helpers = {
  localDate, utcDate, parseList, arrayValue, ELEMS, PreviousValues,
};

/**
 * The first rows of large results, built while the rest is still being received (the core
 * hands over every 500 rows; see `start` in src/binding/sequelize.rs). `dual` says which
 * shape the caller will ask `buildRows` for, so each chunk is built once, in that shape.
 */
class Chunks {
  constructor(dual) {
    this.dual = dual;
    this.parts = [];
    this.error = undefined;
    this.sink = (index, a) => {
      try {
        (this.parts[index] || (this.parts[index] = [])).push(buildTail(new ResultSet(a), this.dual));
      } catch (err) {
        // Reported by attach(): a result missing a chunk must fail, not come back short.
        if (!this.error) this.error = err;
      }
    };
  }

  /** Hands the chunks to the final result sets (which hold the remaining rows). */
  attach(sets) {
    if (this.error) throw this.error;
    for (let i = 0; i < this.parts.length; i++) {
      if (this.parts[i] && sets[i]) {
        sets[i]._pre = this.parts[i];
        sets[i]._preDual = this.dual;
      }
    }
  }
}

/** `parts` (arrays) and then `last`, as one array. */
function concatAll(parts, last) {
  let n = last.length;
  for (const a of parts) n += a.length;
  const out = new Array(n);
  let k = 0;
  for (const a of parts) for (let i = 0; i < a.length; i++) out[k++] = a[i];
  for (let i = 0; i < last.length; i++) out[k++] = last[i];
  return out;
}

/**
 * Rows of one result set as plain objects, like pg. With `dual`, returns `[rows, previous]`:
 * `previous` lists, in row order, `[PreviousValues, count]` for each chunk the rows came from
 * (`_instancesFromRows` in lib/model/statics.js gives each instance its chunk and row; an
 * instance keeps its chunk's buffers and object values until it builds its previous values).
 * Rows built from chunks (see `Chunks`) come first; they were built in the shape the caller
 * announced when it started the statement.
 */
function buildRows(set, dual = false) {
  const tail = buildTail(set, dual);
  const pre = set._pre;
  if (!pre) return dual ? [tail[0], [[tail[1], tail[0].length]]] : tail;
  if (set._preDual !== dual) throw new Error('internal error: result chunks built in another shape');
  if (!dual) return concatAll(pre, tail);
  const previous = pre.map((p) => [p[1], p[0].length]);
  previous.push([tail[1], tail[0].length]);
  return [concatAll(pre.map((p) => p[0]), tail[0]), previous];
}

const NO_PREVIOUS = new PreviousCopies([]);

function buildTail(set, dual) {
  if (set.nrows === 0 || set.ncols === 0) return dual ? [[], NO_PREVIOUS] : [];
  let kindKey = '';
  let objKeys;
  for (let i = 0; i < set.ncols; i++) {
    const kind = set.U[set.meta + i * 5];
    kindKey += String.fromCharCode(65 + kind);
    if (kind === K_OBJ) {
      // The documents' keys are part of the layout: one builder per key set.
      if (!objKeys) objKeys = new Array(set.ncols);
      objKeys[i] = documentKeys(set, i);
      kindKey += JSON.stringify(objKeys[i]);
    }
  }
  const key = `${dual ? 'D' : 'S'}${kindKey}|${set._names}`;
  let build = builders.get(key);
  if (!build) {
    if (builders.size > 500) builders.clear();
    const names = set.names;
    const kinds = set.kinds;
    const keys = objKeys || [];
    const fn = compile(names, kinds, keys, dual);
    const prev = dual ? previousBuilder(names, kinds, keys) : null;
    build = (s) => fn(s, helpers, prev);
    builders.set(key, build);
  }
  return build(set);
}

/** The keys of a Json column sent split by key (see `objectExpr`). */
function documentKeys(set, i) {
  const U = set.U;
  const m = set.meta + i * 5;
  const table = U[m + 1];
  const out = new Array(U[m + 3]);
  for (let j = 0; j < out.length; j++) out[j] = set.text.slice(U[table + j * 5], U[table + j * 5 + 1]);
  return out;
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

module.exports = {
  buildRows, ResultSet, Chunks, nestRow, PreviousCopies,
};
