'use strict';
// Sequelize v6.37 error classes (lib/errors/**), same hierarchy, `name`s, constructor signatures and
// fields. Pure JS: the Rust core reports failures as plain data and the facade wraps them in these.

class BaseError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SequelizeBaseError';
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

// Maps a ValidationErrorItem `type` string to its origin.
const ValidationErrorItemType = {
  'notnull violation': 'CORE',
  'string violation': 'CORE',
  'unique violation': 'DB',
  'validation error': 'FUNCTION',
};

const ValidationErrorItemOrigin = {
  CORE: 'CORE',
  DB: 'DB',
  FUNCTION: 'FUNCTION',
};

class ValidationErrorItem {
  message;
  type;
  path;
  value;
  origin;
  instance;
  validatorKey;
  validatorName;
  validatorArgs;

  constructor(message, type, path, value, instance, validatorKey, fnName, fnArgs) {
    this.message = message || '';
    this.type = null;
    this.path = path || null;
    this.value = value !== undefined ? value : null;
    this.origin = null;
    this.instance = instance || null;
    this.validatorKey = validatorKey || null;
    this.validatorName = fnName || null;
    this.validatorArgs = fnArgs || [];
    if (type) {
      if (this.isValidationErrorItemOrigin(type)) {
        this.origin = type;
      } else {
        const lowercaseType = this.normalizeString(type);
        const realType = ValidationErrorItemType[lowercaseType];
        if (realType && ValidationErrorItemOrigin[realType]) {
          this.origin = realType;
          this.type = type;
        }
      }
    }
  }

  isValidationErrorItemOrigin(origin) {
    return ValidationErrorItemOrigin[origin] !== undefined;
  }

  normalizeString(str) {
    return str.toLowerCase().trim();
  }

  getValidatorKey(useTypeAsNS, NSSeparator) {
    const useTANS = useTypeAsNS === undefined || !!useTypeAsNS;
    const NSSep = NSSeparator === undefined ? '.' : NSSeparator;
    const type = this.origin;
    const key = this.validatorKey || this.validatorName;
    const useNS = useTANS && type && ValidationErrorItemOrigin[type];
    if (useNS && (typeof NSSep !== 'string' || !NSSep.length)) {
      throw new Error('Invalid namespace separator given, must be a non-empty string');
    }
    if (!(typeof key === 'string' && key.length)) {
      return '';
    }
    return (useNS ? [this.origin, key].join(NSSep) : key).toLowerCase().trim();
  }
}
ValidationErrorItem.TypeStringMap = ValidationErrorItemType;
ValidationErrorItem.Origins = ValidationErrorItemOrigin;

class ValidationError extends BaseError {
  errors;

  constructor(message, errors, options = {}) {
    super(message);
    this.name = 'SequelizeValidationError';
    this.message = 'Validation Error';
    this.errors = errors || [];
    if (message) {
      this.message = message;
    } else if (this.errors.length > 0 && this.errors[0].message) {
      this.message = this.errors.map((err) => `${err.type || err.origin}: ${err.message}`).join(',\n');
    }
    if (options.stack) {
      this.stack = options.stack;
    }
  }

  // All ValidationErrorItems whose `path` equals `path`.
  get(path) {
    return this.errors.reduce((reduced, error) => {
      if (error.path === path) {
        reduced.push(error);
      }
      return reduced;
    }, []);
  }
}

class UniqueConstraintError extends ValidationError {
  parent;
  original;
  fields;
  sql;

  // options: { message, errors, fields, parent, sql, stack }
  constructor(options) {
    options = options != null ? options : {};
    options.parent = options.parent != null ? options.parent : { sql: '', name: '', message: '' };
    options.message = options.message || options.parent.message || 'Validation Error';
    options.errors = options.errors != null ? options.errors : [];
    super(options.message, options.errors, { stack: options.stack });
    this.name = 'SequelizeUniqueConstraintError';
    this.fields = options.fields != null ? options.fields : {};
    this.parent = options.parent;
    this.original = options.parent;
    // Sequelize reads parent.sql only; `options.sql` is accepted as a fallback.
    this.sql = options.parent.sql !== undefined ? options.parent.sql : options.sql;
  }
}

