'use strict';
// Sequelize's Model: classes made by `sequelize.define()` / `Model.init()`, their instances, and
// the static finders and writers. SQL is generated and run by the Rust core (one native call per
// statement); this file keeps what is JavaScript by nature: instances, getters/setters, hooks,
// custom validators, defaults computed in JS, and Sequelize's return shapes.

const crypto = require('node:crypto');
const util = require('node:util');
const errors = require('./errors');
const DataTypes = require('./data-types');
const Op = require('./operators');
const { SequelizeMethod, attributeFact } = require('./utils');
const { applyTo, hasHooks } = require('./hooks');
const enc = require('./model/encode');
const { normalizeAttribute, rawModel } = require('./model/attributes');
const { validateInstance } = require('./model/validator');
const { encode } = require('./values');

const isPlainObject = enc.isPlainObject;

function cloneDeep(v) {
  if (Array.isArray(v)) return v.map(cloneDeep);
  if (isPlainObject(v)) {
    const out = {};
    for (const k of Object.keys(v)) out[k] = cloneDeep(v[k]);
    for (const s of Object.getOwnPropertySymbols(v)) out[s] = cloneDeep(v[s]);
    return out;
  }
  return v;
}

/** Sequelize's Utils.merge for model options: plain objects merge deeply, the rest is replaced. */
function merge(target, source) {
  for (const k of Object.keys(source)) {
    if (isPlainObject(source[k]) && isPlainObject(target[k])) target[k] = merge({ ...target[k] }, source[k]);
    else target[k] = source[k];
  }
  return target;
}

function isEqual(a, b) {
  if (a === b) return true;
  if (a === undefined || a === null || b === undefined || b === null) return false;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    return util.isDeepStrictEqual(a, b);
  }
  return false;
}

function uuidv1() {
  // RFC 4122 version 1: 60-bit timestamp (100 ns since 1582-10-15), random clock sequence and node.
  const t = BigInt(Date.now()) * 10000n + 0x01b21dd213814000n + BigInt(uuidv1.seq = ((uuidv1.seq || 0) + 1) % 10000);
  const low = (t & 0xffffffffn).toString(16).padStart(8, '0');
  const mid = ((t >> 32n) & 0xffffn).toString(16).padStart(4, '0');
  const high = (((t >> 48n) & 0x0fffn) | 0x1000n).toString(16).padStart(4, '0');
  const rnd = crypto.randomBytes(8);
  const clock = ((rnd.readUInt16BE(0) & 0x3fff) | 0x8000).toString(16).padStart(4, '0');
  const nodeId = Buffer.from(rnd.subarray(2, 8));
  nodeId[0] |= 0x01;
  return `${low}-${mid}-${high}-${clock}-${nodeId.toString('hex')}`;
}

const RAW = Object.freeze({ raw: true });

/**
 * What `_initValues` applies to a new record, per model (reset by `refreshAttributes`): the
 * attributes with a defaultValue, the timestamp attributes, and the primary keys without a
 * default (set to null).
 */
function newRecordDefaults(M) {
  const ts = M._timestampAttributes;
  return {
    entries: Object.entries(M._defaultValues),
    timestamps: [ts.createdAt, ts.updatedAt, ts.deletedAt].filter(Boolean),
    pkNulls: M.primaryKeyAttributes.filter((pk) => !Object.prototype.hasOwnProperty.call(M._defaultValues, pk)),
  };
}

/** The JS value of a `defaultValue` (Utils.toDefaultValue). */
function toDefaultValue(value) {
  if (typeof value === 'function') {
    if (value === DataTypes.NOW || value.prototype instanceof DataTypes.NOW) return new Date();
    if (value === DataTypes.UUIDV4 || value.prototype instanceof DataTypes.UUIDV4) return crypto.randomUUID();
    if (value === DataTypes.UUIDV1 || value.prototype instanceof DataTypes.UUIDV1) return uuidv1();
    const tmp = value();
    if (tmp instanceof DataTypes.ABSTRACT) return tmp;
    return tmp;
  }
  if (value instanceof DataTypes.NOW) return new Date();
  if (value instanceof DataTypes.UUIDV4) return crypto.randomUUID();
  if (value instanceof DataTypes.UUIDV1) return uuidv1();
  if (isPlainObject(value) || Array.isArray(value)) return cloneDeep(value);
  return value;
}

