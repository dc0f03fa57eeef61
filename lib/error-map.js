'use strict';
// Turns the core's error data (src/binding/errors.rs: `{kind, class, message, code, ...}`) into the
// Sequelize error a user catches, with a node-postgres-shaped `.parent`/`.original`.

const errors = require('./errors');

const PG_FIELDS = ['severity', 'code', 'detail', 'hint', 'position', 'internalPosition', 'internalQuery',
  'where', 'schema', 'table', 'column', 'dataType', 'constraint', 'file', 'line', 'routine'];
const NET_FIELDS = ['errno', 'code', 'syscall', 'address', 'port', 'hostname'];

/** The driver-level error: pg's DatabaseError (name 'error') or a Node system error. */
function driverError(data, sql, parameters) {
  const err = new Error(data.message);
  if (data.kind === 'Database' || (data.kind === 'Connection' && data.severity)) {
    err.name = 'error';
    err.length = undefined;
    for (const k of PG_FIELDS) err[k] = data[k];
  } else {
    for (const k of NET_FIELDS) if (data[k] !== undefined) err[k] = data[k];
  }
  if (sql !== undefined) {
    err.sql = sql;
    err.parameters = parameters;
  }
  return err;
}

function toSequelizeError(data, { sql, parameters, stack } = {}) {
  const parent = driverError(data, sql, parameters);
  let err;
  switch (data.class) {
    case 'ConnectionRefusedError':
    case 'HostNotFoundError':
    case 'HostNotReachableError':
    case 'InvalidConnectionError':
    case 'ConnectionError':
      err = new errors[data.class](parent);
      break;
    case 'ConnectionAcquireTimeoutError': {
      const timeout = new Error(data.message);
      timeout.name = 'TimeoutError';
      err = new errors.ConnectionAcquireTimeoutError(timeout);
      break;
    }
    case 'UniqueConstraintError': {
      const fields = data.fields;
      const items = fields
        ? Object.keys(fields).map((f) => new errors.ValidationErrorItem(`${f} must be unique`, 'unique violation',
          f, fields[f], null, 'not_unique'))
        : [];
      err = new errors.UniqueConstraintError({
        message: data.sequelizeMessage || data.message, errors: items, parent, fields, sql,
      });
      break;
    }
    case 'ForeignKeyConstraintError':
      err = new errors.ForeignKeyConstraintError({
        message: data.message, fields: null, index: data.index, table: data.errTable, parent,
      });
      break;
    case 'ExclusionConstraintError':
      err = new errors.ExclusionConstraintError({
        message: data.sequelizeMessage, constraint: data.constraint, fields: data.fields, table: data.errTable, parent,
      });
      break;
    case 'UnknownConstraintError':
      err = new errors.UnknownConstraintError({
        message: data.sequelizeMessage, constraint: data.index, fields: data.fields, table: data.errTable, parent,
      });
      break;
    case 'DatabaseError':
      err = new errors.DatabaseError(parent);
      break;
    default:
      err = new Error(data.message);
      if (sql !== undefined && data.kind !== 'Closed') err.sql = sql;
  }
  if (stack) err.stack = `${err.name}: ${err.message}\n${stack.split('\n').slice(1).join('\n')}`;
  return err;
}

module.exports = { toSequelizeError, driverError };
