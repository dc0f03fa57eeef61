'use strict';
// bulkCreate's rows as typed columns for the core (src/binding/bulk.rs, src/core/sql/columns.rs):
// per inserted key, numbers / booleans / Dates in one Float64Array, strings and JSON texts joined
// into one string with their lengths, and, for a column holding anything else, the tagged values
// of lib/values.js. A column starts with the kind of its first non-null value and falls back to
// tagged values the moment a value of another kind arrives, so the core reads every cell exactly
// as the tagged value would say it.

const { SequelizeMethod } = require('../utils');
const enc = require('./encode');
const { tzOffsetMinutes } = require('../values');

const encodeValue = enc.value;

/** What `encode` would send as `{ $j: JSON.stringify(v) }` (a plain JSON object). */
function isJsonObject(v) {
  return typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof SequelizeMethod)
    && !ArrayBuffer.isView(v) && !(v.constructor && v.constructor.name === 'Literal' && typeof v.val === 'string');
}

function kindOf(v) {
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? 'n' : 'v';
    case 'boolean':
      return 'b';
    case 'string':
      return 's';
    case 'object':
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'v' : 'd';
      return isJsonObject(v) ? 'j' : 'v';
    default:
      return 'v';
  }
}

class Column {
  constructor(key, n) {
    this.key = key;
    this.n = n;
    this.kind = null; // no non-null value yet
    this.num = null; // n, b, d: NaN is NULL
    this.offsets = null; // d
    this.strs = null; // s, j (holes are NULL)
    this.lens = null; // s, j: -1 is NULL
    this.vals = null; // v
  }

  start(kind) {
    this.kind = kind;
    const n = this.n;
    if (kind === 'n' || kind === 'b' || kind === 'd') this.num = new Float64Array(n).fill(NaN);
    if (kind === 'd') this.offsets = new Int32Array(n);
    if (kind === 's' || kind === 'j') {
      this.strs = new Array(n);
      this.lens = new Int32Array(n).fill(-1);
    }
    if (kind === 'v') this.vals = new Array(n).fill(null);
  }

  /** Row `i`'s value (never null/undefined). */
  add(i, v, tz) {
    switch (this.kind) {
      case 'n':
        if (typeof v === 'number' && Number.isFinite(v)) {
          this.num[i] = v;
          return;
        }
        break;
      case 's':
        if (typeof v === 'string') {
          this.setText(i, v);
          return;
        }
        break;
      case 'b':
        if (typeof v === 'boolean') {
          this.num[i] = v ? 1 : 0;
          return;
        }
        break;
      case 'd':
        if (v instanceof Date) {
          const t = v.getTime();
          if (!Number.isNaN(t)) {
            this.num[i] = t;
            this.offsets[i] = tzOffsetMinutes(tz, v);
            return;
          }
        }
        break;
      case 'j':
        if (isJsonObject(v)) {
          const text = JSON.stringify(v);
          if (typeof text === 'string') {
            this.setText(i, text);
            return;
          }
        }
        break;
      case 'v':
        this.vals[i] = encodeValue(v, tz);
        return;
      default:
        this.start(kindOf(v));
        this.add(i, v, tz);
        return;
    }
    this.toTagged(i);
    this.vals[i] = encodeValue(v, tz);
  }

  /** Row `i`'s string or JSON text (kinds s, j). */
  setText(i, text) {
    this.strs[i] = text;
    this.lens[i] = text.length;
  }

  /** Falls back to tagged values for the rows before `upTo`. */
  toTagged(upTo) {
    const vals = new Array(this.n).fill(null);
    for (let i = 0; i < upTo; i++) {
      switch (this.kind) {
        case 'n':
          if (!Number.isNaN(this.num[i])) vals[i] = this.num[i];
          break;
        case 'b':
          if (!Number.isNaN(this.num[i])) vals[i] = this.num[i] === 1;
          break;
        case 'd':
          if (!Number.isNaN(this.num[i])) vals[i] = { $d: this.num[i], o: this.offsets[i] };
          break;
        case 's':
          if (this.lens[i] >= 0) vals[i] = this.strs[i];
          break;
        case 'j':
          if (this.lens[i] >= 0) vals[i] = { $j: this.strs[i] };
          break;
        default:
      }
    }
    this.kind = 'v';
    this.num = this.offsets = this.strs = this.lens = null;
    this.vals = vals;
  }

  /** The object `runBulkInsert` reads. */
  finish() {
    const { key } = this;
    switch (this.kind) {
      case null:
        return { key, kind: 'n', num: new Float64Array(this.n).fill(NaN) };
      case 'n':
      case 'b':
        return { key, kind: this.kind, num: this.num };
      case 'd':
        return { key, kind: 'd', num: this.num, offsets: this.offsets };
      case 's':
      case 'j':
        return { key, kind: this.kind, text: this.strs.join(''), lens: this.lens };
      default:
        return { key, kind: 'v', values: JSON.stringify(this.vals) };
    }
  }
}

/**
 * The columns of `n` rows. `addRow(i, values)` takes row `i`'s values object (keys in the order
 * the columns first appear; a key `inserted(key)` rejects is skipped; a key a row lacks is NULL).
 */
class BulkColumns {
  constructor(n, tz, inserted) {
    this.n = n;
    this.tz = tz;
    this.inserted = inserted;
    this.columns = [];
    this.columnOf = new Map(); // key → Column, or null when not inserted
    // The previous row's keys and their columns: rows built alike have their keys in the same
    // order, so a row is matched key by key without a lookup.
    this.lastKeys = [];
    this.lastColumns = [];
  }

  columnFor(k) {
    let col = this.columnOf.get(k);
    if (col === undefined) {
      col = this.inserted(k) ? new Column(k, this.n) : null;
      if (col) this.columns.push(col);
      this.columnOf.set(k, col);
    }
    return col;
  }

  addRow(i, values) {
    const keys = Object.keys(values);
    const lastKeys = this.lastKeys;
    const lastColumns = this.lastColumns;
    let same = keys.length === lastKeys.length;
    for (let j = 0; same && j < keys.length; j++) same = keys[j] === lastKeys[j];
    if (!same) {
      for (let j = 0; j < keys.length; j++) lastColumns[j] = this.columnFor(keys[j]);
      lastColumns.length = keys.length;
      this.lastKeys = keys;
    }
    const tz = this.tz;
    for (let j = 0; j < keys.length; j++) {
      const col = lastColumns[j];
      if (col === null) continue;
      const v = values[keys[j]];
      if (v !== null && v !== undefined) col.add(i, v, tz);
    }
  }

  finish() {
    return this.columns.map((c) => c.finish());
  }
}

module.exports = { BulkColumns };