const SANITIZE_NONE = 0;
const SANITIZE_DATE = 1;
const SANITIZE_BOOLEAN = 2;

/** How `set()` coerces values of this attribute (Sequelize's DATE and BOOLEAN parsing). */
function sanitizeKindOf(attr) {
  const type = attr.type;
  if (type instanceof DataTypes.DATE && !(type instanceof DataTypes.DATEONLY)) return SANITIZE_DATE;
  if (type instanceof DataTypes.BOOLEAN) return SANITIZE_BOOLEAN;
  return SANITIZE_NONE;
}

function sanitizeValue(kind, value) {
  if (kind === SANITIZE_DATE) {
    if (!(value instanceof Date)) {
      const d = new Date(value);
      return Number.isNaN(d.getTime()) ? value : d;
    }
    return value;
  }
  if (kind === SANITIZE_BOOLEAN) {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      if (value === 'true' || value === 't') return true;
      if (value === 'false' || value === 'f') return false;
      return value;
    }
    if (typeof value === 'number') {
      if (value === 1) return true;
      if (value === 0) return false;
    }
    if (Buffer.isBuffer(value) && value.length === 1) return value[0] === 1;
    return value;
  }
  return value;
}

class Model {
  // ----------------------------------------------------------------------------------- instances

  constructor(values = {}, options = {}) {
    if (!this.constructor._def) {
      throw new Error(`Model ${this.constructor.name} is not initialized; call ${this.constructor.name}.init() first`);
    }
    options = {
      isNewRecord: true,
      _schema: this.constructor._schema,
      _schemaDelimiter: this.constructor._schemaDelimiter,
      ...options,
    };
    if (options.attributes) options.attributes = options.attributes.map((a) => (Array.isArray(a) ? a[1] : a));
    this.dataValues = {};
    this._previousDataValues = {};
    this.uniqno = 1;
    this._changed = new Set();
    this._options = options;
    this.isNewRecord = options.isNewRecord;
    this._initValues(values, options);
  }

  _initValues(values, options) {
    values = { ...values };
    if (options.isNewRecord) {
      const M = this.constructor;
      const plan = M._newRecordDefaults || (M._newRecordDefaults = newRecordDefaults(M));
      // Every default is computed for every new instance (a defaultValue function runs even when
      // the value is given, as in Sequelize); timestamps first, then the rest in definition order.
      if (plan.entries.length) {
        const defaults = {};
        for (const [key, attr] of plan.entries) defaults[key] = toDefaultValue(attr);
        for (const name of plan.timestamps) {
          if (defaults[name]) {
            this.dataValues[name] = defaults[name];
            delete defaults[name];
          }
        }
        for (const key of Object.keys(defaults)) {
          if (values[key] === undefined) {
            this.set(key, defaults[key], RAW);
            delete values[key];
          }
        }
      }
      for (const pk of plan.pkNulls) {
        if (values[pk] === undefined) {
          this.set(pk, null, RAW);
          delete values[pk];
        }
      }
    }
    this.set(values, options);
  }

  get sequelize() {
    return this.constructor.sequelize;
  }

  where(checkVersion) {
    const M = this.constructor;
    const where = {};
    for (const pk of M.primaryKeyAttributes) where[pk] = this.get(pk, { raw: true });
    if (Object.keys(where).length === 0) return M.primaryKeyAttributes.length ? where : this._previousDataValues;
    const versionAttr = M._versionAttribute;
    if (checkVersion && versionAttr) where[versionAttr] = this.get(versionAttr, { raw: true });
    return where;
  }

  toString() {
    return `[object SequelizeInstance:${this.constructor.name}]`;
  }

  getDataValue(key) {
    return this.dataValues[key];
  }

  setDataValue(key, value) {
    const originalValue = this._previousDataValues[key];
    if (!isEqual(value, originalValue)) this.changed(key, true);
    this.dataValues[key] = value;
  }

