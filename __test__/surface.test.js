'use strict';
// Static JS surface: lib/errors.js, lib/data-types.js, lib/operators.js, lib/query-types.js,
// lib/transaction.js, lib/utils.js. Expected values come from sequelize@6.37.8 on postgres.
// Run: node --test __test__/surface.test.js

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const lib = (name) => require(path.join(__dirname, '..', 'lib', name));
const errors = lib('errors.js');
const DataTypes = lib('data-types.js');
const Op = lib('operators.js');
const QueryTypes = lib('query-types.js');
const Transaction = lib('transaction.js');
const utils = lib('utils.js');

// ---------------------------------------------------------------------------------------------
// errors

const ERROR_PARENTS = {
  BaseError: Error,
  ValidationError: 'BaseError',
  UniqueConstraintError: 'ValidationError',
  DatabaseError: 'BaseError',
  ForeignKeyConstraintError: 'DatabaseError',
  ExclusionConstraintError: 'DatabaseError',
  UnknownConstraintError: 'DatabaseError',
  TimeoutError: 'DatabaseError',
  ConnectionError: 'BaseError',
  ConnectionRefusedError: 'ConnectionError',
  AccessDeniedError: 'ConnectionError',
  HostNotFoundError: 'ConnectionError',
  HostNotReachableError: 'ConnectionError',
  InvalidConnectionError: 'ConnectionError',
  ConnectionTimedOutError: 'ConnectionError',
  ConnectionAcquireTimeoutError: 'ConnectionError',
  EmptyResultError: 'BaseError',
  EagerLoadingError: 'BaseError',
  AssociationError: 'BaseError',
  InstanceError: 'BaseError',
  QueryError: 'BaseError',
  OptimisticLockError: 'BaseError',
  AsyncQueueError: 'BaseError',
  BulkRecordError: 'BaseError',
  AggregateError: 'BaseError',
  SequelizeScopeError: 'BaseError',
};

// A constructor call that works for each class.
function makeError(name) {
  const parent = { message: 'driver says no', code: 'X', sql: 'SELECT 1', parameters: [1] };
  switch (name) {
    case 'DatabaseError':
    case 'TimeoutError':
      return new errors[name](parent);
    case 'UniqueConstraintError':
    case 'ForeignKeyConstraintError':
    case 'ExclusionConstraintError':
    case 'UnknownConstraintError':
      return new errors[name]({ parent });
    case 'BulkRecordError':
      return new errors[name](new Error('bad record'), {});
    case 'AggregateError':
      return new errors[name]([]);
    case 'OptimisticLockError':
      return new errors[name]({ modelName: 'User' });
    default:
      return new errors[name](name.startsWith('Connection') || name.endsWith('ConnectionError')
        || ['AccessDeniedError', 'HostNotFoundError', 'HostNotReachableError'].includes(name) ? parent : 'msg');
  }
}

test('errors: exported keys are exactly Sequelize\'s', () => {
  assert.deepEqual(Object.keys(errors).sort(), [
    ...Object.keys(ERROR_PARENTS),
    'ValidationErrorItem', 'ValidationErrorItemOrigin', 'ValidationErrorItemType',
  ].sort());
});

test('errors: hierarchy, names and instanceof', () => {
  for (const [name, parentName] of Object.entries(ERROR_PARENTS)) {
    const Cls = errors[name];
    assert.equal(typeof Cls, 'function', name);
    assert.equal(Cls.name, name);
    const Parent = typeof parentName === 'string' ? errors[parentName] : parentName;
    assert.equal(Object.getPrototypeOf(Cls), Parent, `${name} extends ${Parent.name}`);
    assert.ok(Cls.prototype instanceof Error, name);

    const err = makeError(name);
    const expectedName = name === 'AggregateError' || name === 'SequelizeScopeError' ? name : `Sequelize${name}`;
    assert.equal(err.name, expectedName);
    assert.ok(err instanceof Cls);
    assert.ok(err instanceof errors.BaseError);
    assert.ok(err instanceof Error);
    assert.equal(typeof err.stack, 'string');
  }
  assert.ok(new errors.UniqueConstraintError() instanceof errors.ValidationError);
  assert.ok(!(new errors.ConnectionError() instanceof errors.DatabaseError));
  assert.ok(!(new errors.AggregateError([]) instanceof globalThis.AggregateError));
});

test('errors: BaseError', () => {
  const err = new errors.BaseError('boom');
  assert.equal(err.message, 'boom');
  assert.equal(String(err), 'SequelizeBaseError: boom');
  assert.deepEqual(Object.keys(err), ['name']);
});

test('errors: ValidationError message, errors and get()', () => {
  const a = new errors.ValidationErrorItem('name cannot be null', 'notNull Violation', 'name', null, null, 'is_null');
  const b = new errors.ValidationErrorItem('bad email', 'Validation error', 'email', 'x', null, 'isEmail', 'isEmail', ['x']);
  const c = new errors.ValidationErrorItem('name too short', 'validation error', 'name', 'a');

  const explicit = new errors.ValidationError('custom', [a, b, c]);
  assert.equal(explicit.message, 'custom');
  assert.equal(explicit.name, 'SequelizeValidationError');
  assert.deepEqual(explicit.get('name'), [a, c]);
  assert.deepEqual(explicit.get('nope'), []);

  const derived = new errors.ValidationError(undefined, [a, b]);
  assert.equal(derived.message, 'notNull Violation: name cannot be null,\nValidation error: bad email');

  const empty = new errors.ValidationError();
  assert.equal(empty.message, 'Validation Error');
  assert.deepEqual(empty.errors, []);

  const withStack = new errors.ValidationError('m', [], { stack: 'STACK' });
  assert.equal(withStack.stack, 'STACK');
});

