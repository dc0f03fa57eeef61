'use strict';
// JS query options → the JSON the Rust query generator reads (see the contract in
// src/core/sql/mod.rs): Op symbol keys become "Op.<name>" strings, Sequelize helper objects become
// `$col`/`$fn`/`$literal`/`$cast`/`$where`/`$json` nodes, values become tagged JSON (lib/values.js).

const Op = require('../operators');
const { SequelizeMethod, Fn, Col, Cast, Literal, Json, Where } = require('../utils');
const { encode: encodeValue } = require('../values');

const opNames = new Map(Object.entries(Op).map(([name, sym]) => [sym, `Op.${name}`]));

function isPlainObject(v) {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype;
}

/** An attribute's value as the core reads it: an expression node, else the tagged value. */
function value(v, tz) {
  return v instanceof SequelizeMethod ? node(v, tz) : encodeValue(v, tz);
}

/** A value or SQL expression node. `tz` is the timezone used to format Dates. */
function node(v, tz) {
  if (v instanceof SequelizeMethod) {
    if (v instanceof Col) return { $col: Array.isArray(v.col) ? v.col.join('.') : v.col };
    if (v instanceof Fn) return { $fn: v.fn, args: (v.args || []).map((a) => node(a, tz)) };
    if (v instanceof Literal) return { $literal: typeof v.val === 'string' ? v.val : String(v.val) };
    if (v instanceof Cast) return { $cast: node(v.val, tz), type: v.type, json: v.json || undefined };
    if (v instanceof Where) {
      return {
        $where: {
          attribute: typeof v.attribute === 'string' ? v.attribute : node(v.attribute, tz),
          comparator: typeof v.comparator === 'symbol' ? opNames.get(v.comparator) : v.comparator,
          logic: whereValue(v.logic, tz),
        },
      };
    }
    if (v instanceof Json) {
      if (v.conditions) return { $json: { conditions: where(v.conditions, tz) } };
      return { $json: { path: v.path, value: v.value === undefined ? undefined : node(v.value, tz) } };
    }
  }
  if (Array.isArray(v)) return v.map((x) => node(x, tz));
  if (isPlainObject(v) && (Object.getOwnPropertySymbols(v).length > 0)) return where(v, tz);
  return encodeValue(v, tz);
}

/** The value side of a where entry: an operator object, a nested JSON object, or a value. */
function whereValue(v, tz) {
  if (v instanceof SequelizeMethod) return node(v, tz);
  if (isPlainObject(v)) return where(v, tz);
  if (Array.isArray(v)) return v.map((x) => whereValue(x, tz));
  return encodeValue(v, tz);
}

/** A where object (or array of them for Op.and/Op.or). */
function where(w, tz) {
  if (w === null || w === undefined) return w;
  if (w instanceof SequelizeMethod) return node(w, tz);
  if (Array.isArray(w)) return w.map((x) => where(x, tz));
  if (typeof w !== 'object') return encodeValue(w, tz);
  // Sequelize renders operator keys first, then attribute keys (Utils.getComplexKeys).
  const out = {};
  for (const sym of Object.getOwnPropertySymbols(w)) {
    const name = opNames.get(sym);
    if (!name) continue;
    const value = w[sym];
    if (value === undefined) throw new Error(`WHERE parameter "${name}" has invalid "undefined" value`);
    out[name] = whereValue(value, tz);
  }
  for (const key of Object.keys(w)) {
    const value = w[key];
    if (value === undefined) {
      throw new Error(`WHERE parameter "${key}" has invalid "undefined" value`);
    }
    out[key] = whereValue(value, tz);
  }
  return out;
}

function attributes(list, tz) {
  return list.map((a) => {
    if (typeof a === 'string') return a;
    if (Array.isArray(a)) return [typeof a[0] === 'string' ? a[0] : node(a[0], tz), a[1]];
    return node(a, tz);
  });
}

function order(o, tz) {
  if (o === undefined || o === null) return undefined;
  if (!Array.isArray(o)) return [typeof o === 'string' ? o : node(o, tz)];
  return o.map((item) => {
    if (typeof item === 'string') return item;
    if (Array.isArray(item)) {
      return item.map((part) => (typeof part === 'string' ? part : part && part.name && part.rawAttributes ? { $model: part.name } : node(part, tz)));
    }
    return node(item, tz);
  });
}

function group(g, tz) {
  if (g === undefined || g === null) return undefined;
  if (Array.isArray(g)) return g.map((x) => (typeof x === 'string' ? x : node(x, tz)));
  return typeof g === 'string' ? g : node(g, tz);
}

module.exports = { value, node, where, whereValue, attributes, order, group, isPlainObject, opNames };