  get(key, options) {
    if (options === undefined && typeof key === 'object' && key !== null) {
      options = key;
      key = undefined;
    }
    options = options || {};
    const M = this.constructor;
    if (key) {
      if (M._customGetters[key] && !options.raw) return M._customGetters[key].call(this, key, options);
      return this.dataValues[key];
    }
    if (M._hasCustomGetters || options.clone) {
      const values = {};
      if (M._hasCustomGetters) {
        for (const k of Object.keys(M._customGetters)) {
          if (this._options.attributes && !this._options.attributes.includes(k)) continue;
          values[k] = this.get(k, options);
        }
      }
      for (const k of Object.keys(this.dataValues)) {
        if (!Object.prototype.hasOwnProperty.call(values, k)) values[k] = this.get(k, options);
      }
      return values;
    }
    return this.dataValues;
  }

  set(key, value, options) {
    const M = this.constructor;
    if (typeof key === 'object' && key !== null) {
      const values = key;
      options = value || {};
      if (options.reset) {
        this.dataValues = {};
        for (const k of Object.keys(values)) this.changed(k, false);
      }
      if (options.raw && !options.attributes && !M._hasDateAttributes && !M._hasBooleanAttributes) {
        if (Object.keys(this.dataValues).length) Object.assign(this.dataValues, values);
        else this.dataValues = values;
        this._previousDataValues = { ...this.dataValues };
      } else {
        if (options.attributes) {
          const setKeys = (keys) => {
            for (const k of keys) if (values[k] !== undefined) this.set(k, values[k], options);
          };
          setKeys(options.attributes);
          if (M._virtualAttributes.size) setKeys([...M._virtualAttributes]);
        } else {
          for (const k of Object.keys(values)) this.set(k, values[k], options);
        }
        if (options.raw) this._previousDataValues = { ...this.dataValues };
      }
      return this;
    }
    options = options || {};
    let originalValue;
    if (!options.raw) originalValue = this.dataValues[key];
    if (!options.raw && M._customSetters[key]) {
      M._customSetters[key].call(this, value, key);
      const newValue = this.dataValues[key];
      if (!isEqual(newValue, originalValue)) {
        this._previousDataValues[key] = originalValue;
        this.changed(key, true);
      }
      return this;
    }
    if (!options.raw) {
      if (!M._isAttribute(key)) {
        if (key.includes('.') && M._jsonAttributes.has(key.split('.')[0])) {
          const [root, ...path] = key.split('.');
          const obj = this.dataValues[root] && typeof this.dataValues[root] === 'object' ? this.dataValues[root] : {};
          let target = obj;
          for (const p of path.slice(0, -1)) target = target[p] = target[p] && typeof target[p] === 'object' ? target[p] : {};
          if (!isEqual(target[path[path.length - 1]], value)) {
            target[path[path.length - 1]] = value;
            this.dataValues[root] = obj;
            this.changed(root, true);
          }
        }
        return this;
      }
      if (M._hasPrimaryKeys && originalValue && M._isPrimaryKey(key)) return this;
    }
    const attr = M.rawAttributes[key];
    if (attr && value !== null && value !== undefined && !(value instanceof SequelizeMethod)) {
      const kind = attributeFact(attr, '_sanitizeKind', sanitizeKindOf);
      if (kind !== SANITIZE_NONE) value = sanitizeValue(kind, value);
    }
    if (!options.raw && (value instanceof SequelizeMethod || !isEqual(value, originalValue))) {
      this._previousDataValues[key] = originalValue;
      this.changed(key, true);
    }
    this.dataValues[key] = value;
    return this;
  }

  setAttributes(updates) {
    return this.set(updates);
  }

  changed(key, value) {
    if (key === undefined) return this._changed.size > 0 ? Array.from(this._changed) : false;
    if (value === true) {
      this._changed.add(key);
      return this;
    }
    if (value === false) {
      this._changed.delete(key);
      return this;
    }
    return this._changed.has(key);
  }