test('errors: ValidationErrorItem fields, origins and getValidatorKey', () => {
  const item = new errors.ValidationErrorItem('email must be unique', 'unique violation', 'email', 'a@x.com', null, 'not_unique');
  assert.deepEqual({ ...item }, {
    message: 'email must be unique',
    type: 'unique violation',
    path: 'email',
    value: 'a@x.com',
    origin: 'DB',
    instance: null,
    validatorKey: 'not_unique',
    validatorName: null,
    validatorArgs: [],
  });
  assert.equal(item.getValidatorKey(), 'db.not_unique');
  assert.equal(item.getValidatorKey(false), 'not_unique');
  assert.equal(item.getValidatorKey(true, ':'), 'db:not_unique');
  assert.throws(() => item.getValidatorKey(true, ''), /Invalid namespace separator/);

  const byOrigin = new errors.ValidationErrorItem('m', 'FUNCTION', 'p', undefined, null, null, 'isEven');
  assert.equal(byOrigin.origin, 'FUNCTION');
  assert.equal(byOrigin.type, null);
  assert.equal(byOrigin.value, null);
  assert.equal(byOrigin.getValidatorKey(), 'function.iseven');

  const unknown = new errors.ValidationErrorItem('m', 'something else');
  assert.equal(unknown.type, null);
  assert.equal(unknown.origin, null);
  assert.equal(unknown.getValidatorKey(), '');

  assert.deepEqual(errors.ValidationErrorItem.Origins, { CORE: 'CORE', DB: 'DB', FUNCTION: 'FUNCTION' });
  assert.equal(errors.ValidationErrorItem.Origins, errors.ValidationErrorItemOrigin);
  assert.equal(errors.ValidationErrorItem.TypeStringMap, errors.ValidationErrorItemType);
  assert.deepEqual(errors.ValidationErrorItemType, {
    'notnull violation': 'CORE',
    'string violation': 'CORE',
    'unique violation': 'DB',
    'validation error': 'FUNCTION',
  });
});

test('errors: UniqueConstraintError', () => {
  const parent = { message: 'duplicate key value violates unique constraint "u_email_key"', code: '23505', sql: 'INSERT ...', parameters: ['a'] };
  const item = new errors.ValidationErrorItem('email must be unique', 'unique violation', 'email', 'a@x.com', null, 'not_unique');
  const err = new errors.UniqueConstraintError({ message: 'Validation error', errors: [item], fields: { email: 'a@x.com' }, parent });
  assert.equal(err.name, 'SequelizeUniqueConstraintError');
  assert.equal(err.message, 'Validation error');
  assert.deepEqual(err.errors, [item]);
  assert.deepEqual(err.fields, { email: 'a@x.com' });
  assert.equal(err.parent, parent);
  assert.equal(err.original, parent);
  assert.equal(err.sql, 'INSERT ...');
  assert.ok(err instanceof errors.ValidationError);
  assert.deepEqual(err.get('email'), [item]);

  const fromParent = new errors.UniqueConstraintError({ parent });
  assert.equal(fromParent.message, parent.message);
  assert.deepEqual(fromParent.fields, {});
  assert.deepEqual(fromParent.errors, []);

  const bare = new errors.UniqueConstraintError();
  assert.equal(bare.message, 'Validation Error');
  assert.deepEqual(bare.parent, { sql: '', name: '', message: '' });
  assert.equal(bare.sql, '');

  const sqlFallback = new errors.UniqueConstraintError({ parent: { message: 'x' }, sql: 'SELECT 2' });
  assert.equal(sqlFallback.sql, 'SELECT 2');
});

