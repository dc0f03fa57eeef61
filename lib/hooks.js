'use strict';
// Sequelize's hooks (lib/hooks.js): named lists of functions on a model or a Sequelize instance,
// run in order (awaited); a model's hooks run before the Sequelize instance's ("universal") ones.

const hookTypes = {
  beforeValidate: { params: 2 },
  afterValidate: { params: 2 },
  validationFailed: { params: 3 },
  beforeCreate: { params: 2 },
  afterCreate: { params: 2 },
  beforeDestroy: { params: 2 },
  afterDestroy: { params: 2 },
  beforeRestore: { params: 2 },
  afterRestore: { params: 2 },
  beforeUpdate: { params: 2 },
  afterUpdate: { params: 2 },
  beforeSave: { params: 2, proxies: ['beforeUpdate', 'beforeCreate'] },
  afterSave: { params: 2, proxies: ['afterUpdate', 'afterCreate'] },
  beforeUpsert: { params: 2 },
  afterUpsert: { params: 2 },
  beforeBulkCreate: { params: 2 },
  afterBulkCreate: { params: 2 },
  beforeBulkDestroy: { params: 1 },
  afterBulkDestroy: { params: 1 },
  beforeBulkRestore: { params: 1 },
  afterBulkRestore: { params: 1 },
  beforeBulkUpdate: { params: 1 },
  afterBulkUpdate: { params: 1 },
  beforeFind: { params: 1 },
  beforeFindAfterExpandIncludeAll: { params: 1 },
  beforeFindAfterOptions: { params: 1 },
  afterFind: { params: 2 },
  beforeCount: { params: 1 },
  beforeDefine: { params: 2, sync: true, noModel: true },
  afterDefine: { params: 1, sync: true, noModel: true },
  beforeInit: { params: 2, sync: true, noModel: true },
  afterInit: { params: 1, sync: true, noModel: true },
  beforeAssociate: { params: 2, sync: true },
  afterAssociate: { params: 2, sync: true },
  beforeConnect: { params: 1, noModel: true },
  afterConnect: { params: 2, noModel: true },
  beforeDisconnect: { params: 1, noModel: true },
  afterDisconnect: { params: 1, noModel: true },
  beforePoolAcquire: { params: 1, noModel: true },
  afterPoolAcquire: { params: 2, noModel: true },
  beforeSync: { params: 1 },
  afterSync: { params: 1 },
  beforeBulkSync: { params: 1 },
  afterBulkSync: { params: 1 },
  beforeQuery: { params: 2 },
  afterQuery: { params: 2 },
};

const hookAliases = {
  beforeDelete: 'beforeDestroy',
  afterDelete: 'afterDestroy',
  beforeBulkDelete: 'beforeBulkDestroy',
  afterBulkDelete: 'afterBulkDestroy',
  beforeConnection: 'beforeConnect',
};

function getProxiedHooks(hookType) {
  return hookTypes[hookType] && hookTypes[hookType].proxies ? hookTypes[hookType].proxies : [hookType];
}

function hooksOf(target) {
  if (!target.options) target.options = {};
  if (!target.options.hooks) target.options.hooks = {};
  return target.options.hooks;
}

/** Whether `target` (a model, with its Sequelize instance's hooks, or a Sequelize) has a `type` hook. */
function hasHook(target, type) {
  const own = hooksOf(target)[type];
  if (own && own.length) return true;
  const shared = target.sequelize && target.sequelize !== target ? hooksOf(target.sequelize)[type] : undefined;
  return Boolean(shared && shared.length);
}

function hasHooks(target, types) {
  for (const type of types) if (hasHook(target, type)) return true;
  return false;
}

const Hooks = {
  _setupHooks(hooks) {
    this.options.hooks = {};
    if (!hooks) return;
    for (const [type, value] of Object.entries(hooks)) {
      const list = Array.isArray(value) ? value : [value];
      for (const fn of list) this.addHook(type, fn);
    }
  },

  // Not an async function: with no hook registered it returns undefined at once, so callers'
  // `await` costs no extra promise (a find runs four hook points).
  runHooks(hooks, ...hookArgs) {
    if (typeof hooks === 'string' && !hasHook(this, hooks)) return undefined;
    return this._runHooks(hooks, ...hookArgs);
  },

  async _runHooks(hooks, ...hookArgs) {
    if (!hooks) throw new Error('runHooks requires at least 1 argument');
    let hookType;
    if (typeof hooks === 'string') {
      hookType = hooks;
      hooks = (hooksOf(this)[hookType] || []).slice();
      if (this.sequelize && this.sequelize !== this) {
        hooks = hooks.concat(hooksOf(this.sequelize)[hookType] || []);
      }
    }
    if (!Array.isArray(hooks)) hooks = [hooks];
    if (hookTypes[hookType] && hookTypes[hookType].sync) {
      for (let hook of hooks) {
        if (typeof hook === 'object') hook = hook.fn;
        hook.apply(this, hookArgs);
      }
      return;
    }
    for (let hook of hooks) {
      if (typeof hook === 'object') hook = hook.fn;
      await hook.apply(this, hookArgs);
    }
  },

  addHook(hookType, name, fn) {
    if (typeof name === 'function') {
      fn = name;
      name = null;
    }
    if (typeof fn !== 'function') throw new Error(`Hook ${hookType} must be a function`);
    hookType = hookAliases[hookType] || hookType;
    const hooks = hooksOf(this);
    for (const type of getProxiedHooks(hookType)) {
      hooks[type] = hooks[type] || [];
      hooks[type].push(name ? { name, fn } : fn);
    }
    return this;
  },

  removeHook(hookType, name) {
    const isReference = typeof name === 'function';
    if (!this.hasHook(hookType)) return this;
    const hooks = hooksOf(this);
    for (const type of getProxiedHooks(hookType)) {
      hooks[type] = (hooks[type] || []).filter((hook) => {
        if (isReference && typeof hook === 'function') return hook !== name;
        if (!isReference && typeof hook === 'object') return hook.name !== name;
        return true;
      });
    }
    return this;
  },

  hasHook(hookType) {
    const hooks = hooksOf(this);
    return Boolean(hooks[hookType] && hooks[hookType].length);
  },

  hasHooks(hookType) {
    return this.hasHook(hookType);
  },
};

/** Copies the hook methods and the `beforeX(name?, fn)` shortcuts onto a class or object. */
function applyTo(target, isModel) {
  for (const [name, method] of Object.entries(Hooks)) {
    Object.defineProperty(target, name, { value: method, writable: true, configurable: true });
  }
  const types = Object.keys(hookTypes).concat(Object.keys(hookAliases));
  for (const hook of types) {
    if (isModel && hookTypes[hook] && hookTypes[hook].noModel) continue;
    Object.defineProperty(target, hook, {
      value(name, callback) {
        return this.addHook(hook, name, callback);
      },
      writable: true,
      configurable: true,
    });
  }
}

module.exports = {
  hookTypes, hookAliases, Hooks, applyTo, hasHooks,
};