  previous(key) {
    if (key) return this._previousDataValues[key];
    const out = {};
    for (const k of Object.keys(this._previousDataValues)) if (this.changed(k)) out[k] = this._previousDataValues[k];
    return out;
  }

  toJSON() {
    return cloneDeep(this.get({ plain: true }));
  }

  equals(other) {
    if (!other || !other.constructor) return false;
    if (!(other instanceof this.constructor)) return false;
    return this.constructor.primaryKeyAttributes.every((a) => this.get(a, { raw: true }) === other.get(a, { raw: true }));
  }

  equalsOneOf(others) {
    return others.some((o) => this.equals(o));
  }

  isSoftDeleted() {
    const M = this.constructor;
    if (!M.options.paranoid) throw new Error('Model is not paranoid');
    const deletedAt = M._timestampAttributes.deletedAt;
    const value = this.get(deletedAt);
    if (value === null || value === undefined) return false;
    return value instanceof Date ? value.getTime() <= Date.now() : true;
  }

  async validate(options) {
    return validateInstance(this, options);
  }

  async save(options) {
    if (arguments.length > 1) throw new Error('The second argument was removed in favor of the options object.');
    options = { hooks: true, validate: true, ...cloneDeep(options || {}) };
    const M = this.constructor;
    if (!options.fields) {
      options.fields = this.isNewRecord
        ? Object.keys(M.rawAttributes)
        : (this.changed() || []).filter((k) => Object.prototype.hasOwnProperty.call(M.rawAttributes, k));
      options.defaultFields = options.fields;
    } else {
      options.fields = options.fields.slice();
    }
    if (options.returning === undefined && this.isNewRecord) options.returning = true;
    const pkName = M.primaryKeyAttribute;
    const pkAttr = pkName && M.rawAttributes[pkName];
    const createdAtAttr = M._timestampAttributes.createdAt;
    const versionAttr = M._versionAttribute;
    const hook = this.isNewRecord ? 'Create' : 'Update';
    const wasNewRecord = this.isNewRecord;
    const now = new Date();
    let updatedAtAttr = M._timestampAttributes.updatedAt;
    if (updatedAtAttr && options.fields.length > 0 && !options.fields.includes(updatedAtAttr)) options.fields.push(updatedAtAttr);
    if (versionAttr && options.fields.length > 0 && !options.fields.includes(versionAttr)) options.fields.push(versionAttr);
    if (options.silent === true && !(this.isNewRecord && this.get(updatedAtAttr, { raw: true }))) {
      options.fields = options.fields.filter((f) => f !== updatedAtAttr);
      updatedAtAttr = false;
    }
    if (this.isNewRecord) {
      if (createdAtAttr && !options.fields.includes(createdAtAttr)) options.fields.push(createdAtAttr);
      if (pkAttr && pkAttr.defaultValue && !options.fields.includes(pkName)) options.fields.unshift(pkName);
    } else if (pkName && this.get(pkName, { raw: true }) === undefined) {
      throw new Error('You attempted to save an instance with no primary key, this is not allowed since it would result in a global update');
    }
    if (updatedAtAttr && !options.silent && options.fields.includes(updatedAtAttr)) this.dataValues[updatedAtAttr] = now;
    if (this.isNewRecord && createdAtAttr && !this.dataValues[createdAtAttr]) this.dataValues[createdAtAttr] = now;

    if (options.validate) await this.validate(options);
    // A new record with no before-hook: nothing a hook could have changed to look for. (An
    // existing record always goes through: Sequelize then validates again, running the
    // validation hooks a second time, and so do we.)
    if (options.hooks && (!this.isNewRecord || hasHooks(M, [`before${hook}`, 'beforeSave']))) {
      const beforeHookValues = {};
      for (const f of options.fields) beforeHookValues[f] = this.dataValues[f];
      let ignoreChanged = (this.changed() || []).filter((k) => !options.fields.includes(k));
      if (updatedAtAttr && options.fields.includes(updatedAtAttr)) ignoreChanged = ignoreChanged.filter((k) => k !== updatedAtAttr);
      await M.runHooks(`before${hook}`, this, options);
      await M.runHooks('beforeSave', this, options);
      let hookChanged;
      if (options.defaultFields && !this.isNewRecord) {
        hookChanged = [];
        for (const k of (this.changed() || []).filter((c) => !ignoreChanged.includes(c))) {
          if (this.dataValues[k] !== beforeHookValues[k]) hookChanged.push(k);
        }
        options.fields = [...new Set(options.fields.concat(hookChanged))];
      }
      if (hookChanged && options.validate) {
        options.skip = Object.keys(M.rawAttributes).filter((k) => !hookChanged.includes(k));
        await this.validate(options);
        delete options.skip;
      }
    }
    const realFields = options.fields.filter((f) => !M._virtualAttributes.has(f));
    if (!realFields.length) return this;
    if (!this.isNewRecord && !this.changed()) return this;

    const values = {};
    for (const f of realFields) if (this.dataValues[f] !== undefined) values[f] = this.dataValues[f];
    if (M.options.omitNull) for (const k of Object.keys(values)) if (values[k] === null) delete values[k];
    let where;
    let rows;
    let rowCount;
    try {
      if (this.isNewRecord) {
        ({ rows, rowCount } = await M._exec('insert', {
          values: M._encodeValues(values), returning: options.returning === undefined ? true : options.returning,
        }, options));
      } else {
        where = this.where(true);
        if (versionAttr) values[versionAttr] = parseInt(values[versionAttr], 10) + 1;
        ({ rows, rowCount } = await M._exec('updateInstance', {
          values: M._encodeValues(values),
          where: enc.where(where, M._tz()),
          returning: options.returning || false,
        }, options));
        if (versionAttr && rowCount < 1) {
          throw new errors.OptimisticLockError({ modelName: M.name, values, where });
        }
      }
    } catch (err) {
      // Sequelize's error items point at the instance being saved.
      if (err instanceof errors.UniqueConstraintError) for (const item of err.errors) item.instance = this;
      throw err;
    }
    if (rows && rows[0]) Object.assign(this.dataValues, M._rowToAttributes(rows[0]));
    if (versionAttr && !wasNewRecord) this.dataValues[versionAttr] = values[versionAttr];
    if (options.hooks) {
      await M.runHooks(`after${hook}`, this, options);
      await M.runHooks('afterSave', this, options);
    }
    for (const f of options.fields) {
      this._previousDataValues[f] = this.dataValues[f];
      this.changed(f, false);
    }
    this.isNewRecord = false;
    return this;
  }