test('errors: DatabaseError and its subclasses', () => {
  const parent = { message: 'relation "nope" does not exist', code: '42P01', sql: 'SELECT * FROM nope', parameters: [1, 2] };
  const err = new errors.DatabaseError(parent);
  assert.equal(err.name, 'SequelizeDatabaseError');
  assert.equal(err.message, parent.message);
  assert.equal(err.parent, parent);
  assert.equal(err.original, parent);
  assert.equal(err.sql, 'SELECT * FROM nope');
  assert.deepEqual(err.parameters, [1, 2]);
  assert.deepEqual(Object.keys(err), ['name', 'parent', 'original', 'sql', 'parameters']);

  const noParams = new errors.DatabaseError({ message: 'm' });
  assert.deepEqual(noParams.parameters, {});
  assert.equal(noParams.sql, undefined);

  const fromOptions = new errors.DatabaseError({ message: 'm' }, { sql: 'SELECT 3', parameters: ['p'], stack: 'S' });
  assert.equal(fromOptions.sql, 'SELECT 3');
  assert.deepEqual(fromOptions.parameters, ['p']);
  assert.equal(fromOptions.stack, 'S');
  assert.throws(() => new errors.DatabaseError(), TypeError);

  const fkParent = { message: 'insert or update on table "Posts" violates foreign key constraint "Posts_AuthorId_fkey"', code: '23503', sql: 'INSERT', parameters: [999] };
  const fk = new errors.ForeignKeyConstraintError({ message: fkParent.message, fields: null, index: 'Posts_AuthorId_fkey', table: 'Posts', parent: fkParent });
  assert.equal(fk.name, 'SequelizeForeignKeyConstraintError');
  assert.equal(fk.message, fkParent.message);
  assert.equal(fk.index, 'Posts_AuthorId_fkey');
  assert.equal(fk.table, 'Posts');
  assert.equal(fk.fields, null);
  assert.equal(fk.value, undefined);
  assert.equal(fk.reltype, undefined);
  assert.equal(fk.sql, 'INSERT');
  assert.deepEqual(fk.parameters, [999]);
  assert.equal(fk.parent, fkParent);
  assert.equal(new errors.ForeignKeyConstraintError().message, 'Database Error');

  const ex = new errors.ExclusionConstraintError({ message: 'Exclusion constraint error', constraint: 'c', fields: { a: '1' }, table: 't', parent: { message: 'p' } });
  assert.equal(ex.name, 'SequelizeExclusionConstraintError');
  assert.equal(ex.message, 'Exclusion constraint error');
  assert.equal(ex.constraint, 'c');
  assert.deepEqual(ex.fields, { a: '1' });
  assert.equal(ex.table, 't');
  assert.equal(new errors.ExclusionConstraintError().message, '');

  const unk = new errors.UnknownConstraintError({ constraint: 'c', table: 't', parent: { message: 'p' } });
  assert.equal(unk.name, 'SequelizeUnknownConstraintError');
  assert.equal(unk.message, 'The specified constraint does not exist');
  assert.equal(unk.constraint, 'c');
  assert.equal(new errors.UnknownConstraintError({ message: 'Unknown constraint error' }).message, 'Unknown constraint error');

  const timeout = new errors.TimeoutError({ message: 'canceling statement due to statement timeout', sql: 'S' });
  assert.equal(timeout.name, 'SequelizeTimeoutError');
  assert.equal(timeout.sql, 'S');
});

test('errors: ConnectionError family', () => {
  const parent = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:55499'), { code: 'ECONNREFUSED' });
  const err = new errors.ConnectionRefusedError(parent);
  assert.equal(err.name, 'SequelizeConnectionRefusedError');
  assert.equal(err.message, 'connect ECONNREFUSED 127.0.0.1:55499');
  assert.equal(err.parent, parent);
  assert.equal(err.original, parent);
  assert.deepEqual(Object.keys(err), ['name', 'parent', 'original']);
  assert.ok(err instanceof errors.ConnectionError);
  assert.equal(String(err), 'SequelizeConnectionRefusedError: connect ECONNREFUSED 127.0.0.1:55499');

  const bare = new errors.ConnectionError();
  assert.equal(bare.message, '');
  assert.equal(bare.parent, undefined);

  for (const name of ['AccessDeniedError', 'HostNotFoundError', 'HostNotReachableError', 'InvalidConnectionError',
    'ConnectionTimedOutError', 'ConnectionAcquireTimeoutError']) {
    const e = new errors[name](parent);
    assert.equal(e.name, `Sequelize${name}`);
    assert.equal(e.message, parent.message);
    assert.equal(e.parent, parent);
  }
});

test('errors: other classes', () => {
  assert.equal(new errors.EmptyResultError('').message, '');
  assert.equal(new errors.EagerLoadingError('x').message, 'x');
  assert.equal(new errors.QueryError('q').name, 'SequelizeQueryError');
  assert.equal(new errors.SequelizeScopeError('s').name, 'SequelizeScopeError');

  const lock = new errors.OptimisticLockError({ modelName: 'User', values: { a: 1 }, where: { id: 1 } });
  assert.equal(lock.message, 'Attempting to update a stale model instance: User');
  assert.equal(lock.modelName, 'User');
  assert.deepEqual(lock.values, { a: 1 });
  assert.deepEqual(lock.where, { id: 1 });
  assert.equal(new errors.OptimisticLockError({ message: 'custom' }).message, 'custom');
  assert.equal(new errors.OptimisticLockError().message, 'Attempting to update a stale model instance: undefined');

  const inner = new errors.ValidationError('notNull Violation: x');
  const record = { id: 1 };
  const bulk = new errors.BulkRecordError(inner, record);
  assert.equal(bulk.message, 'notNull Violation: x');
  assert.equal(bulk.errors, inner);
  assert.equal(bulk.record, record);

  const agg = new errors.AggregateError([bulk, new Error('plain')]);
  assert.equal(agg.name, 'AggregateError');
  assert.equal(agg.message, '');
  assert.equal(agg.errors.length, 2);
  assert.equal(String(agg),
    'AggregateError of:\n  SequelizeBulkRecordError: notNull Violation: x\n  Error: plain\n');
  const nested = new errors.AggregateError([new Error('a'), agg]);
  nested.errors.push(nested);
  assert.equal(String(nested),
    'AggregateError of:\n  Error: a\n  AggregateError of:\n    SequelizeBulkRecordError: notNull Violation: x\n    Error: plain\n[Circular AggregateError]\n');
});

