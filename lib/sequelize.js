'use strict';
// The Sequelize class: Sequelize v6's shape over the Rust core. Parsing, pooling, TLS, execution,
// decoding and error classification happen in Rust (src/); this file keeps JS-only concerns:
// argument forms, logging, result shapes per QueryTypes, retries, error classes.

const { load, nativeErrorData } = require('./native');
const errors = require('./errors');
const DataTypes = require('./data-types');
const Op = require('./operators');
const QueryTypes = require('./query-types');
const TransactionConstants = require('./transaction');
const utils = require('./utils');
const { encode, encodeValues } = require('./values');
const {
  buildRows, ResultSet, Chunks, nestRow: nest,
} = require('./rows');
const { toSequelizeError } = require('./error-map');
const { retry, shouldRetry } = require('./retry');
const { applyTo } = require('./hooks');
const { Model } = require('./model/statics');
const { QueryInterface } = require('./query-interface');
const { Transaction } = require('./transaction-class');

/** Options of a statement run without per-call options. */
const NO_OPTIONS = Object.freeze({});

/** The models of one Sequelize instance (Sequelize's ModelManager). */
class ModelManager {
  constructor(sequelize) {
    this.sequelize = sequelize;
    this.models = [];
  }

  addModel(model) {
    this.models.push(model);
    this.sequelize.models[model.name] = model;
    return model;
  }

  removeModel(modelToRemove) {
    this.models = this.models.filter((m) => m.name !== modelToRemove.name);
    delete this.sequelize.models[modelToRemove.name];
  }

  getModel(name) {
    return this.models.find((m) => m.name === name);
  }

  /** Models ordered so that referenced tables come first (sync order). */
  sorted() {
    const byTable = new Map(this.models.map((m) => [m.tableName, m]));
    const out = [];
    const state = new Map();
    const visit = (m) => {
      if (state.get(m) === 2) return;
      if (state.get(m) === 1) return; // cycle: keep definition order
      state.set(m, 1);
      for (const attr of Object.values(m.rawAttributes)) {
        const ref = attr.references && attr.references.model;
        const table = typeof ref === 'function' && ref.getTableName ? ref.tableName : typeof ref === 'object' && ref ? ref.tableName : ref;
        const dep = byTable.get(table) || (typeof ref === 'string' ? this.getModel(ref) : undefined);
        if (dep && dep !== m) visit(dep);
      }
      state.set(m, 2);
      out.push(m);
    };
    for (const m of this.models) visit(m);
    return out;
  }

  forEachModel(fn) {
    for (const m of this.sorted()) fn(m);
  }
}

const ENV_KEYS = ['PGUSER', 'PGPASSWORD', 'PGDATABASE', 'PGAPPNAME', 'PGSSLMODE', 'NODE_EXTRA_CA_CERTS', 'USER'];
const warned = new Set();

