'use strict';
// Attribute declarations → the definition JSON the Rust core normalises (src/core/model/def.rs
// RawModel), and the normalised definition back → Sequelize's `rawAttributes` shape.

const DataTypes = require('../data-types');
const { SequelizeMethod } = require('../utils');
const { node } = require('./encode');
const { encode } = require('../values');

function isDataType(v) {
  return v instanceof DataTypes.ABSTRACT || (typeof v === 'function' && v.prototype instanceof DataTypes.ABSTRACT)
    || v === DataTypes.ABSTRACT;
}

function typeInstance(type) {
  return typeof type === 'function' ? new type() : type; // eslint-disable-line new-cap
}

/** `{type, ...}` from a shorthand declaration, with the type instantiated. */
function normalizeAttribute(modelName, name, attribute) {
  if (!attribute || (typeof attribute === 'object' && !isDataType(attribute) && attribute.type === undefined)) {
    if (attribute && typeof attribute === 'object' && attribute.type === undefined) {
      throw new Error(`Unrecognized datatype for attribute "${modelName}.${name}"`);
    }
  }
  const attr = isDataType(attribute) ? { type: attribute } : { ...attribute };
  if (typeof attr.type === 'string') {
    throw new Error(`Unrecognized datatype for attribute "${modelName}.${name}"`);
  }
  if (!isDataType(attr.type)) throw new Error(`Unrecognized datatype for attribute "${modelName}.${name}"`);
  attr.type = typeInstance(attr.type);
  if (attr.type instanceof DataTypes.ARRAY && attr.type.type) attr.type.type = typeInstance(attr.type.type);
  if (attr.type instanceof DataTypes.ENUM && Array.isArray(attr.values) && (!attr.type.values || !attr.type.values.length)) {
    attr.type.values = attr.values;
  }
  if (attr.type instanceof DataTypes.ENUM && (!attr.type.values || !attr.type.values.length)) {
    throw new Error('Values for ENUM haven\'t been defined.');
  }
  if (typeof DataTypes.emitPostgresWarnings === 'function') DataTypes.emitPostgresWarnings(attr.type);
  return attr;
}

function typeDesc(type) {
  const t = typeInstance(type);
  const desc = { key: t.key, sql: t.toSql(), binary: Boolean(t._binary) };
  if (Array.isArray(t.values)) desc.values = t.values.map(String);
  const sub = t.type || (t.options && t.options.subtype);
  if (sub && (t instanceof DataTypes.ARRAY || t instanceof DataTypes.RANGE)) desc.element = typeDesc(sub);
  return desc;
}

/** The SQL a `defaultValue` contributes to DDL, as Sequelize decides (defaultValueSchemable). */
function defaultDesc(value, renderExpr) {
  if (value === undefined) return undefined;
  if (typeof value === 'function' || value instanceof DataTypes.NOW || value === DataTypes.NOW
    || value instanceof DataTypes.UUIDV1 || value === DataTypes.UUIDV1
    || value instanceof DataTypes.UUIDV4 || value === DataTypes.UUIDV4) {
    return { kind: 'js' };
  }
  if (value instanceof SequelizeMethod) return { kind: 'raw', sql: renderExpr(node(value, '+00:00')) };
  return { kind: 'value', value: encode(value, '+00:00') };
}

function sanitizeValidate(validate) {
  if (!validate || typeof validate !== 'object') return undefined;
  const out = {};
  for (const [k, v] of Object.entries(validate)) {
    if (typeof v === 'function') out[k] = '__fn__';
    else if (v instanceof RegExp) out[k] = { $re: v.source, flags: v.flags };
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      const args = v.args instanceof RegExp ? { $re: v.args.source, flags: v.args.flags } : v.args;
      out[k] = { ...v, args };
    } else out[k] = v;
  }
  return out;
}

function referencesDesc(references, sequelize) {
  if (!references) return undefined;
  let table = references.model;
  let schema;
  if (table && typeof table === 'function' && table.getTableName) {
    const t = table.getTableName();
    if (typeof t === 'object') {
      table = t.tableName;
      schema = t.schema;
    } else table = t;
  } else if (table && typeof table === 'object') {
    schema = table.schema;
    table = table.tableName;
  } else if (typeof table === 'string' && sequelize && sequelize.isDefined(table)) {
    table = sequelize.model(table).getTableName();
    if (typeof table === 'object') {
      schema = table.schema;
      table = table.tableName;
    }
  }
  return {
    table: String(table),
    schema,
    key: references.key,
    deferrable: references.deferrable ? String(references.deferrable) : undefined,
  };
}

/** The RawModel JSON for the core. */
function rawModel(modelName, attributes, options, sequelize, renderExpr) {
  const attrs = [];
  for (const name of Object.keys(attributes)) {
    const a = attributes[name];
    attrs.push({
      name,
      field: a.field || '',
      type: typeDesc(a.type),
      allowNull: a.allowNull !== false,
      primaryKey: Boolean(a.primaryKey),
      autoIncrement: Boolean(a.autoIncrement),
      autoIncrementIdentity: Boolean(a.autoIncrementIdentity),
      unique: a.unique === undefined ? undefined : (typeof a.unique === 'object' ? { name: a.unique.name, msg: a.unique.msg } : a.unique),
      comment: a.comment,
      references: referencesDesc(a.references, sequelize),
      onDelete: a.onDelete,
      onUpdate: a.onUpdate,
      defaultValue: defaultDesc(a.defaultValue, renderExpr),
      validate: sanitizeValidate(a.validate),
    });
  }
  const tsName = (v) => (v === undefined ? undefined : v);
  const indexes = (options.indexes || []).map((ix) => ({
    name: ix.name,
    unique: Boolean(ix.unique),
    concurrently: Boolean(ix.concurrently),
    using: ix.using,
    operator: ix.operator,
    where: ix.where ? renderExpr({ $whereClause: require('./encode').where(ix.where, '+00:00') }) : undefined,
    prefix: ix.prefix,
    fields: (ix.fields || []).map((f) => {
      if (typeof f === 'string') return { name: f };
      if (f instanceof SequelizeMethod) return { name: '', raw: renderExpr(node(f, '+00:00')) };
      return { name: f.name || f.attribute, order: f.order, collate: f.collate, length: f.length, operator: f.operator };
    }),
  }));
  return {
    name: modelName,
    attributes: attrs,
    options: {
      timestamps: options.timestamps !== false,
      createdAt: tsName(options.createdAt),
      updatedAt: tsName(options.updatedAt),
      deletedAt: tsName(options.deletedAt),
      paranoid: Boolean(options.paranoid),
      underscored: Boolean(options.underscored),
      freezeTableName: Boolean(options.freezeTableName),
      tableName: options.tableName,
      schema: options.schema || undefined,
      schemaDelimiter: options.schemaDelimiter || undefined,
      name: options.name && (options.name.singular || options.name.plural) ? options.name : undefined,
      indexes,
      version: options.version === undefined || options.version === false ? undefined : options.version,
      omitNull: Boolean(options.omitNull),
    },
  };
}

module.exports = { normalizeAttribute, rawModel, typeDesc, isDataType, typeInstance };