// ---------------------------------------------------------------------------------------------
// DataTypes

const TYPE_NAMES = ['ABSTRACT', 'STRING', 'CHAR', 'TEXT', 'NUMBER', 'TINYINT', 'SMALLINT', 'MEDIUMINT', 'INTEGER',
  'BIGINT', 'FLOAT', 'TIME', 'DATE', 'DATEONLY', 'BOOLEAN', 'NOW', 'BLOB', 'DECIMAL', 'NUMERIC', 'UUID', 'UUIDV1',
  'UUIDV4', 'HSTORE', 'JSON', 'JSONB', 'VIRTUAL', 'ARRAY', 'ENUM', 'RANGE', 'REAL', 'DOUBLE PRECISION', 'DOUBLE',
  'GEOMETRY', 'GEOGRAPHY', 'CIDR', 'INET', 'MACADDR', 'CITEXT', 'TSVECTOR'];

test('DataTypes: every name exists, in Sequelize order, and is a function', () => {
  assert.deepEqual(Object.keys(DataTypes), [...TYPE_NAMES, 'postgres']);
  for (const name of TYPE_NAMES) {
    assert.equal(typeof DataTypes[name], 'function', name);
    assert.ok(new DataTypes[name]() instanceof DataTypes.ABSTRACT, name);
  }
  assert.equal(DataTypes.NUMERIC, DataTypes.DECIMAL);
  assert.equal(DataTypes['DOUBLE PRECISION'], DataTypes.DOUBLE);
});

test('DataTypes: key, static toString and types.postgres', () => {
  const keys = { JSON: 'JSON', NUMERIC: 'DECIMAL', DOUBLE: 'DOUBLE PRECISION', 'DOUBLE PRECISION': 'DOUBLE PRECISION' };
  for (const name of TYPE_NAMES) {
    const expected = keys[name] || name;
    assert.equal(DataTypes[name].key, expected, name);
    assert.equal(new DataTypes[name]().key, expected, name);
  }
  assert.equal(String(DataTypes.STRING), 'STRING');
  assert.equal(String(DataTypes.JSON), 'JSONTYPE');
  assert.deepEqual(DataTypes.STRING.types.postgres, ['varchar']);
  assert.deepEqual(DataTypes.DATE.types.postgres, ['timestamptz']);
  assert.deepEqual(DataTypes.CHAR.types.postgres, ['char', 'bpchar']);
  assert.deepEqual(DataTypes.ENUM.types.postgres, [null]);
  assert.equal(DataTypes.RANGE.types.postgres.subtypes.integer, 'int4range');
  assert.deepEqual(DataTypes.NOW.types, {});
});

test('DataTypes: call styles', () => {
  const a = DataTypes.STRING(50);
  const b = new DataTypes.STRING(50);
  for (const t of [a, b]) {
    assert.ok(t instanceof DataTypes.STRING);
    assert.ok(t instanceof DataTypes.ABSTRACT);
    assert.equal(t.key, 'STRING');
    assert.deepEqual(t.options, { length: 50, binary: undefined });
    assert.equal(t._length, 50);
    assert.equal(t.toSql(), 'VARCHAR(50)');
    assert.equal(String(t), 'VARCHAR(50)');
  }
  assert.notEqual(a.constructor, DataTypes.STRING); // the raw class behind the invokable wrapper
  assert.equal(DataTypes.STRING.name, 'STRING');
  assert.deepEqual(DataTypes.STRING({ length: 20 }).options, { length: 20 });

  const bin = DataTypes.STRING.BINARY;
  assert.ok(bin instanceof DataTypes.STRING);
  assert.equal(bin._binary, true);
  assert.equal(bin.options.binary, true);
  assert.equal(DataTypes.STRING(10).BINARY.toSql(), 'BYTEA');

  const uz = DataTypes.INTEGER.UNSIGNED.ZEROFILL;
  assert.ok(uz instanceof DataTypes.INTEGER);
  assert.ok(uz instanceof DataTypes.NUMBER);
  assert.deepEqual(uz.options, { unsigned: true, zerofill: true });
  assert.equal(uz._unsigned, true);
  assert.equal(uz._zerofill, true);
  assert.equal(DataTypes.INTEGER(11).UNSIGNED._length, 11);

  const dec = DataTypes.DECIMAL(10, 2);
  assert.deepEqual(dec.options, { precision: 10, scale: 2 });
  assert.equal(dec._precision, 10);
  assert.equal(dec._scale, 2);
  assert.ok(DataTypes.NUMERIC(5, 1) instanceof DataTypes.DECIMAL);

  const arr = DataTypes.ARRAY(DataTypes.INTEGER);
  assert.ok(arr.type instanceof DataTypes.INTEGER);
  assert.deepEqual(Object.keys(arr.options), ['type']);
  assert.ok(DataTypes.ARRAY.is(arr, DataTypes.INTEGER));
  assert.ok(!DataTypes.ARRAY.is(arr, DataTypes.STRING));
  assert.ok(DataTypes.ARRAY({ type: DataTypes.STRING(20) }).type instanceof DataTypes.STRING);

  assert.deepEqual(DataTypes.ENUM('a', 'b').values, ['a', 'b']);
  assert.deepEqual(DataTypes.ENUM(['a', 'b'], 'c').values, ['a', 'b', 'c']);
  const en = DataTypes.ENUM({ values: ['x', 'y'] });
  assert.deepEqual(en.values, ['x', 'y']);
  assert.deepEqual(en.options, { values: ['x', 'y'] });

  const d6 = DataTypes.DATE(6);
  assert.equal(d6._length, 6);
  assert.deepEqual(d6.options, { length: 6 });
  assert.equal(new DataTypes.DATE()._length, '');

  const range = DataTypes.RANGE(DataTypes.INTEGER);
  assert.equal(range._subtype, 'INTEGER');
  assert.ok(range.options.subtype instanceof DataTypes.INTEGER);
  assert.equal(new DataTypes.RANGE()._subtype, 'INTEGER');
  assert.equal(DataTypes.RANGE({ subtype: DataTypes.DATE })._subtype, 'DATE');
  assert.equal(DataTypes.RANGE(DataTypes.BIGINT).toCastType(), 'int8');

  const virt = DataTypes.VIRTUAL(DataTypes.STRING, ['firstName', 'lastName']);
  assert.ok(virt.returnType instanceof DataTypes.STRING);
  assert.deepEqual(virt.fields, ['firstName', 'lastName']);
  assert.equal(new DataTypes.VIRTUAL().returnType, undefined);

  const geo = DataTypes.GEOMETRY('POINT', 4326);
  assert.equal(geo.type, 'POINT');
  assert.equal(geo.srid, 4326);

  for (const name of ['NOW', 'UUIDV1', 'UUIDV4']) {
    assert.ok(new DataTypes[name]() instanceof DataTypes[name]);
    assert.ok(DataTypes[name]() instanceof DataTypes.ABSTRACT);
  }

  const extended = DataTypes.INTEGER.extend(DataTypes.INTEGER(5));
  assert.ok(extended instanceof DataTypes.INTEGER);
  assert.equal(extended._length, 5);
});

