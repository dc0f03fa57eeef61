'use strict';
// JS values → the tagged JSON the Rust core reads (src/core/value.rs `from_tagged_json`).

const fixedOffsets = new Map(); // '+05:30' → 330
const zoneFormats = new Map(); // IANA name → its Intl.DateTimeFormat (building one is slow)

function tzOffsetMinutes(timezone, date) {
  if (timezone === 'local') return -date.getTimezoneOffset();
  const fixed = fixedOffsets.get(timezone);
  if (fixed !== undefined) return fixed;
  if (/^[+-]\d\d:\d\d$/.test(timezone)) {
    const sign = timezone[0] === '-' ? -1 : 1;
    const minutes = sign * (Number(timezone.slice(1, 3)) * 60 + Number(timezone.slice(4, 6)));
    fixedOffsets.set(timezone, minutes);
    return minutes;
  }
  // IANA name: the offset at that instant, from Intl.
  let format = zoneFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    zoneFormats.set(timezone, format);
  }
  const parts = format.formatToParts(date);
  const get = (t) => Number(parts.find((p) => p.type === t).value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

// A lone surrogate reaches the server as U+FFFD, as pg's UTF-8 encoding of the string makes it
// (JSON.stringify would write it as a `\udxxx` escape, which is not valid UTF-8 JSON to the core).
const wellFormed = typeof String.prototype.toWellFormed === 'function'
  ? (s) => s.toWellFormed()
  : (s) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

function encode(v, tz) {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
      return wellFormed(v);
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? v : { $f: String(v) };
    case 'bigint':
      return { $n: v.toString() };
    case 'object':
      if (v instanceof Date) return { $d: v.getTime(), o: Number.isNaN(v.getTime()) ? 0 : tzOffsetMinutes(tz, v) };
      if (Buffer.isBuffer(v)) return { $b: v.toString('base64') };
      if (ArrayBuffer.isView(v)) return { $b: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
      if (Array.isArray(v)) return v.map((x) => encode(x, tz));
      if (v.constructor && v.constructor.name === 'Literal' && typeof v.val === 'string') return { $r: v.val };
      return { $j: JSON.stringify(v) };
    default:
      return { $j: JSON.stringify(v) };
  }
}

function encodeValues(values, tz) {
  if (Array.isArray(values)) return JSON.stringify(values.map((x) => encode(x, tz)));
  const out = {};
  for (const k of Object.keys(values)) out[k] = encode(values[k], tz);
  return JSON.stringify(out);
}

module.exports = { encode, encodeValues, tzOffsetMinutes };