  async reload(options) {
    options = { ...options, where: this.where(), include: this._options.include || undefined };
    const reloaded = await this.constructor.findOne(options);
    if (!reloaded) {
      throw new errors.InstanceError('Instance could not be reloaded because it does not exist anymore (find call returned null)');
    }
    this._options = reloaded._options;
    this.set(reloaded.dataValues, { raw: true, reset: true && !options.attributes });
    return this;
  }

  async update(values, options) {
    values = Object.fromEntries(Object.entries(values || {}).filter(([, v]) => v !== undefined));
    const changedBefore = this.changed() || [];
    options = options || {};
    if (Array.isArray(options)) options = { fields: options };
    options = cloneDeep(options);
    const setOptions = cloneDeep(options);
    setOptions.attributes = options.fields;
    this.set(values, setOptions);
    const sideEffects = (this.changed() || []).filter((k) => !changedBefore.includes(k));
    const fields = [...new Set(Object.keys(values).concat(sideEffects))];
    if (!options.fields) {
      const changed = this.changed() || [];
      options.fields = fields.filter((f) => changed.includes(f));
      options.defaultFields = options.fields;
    }
    return this.save(options);
  }

  async destroy(options) {
    options = { hooks: true, force: false, ...options };
    const M = this.constructor;
    if (options.hooks) await M.runHooks('beforeDestroy', this, options);
    const where = this.where(true);
    let result;
    if (M._timestampAttributes.deletedAt && options.force === false) {
      const attrName = M._timestampAttributes.deletedAt;
      const attr = M.rawAttributes[attrName];
      const defaultValue = Object.prototype.hasOwnProperty.call(attr, 'defaultValue') ? attr.defaultValue : null;
      const current = this.getDataValue(attrName);
      const undefinedOrNull = current === null || current === undefined;
      if (undefinedOrNull || isEqual(current, defaultValue)) this.setDataValue(attrName, new Date());
      result = await this.save({ ...options, hooks: false });
    } else {
      await M._exec('deleteInstance', { where: enc.where(where, M._tz()) }, options);
      result = [];
    }
    if (options.hooks) await M.runHooks('afterDestroy', this, options);
    return result;
  }

