'use strict';
// Instance validation (Sequelize's InstanceValidator): hooks, null checks and built-in validators
// (run in Rust, src/core/model/validate.rs, one native call per validation), custom attribute
// validators and model-level validators (JavaScript functions), Sequelize's error shapes.

const { promisify } = require('node:util');
const errors = require('../errors');
const { SequelizeMethod } = require('../utils');
const { encode } = require('../values');

function pushError(list, isBuiltin, errorKey, rawError, value, instance, fnName, fnArgs) {
  const message = (rawError && rawError.message) || rawError || 'Validation error';
  list.push(new errors.ValidationErrorItem(message, 'Validation error', errorKey, value, instance, fnName,
    isBuiltin ? fnName : undefined, isBuiltin ? fnArgs : undefined));
}

async function invokeCustom(instance, validator, validatorType, list, attrDefined, value, field) {
  const asyncArity = attrDefined ? 2 : 1;
  const errorKey = attrDefined ? field : validatorType;
  try {
    if (validator.length === asyncArity) {
      if (attrDefined) await promisify(validator.bind(instance, value))();
      else await promisify(validator.bind(instance))();
    } else {
      await validator.call(instance, attrDefined ? value : undefined);
    }
  } catch (e) {
    pushError(list, false, errorKey, e, value, instance, validatorType);
  }
}

async function runValidations(instance, options) {
  const M = instance.constructor;
  const skip = options.skip || [];
  const list = [];
  const values = {};
  const fields = [];
  for (const field of Object.keys(M.rawAttributes)) {
    if (skip.includes(field)) continue;
    const value = instance.dataValues[field];
    if (value instanceof SequelizeMethod) continue;
    fields.push(field);
    values[field] = encode(value === undefined ? null : value, '+00:00');
  }
  // Built-in rules, null checks and string checks, per attribute, from the core.
  const native = fields.length
    ? JSON.parse(M.sequelize._native.validate(M.name, JSON.stringify({ values, fields })))
    : [];
  const byField = new Map();
  for (const item of native) {
    if (!byField.has(item.path)) byField.set(item.path, []);
    byField.get(item.path).push(item);
  }
  const jobs = [];
  for (const field of fields) {
    const attr = M.rawAttributes[field];
    const value = instance.dataValues[field];
    const items = byField.get(field) || [];
    // Schema violations first (notNull / string violation).
    for (const it of items) {
      if (it.type !== 'Validation error') {
        list.push(new errors.ValidationErrorItem(it.message, it.type, field, value === undefined ? undefined : value, instance, it.validatorKey));
      }
    }
    const validate = attr.validate;
    if (!validate) continue;
    if ((value === null || value === undefined) && attr.allowNull === false) continue;
    for (const [validatorType, test] of Object.entries(validate)) {
      if (typeof test === 'function') {
        jobs.push(invokeCustom(instance, test, validatorType, list, true, value, field));
        continue;
      }
      for (const it of items) {
        if (it.type === 'Validation error' && it.validatorKey === validatorType) {
          // Regex arguments travel to the core as [source, flags]; report the RegExp itself.
          let args = it.validatorArgs;
          if (test instanceof RegExp) args = [test];
          else if (test && test.args instanceof RegExp) args = [test.args];
          list.push(new errors.ValidationErrorItem(it.message, 'Validation error', field, value, instance, validatorType,
            it.validatorName || validatorType, args));
        }
      }
    }
  }
  for (const [validatorType, validator] of Object.entries(M.options.validate || {})) {
    if (skip.includes(validatorType) || typeof validator !== 'function') continue;
    jobs.push(invokeCustom(instance, validator, validatorType, list, false));
  }
  await Promise.all(jobs);
  if (list.length) throw new errors.ValidationError(null, list);
}

async function validateInstance(instance, options = {}) {
  options = { hooks: true, ...options };
  const M = instance.constructor;
  if (options.fields && !options.skip) {
    options.skip = Object.keys(M.rawAttributes).filter((k) => !options.fields.includes(k));
  }
  options.skip = options.skip || [];
  if (options.hooks) await M.runHooks('beforeValidate', instance, options);
  try {
    await runValidations(instance, options);
  } catch (error) {
    if (options.hooks) {
      const hooks = (M.options.hooks && M.options.hooks.validationFailed) || [];
      const universal = (M.sequelize.options.hooks && M.sequelize.options.hooks.validationFailed) || [];
      let replacement;
      for (let hook of hooks.concat(universal)) {
        if (typeof hook === 'object') hook = hook.fn;
        const r = await hook.call(M, instance, options, error);
        if (r) replacement = r;
      }
      throw replacement || error;
    }
    throw error;
  }
  if (options.hooks) await M.runHooks('afterValidate', instance, options);
  return instance;
}

module.exports = { validateInstance };