// ---------------------------------------------------------------------------------------------
// Database

class DatabaseError extends BaseError {
  parent;
  original;
  sql;
  parameters;

  // `parent` is the driver error ({message, code, detail, ..., sql, parameters}).
  // options: { stack, sql, parameters } (sql/parameters are fallbacks when parent lacks them).
  constructor(parent, options = {}) {
    super(parent.message);
    this.name = 'SequelizeDatabaseError';
    this.parent = parent;
    this.original = parent;
    this.sql = parent.sql !== undefined ? parent.sql : options.sql;
    this.parameters = parent.parameters != null
      ? parent.parameters
      : options.parameters != null ? options.parameters : {};
    if (options.stack) {
      this.stack = options.stack;
    }
  }
}

const RelationshipType = {
  parent: 'parent',
  child: 'child',
};

class ForeignKeyConstraintError extends DatabaseError {
  table;
  fields;
  value;
  index;
  reltype;

  // options: { message, fields, table, value, index, reltype, parent, stack }
  constructor(options) {
    options = options || {};
    options.parent = options.parent || { sql: '', name: '', message: '' };
    super(options.parent, { stack: options.stack });
    this.name = 'SequelizeForeignKeyConstraintError';
    this.message = options.message || options.parent.message || 'Database Error';
    this.fields = options.fields;
    this.table = options.table;
    this.value = options.value;
    this.index = options.index;
    this.reltype = options.reltype;
  }
}

class ExclusionConstraintError extends DatabaseError {
  constraint;
  fields;
  table;

  // options: { message, constraint, fields, table, parent, stack }
  constructor(options) {
    options = options || {};
    options.parent = options.parent || { sql: '', name: '', message: '' };
    super(options.parent, { stack: options.stack });
    this.name = 'SequelizeExclusionConstraintError';
    this.message = options.message || options.parent.message || '';
    this.constraint = options.constraint;
    this.fields = options.fields;
    this.table = options.table;
  }
}

class UnknownConstraintError extends DatabaseError {
  constraint;
  fields;
  table;

  // options: { message, constraint, fields, table, parent, stack }
  constructor(options) {
    options = options || {};
    options.parent = options.parent || { sql: '', name: '', message: '' };
    super(options.parent, { stack: options.stack });
    this.name = 'SequelizeUnknownConstraintError';
    this.message = options.message || 'The specified constraint does not exist';
    this.constraint = options.constraint;
    this.fields = options.fields;
    this.table = options.table;
  }
}

class TimeoutError extends DatabaseError {
  constructor(parent, options = {}) {
    super(parent, options);
    this.name = 'SequelizeTimeoutError';
  }
}

// ---------------------------------------------------------------------------------------------
// Connection

class ConnectionError extends BaseError {
  parent;
  original;

  constructor(parent) {
    super(parent ? parent.message : '');
    this.name = 'SequelizeConnectionError';
    this.parent = parent;
    this.original = parent;
  }
}

class ConnectionRefusedError extends ConnectionError {
  constructor(parent) {
    super(parent);
    this.name = 'SequelizeConnectionRefusedError';
  }
}

class AccessDeniedError extends ConnectionError {
  constructor(parent) {
    super(parent);
    this.name = 'SequelizeAccessDeniedError';
  }
}

class HostNotFoundError extends ConnectionError {
  constructor(parent) {
    super(parent);
    this.name = 'SequelizeHostNotFoundError';
  }
}

class HostNotReachableError extends ConnectionError {
  constructor(parent) {
    super(parent);
    this.name = 'SequelizeHostNotReachableError';
  }
}

