'use strict';
// The DataTypes namespace (Sequelize v6.37 lib/data-types.js), data only, PostgreSQL only.
//
// Differences from Sequelize, by design:
// - There is one set of classes. Sequelize has base classes plus per-dialect subclasses and swaps
//   them in `sequelize.normalizeDataType`. Here `toSql()` already returns the postgres DDL that the
//   postgres subclass would give (DATE -> 'TIMESTAMP WITH TIME ZONE', INTEGER.UNSIGNED -> 'INTEGER').
//   The instance keeps the options the user declared (`options`, `_unsigned`, `_length`...).
// - `toSql()` has no side effects. The warnings that Sequelize's postgres types print are listed by
//   `type._postgresWarnings()`; `emitPostgresWarnings(type)` prints them the way Sequelize does.
// - No validate/stringify/bindParam/parse/_sanitize: value handling lives in the Rust core.
// - `DataTypes.postgres` aliases the same (invokable) classes, under the keys Sequelize's postgres
//   namespace has. The other dialect namespaces (mysql, sqlite, ...) are absent.

const POSTGRES_DOCS = 'http://www.postgresql.org/docs/9.4/static/datatype.html';
const warnings = {};

function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

// Sequelize's `classToInvokable`: `TYPE(...)` and `new TYPE(...)` both construct an instance,
// while `TYPE` itself stays usable as a class (statics, instanceof, prototype).
function classToInvokable(Class) {
  return new Proxy(Class, {
    apply(_target, _thisArg, args) {
      return new Class(...args);
    },
    construct(_target, args) {
      return new Class(...args);
    },
  });
}

class ABSTRACT {
  toString(options) {
    return this.toSql(options);
  }

  toSql() {
    return this.key;
  }

  // Warnings Sequelize prints when this type is used on postgres (see emitPostgresWarnings).
  _postgresWarnings() {
    return [];
  }

  static toString() {
    return this.name;
  }

  // Prints `text` once per process, in Sequelize's format.
  static warn(link, text) {
    if (!warnings[text]) {
      warnings[text] = true;
      console.warn(`(sequelize) Warning: ${text} \n>> Check: ${link}`);
    }
  }

  static extend(oldType) {
    return new this(oldType.options);
  }
}
ABSTRACT.prototype.dialectTypes = '';

class STRING extends ABSTRACT {
  constructor(length, binary) {
    super();
    const options = (typeof length === 'object' && length) || { length, binary };
    this.options = options;
    this._binary = options.binary;
    this._length = options.length || 255;
  }

  toSql() {
    if (this._binary) return 'BYTEA';
    return `VARCHAR(${this._length})`;
  }

  get BINARY() {
    this._binary = true;
    this.options.binary = true;
    return this;
  }

  static get BINARY() {
    return new this().BINARY;
  }
}

class CHAR extends STRING {
  constructor(length, binary) {
    super((typeof length === 'object' && length) || { length, binary });
  }

  toSql() {
    if (this._binary) return 'BYTEA';
    return `CHAR(${this._length})`;
  }
}

class TEXT extends ABSTRACT {
  constructor(length) {
    super();
    const options = (typeof length === 'object' && length) || { length };
    this.options = options;
    this._length = options.length || '';
  }

  toSql() {
    return 'TEXT';
  }

  _postgresWarnings() {
    return this._length
      ? ['PostgreSQL does not support TEXT with options. Plain `TEXT` will be used instead.']
      : [];
  }
}

class CITEXT extends ABSTRACT {
  toSql() {
    return 'CITEXT';
  }
}

class NUMBER extends ABSTRACT {
  constructor(options = {}) {
    super();
    if (typeof options === 'number') {
      options = { length: options };
    }
    this.options = options;
    this._length = options.length;
    this._zerofill = options.zerofill;
    this._decimals = options.decimals;
    this._precision = options.precision;
    this._scale = options.scale;
    this._unsigned = options.unsigned;
  }

  toSql() {
    let result = this.key;
    if (this._length) {
      result += `(${this._length}`;
      if (typeof this._decimals === 'number') {
        result += `,${this._decimals}`;
      }
      result += ')';
    }
    if (this._unsigned) {
      result += ' UNSIGNED';
    }
    if (this._zerofill) {
      result += ' ZEROFILL';
    }
    return result;
  }