test('DataTypes: toSql gives the postgres DDL', () => {
  const T = DataTypes;
  const cases = [
    [T.STRING, 'VARCHAR(255)'],
    [T.STRING(50), 'VARCHAR(50)'],
    [T.STRING.BINARY, 'BYTEA'],
    [T.STRING(10, true), 'BYTEA'],
    [T.CHAR, 'CHAR(255)'],
    [T.CHAR(10), 'CHAR(10)'],
    [T.CHAR.BINARY, 'BYTEA'],
    [T.TEXT, 'TEXT'],
    [T.TEXT('long'), 'TEXT'],
    [T.CITEXT, 'CITEXT'],
    [T.NUMBER, 'NUMBER'],
    [T.TINYINT, 'TINYINT'],
    [T.SMALLINT, 'SMALLINT'],
    [T.SMALLINT(3).UNSIGNED, 'SMALLINT'],
    [T.MEDIUMINT, 'MEDIUMINT'],
    [T.MEDIUMINT(5).UNSIGNED, 'MEDIUMINT(5) UNSIGNED'],
    [T.INTEGER, 'INTEGER'],
    [T.INTEGER(11), 'INTEGER'],
    [T.INTEGER.UNSIGNED, 'INTEGER'],
    [T.INTEGER.UNSIGNED.ZEROFILL, 'INTEGER'],
    [T.BIGINT, 'BIGINT'],
    [T.BIGINT(20).UNSIGNED, 'BIGINT'],
    [T.FLOAT, 'FLOAT'],
    [T.FLOAT(10), 'FLOAT(10)'],
    [T.FLOAT(10, 2), 'FLOAT'],
    [T.FLOAT(10, 0), 'FLOAT(10,0)'],
    [T.FLOAT.UNSIGNED, 'FLOAT'],
    [T.REAL, 'REAL'],
    [T.REAL(10, 2), 'REAL'],
    [T.DOUBLE, 'DOUBLE PRECISION'],
    [T.DOUBLE(10, 2), 'DOUBLE PRECISION'],
    [T['DOUBLE PRECISION'], 'DOUBLE PRECISION'],
    [T.DECIMAL, 'DECIMAL'],
    [T.DECIMAL(10, 2), 'DECIMAL(10,2)'],
    [T.DECIMAL(10), 'DECIMAL(10)'],
    [T.DECIMAL(10, 0), 'DECIMAL(10)'],
    [T.NUMERIC(5, 1), 'DECIMAL(5,1)'],
    [T.BOOLEAN, 'BOOLEAN'],
    [T.DATE, 'TIMESTAMP WITH TIME ZONE'],
    [T.DATE(6), 'TIMESTAMP WITH TIME ZONE'],
    [T.DATEONLY, 'DATE'],
    [T.TIME, 'TIME'],
    [T.NOW, 'NOW'],
    [T.UUID, 'UUID'],
    [T.UUIDV1, 'UUIDV1'],
    [T.UUIDV4, 'UUIDV4'],
    [T.JSON, 'JSON'],
    [T.JSONB, 'JSONB'],
    [T.BLOB, 'BYTEA'],
    [T.BLOB('long'), 'BYTEA'],
    [T.HSTORE, 'HSTORE'],
    [T.VIRTUAL, 'VIRTUAL'],
    [T.ENUM('a', 'b'), 'ENUM'],
    [T.ARRAY(T.INTEGER), 'INTEGER[]'],
    [T.ARRAY(T.STRING), 'VARCHAR(255)[]'],
    [T.ARRAY(T.DECIMAL(5, 2)), 'DECIMAL(5,2)[]'],
    [T.ARRAY(T.DATE), 'TIMESTAMP WITH TIME ZONE[]'],
    [T.ARRAY(T.ARRAY(T.TEXT)), 'TEXT[][]'],
    [T.RANGE, 'int4range'],
    [T.RANGE(T.INTEGER), 'int4range'],
    [T.RANGE(T.BIGINT), 'int8range'],
    [T.RANGE(T.DECIMAL), 'numrange'],
    [T.RANGE(T.DATE), 'tstzrange'],
    [T.RANGE(T.DATEONLY), 'daterange'],
    [T.GEOMETRY, 'GEOMETRY'],
    [T.GEOMETRY('POINT'), 'GEOMETRY(POINT)'],
    [T.GEOMETRY('POINT', 4326), 'GEOMETRY(POINT,4326)'],
    [T.GEOGRAPHY('POINT', 4326), 'GEOGRAPHY(POINT,4326)'],
    [T.CIDR, 'CIDR'],
    [T.INET, 'INET'],
    [T.MACADDR, 'MACADDR'],
    [T.TSVECTOR, 'TSVECTOR'],
    [T.ABSTRACT, 'ABSTRACT'],
  ];
  for (const [type, ddl] of cases) {
    const instance = typeof type === 'function' ? new type() : type;
    assert.equal(instance.toSql(), ddl, `${instance.constructor.name} -> ${ddl}`);
  }
  assert.equal(T.RANGE(T.STRING).toSql(), undefined); // no postgres range for that subtype
});