class InvalidConnectionError extends ConnectionError {
  constructor(parent) {
    super(parent);
    this.name = 'SequelizeInvalidConnectionError';
  }
}

class ConnectionTimedOutError extends ConnectionError {
  constructor(parent) {
    super(parent);
    this.name = 'SequelizeConnectionTimedOutError';
  }
}

class ConnectionAcquireTimeoutError extends ConnectionError {
  constructor(parent) {
    super(parent);
    this.name = 'SequelizeConnectionAcquireTimeoutError';
  }
}

// ---------------------------------------------------------------------------------------------
// Everything else

class EmptyResultError extends BaseError {
  constructor(message) {
    super(message);
    this.name = 'SequelizeEmptyResultError';
  }
}

class EagerLoadingError extends BaseError {
  constructor(message) {
    super(message);
    this.name = 'SequelizeEagerLoadingError';
  }
}

class AssociationError extends BaseError {
  constructor(message) {
    super(message);
    this.name = 'SequelizeAssociationError';
  }
}

class InstanceError extends BaseError {
  constructor(message) {
    super(message);
    this.name = 'SequelizeInstanceError';
  }
}

class QueryError extends BaseError {
  constructor(message) {
    super(message);
    this.name = 'SequelizeQueryError';
  }
}

class OptimisticLockError extends BaseError {
  modelName;
  values;
  where;

  // options: { message, modelName, values, where }
  constructor(options) {
    options = options || {};
    options.message = options.message || `Attempting to update a stale model instance: ${options.modelName}`;
    super(options.message);
    this.name = 'SequelizeOptimisticLockError';
    this.modelName = options.modelName;
    this.values = options.values;
    this.where = options.where;
  }
}

class AsyncQueueError extends BaseError {
  constructor(message) {
    super(message);
    this.name = 'SequelizeAsyncQueueError';
  }
}

class BulkRecordError extends BaseError {
  errors;
  record;

  // `error` is the per-record error (usually a ValidationError), `record` the failing instance.
  constructor(error, record) {
    super(error.message);
    this.name = 'SequelizeBulkRecordError';
    this.errors = error;
    this.record = record;
  }
}

// Shadows the global AggregateError inside this module only, as Sequelize does.
class AggregateError extends BaseError {
  errors;

  constructor(errors) {
    super();
    this.errors = errors;
    this.name = 'AggregateError';
  }

  toString() {
    const message = `AggregateError of:\n${this.errors.map((error) => (error === this
      ? '[Circular AggregateError]'
      : error instanceof AggregateError
        ? String(error).replace(/\n$/, '').replace(/^/gm, '  ')
        : String(error).replace(/^/gm, '    ').substring(2))).join('\n')}\n`;
    return message;
  }
}

class SequelizeScopeError extends BaseError {
  constructor(message) {
    super(message);
    this.name = 'SequelizeScopeError';
  }
}

// Same keys (and order) as require('sequelize/lib/errors').
module.exports = {
  AccessDeniedError,
  AggregateError,
  AssociationError,
  AsyncQueueError,
  BaseError,
  BulkRecordError,
  ConnectionAcquireTimeoutError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionTimedOutError,
  DatabaseError,
  EagerLoadingError,
  EmptyResultError,
  ExclusionConstraintError,
  ForeignKeyConstraintError,
  HostNotFoundError,
  HostNotReachableError,
  InstanceError,
  InvalidConnectionError,
  OptimisticLockError,
  QueryError,
  SequelizeScopeError,
  TimeoutError,
  UniqueConstraintError,
  UnknownConstraintError,
  ValidationError,
  ValidationErrorItem,
  ValidationErrorItemOrigin,
  ValidationErrorItemType,
};

// Not part of Sequelize's errors index (it lives in foreign-key-constraint-error.js); non-enumerable
// so Object.keys(errors) matches Sequelize.
Object.defineProperty(module.exports, 'RelationshipType', { value: RelationshipType, enumerable: false });
