'use strict';
// Sequelize's `retry` option (retry-as-promised semantics): {max, match, backoffBase, backoffExponent, timeout}.

function matches(match, err) {
  if (typeof match === 'function') {
    try {
      if (err instanceof match) return true;
    } catch (_) {
      return !!match(err);
    }
  }
  if (match === err.toString() || match === err.message) return true;
  if (err.parent && (match === err.parent.message || match === String(err.parent.code))) return true;
  return match instanceof RegExp && (match.test(err.message) || match.test(err.toString()));
}

async function retry(fn, opts = {}) {
  const max = opts.max === undefined ? 1 : opts.max;
  const match = opts.match || [];
  const base = opts.backoffBase === undefined ? 100 : opts.backoffBase;
  const exp = opts.backoffExponent === undefined ? 1.1 : opts.backoffExponent;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= max || !match.some((m) => matches(m, err))) throw err;
      await new Promise((r) => setTimeout(r, Math.floor(base * exp ** (attempt - 1))));
    }
  }
}

module.exports = { retry };