test('DataTypes: postgres warnings are listed, not printed by toSql', (t) => {
  const printed = [];
  t.mock.method(console, 'warn', (msg) => printed.push(msg));
  assert.equal(DataTypes.INTEGER.UNSIGNED.toSql(), 'INTEGER');
  assert.equal(DataTypes.TEXT('tiny').toSql(), 'TEXT');
  assert.deepEqual(printed, []);

  assert.deepEqual(DataTypes.INTEGER.UNSIGNED._postgresWarnings(), [
    "PostgresSQL does not support 'INTEGER' with LENGTH, UNSIGNED or ZEROFILL. Plain 'INTEGER' will be used instead.",
  ]);
  assert.deepEqual(DataTypes.DOUBLE(10)._postgresWarnings(), [
    "PostgresSQL does not support 'DOUBLE PRECISION' with LENGTH, UNSIGNED or ZEROFILL. Plain 'DOUBLE PRECISION' will be used instead.",
  ]);
  assert.deepEqual(DataTypes.FLOAT(4, 2).UNSIGNED.ZEROFILL._postgresWarnings(), [
    'PostgreSQL does not support FLOAT with decimals. Plain `FLOAT` will be used instead.',
    'PostgreSQL does not support FLOAT unsigned. `UNSIGNED` was removed.',
    'PostgreSQL does not support FLOAT zerofill. `ZEROFILL` was removed.',
  ]);
  assert.deepEqual(DataTypes.TEXT('long')._postgresWarnings(), [
    'PostgreSQL does not support TEXT with options. Plain `TEXT` will be used instead.',
  ]);
  assert.deepEqual(DataTypes.BLOB('tiny')._postgresWarnings(), [
    'PostgreSQL does not support BLOB (BYTEA) with options. Plain `BYTEA` will be used instead.',
  ]);
  assert.deepEqual(DataTypes.ARRAY(DataTypes.BIGINT(20))._postgresWarnings().length, 1);
  assert.deepEqual(new DataTypes.INTEGER()._postgresWarnings(), []);
  assert.deepEqual(DataTypes.MEDIUMINT(5).UNSIGNED._postgresWarnings(), []);

  // emitPostgresWarnings prints each text once per process, in Sequelize's format.
  DataTypes.emitPostgresWarnings(DataTypes.SMALLINT(4));
  DataTypes.emitPostgresWarnings(DataTypes.SMALLINT.UNSIGNED);
  DataTypes.emitPostgresWarnings(DataTypes.STRING);
  assert.deepEqual(printed, [
    "(sequelize) Warning: PostgresSQL does not support 'SMALLINT' with LENGTH, UNSIGNED or ZEROFILL. Plain 'SMALLINT' will be used instead. \n>> Check: http://www.postgresql.org/docs/9.4/static/datatype.html",
  ]);
});

