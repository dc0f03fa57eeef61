'use strict';
// Constants of Sequelize v6.37's Transaction class (the class itself lives elsewhere).
// Sequelize exposes them as static getters returning a fresh object on each read; these are frozen
// so a getter may return them directly (or a copy, to keep the "fresh object" behaviour).

const TYPES = Object.freeze({
  DEFERRED: 'DEFERRED',
  IMMEDIATE: 'IMMEDIATE',
  EXCLUSIVE: 'EXCLUSIVE',
});

const ISOLATION_LEVELS = Object.freeze({
  READ_UNCOMMITTED: 'READ UNCOMMITTED',
  READ_COMMITTED: 'READ COMMITTED',
  REPEATABLE_READ: 'REPEATABLE READ',
  SERIALIZABLE: 'SERIALIZABLE',
});

const LOCK = Object.freeze({
  UPDATE: 'UPDATE',
  SHARE: 'SHARE',
  KEY_SHARE: 'KEY SHARE',
  NO_KEY_UPDATE: 'NO KEY UPDATE',
});

module.exports = { TYPES, ISOLATION_LEVELS, LOCK };
