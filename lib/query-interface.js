'use strict';
// Sequelize's QueryInterface (the methods migrations use). The SQL comes from the Rust core
// (src/core/model/ddl.rs via the native `qiSql`); results are shaped as Sequelize's.

const DataTypes = require('./data-types');
const { normalizeAttribute, typeDesc } = require('./model/attributes');
const enc = require('./model/encode');
const { encode } = require('./values');
const { SequelizeMethod } = require('./utils');

function tableRef(table) {
  if (table && typeof table === 'object') {
    return { table: table.tableName || table.name || table.table, schema: table.schema || undefined };
  }
  return { table: String(table) };
}

class QueryInterface {
  constructor(sequelize) {
    this.sequelize = sequelize;
    this.queryGenerator = {};
  }

  _sql(kind, payload) {
    return this.sequelize._qiSql(kind, payload);
  }

  async _run(stmts, options, extra = {}) {
    let last;
    for (const sql of stmts) last = await this.sequelize.query(sql, { ...options, raw: true, type: 'RAW', ...extra });
    return last;
  }

  _attributes(attributes, tableName) {
    return Object.keys(attributes).map((name) => {
      const a = normalizeAttribute(tableName, name, attributes[name]);
      const dv = a.defaultValue;
      let defaultValue;
      if (dv !== undefined) {
        if (typeof dv === 'function' || dv instanceof DataTypes.NOW || dv === DataTypes.NOW
          || dv instanceof DataTypes.UUIDV1 || dv instanceof DataTypes.UUIDV4 || dv === DataTypes.UUIDV4 || dv === DataTypes.UUIDV1) {
          defaultValue = { kind: 'js' };
        } else if (dv instanceof SequelizeMethod) {
          defaultValue = { kind: 'raw', sql: this.sequelize._native.renderExpr(JSON.stringify(enc.node(dv, '+00:00'))) };
        } else defaultValue = { kind: 'value', value: encode(dv, '+00:00') };
      }
      let references;
      if (a.references) {
        const model = a.references.model;
        const t = typeof model === 'function' && model.getTableName ? model.getTableName() : model;
        references = { ...tableRef(t), key: a.references.key };
      }
      return {
        name,
        field: a.field || name,
        type: typeDesc(a.type),
        allowNull: a.allowNull !== false,
        primaryKey: Boolean(a.primaryKey),
        autoIncrement: Boolean(a.autoIncrement),
        autoIncrementIdentity: Boolean(a.autoIncrementIdentity),
        unique: a.unique === undefined ? undefined : (typeof a.unique === 'object' ? { name: a.unique.name, msg: a.unique.msg } : a.unique),
        comment: a.comment,
        references,
        onDelete: a.onDelete,
        onUpdate: a.onUpdate,
        defaultValue,
      };
    });
  }

  async createTable(tableName, attributes, options = {}) {
    const stmts = this._sql('createTable', { ...tableRef(tableName), attributes: this._attributes(attributes, tableName), options: { uniqueKeys: options.uniqueKeys } });
    return this._run(stmts, options);
  }

  async dropTable(tableName, options = {}) {
    return this._run(this._sql('dropTable', { ...tableRef(tableName), cascade: Boolean(options.cascade) }), options);
  }

  async dropAllTables(options = {}) {
    const tables = await this.showAllTables(options);
    const skip = options.skip || [];
    for (const t of tables) {
      const name = typeof t === 'object' ? t.tableName : t;
      if (!skip.includes(name)) await this.dropTable(t, { ...options, cascade: true });
    }
  }

  async renameTable(before, after, options = {}) {
    return this._run(this._sql('renameTable', { before: tableRef(before), after: tableRef(after) }), options);
  }

  async showAllTables(options = {}) {
    const rows = await this.sequelize.query(this._sql('showAllTables', {})[0], { ...options, raw: true, type: 'SHOWTABLES' });
    return rows.map((r) => (Array.isArray(r) ? r[0] : r));
  }

  async tableExists(tableName, options = {}) {
    const rows = await this.sequelize.query(this._sql('tableExists', tableRef(tableName))[0], { ...options, raw: true, type: 'SELECT' });
    return rows.length > 0;
  }