test('DataTypes.postgres namespace', () => {
  assert.deepEqual(Object.keys(DataTypes.postgres), ['DECIMAL', 'BLOB', 'STRING', 'CHAR', 'TEXT', 'CITEXT', 'TINYINT',
    'SMALLINT', 'INTEGER', 'BIGINT', 'BOOLEAN', 'DATE', 'DATEONLY', 'REAL', 'DOUBLE PRECISION', 'FLOAT', 'GEOMETRY',
    'GEOGRAPHY', 'HSTORE', 'RANGE', 'ENUM']);
  for (const [name, Type] of Object.entries(DataTypes.postgres)) {
    assert.equal(typeof Type, 'function', name);
    assert.ok(new Type() instanceof DataTypes[name], name);
  }
  assert.equal(new DataTypes.postgres.DATE().toSql(), 'TIMESTAMP WITH TIME ZONE');
});

// ---------------------------------------------------------------------------------------------
// Op, QueryTypes, Transaction constants

const OP_KEYS = ['eq', 'ne', 'gte', 'gt', 'lte', 'lt', 'not', 'is', 'in', 'notIn', 'like', 'notLike', 'iLike',
  'notILike', 'startsWith', 'endsWith', 'substring', 'regexp', 'notRegexp', 'iRegexp', 'notIRegexp', 'between',
  'notBetween', 'overlap', 'contains', 'contained', 'adjacent', 'strictLeft', 'strictRight', 'noExtendRight',
  'noExtendLeft', 'and', 'or', 'any', 'all', 'values', 'col', 'placeholder', 'join', 'match'];

test('Op: 40 global symbols', () => {
  assert.equal(OP_KEYS.length, 40);
  assert.deepEqual(Object.keys(Op), OP_KEYS);
  for (const key of OP_KEYS) {
    assert.equal(typeof Op[key], 'symbol', key);
    assert.equal(Op[key], Symbol.for(key), key);
  }
});

test('QueryTypes: value equals key', () => {
  assert.deepEqual(QueryTypes, {
    SELECT: 'SELECT',
    INSERT: 'INSERT',
    UPDATE: 'UPDATE',
    BULKUPDATE: 'BULKUPDATE',
    BULKDELETE: 'BULKDELETE',
    DELETE: 'DELETE',
    UPSERT: 'UPSERT',
    VERSION: 'VERSION',
    SHOWTABLES: 'SHOWTABLES',
    SHOWINDEXES: 'SHOWINDEXES',
    DESCRIBE: 'DESCRIBE',
    RAW: 'RAW',
    FOREIGNKEYS: 'FOREIGNKEYS',
    SHOWCONSTRAINTS: 'SHOWCONSTRAINTS',
  });
  // Same key order as the golden file of conformance case 011.
  assert.deepEqual(Object.keys(QueryTypes), ['SELECT', 'INSERT', 'UPDATE', 'BULKUPDATE', 'BULKDELETE', 'DELETE',
    'UPSERT', 'VERSION', 'SHOWTABLES', 'SHOWINDEXES', 'DESCRIBE', 'RAW', 'FOREIGNKEYS', 'SHOWCONSTRAINTS']);
});

test('Transaction constants', () => {
  assert.deepEqual(Object.keys(Transaction), ['TYPES', 'ISOLATION_LEVELS', 'LOCK']);
  assert.deepEqual(Transaction.TYPES, { DEFERRED: 'DEFERRED', IMMEDIATE: 'IMMEDIATE', EXCLUSIVE: 'EXCLUSIVE' });
  assert.deepEqual(Transaction.ISOLATION_LEVELS, {
    READ_UNCOMMITTED: 'READ UNCOMMITTED',
    READ_COMMITTED: 'READ COMMITTED',
    REPEATABLE_READ: 'REPEATABLE READ',
    SERIALIZABLE: 'SERIALIZABLE',
  });
  assert.deepEqual(Transaction.LOCK, { UPDATE: 'UPDATE', SHARE: 'SHARE', KEY_SHARE: 'KEY SHARE', NO_KEY_UPDATE: 'NO KEY UPDATE' });
});

// ---------------------------------------------------------------------------------------------
// utils

