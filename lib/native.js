'use strict';
// Loads the native addon (the napi-rs generated loader `native.js` at the package root) and
// turns its synchronous failures (thrown as `SEQRS{json}`) back into data.

let binding;
function load() {
  if (!binding) binding = require('../native.js');
  return binding;
}

function nativeErrorData(err) {
  if (err && typeof err.message === 'string' && err.message.startsWith('SEQRS')) {
    try {
      return JSON.parse(err.message.slice(5));
    } catch (_) {
      return null;
    }
  }
  return null;
}

module.exports = { load, nativeErrorData };
