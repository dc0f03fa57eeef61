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

/** Whether attempt number `attempt` failing with `err` should be retried. */
function shouldRetry(opts, err, attempt) {
  const max = opts.max === undefined ? 1 : opts.max;
  return attempt < max && (opts.match || []).some((m) => matches(m, err));
}

function delay(opts, attempt) {
  const base = opts.backoffBase === undefined ? 100 : opts.backoffBase;
  const exp = opts.backoffExponent === undefined ? 1.1 : opts.backoffExponent;
  return new Promise((r) => setTimeout(r, Math.floor(base * exp ** (attempt - 1))));
}

/** Runs `fn` from attempt `first` (after the backoff of the failed attempt before it). */
async function retry(fn, opts = {}, first = 1) {
  for (let attempt = first; ; attempt++) {
    if (attempt > 1) await delay(opts, attempt - 1);
    try {
      return await fn(attempt);
    } catch (err) {
      if (!shouldRetry(opts, err, attempt)) throw err;
    }
  }
}

module.exports = { retry, shouldRetry };
