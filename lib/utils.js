'use strict';
// Query-building helper objects of Sequelize v6.37 (lib/utils.js): Fn, Col, Cast, Literal, Json,
// Where (all `instanceof SequelizeMethod`), the helper functions hung off `Sequelize` (fn, col,
// cast, literal, json, where, and, or) and a `Utils` namespace with the classes and a few pure
// helpers. No SQL generation here.

const Op = require('./operators');
const DataTypes = require('./data-types');

const operatorsSet = new Set(Object.values(Op));

class SequelizeMethod {}

class Fn extends SequelizeMethod {
  constructor(fn, args) {
    super();
    this.fn = fn;
    this.args = args;
  }

  clone() {
    return new Fn(this.fn, this.args);
  }
}

class Col extends SequelizeMethod {
  // new Col('a') -> {col: 'a'}; new Col('a', 'b') -> {col: ['b']} (Sequelize keeps only the rest args).
  constructor(col, ...args) {
    super();
    if (args.length > 0) {
      col = args;
    }
    this.col = col;
  }
}

class Cast extends SequelizeMethod {
  constructor(val, type, json) {
    super();
    this.val = val;
    this.type = (type || '').trim();
    this.json = json || false;
  }
}

class Literal extends SequelizeMethod {
  constructor(val) {
    super();
    this.val = val;
  }
}

function isObjectLike(value) {
  return value !== null && (typeof value === 'object' || typeof value === 'function');
}

class Json extends SequelizeMethod {
  // new Json({a: 1}) -> {conditions}; new Json('a.b', v) -> {path, value} (value only if truthy).
  constructor(conditionsOrPath, value) {
    super();
    if (isObjectLike(conditionsOrPath)) {
      this.conditions = conditionsOrPath;
    } else {
      this.path = conditionsOrPath;
      if (value) {
        this.value = value;
      }
    }
  }
}

class Where extends SequelizeMethod {
  // new Where(attr, logic) means comparator '='.
  constructor(attribute, comparator, logic) {
    super();
    if (logic === undefined) {
      logic = comparator;
      comparator = '=';
    }
    this.attribute = attribute;
    this.comparator = comparator;
    this.logic = logic;
  }
}

// --- The static helpers of Sequelize (same arities as sequelize.js) ---------------------------

function fn(fnName, ...args) {
  return new Fn(fnName, args);
}

function col(colName) {
  return new Col(colName);
}

function cast(val, type) {
  return new Cast(val, type);
}

function literal(val) {
  return new Literal(val);
}

function and(...args) {
  return { [Op.and]: args };
}

function or(...args) {
  return { [Op.or]: args };
}

function json(conditionsOrPath, value) {
  return new Json(conditionsOrPath, value);
}

function where(attr, comparator, logic) {
  return new Where(attr, comparator, logic);
}

// --- A few pure helpers of Sequelize's Utils -------------------------------------------------

function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

function isEmpty(value) {
  if (value == null) return true;
  if (Array.isArray(value) || typeof value === 'string') return value.length === 0;
  if (value instanceof Map || value instanceof Set) return value.size === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return true;
}

function isPrimitive(val) {
  const type = typeof val;
  return ['string', 'number', 'boolean'].includes(type);
}

function isColString(value) {
  return typeof value === 'string' && value[0] === '$' && value[value.length - 1] === '$';
}

function canTreatArrayAsAnd(arr) {
  return arr.some((arg) => isPlainObject(arg) || arg instanceof Where);
}

function combineTableNames(tableName1, tableName2) {
  return tableName1.toLowerCase() < tableName2.toLowerCase() ? tableName1 + tableName2 : tableName2 + tableName1;
}

const TICK_CHAR = '`';

function removeTicks(s, tickChar) {
  tickChar = tickChar || TICK_CHAR;
  return s.replace(new RegExp(tickChar, 'g'), '');
}

function addTicks(s, tickChar) {
  tickChar = tickChar || TICK_CHAR;
  return tickChar + removeTicks(s, tickChar) + tickChar;
}

// The Op symbols among obj's own symbol keys.
function getOperators(obj) {
  return Object.getOwnPropertySymbols(obj).filter((s) => operatorsSet.has(s));
}

function getComplexKeys(obj) {
  return getOperators(obj).concat(Object.keys(obj));
}

function getComplexSize(obj) {
  return Array.isArray(obj) ? obj.length : getComplexKeys(obj).length;
}

function isWhereEmpty(obj) {
  return !!obj && isEmpty(obj) && getOperators(obj).length === 0;
}

function generateEnumName(tableName, columnName) {
  return `enum_${tableName}_${columnName}`;
}

// A defaultValue that can go into the DDL (not NOW/UUIDV1/UUIDV4, not a JS function).
function defaultValueSchemable(value) {
  if (value === undefined) return false;
  if (value instanceof DataTypes.NOW) return false;
  if (value instanceof DataTypes.UUIDV1 || value instanceof DataTypes.UUIDV4) return false;
  return typeof value !== 'function';
}

function safeStringifyJson(value) {
  return JSON.stringify(value, (key, v) => (typeof v === 'bigint' ? String(v) : v));
}

const Utils = {
  SequelizeMethod,
  Fn,
  Col,
  Cast,
  Literal,
  Json,
  Where,
  classToInvokable: DataTypes.classToInvokable,
  isPrimitive,
  isColString,
  canTreatArrayAsAnd,
  combineTableNames,
  TICK_CHAR,
  addTicks,
  removeTicks,
  getOperators,
  getComplexKeys,
  getComplexSize,
  isWhereEmpty,
  generateEnumName,
  defaultValueSchemable,
  safeStringifyJson,
};

/**
 * `compute(attr)`, remembered on the attribute definition under `key` (not enumerable, so
 * `rawAttributes` look as before). For facts derived from the definition, asked per value.
 */
function attributeFact(attr, key, compute) {
  let v = attr[key];
  if (v === undefined) {
    v = compute(attr);
    Object.defineProperty(attr, key, {
      value: v, enumerable: false, writable: true, configurable: true,
    });
  }
  return v;
}

module.exports = {
  attributeFact,
  SequelizeMethod,
  Fn,
  Col,
  Cast,
  Literal,
  Json,
  Where,
  fn,
  col,
  cast,
  literal,
  json,
  where,
  and,
  or,
  Utils,
};