  get UNSIGNED() {
    this._unsigned = true;
    this.options.unsigned = true;
    return this;
  }

  get ZEROFILL() {
    this._zerofill = true;
    this.options.zerofill = true;
    return this;
  }

  static get UNSIGNED() {
    return new this().UNSIGNED;
  }

  static get ZEROFILL() {
    return new this().ZEROFILL;
  }
}

// Postgres drops LENGTH/UNSIGNED/ZEROFILL from TINYINT SMALLINT INTEGER BIGINT REAL DOUBLE.
function hasUnsupportedIntegerOptions(type) {
  return !!(type._length || (type.options && type.options.length) || type._unsigned || type._zerofill);
}

function integerOptionWarnings(type) {
  return hasUnsupportedIntegerOptions(type)
    ? [`PostgresSQL does not support '${type.key}' with LENGTH, UNSIGNED or ZEROFILL. Plain '${type.key}' will be used instead.`]
    : [];
}

// Postgres DDL is the bare key: TINYINT SMALLINT INTEGER BIGINT (and REAL, DOUBLE below).
class INTEGER extends NUMBER {
  toSql() {
    return this.key;
  }

  _postgresWarnings() {
    return integerOptionWarnings(this);
  }
}

class TINYINT extends INTEGER {}

class SMALLINT extends INTEGER {}

// No postgres override in Sequelize: keeps the generic NUMBER DDL (e.g. 'MEDIUMINT(5) UNSIGNED').
class MEDIUMINT extends INTEGER {
  toSql() {
    return NUMBER.prototype.toSql.call(this);
  }

  _postgresWarnings() {
    return [];
  }
}

class BIGINT extends INTEGER {}

class FLOAT extends NUMBER {
  constructor(length, decimals) {
    super((typeof length === 'object' && length) || { length, decimals });
  }

  // Postgres: decimals drop the length too, UNSIGNED and ZEROFILL are dropped.
  toSql() {
    let result = this.key;
    if (this._decimals) return result;
    if (this._length) {
      result += `(${this._length}`;
      if (typeof this._decimals === 'number') {
        result += `,${this._decimals}`;
      }
      result += ')';
    }
    return result;
  }

  _postgresWarnings() {
    const out = [];
    if (this._decimals) out.push('PostgreSQL does not support FLOAT with decimals. Plain `FLOAT` will be used instead.');
    if (this._unsigned) out.push('PostgreSQL does not support FLOAT unsigned. `UNSIGNED` was removed.');
    if (this._zerofill) out.push('PostgreSQL does not support FLOAT zerofill. `ZEROFILL` was removed.');
    return out;
  }
}

class REAL extends NUMBER {
  constructor(length, decimals) {
    super((typeof length === 'object' && length) || { length, decimals });
  }

  toSql() {
    return this.key;
  }

  _postgresWarnings() {
    return integerOptionWarnings(this);
  }
}

class DOUBLE extends NUMBER {
  constructor(length, decimals) {
    super((typeof length === 'object' && length) || { length, decimals });
  }

  toSql() {
    return this.key;
  }

  _postgresWarnings() {
    return integerOptionWarnings(this);
  }
}

class DECIMAL extends NUMBER {
  constructor(precision, scale) {
    super((typeof precision === 'object' && precision) || { precision, scale });
  }

  toSql() {
    if (this._precision || this._scale) {
      return `DECIMAL(${[this._precision, this._scale].filter(Boolean).join(',')})`;
    }
    return 'DECIMAL';
  }
}

for (const floating of [FLOAT, DOUBLE, REAL]) {
  floating.prototype.escape = false;
}

class BOOLEAN extends ABSTRACT {
  toSql() {
    return 'BOOLEAN';
  }
}

class TIME extends ABSTRACT {
  toSql() {
    return 'TIME';
  }
}

class DATE extends ABSTRACT {
  constructor(length) {
    super();
    const options = (typeof length === 'object' && length) || { length };
    this.options = options;
    this._length = options.length || '';
  }

  toSql() {
    return 'TIMESTAMP WITH TIME ZONE';
  }
}

class DATEONLY extends ABSTRACT {
  toSql() {
    return 'DATE';
  }
}

class HSTORE extends ABSTRACT {}
HSTORE.prototype.escape = false;

class JSONTYPE extends ABSTRACT {}

class JSONB extends JSONTYPE {}