test('utils: helper shapes', () => {
  const { Fn, Col, Cast, Literal, Json, Where, SequelizeMethod } = utils;

  const f = utils.fn('upper', utils.col('name'), 'x');
  assert.ok(f instanceof Fn && f instanceof SequelizeMethod);
  assert.equal(f.fn, 'upper');
  assert.equal(f.args.length, 2);
  assert.ok(f.args[0] instanceof Col);
  assert.equal(f.args[0].col, 'name');
  assert.deepEqual(utils.fn('now').args, []);
  const cl = f.clone();
  assert.ok(cl instanceof Fn && cl !== f && cl.args === f.args);

  assert.deepEqual({ ...utils.col('User.id') }, { col: 'User.id' });
  assert.deepEqual(new Col('ignored', 'a', 'b').col, ['a', 'b']);
  assert.deepEqual(utils.col('a', 'b').col, 'a'); // the helper takes one argument, like Sequelize.col

  const c = utils.cast(1, ' INTEGER ');
  assert.ok(c instanceof Cast);
  assert.deepEqual({ ...c }, { val: 1, type: 'INTEGER', json: false });
  assert.equal(utils.cast('x').type, '');
  assert.equal(new Cast('x', 'jsonb', true).json, true);

  const l = utils.literal('NOW()');
  assert.ok(l instanceof Literal);
  assert.deepEqual({ ...l }, { val: 'NOW()' });

  assert.deepEqual({ ...utils.json({ a: 1 }) }, { conditions: { a: 1 } });
  assert.deepEqual({ ...utils.json('meta.tag', 'x') }, { path: 'meta.tag', value: 'x' });
  assert.deepEqual({ ...utils.json('meta.tag', 0) }, { path: 'meta.tag' });
  assert.ok(utils.json('a') instanceof Json);

  const w2 = utils.where('age', 5);
  assert.ok(w2 instanceof Where);
  assert.deepEqual({ ...w2 }, { attribute: 'age', comparator: '=', logic: 5 });
  const w3 = utils.where(utils.fn('lower', utils.col('name')), Op.like, 'a%');
  assert.equal(w3.comparator, Op.like);
  assert.equal(w3.logic, 'a%');
  assert.ok(w3.attribute instanceof Fn);

  const a = utils.and({ a: 1 }, { b: 2 });
  assert.deepEqual(Object.keys(a), []);
  assert.deepEqual(Object.getOwnPropertySymbols(a), [Op.and]);
  assert.deepEqual(a[Op.and], [{ a: 1 }, { b: 2 }]);
  const o = utils.or({ a: 1 });
  assert.deepEqual(Object.getOwnPropertySymbols(o), [Symbol.for('or')]);
  assert.deepEqual(o[Op.or], [{ a: 1 }]);
  assert.deepEqual(utils.and()[Op.and], []);

  for (const name of ['fn', 'col', 'cast', 'literal', 'json', 'where', 'and', 'or']) {
    assert.equal(typeof utils[name], 'function', name);
  }
});

test('utils: Utils namespace', () => {
  const { Utils } = utils;
  for (const name of ['SequelizeMethod', 'Fn', 'Col', 'Cast', 'Literal', 'Json', 'Where']) {
    assert.equal(Utils[name], utils[name], name);
  }
  assert.equal(Utils.generateEnumName('Users', 'status'), 'enum_Users_status');
  assert.equal(Utils.addTicks('a"b', '"'), '"ab"');
  assert.equal(Utils.removeTicks('`a`'), 'a');
  assert.deepEqual(Utils.getComplexKeys({ a: 1, [Op.or]: [], [Symbol('x')]: 1 }), [Op.or, 'a']);
  assert.equal(Utils.getComplexSize([1, 2]), 2);
  assert.equal(Utils.isWhereEmpty({}), true);
  assert.equal(Utils.isWhereEmpty({ [Op.and]: [] }), false);
  assert.equal(Utils.isWhereEmpty(null), false);
  assert.equal(Utils.isColString('$user.id$'), true);
  assert.equal(Utils.canTreatArrayAsAnd([utils.where('a', 1)]), true);
  assert.equal(Utils.canTreatArrayAsAnd(['a']), false);
  assert.equal(Utils.defaultValueSchemable(DataTypes.NOW()), false);
  assert.equal(Utils.defaultValueSchemable(new DataTypes.UUIDV4()), false);
  assert.equal(Utils.defaultValueSchemable(7), true);
  assert.equal(Utils.defaultValueSchemable(undefined), false);
  assert.equal(Utils.safeStringifyJson({ a: 1n }), '{"a":"1"}');
  const Invokable = Utils.classToInvokable(class X { constructor(v) { this.v = v; } });
  assert.equal(Invokable(3).v, 3);
  assert.equal(new Invokable(4).v, 4);
});

// The parts of conformance case 011 these modules are responsible for.
test('conformance 011: static pieces', () => {
  const types = ['STRING', 'CHAR', 'TEXT', 'INTEGER', 'BIGINT', 'SMALLINT', 'FLOAT', 'REAL', 'DOUBLE', 'DECIMAL',
    'BOOLEAN', 'DATE', 'DATEONLY', 'TIME', 'NOW', 'UUID', 'UUIDV1', 'UUIDV4', 'JSON', 'JSONB', 'ARRAY', 'ENUM', 'BLOB', 'VIRTUAL'];
  assert.deepEqual(types.filter((t) => DataTypes[t] !== undefined), types);
  const ops = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'like', 'iLike', 'between', 'is', 'or', 'and', 'not'];
  assert.deepEqual(ops.filter((k) => typeof Op[k] === 'symbol'), ops);
  const errs = ['BaseError', 'ValidationError', 'ValidationErrorItem', 'UniqueConstraintError', 'DatabaseError',
    'ForeignKeyConstraintError', 'ConnectionError', 'ConnectionRefusedError', 'AccessDeniedError', 'HostNotFoundError',
    'TimeoutError', 'EmptyResultError', 'OptimisticLockError'];
  assert.deepEqual(errs.filter((n) => typeof errors[n] === 'function'), errs);
  assert.ok(errors.UniqueConstraintError.prototype instanceof errors.ValidationError);
  assert.ok(errors.ValidationError.prototype instanceof errors.BaseError);
  assert.ok(errors.ConnectionRefusedError.prototype instanceof errors.ConnectionError);
  assert.ok(errors.ForeignKeyConstraintError.prototype instanceof errors.DatabaseError);
  assert.ok(errors.BaseError.prototype instanceof Error);
});
