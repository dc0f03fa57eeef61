'use strict';
// Values Sequelize parses per attribute type on top of what the driver returns: RANGE → the
// `[{value, inclusive}, {value, inclusive}]` pair, HSTORE → a plain object. Applied to model
// rows only (raw queries keep the driver's text, as they do without Sequelize's type parsers).

const DataTypes = require('../data-types');

function unquote(s) {
  if (s.length >= 2 && s[0] === '"' && s[s.length - 1] === '"') {
    return s.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return s;
}

function elementParser(subtype) {
  if (subtype instanceof DataTypes.INTEGER || subtype instanceof DataTypes.SMALLINT) return (v) => parseInt(v, 10);
  if (subtype instanceof DataTypes.DATE && !(subtype instanceof DataTypes.DATEONLY)) return (v) => new Date(v);
  return (v) => v;
}

/** '[1,10)' → [{value: 1, inclusive: true}, {value: 10, inclusive: false}]; 'empty' → []. */
function parseRange(text, subtype) {
  if (typeof text !== 'string') return text;
  if (text === 'empty') return [];
  const m = /^([[(])(.*),(.*)([\])])$/.exec(text);
  if (!m) return text;
  const parse = elementParser(subtype);
  const bound = (raw, inclusive) => {
    if (raw === '') return { value: inclusive ? null : null, inclusive: false };
    const v = unquote(raw);
    if (v === 'infinity') return { value: Infinity, inclusive };
    if (v === '-infinity') return { value: -Infinity, inclusive };
    return { value: parse(v), inclusive };
  };
  const lower = m[2] === '' ? { value: -Infinity, inclusive: false } : bound(m[2], m[1] === '[');
  const upper = m[3] === '' ? { value: Infinity, inclusive: false } : bound(m[3], m[4] === ']');
  return [lower, upper];
}

/** '"a"=>"1", "b"=>NULL' → {a: '1', b: null} (pg-hstore's parse). */
function parseHstore(text) {
  if (typeof text !== 'string') return text;
  const out = {};
  const re = /"((?:[^"\\]|\\.)*)"\s*=>\s*(NULL|"((?:[^"\\]|\\.)*)")/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    out[m[1].replace(/\\(.)/g, '$1')] = m[2] === 'NULL' ? null : m[3].replace(/\\(.)/g, '$1');
  }
  return out;
}

/** attribute name → parser, for a model's attributes that need one (null when none do). */
function parsersFor(rawAttributes) {
  const parsers = {};
  let any = false;
  for (const [name, attr] of Object.entries(rawAttributes)) {
    const type = attr.type;
    if (type instanceof DataTypes.RANGE) {
      const sub = type.options && type.options.subtype ? type.options.subtype : type._subtype;
      parsers[name] = (v) => parseRange(v, typeof sub === 'function' ? new sub() : sub); // eslint-disable-line new-cap
      any = true;
    } else if (type instanceof DataTypes.HSTORE) {
      parsers[name] = parseHstore;
      any = true;
    }
  }
  return any ? parsers : null;
}

module.exports = { parseRange, parseHstore, parsersFor };