/** A JSON-safe copy of the options the core reads (functions become the marker "__fn__"). */
function sanitize(value, depth = 0) {
  if (depth > 8) return undefined;
  if (typeof value === 'function') return '__fn__';
  if (value instanceof RegExp) return String(value);
  if (Buffer.isBuffer(value)) return value.toString();
  if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1));
  if (value && typeof value === 'object') {
    const out = {};
    for (const k of Object.keys(value)) {
      const v = sanitize(value[k], depth + 1);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  return value;
}

function pickEnv() {
  const env = {};
  for (const k of ENV_KEYS) if (process.env[k]) env[k] = process.env[k];
  return env;
}

function nativeError(err) {
  const data = nativeErrorData(err);
  if (!data) return err;
  return toSequelizeError({ ...data, class: data.kind === 'InvalidInput' ? 'Error' : data.class || 'Error' });
}

/** pg's `Result` object, shaped as node-postgres builds it. */
class Result {
  constructor(set, rows) {
    this.command = set.command;
    this.rowCount = set.rowCount;
    this.oid = set.oid;
    this.rows = rows;
    this.fields = set.fields;
    this._parsers = undefined;
    this._types = undefined;
    this.RowCtor = null;
    this.rowAsArray = false;
    this._prebuiltEmptyResultObject = null;
  }
}


class Sequelize {
  constructor(database, username, password, options) {
    let input;
    if (arguments.length === 1 && database !== null && typeof database === 'object') {
      options = database;
      input = { options };
    } else if ((arguments.length === 1 && typeof database === 'string')
      || (arguments.length === 2 && typeof username === 'object')) {
      options = username || {};
      input = { uri: database, options };
    } else {
      options = options || {};
      input = { database, username, password, options };
    }
    if (typeof input.uri === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(input.uri) && !options.dialect) {
      // Sequelize 6 crashes here with a TypeError; we say what is wrong.
      throw new Error(`Invalid connection URI: ${JSON.stringify(input.uri)}`);
    }
    let native;
    try {
      const Native = load().NativeSequelize;
      native = new Native(JSON.stringify({ ...input, options: sanitize(options) || {}, env: pickEnv() }));
    } catch (err) {
      throw nativeError(err);
    }
    const parsed = JSON.parse(native.configJson);
    for (const w of parsed.warnings) {
      if (!warned.has(w)) {
        warned.add(w);
        process.emitWarning(w);
      }
    }
    Object.defineProperty(this, '_native', { value: native, enumerable: false });
    Object.defineProperty(this, '_closed', { value: false, writable: true, enumerable: false });
    this.options = {
      dialect: 'postgres',
      dialectModule: null,
      dialectModulePath: null,
      host: parsed.config.host,
      protocol: 'tcp',
      define: {},
      query: {},
      sync: {},
      timezone: '+00:00',
      standardConformingStrings: true,
      logging: console.log,
      omitNull: false,
      native: false,
      replication: false,
      ssl: undefined,
      pool: {},
      quoteIdentifiers: true,
      hooks: {},
      retry: { max: 5, match: ['SQLITE_BUSY: database is locked'] },
      transactionType: 'DEFERRED',
      isolationLevel: null,
      databaseVersion: 0,
      typeValidation: false,
      benchmark: false,
      minifyAliases: false,
      logQueryParameters: false,
      attributeBehavior: 'throw',
      ...options,
    };
    this.options.dialect = 'postgres';
    if (this.options.logging === true) {
      process.emitWarning('The logging-option should be either a function or false. Default: console.log',
        'DeprecationWarning', 'SEQUELIZE0002');
      this.options.logging = console.log;
    }
    const pool = { max: 5, min: 0, idle: 10000, acquire: 60000, evict: 1000, ...(options.pool || {}) };
    this.config = {
      database: parsed.config.database,
      username: parsed.config.username,
      password: parsed.config.password,
      host: parsed.config.host,
      port: parsed.config.port,
      pool,
      protocol: 'tcp',
      native: false,
      ssl: options.ssl,
      replication: false,
      dialectModule: null,
      dialectModulePath: null,
      keepDefaultTimezone: options.keepDefaultTimezone,
      dialectOptions: parsed.config.dialectOptions,
    };
    this.options.dialectOptions = parsed.config.dialectOptions;
    this.dialect = { name: 'postgres' };
    this.models = {};
    this.modelManager = new ModelManager(this);
    this._setupHooks(options.hooks);
  }

  getDialect() {
    return 'postgres';
  }

  getDatabaseName() {
    return this.config.database;
  }

  /** Logging as Sequelize does it: `logging(msg, options)`, or with `benchmark` `(msg, ms, options)`. */
  log(...args) {
    let options;
    const last = args[args.length - 1];
    if (last && typeof last === 'object' && Object.prototype.hasOwnProperty.call(last, 'logging')) {
      options = last;
      if (options.logging === console.log) args.splice(args.length - 1, 1);
    } else {
      options = this.options;
    }
    if (options.logging) {
      if (options.logging === true) options.logging = console.log;
      if ((this.options.benchmark || options.benchmark) && options.logging === console.log) {
        args = [`${args[0]} Elapsed time: ${args[1]}ms`];
      }
      options.logging(...args);
    }
  }

  async authenticate(options) {
    await this.query('SELECT 1+1 AS result', {
      raw: true, plain: true, ...options, type: QueryTypes.SELECT,
    });
  }

  async validate(options) {
    return this.authenticate(options);
  }

  async databaseVersion(options) {
    return this.query('SHOW SERVER_VERSION', { ...options, type: QueryTypes.VERSION });
  }

  async query(sql, options) {
    options = { ...this.options.query, ...options };
    if (options.instance && !options.model) options.model = options.instance.constructor;
    if (!options.instance && !options.model) options.raw = true;
    if (options.mapToModel) options.fieldMap = (options.model && options.model.fieldAttributeMap) || {};
    if (!Object.prototype.hasOwnProperty.call(options, 'logging')) {
      options.logging = Object.prototype.hasOwnProperty.call(this.options, 'logging') ? this.options.logging : console.log;
    }
    if (!options.type) {
      options.type = options.model || options.nest || options.plain ? QueryTypes.SELECT : QueryTypes.RAW;
    }
    if (sql !== null && typeof sql === 'object') {
      if (sql.values !== undefined) {
        if (options.replacements !== undefined) {
          throw new Error('Both `sql.values` and `options.replacements` cannot be set at the same time');
        }
        options.replacements = sql.values;
      }
      if (sql.bind !== undefined) {
        if (options.bind !== undefined) {
          throw new Error('Both `sql.bind` and `options.bind` cannot be set at the same time');
        }
        options.bind = sql.bind;
      }
      if (sql.query !== undefined) sql = sql.query;
    }
    if (typeof sql !== 'string') throw new TypeError('sql.trim is not a function');
    sql = sql.trim();
    if (options.replacements && options.bind) {
      throw new Error('Both `replacements` and `bind` cannot be set at the same time');
    }
    // Sequelize formats Dates in replacements in the process's local time zone (moment default).
    const tz = 'local';
    const replacements = options.replacements && typeof options.replacements === 'object'
      ? encodeValues(options.replacements, tz) : null;
    const bind = options.bind && typeof options.bind === 'object'
      && (Array.isArray(options.bind) ? options.bind.length > 0 : true)
      ? encodeValues(options.bind, tz) : null;
    try {
      return await this._run(sql, replacements, bind, options);
    } catch (err) {
      // The retry machinery only when the first attempt failed in a way `retry.match` names.
      const retryOptions = options.retry ? { ...this.options.retry, ...options.retry } : this.options.retry;
      if (!retryOptions || !shouldRetry(retryOptions, err, 1)) throw err;
      return retry((attempt) => this._run(sql, replacements, bind, options), retryOptions, 2);
    }
  }

  async _run(sql, replacements, bind, options) {
    let tx;
    try {
      tx = this._txId(options);
    } catch (err) {
      err.sql = sql;
      throw err;
    }
    const chunks = new Chunks(false);
    const started = this._start(() => this._native.run(sql, replacements, bind, tx, chunks.sink));
    const logParams = options.bind
      ? (Array.isArray(options.bind) ? options.bind : Object.values(options.bind)) : undefined;
    const sets = await this._await(started, options, options.bind ? options.bind : undefined, logParams, chunks);
    return this._format(started.sql, sets, options);
  }

  _start(fn) {
    if (this._closed) {
      throw new Error('ConnectionManager.getConnection was called after the connection manager was closed!');
    }
    try {
      return fn();
    } catch (err) {
      throw nativeError(err);
    }
  }

  /** The logging function for a statement run with `options` (Sequelize's precedence). */
  _loggingOf(options) {
    if (Object.prototype.hasOwnProperty.call(options, 'logging')) return options.logging;
    return Object.prototype.hasOwnProperty.call(this.options, 'logging') ? this.options.logging : console.log;
  }

  /** Whether a statement run without per-call logging options would be logged. */
  _logsQueries() {
    return Boolean(this._loggingOf(NO_OPTIONS)) || Boolean(this.options.benchmark);
  }

  /** Whether a statement's bind parameters are logged (`logQueryParameters`). */
  _logsParams(options) {
    return Boolean(this.options.logQueryParameters || options.logQueryParameters);
  }

  /**
   * Logs like Sequelize, awaits the native promise, maps errors; resolves the result sets.
   * `parameters` (the error's `.parameters`): null for statements the core built, whose bind
   * values come with a failure's outcome.
   */
  async _await(started, options, parameters, logParamList, chunks) {
    const own = Object.prototype.hasOwnProperty.call(options, 'logging');
    const logging = this._loggingOf(options);
    const benchmark = this.options.benchmark || options.benchmark;
    const finalSql = started.sql;
    // Nothing is formatted when nothing would be logged (the common production setting).
    const logs = Boolean(logging) || Boolean(benchmark);
    let fmt;
    let startTime;
    if (logs) {
      if (!own) options = { ...options, logging };
      const logParams = this._logsParams(options) && logParamList && logParamList.length
        ? `${finalSql.endsWith(';') ? '' : ';'} ${logParamList.map((p) => JSON.stringify(p)).join(', ')}`
        : '';
      fmt = `(${options.transaction ? options.transaction.id : 'default'}): ${finalSql}${logParams}`;
      startTime = Date.now();
      if (!benchmark) this.log(`Executing ${fmt}`, options);
    }
    // No per-query `new Error()` for the stack (Sequelize pays for one on every query): the error
    // is created after the await, so V8's async stack trace still names the caller.
    const outcome = await started.promise;
    if (outcome.error) {
      if (parameters === null) parameters = outcome.params || {};
      throw toSequelizeError(outcome.error, { sql: finalSql, parameters });
    }
    if (benchmark) this.log(`Executed ${fmt}`, Date.now() - startTime, options);
    const results = outcome.results;
    const sets = new Array(results.length);
    for (let i = 0; i < results.length; i++) sets[i] = new ResultSet(results[i]);
    if (chunks) chunks.attach(sets);
    return sets;
  }

  // ---------------------------------------------------------------------------------- models

  _defineNative(raw) {
    try {
      return JSON.parse(this._native.defineModel(JSON.stringify(raw)));
    } catch (err) {
      throw nativeError(err);
    }
  }

  _modelKey(model) {
    return model._schemaOverride ? `${model.name}\u0000${model._schemaOverride}` : model.name;
  }

  /**
   * One statement the core builds for a model, run on the pool. `dual`: rows are for model
   * instances (built with their previous values' source; see `lib/rows.js` `Chunks`).
   * `bulkRows` ({count, columns} from lib/model/bulk-columns.js): bulkCreate's INSERT.
   */
  async _runModel(kind, model, payload, options = {}, dual = false, bulkRows = undefined) {
    if (payload && model._schemaOverride) payload.schema = model._schemaOverride;
    payload.localOffset = -new Date().getTimezoneOffset();
    if (options.hooks !== false && this.options.hooks && (this.options.hooks.beforeQuery || this.options.hooks.afterQuery)) {
      await this.runHooks('beforeQuery', options, null);
    }
    const tx = this._txId(options);
    const chunks = new Chunks(dual);
    const logsParams = this._logsParams(options);
    const started = this._start(() => (bulkRows
      ? this._native.runBulkInsert(model.name, JSON.stringify(payload), bulkRows.count, bulkRows.columns, tx,
        chunks.sink, logsParams)
      : this._native.runModel(kind, model.name, JSON.stringify(payload), tx, chunks.sink, logsParams)));
    const sets = await this._await(started, options, null, started.params, chunks);
    return sets;
  }

  /** One statement on a table (QueryInterface bulkInsert/bulkUpdate/bulkDelete). */
  async _runTable(kind, table, payload, options = {}) {
    const tx = this._txId(options);
    const started = this._start(() => this._native.runTable(kind, JSON.stringify({ ...table, ...payload }), tx,
      this._logsParams(options)));
    const sets = await this._await(started, options, null, started.params);
    sets.sql = started.sql;
    return sets;
  }

  _modelSql(kind, model, payload = {}) {
    if (model._schemaOverride) payload = { ...payload, schema: model._schemaOverride };
    try {
      return this._native.modelSql(kind, model.name, JSON.stringify(payload));
    } catch (err) {
      throw nativeError(err);
    }
  }

  _qiSql(kind, payload = {}) {
    try {
      return this._native.qiSql(kind, JSON.stringify(payload));
    } catch (err) {
      throw nativeError(err);
    }
  }

  /**
   * `sequelize.transaction([options], [callback])`: unmanaged (resolves the Transaction) or
   * managed (commits after the callback, rolls back and rethrows when it throws).
   */
  async transaction(options, autoCallback) {
    if (typeof options === 'function') {
      autoCallback = options;
      options = undefined;
    }
    const transaction = new Transaction(this, options);
    if (!autoCallback) {
      await transaction.prepareEnvironment();
      return transaction;
    }
    try {
      await transaction.prepareEnvironment();
      const result = await autoCallback(transaction);
      await transaction.commit();
      return result;
    } catch (err) {
      try {
        if (!transaction.finished) await transaction.rollback();
      } catch (_) {
        transaction._release(true);
      }
      throw err;
    }
  }

  _txId(options) {
    const t = options && options.transaction;
    if (!t) return undefined;
    if (t.finished && !options.completesTransaction) {
      const err = new Error(`${t.finished} has been called on this transaction(${t.id}), you can no longer use it. (The rejected query is attached as the 'sql' property of this error)`);
      throw err;
    }
    return t._nativeId;
  }

  define(modelName, attributes, options = {}) {
    options.modelName = modelName;
    options.sequelize = this;
    const model = class extends Model {};
    model.init(attributes, options);
    return model;
  }

  model(modelName) {
    if (!this.isDefined(modelName)) throw new Error(`${modelName} has not been defined`);
    return this.modelManager.getModel(modelName);
  }

  isDefined(modelName) {
    return this.modelManager.models.some((model) => model.name === modelName);
  }

  getQueryInterface() {
    if (!this.queryInterface) this.queryInterface = new QueryInterface(this);
    return this.queryInterface;
  }

  async sync(options) {
    options = { ...this.options, ...this.options.sync, ...options };
    options.hooks = options.hooks === undefined ? true : !!options.hooks;
    if (options.match) {
      if (!options.match.test(this.config.database)) {
        throw new Error(`Database "${this.config.database}" does not match sync match parameter "${options.match}"`);
      }
    }
    if (options.hooks) await this.runHooks('beforeBulkSync', options);
    if (options.force) await this.drop(options);
    const models = this.modelManager.sorted();
    if (!models.length) await this.authenticate(options);
    else for (const model of models) await model.sync(options);
    if (options.hooks) await this.runHooks('afterBulkSync', options);
    return this;
  }

  async drop(options) {
    const models = this.modelManager.sorted().reverse();
    for (const model of models) await model.drop(options);
  }

  async truncate(options) {
    const models = this.modelManager.sorted().reverse();
    if (options && options.cascade) {
      for (const model of models) await model.truncate(options);
    } else {
      await Promise.all(models.map((model) => model.truncate(options)));
    }
  }

  async createSchema(schema, options) {
    return this.getQueryInterface().createSchema(schema, options);
  }

  async showAllSchemas(options) {
    return this.getQueryInterface().showAllSchemas(options);
  }

  async dropSchema(schema, options) {
    return this.getQueryInterface().dropSchema(schema, options);
  }

  async dropAllSchemas(options) {
    return this.getQueryInterface().dropAllSchemas(options);
  }

  _format(sql, sets, options) {
    const resultRows = sets.map((set) => buildRows(set));
    let rows;
    let rowCount;
    let meta;
    if (sets.length === 1) {
      rows = resultRows[0];
      rowCount = sets[0].rowCount || 0;
      meta = new Result(sets[0], rows);
    } else {
      rows = [].concat(...resultRows);
      rowCount = sets.reduce((n, s) => (Number.isFinite(s.rowCount) ? n + s.rowCount : n), 0);
      meta = sets.map((s, i) => new Result(s, resultRows[i]));
      if (sets.length === 0) meta = new Result({ command: null, rowCount: null, oid: null, fields: [] }, rows);
    }
    const type = options.type;
    if (sql.startsWith('SELECT table_name FROM information_schema.tables')) return rows.map((r) => Object.values(r));
    if (type === QueryTypes.SELECT) {
      let result = rows;
      if (options.fieldMap) {
        const fieldMap = options.fieldMap;
        result = result.map((row) => {
          for (const [field, name] of Object.entries(fieldMap)) {
            if (row[field] !== undefined && name !== field) {
              row[name] = row[field];
              delete row[field];
            }
          }
          return row;
        });
      }
      if (options.raw) {
        if (options.nest) result = result.map(nest);
      } else if (options.model) {
        result = options.model.bulkBuild(result, { isNewRecord: false, raw: true });
      }
      if (options.plain) return result.length === 0 ? null : result[0];
      return result;
    }
    if (type === QueryTypes.VERSION) return rows[0].server_version;
    const lower = sql.slice(0, 12).toLowerCase();
    if (lower.startsWith('show') || lower.startsWith('describe')) return rows;
    if (type === QueryTypes.BULKUPDATE) return options.returning ? rows : rowCount;
    if (type === QueryTypes.BULKDELETE) return rowCount;
    if (type === QueryTypes.UPSERT) return [undefined, null];
    if (type === QueryTypes.INSERT || type === QueryTypes.UPDATE
      || (type === QueryTypes.RAW && lower.startsWith('insert into'))) {
      return [rows && ((options.plain && rows[0]) || rows), rowCount];
    }
    if (type === QueryTypes.RAW) return [rows, meta];
    return rows;
  }

  async close() {
    this._closed = true; // checked before each statement (cheaper than asking the core)
    this._native.close();
  }

  /** Pool counters (not in Sequelize; used by tests and diagnostics). */
  poolStatus() {
    return this._native.poolStatus();
  }

  escape(value) {
    try {
      return load().escapeValue(JSON.stringify(encode(value, this.options.timezone || '+00:00')));
    } catch (err) {
      throw nativeError(err);
    }
  }

  random() {
    return utils.fn('RANDOM');
  }
}

applyTo(Sequelize.prototype, false);
applyTo(Sequelize, false);

// Statics, as on Sequelize.
Object.assign(Sequelize, errors);
Sequelize.Error = errors.BaseError;
Sequelize.version = '6.37.8';
Sequelize.DataTypes = DataTypes;
for (const name of Object.keys(DataTypes)) {
  if (name !== 'postgres' && Sequelize[name] === undefined) Sequelize[name] = DataTypes[name];
}
Sequelize.Op = Op;
Sequelize.QueryTypes = QueryTypes;
Sequelize.Transaction = Transaction;
void TransactionConstants;
Sequelize.Utils = utils.Utils;
Sequelize.Model = Model;
Sequelize.QueryInterface = QueryInterface;
Sequelize.Validator = {};
for (const helper of ['fn', 'col', 'cast', 'literal', 'json', 'where', 'and', 'or']) {
  Sequelize[helper] = utils[helper];
  Sequelize.prototype[helper] = utils[helper];
}
Sequelize.prototype.QueryTypes = QueryTypes;
Sequelize.prototype.Op = Op;
Sequelize.Sequelize = Sequelize;
Sequelize.default = Sequelize;

module.exports = Sequelize;