class NOW extends ABSTRACT {}

class BLOB extends ABSTRACT {
  constructor(length) {
    super();
    const options = (typeof length === 'object' && length) || { length };
    this.options = options;
    this._length = options.length || '';
  }

  toSql() {
    return 'BYTEA';
  }

  _postgresWarnings() {
    return this._length
      ? ['PostgreSQL does not support BLOB (BYTEA) with options. Plain `BYTEA` will be used instead.']
      : [];
  }
}
BLOB.prototype.escape = false;

class RANGE extends ABSTRACT {
  constructor(subtype) {
    super();
    const options = isPlainObject(subtype) ? subtype : { subtype };
    if (!options.subtype) options.subtype = new INTEGER();
    if (typeof options.subtype === 'function') {
      options.subtype = new options.subtype();
    }
    this._subtype = options.subtype.key;
    this.options = options;
  }

  // 'int4range', 'numrange', 'tstzrange', 'daterange', 'int8range'; undefined for other subtypes.
  toSql() {
    return RANGE.types.postgres.subtypes[String(this._subtype).toLowerCase()];
  }

  // 'int4', 'numeric', 'timestamptz', 'date', 'int8'.
  toCastType() {
    return RANGE.types.postgres.castTypes[String(this._subtype).toLowerCase()];
  }
}
RANGE.prototype.escape = false;

class UUID extends ABSTRACT {}

class UUIDV1 extends ABSTRACT {}

class UUIDV4 extends ABSTRACT {}

class VIRTUAL extends ABSTRACT {
  constructor(ReturnType, fields) {
    super();
    if (typeof ReturnType === 'function') ReturnType = new ReturnType();
    this.returnType = ReturnType;
    this.fields = fields;
  }
}

class ENUM extends ABSTRACT {
  constructor(...args) {
    super();
    const value = args[0];
    const options = (typeof value === 'object' && !Array.isArray(value) && value) || {
      values: args.reduce((result, element) => result.concat(Array.isArray(element) ? element : [element]), []),
    };
    this.values = options.values;
    this.options = options;
  }
}

class ARRAY extends ABSTRACT {
  constructor(type) {
    super();
    const options = isPlainObject(type) ? type : { type };
    this.options = options;
    this.type = typeof options.type === 'function' ? new options.type() : options.type;
  }

  toSql() {
    return `${this.type.toSql()}[]`;
  }

  _postgresWarnings() {
    return this.type && typeof this.type._postgresWarnings === 'function' ? this.type._postgresWarnings() : [];
  }

  static is(obj, type) {
    return obj instanceof ARRAY && obj.type instanceof type;
  }
}
ARRAY.prototype.escape = false;

class GEOMETRY extends ABSTRACT {
  constructor(type, srid) {
    super();
    const options = isPlainObject(type) ? type : { type, srid };
    this.options = options;
    this.type = options.type;
    this.srid = options.srid;
  }

  toSql() {
    let result = this.key;
    if (this.type) {
      result += `(${this.type}`;
      if (this.srid) {
        result += `,${this.srid}`;
      }
      result += ')';
    }
    return result;
  }
}
GEOMETRY.prototype.escape = false;

class GEOGRAPHY extends ABSTRACT {
  constructor(type, srid) {
    super();
    const options = isPlainObject(type) ? type : { type, srid };
    this.options = options;
    this.type = options.type;
    this.srid = options.srid;
  }

  toSql() {
    let result = 'GEOGRAPHY';
    if (this.type) {
      result += `(${this.type}`;
      if (this.srid) {
        result += `,${this.srid}`;
      }
      result += ')';
    }
    return result;
  }
}
GEOGRAPHY.prototype.escape = false;

class CIDR extends ABSTRACT {}

class INET extends ABSTRACT {}

class MACADDR extends ABSTRACT {}

class TSVECTOR extends ABSTRACT {}