  async restore(options) {
    const M = this.constructor;
    if (!M._timestampAttributes.deletedAt) throw new Error('Model is not paranoid');
    options = { hooks: true, force: false, ...options };
    if (options.hooks) await M.runHooks('beforeRestore', this, options);
    const deletedAt = M._timestampAttributes.deletedAt;
    const attr = M.rawAttributes[deletedAt];
    const deletedAtDefaultValue = Object.prototype.hasOwnProperty.call(attr, 'defaultValue') ? attr.defaultValue : null;
    this.setDataValue(deletedAt, deletedAtDefaultValue);
    const result = await this.save({ ...options, hooks: false, omitNull: false });
    if (options.hooks) await M.runHooks('afterRestore', this, options);
    return result;
  }

  async increment(fields, options) {
    const M = this.constructor;
    options = { ...options, where: { ...(options && options.where), ...this.where() }, instance: this };
    await M.increment(fields, options);
    return this;
  }

  async decrement(fields, options) {
    return this.increment(fields, { by: 1, ...options, increment: false });
  }
}

applyTo(Model, true);

// Instances read from the database make `_changed` (the Set of changed attribute names) and
// `_previousDataValues` on first use: most are never changed, and one Set plus one copy per row
// were ~20 % of a 10,000-row findAll. `_previousDataValues` is built from the result the row was
// read from (`PreviousValues` in lib/rows.js: the values as read, objects shared with dataValues
// as Sequelize's shallow copy shares them); until then the instance holds the source and its row
// under two symbols. The accessors live on a prototype layer between such instances and the
// model's prototype (`lazyPrototype`), so instances built with `new Model()` keep plain own
// properties. To every reader and writer both behave as the own properties Sequelize has.
const PREVIOUS = Symbol('sequelize-rs.previousValues');
const PREVIOUS_ROW = Symbol('sequelize-rs.previousRow');

function own(target, key, value) {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  return value;
}

const lazyAccessors = {
  _changed: {
    configurable: true,
    get() {
      return own(this, '_changed', new Set());
    },
    set(value) {
      own(this, '_changed', value);
    },
  },
  _previousDataValues: {
    configurable: true,
    get() {
      const source = this[PREVIOUS];
      this[PREVIOUS] = null;
      return own(this, '_previousDataValues', source ? source.row(this[PREVIOUS_ROW]) : {});
    },
    set(value) {
      this[PREVIOUS] = null;
      own(this, '_previousDataValues', value);
    },
  },
};

/** The prototype of instances read from the database for the model whose prototype is `proto`. */
function lazyPrototype(proto) {
  return Object.create(proto, lazyAccessors);
}

// util.inspect shows an instance as Sequelize's (own properties in its order, the lazy ones made),
// not the two symbols.
const inspectViews = new Map();
Model.prototype[util.inspect.custom] = function inspect() {
  const name = this.constructor && this.constructor.name ? this.constructor.name : 'Model';
  let View = inspectViews.get(name);
  if (!View) {
    View = { [name]: class {} }[name];
    inspectViews.set(name, View);
  }
  const view = new View();
  const first = ['dataValues', '_previousDataValues', 'uniqno', '_changed', '_options', 'isNewRecord'];
  for (const key of first) if (key in this) view[key] = this[key];
  for (const key of Object.keys(this)) if (!(key in view)) view[key] = this[key];
  return view; // formatted by util.inspect at the current depth
};

module.exports = {
  Model, cloneDeep, merge, isEqual, toDefaultValue, normalizeAttribute, rawModel, PREVIOUS, PREVIOUS_ROW, lazyPrototype,
};