  async describeTable(tableName, options = {}) {
    let schema = options.schema;
    if (typeof options === 'string') schema = options;
    const ref = tableRef(tableName);
    if (schema) ref.schema = schema;
    const rows = await this.sequelize.query(this._sql('describeTable', ref)[0], { ...options, raw: true, type: 'SELECT' });
    if (rows.length === 0) {
      throw new Error(`No description found for "${ref.table}" table. Check the table name and schema; remember, they _are_ case sensitive.`);
    }
    const result = {};
    for (const row of rows) {
      let defaultValue = row.Default;
      const type = String(row.Type).toUpperCase();
      if (type === 'BOOLEAN') {
        defaultValue = { false: false, true: true }[defaultValue];
        if (defaultValue === undefined) defaultValue = null;
      }
      if (typeof defaultValue === 'string') {
        defaultValue = defaultValue.replace(/'/g, '');
        if (defaultValue.includes('::')) {
          const split = defaultValue.split('::');
          if (split[1].toLowerCase() !== 'regclass)') defaultValue = split[0];
        }
      }
      result[row.Field] = {
        type,
        allowNull: row.Null === 'YES',
        defaultValue,
        comment: row.Comment,
        special: row.special ? parseArray(row.special) : [],
        primaryKey: row.Constraint === 'PRIMARY KEY',
      };
    }
    return result;
  }

  async addColumn(table, key, attribute, options = {}) {
    const [attr] = this._attributes({ [key]: attribute }, table);
    return this._run(this._sql('addColumn', { ...tableRef(table), attribute: attr }), options);
  }

  async removeColumn(table, column, options = {}) {
    return this._run(this._sql('removeColumn', { ...tableRef(table), column }), options);
  }

  async changeColumn(table, column, dataTypeOrOptions, options = {}) {
    const [attr] = this._attributes({ [column]: dataTypeOrOptions }, table);
    return this._run(this._sql('changeColumn', { ...tableRef(table), attribute: attr }), options);
  }

  async renameColumn(table, before, after, options = {}) {
    return this._run(this._sql('renameColumn', { ...tableRef(table), before, after }), options);
  }

  async addIndex(table, attributes, options = {}, rawTablename) {
    if (!Array.isArray(attributes)) {
      options = attributes;
      attributes = options.fields;
    }
    const index = {
      name: options.name,
      unique: Boolean(options.unique || options.type === 'UNIQUE'),
      concurrently: Boolean(options.concurrently),
      using: options.using,
      operator: options.operator,
      prefix: options.prefix,
      where: options.where ? this.sequelize._native.renderExpr(JSON.stringify({ $whereClause: enc.where(options.where, '+00:00') })) : undefined,
      fields: attributes.map((f) => (typeof f === 'string' ? { name: f } : f instanceof SequelizeMethod
        ? { name: '', raw: this.sequelize._native.renderExpr(JSON.stringify(enc.node(f, '+00:00'))) }
        : { name: f.name || f.attribute, order: f.order, collate: f.collate, length: f.length, operator: f.operator })),
    };
    void rawTablename;
    return this._run(this._sql('addIndex', { ...tableRef(table), index }), options);
  }

  async removeIndex(table, indexNameOrAttributes, options = {}) {
    const payload = { ...tableRef(table) };
    if (typeof indexNameOrAttributes === 'string') payload.name = indexNameOrAttributes;
    else payload.fields = indexNameOrAttributes;
    return this._run(this._sql('removeIndex', payload), options);
  }

  async showIndex(table, options = {}) {
    const rows = await this.sequelize.query(this._sql('showIndexes', tableRef(table))[0], { ...options, raw: true, type: 'SELECT' });
    // Sequelize's SHOWINDEXES post-processing: per index, its fields with order/collate.
    for (const row of rows) {
      const m = /ON .*? (?:USING .*?\s)?\(([^]*)\)/i.exec(row.definition || '');
      const attributes = m ? m[1].split(',') : [];
      const names = parseArray(row.column_names);
      const columns = {};
      (row.column_indexes || []).forEach((ix, i) => { columns[String(ix)] = names[i]; });
      delete row.column_indexes;
      delete row.column_names;
      row.fields = String(row.indkey).split(' ').map((indKey, index) => {
        const field = columns[indKey];
        if (!field) return null;
        const attribute = attributes[index] || '';
        const collate = /COLLATE "(.*?)"/.exec(attribute);
        return {
          attribute: field,
          collate: collate ? collate[1] : undefined,
          order: attribute.includes('DESC') ? 'DESC' : attribute.includes('ASC') ? 'ASC' : undefined,
          length: undefined,
        };
      }).filter((n) => n !== null);
    }
    return rows;
  }

  async addConstraint(table, options = {}) {
    if (!options.fields) throw new Error('Fields must be specified through options.fields');
    if (!options.type) throw new Error('Constraint type must be specified through options.type');
    const payload = {
      ...tableRef(table),
      type: options.type,
      name: options.name,
      fields: options.fields.map((f) => (typeof f === 'string' ? f : f.attribute || f.name)),
      where: options.where ? this.sequelize._native.renderExpr(JSON.stringify({ $whereClause: enc.where(options.where, '+00:00') })) : undefined,
      defaultValue: options.defaultValue === undefined ? undefined : encode(options.defaultValue, '+00:00'),
      references: options.references ? { ...tableRef(options.references.table || options.references.model), field: options.references.field || options.references.key } : undefined,
      onDelete: options.onDelete,
      onUpdate: options.onUpdate,
      deferrable: options.deferrable ? String(options.deferrable) : undefined,
    };
    return this._run(this._sql('addConstraint', payload), options);
  }

  async removeConstraint(table, constraintName, options = {}) {
    return this._run(this._sql('removeConstraint', { ...tableRef(table), name: constraintName }), options);
  }

  async bulkInsert(tableName, records, options = {}, attributes = {}) {
    void attributes;
    if (!records.length) return [];
    const tz = this.sequelize.options.timezone || '+00:00';
    const rows = records.map((r) => {
      const out = {};
      for (const [k, v] of Object.entries(r)) out[k] = v instanceof SequelizeMethod ? enc.node(v, tz) : encode(v, tz);
      return out;
    });
    const sets = await this.sequelize._runTable('bulkInsert', tableRef(tableName), {
      rows, returning: options.returning || false, ignoreDuplicates: options.ignoreDuplicates || undefined,
      updateOnDuplicate: options.updateOnDuplicate,
    }, options);
    const set = sets[sets.length - 1];
    if (options.returning) return require('./rows').buildRows(set);
    return [];
  }

  async bulkUpdate(tableName, values, where, options = {}) {
    const tz = this.sequelize.options.timezone || '+00:00';
    const v = {};
    for (const [k, x] of Object.entries(values)) v[k] = x instanceof SequelizeMethod ? enc.node(x, tz) : encode(x, tz);
    const sets = await this.sequelize._runTable('update', tableRef(tableName), {
      values: v, where: enc.where(where || {}, tz), returning: options.returning || false,
    }, options);
    const set = sets[sets.length - 1];
    if (options.returning) return require('./rows').buildRows(set);
    return set.rowCount;
  }

  async bulkDelete(tableName, where, options = {}) {
    const tz = this.sequelize.options.timezone || '+00:00';
    const sets = await this.sequelize._runTable('delete', tableRef(tableName), {
      where: enc.where(where || {}, tz), limit: options.limit,
    }, options);
    // Sequelize resolves bulkDelete with the raw query shape: [rows, result].
    return this.sequelize._format(sets.sql, sets, { type: 'RAW' });
  }

  async select(model, tableName, options = {}) {
    return model.findAll({ ...options, raw: true });
  }

  async createSchema(schema, options = {}) {
    return this._run(this._sql('createSchema', { schema }), options);
  }

  async dropSchema(schema, options = {}) {
    return this._run(this._sql('dropSchema', { schema }), options);
  }

  async showAllSchemas(options = {}) {
    const rows = await this.sequelize.query(this._sql('showAllSchemas', {})[0], { ...options, raw: true, type: 'SELECT' });
    return rows.map((r) => r.schema_name);
  }

  async dropAllSchemas(options = {}) {
    for (const schema of await this.showAllSchemas(options)) await this.dropSchema(schema, options);
  }
}

function parseArray(v) {
  if (Array.isArray(v)) return v;
  if (typeof v !== 'string') return [];
  return v.replace(/^{|}$/g, '').split(',').filter(Boolean);
}

module.exports = { QueryInterface };