// Same keys, same order as Sequelize (the order fixes `key`: DOUBLE's key is 'DOUBLE PRECISION').
const classes = {
  ABSTRACT,
  STRING,
  CHAR,
  TEXT,
  NUMBER,
  TINYINT,
  SMALLINT,
  MEDIUMINT,
  INTEGER,
  BIGINT,
  FLOAT,
  TIME,
  DATE,
  DATEONLY,
  BOOLEAN,
  NOW,
  BLOB,
  DECIMAL,
  NUMERIC: DECIMAL,
  UUID,
  UUIDV1,
  UUIDV4,
  HSTORE,
  JSON: JSONTYPE,
  JSONB,
  VIRTUAL,
  ARRAY,
  ENUM,
  RANGE,
  REAL,
  'DOUBLE PRECISION': DOUBLE,
  DOUBLE,
  GEOMETRY,
  GEOGRAPHY,
  CIDR,
  INET,
  MACADDR,
  CITEXT,
  TSVECTOR,
};

for (const [name, Type] of Object.entries(classes)) {
  if (!Object.prototype.hasOwnProperty.call(Type, 'key')) {
    Type.types = {};
    Type.key = Type.prototype.key = name;
  }
}

// Postgres type names (pg_type.typname) per DataType, as Sequelize's postgres dialect declares them.
UUID.types.postgres = ['uuid'];
CIDR.types.postgres = ['cidr'];
INET.types.postgres = ['inet'];
MACADDR.types.postgres = ['macaddr'];
TSVECTOR.types.postgres = ['tsvector'];
JSONTYPE.types.postgres = ['json'];
JSONB.types.postgres = ['jsonb'];
TIME.types.postgres = ['time'];
DATEONLY.types.postgres = ['date'];
DECIMAL.types.postgres = ['numeric'];
STRING.types.postgres = ['varchar'];
TEXT.types.postgres = ['text'];
CITEXT.types.postgres = ['citext'];
CHAR.types.postgres = ['char', 'bpchar'];
BOOLEAN.types.postgres = ['bool'];
DATE.types.postgres = ['timestamptz'];
TINYINT.types.postgres = ['int2'];
SMALLINT.types.postgres = ['int2'];
INTEGER.types.postgres = ['int4'];
BIGINT.types.postgres = ['int8'];
REAL.types.postgres = ['float4'];
DOUBLE.types.postgres = ['float8'];
BLOB.types.postgres = ['bytea'];
GEOMETRY.types.postgres = ['geometry'];
GEOGRAPHY.types.postgres = ['geography'];
HSTORE.types.postgres = ['hstore'];
ENUM.types.postgres = [null];
RANGE.types.postgres = {
  subtypes: {
    integer: 'int4range',
    decimal: 'numrange',
    date: 'tstzrange',
    dateonly: 'daterange',
    bigint: 'int8range',
  },
  castTypes: {
    integer: 'int4',
    decimal: 'numeric',
    date: 'timestamptz',
    dateonly: 'date',
    bigint: 'int8',
  },
};

// One invokable wrapper per class, shared by aliases (NUMERIC === DECIMAL here).
const invokables = new Map();
const DataTypes = {};
for (const [name, Type] of Object.entries(classes)) {
  if (!invokables.has(Type)) invokables.set(Type, classToInvokable(Type));
  DataTypes[name] = invokables.get(Type);
}

// Keys of Sequelize's DataTypes.postgres namespace.
const postgresKeys = ['DECIMAL', 'BLOB', 'STRING', 'CHAR', 'TEXT', 'CITEXT', 'TINYINT', 'SMALLINT', 'INTEGER',
  'BIGINT', 'BOOLEAN', 'DATE', 'DATEONLY', 'REAL', 'DOUBLE PRECISION', 'FLOAT', 'GEOMETRY', 'GEOGRAPHY', 'HSTORE',
  'RANGE', 'ENUM'];
const postgres = {};
for (const key of postgresKeys) postgres[key] = DataTypes[key];
DataTypes.postgres = postgres;

// Prints (once per text) the warnings Sequelize's postgres dialect prints for this type.
// Accepts a type instance or a DataTypes class.
function emitPostgresWarnings(type) {
  const instance = typeof type === 'function' ? new type() : type;
  if (!instance || typeof instance._postgresWarnings !== 'function') return;
  for (const text of instance._postgresWarnings()) ABSTRACT.warn(POSTGRES_DOCS, text);
}

// Non-enumerable helpers so Object.keys(DataTypes) stays Sequelize's list (+ 'postgres').
Object.defineProperty(DataTypes, 'emitPostgresWarnings', { value: emitPostgresWarnings, enumerable: false });
Object.defineProperty(DataTypes, 'classToInvokable', { value: classToInvokable, enumerable: false });

module.exports = DataTypes;
