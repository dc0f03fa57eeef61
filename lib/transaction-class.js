'use strict';
// Sequelize's Transaction: a connection held from the pool (in Rust) for its lifetime,
// START TRANSACTION / SAVEPOINT / COMMIT / ROLLBACK sent through it, queries routed to it with
// `{transaction: t}`. Nested transactions (`{transaction: outer}`) are savepoints.

const crypto = require('node:crypto');
const { TYPES, ISOLATION_LEVELS, LOCK } = require('./transaction');

class Transaction {
  constructor(sequelize, options) {
    this.sequelize = sequelize;
    this.savepoints = [];
    this._afterCommitHooks = [];
    this.options = {
      type: sequelize.options.transactionType,
      isolationLevel: sequelize.options.isolationLevel,
      readOnly: false,
      ...options,
    };
    this.parent = this.options.transaction;
    if (this.parent) {
      this.id = this.parent.id;
      this.parent.savepoints.push(this);
      this.name = `${this.id}-sp-${this.parent.savepoints.length}`;
    } else {
      this.id = crypto.randomUUID();
      this.name = this.id;
    }
    delete this.options.transaction;
    this.finished = undefined;
  }

  /** The native transaction number of the held connection. */
  get _nativeId() {
    return this.parent ? this.parent._nativeId : this._held;
  }

  _query(sql) {
    return this.sequelize.query(sql, {
      transaction: this.parent || this, completesTransaction: true, type: 'RAW', raw: true,
    });
  }

  async prepareEnvironment() {
    if (this.parent) {
      await this._query(`SAVEPOINT "${this.name}";`);
      return;
    }
    const [id, error] = await this.sequelize._native.begin();
    if (error) throw require('./error-map').toSequelizeError(error, {});
    this._held = id;
    try {
      await this._query('START TRANSACTION;');
      if (this.options.isolationLevel) await this._query(`SET TRANSACTION ISOLATION LEVEL ${this.options.isolationLevel};`);
      if (this.options.readOnly) await this._query('SET TRANSACTION READ ONLY;');
    } catch (err) {
      this._release(true);
      throw err;
    }
  }

  async commit() {
    if (this.finished) {
      throw new Error(`Transaction cannot be committed because it has been finished with state: ${this.finished}`);
    }
    try {
      if (!this.parent) await this._query('COMMIT;');
      this.finished = 'commit';
    } finally {
      this._release(false);
    }
    for (const hook of this._afterCommitHooks) await hook.call(this, this);
  }

  async rollback() {
    if (this.finished) {
      throw new Error(`Transaction cannot be rolled back because it has been finished with state: ${this.finished}`);
    }
    try {
      await this._query(this.parent ? `ROLLBACK TO SAVEPOINT "${this.name}";` : 'ROLLBACK;');
      this.finished = 'rollback';
    } finally {
      this._release(false);
    }
  }

  _release(broken) {
    if (!this.parent && this._held !== undefined) {
      this.sequelize._native.end(this._held, Boolean(broken));
      this._held = undefined;
    }
  }

  afterCommit(fn) {
    if (typeof fn !== 'function') throw new Error('"fn" must be a function');
    this._afterCommitHooks.push(fn);
  }

  get LOCK() {
    return LOCK;
  }

  static get TYPES() {
    return TYPES;
  }

  static get ISOLATION_LEVELS() {
    return ISOLATION_LEVELS;
  }

  static get LOCK() {
    return LOCK;
  }
}

module.exports = { Transaction };
