'use strict';
// sequelize.query() and authenticate(): return shapes, QueryTypes, replacements, bind, decoding,
// logging — against the real test server.
const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');

const { Sequelize } = h;
let s;

function make(options = {}) {
  return new Sequelize(h.url('app'), { logging: false, dialectOptions: { ssl: h.sslOptions() }, ...options });
}

test.before(() => {
  if (h.hasDatabase()) s = make();
});
test.after(async () => {
  if (s) await s.close();
});

test('authenticate() resolves undefined and logs like Sequelize', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  const lines = [];
  const s2 = make({ logging: (msg, opts) => lines.push([msg, typeof opts]) });
  try {
    assert.equal(await s2.authenticate(), undefined);
    assert.deepEqual(lines, [['Executing (default): SELECT 1+1 AS result', 'object']]);
  } finally {
    await s2.close();
  }
});

test('default logging is console.log with one string', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  const orig = console.log;
  const calls = [];
  console.log = (...args) => calls.push(args);
  const s2 = new Sequelize(h.url('app'), { dialectOptions: { ssl: h.sslOptions() } });
  try {
    await s2.query('SELECT 1 AS x');
  } finally {
    console.log = orig;
    await s2.close();
  }
  assert.deepEqual(calls, [['Executing (default): SELECT 1 AS x']]);
});

test('benchmark logging passes the elapsed time', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  const calls = [];
  const s2 = make({ benchmark: true, logging: (...args) => calls.push(args) });
  try {
    await s2.query('SELECT 1');
  } finally {
    await s2.close();
  }
  assert.equal(calls.length, 1);
  assert.equal(calls[0][0], 'Executed (default): SELECT 1');
  assert.equal(typeof calls[0][1], 'number');
  // per-call logging override
  const mine = [];
  await s.query('SELECT 2', { logging: (m) => mine.push(m) });
  assert.deepEqual(mine, ['Executing (default): SELECT 2']);
});

test('raw query resolves [rows, pgResult] like pg', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  const results = await s.query('SELECT version();');
  assert.equal(results.length, 2);
  const [rows, meta] = results;
  assert.match(rows[0].version, /^PostgreSQL \d+/);
  assert.equal(meta.rows, rows);
  assert.equal(meta.command, 'SELECT');
  assert.equal(meta.rowCount, 1);
  assert.equal(meta.oid, null);
  assert.deepEqual(meta.fields, [{
    name: 'version', tableID: 0, columnID: 0, dataTypeID: 25, dataTypeSize: -1, dataTypeModifier: -1, format: 'text',
  }]);
});

test('special result shapes: INSERT text, multi-statement, SHOW, DDL', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  await s.query('DROP TABLE IF EXISTS q_shapes; CREATE TABLE q_shapes (id serial primary key, name text)');
  const ins = await s.query("INSERT INTO q_shapes (name) VALUES ('a'), ('b') RETURNING id, name");
  assert.deepEqual(ins, [[{ id: 1, name: 'a' }, { id: 2, name: 'b' }], 2]);
  const [multiRows, metas] = await s.query('SELECT 1 AS a; SELECT 2 AS b, 3 AS c');
  assert.deepEqual(multiRows, [{ a: 1 }, { b: 2, c: 3 }]);
  assert.equal(metas.length, 2);
  assert.equal(metas[1].rows[0].c, 3);
  assert.deepEqual(await s.query('SHOW TIME ZONE'), [{ TimeZone: '<+00>-00' }]); // SET TIME ZONE INTERVAL '+00:00'
  const [ddlRows, ddlMeta] = await s.query('CREATE TEMP TABLE tt (a int)');
  assert.deepEqual(ddlRows, []);
  assert.equal(ddlMeta.command, 'CREATE');
  assert.equal(ddlMeta.rowCount, null);
  const [, upd] = await s.query("UPDATE q_shapes SET name = 'z'");
  assert.equal(upd.rowCount, 2);
  await s.query('DROP TABLE q_shapes');
});

test('every QueryTypes value', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  const { QueryTypes } = Sequelize;
  await s.query('DROP TABLE IF EXISTS q_types; CREATE TABLE q_types (id serial primary key, n int)');
  assert.deepEqual(await s.query('INSERT INTO q_types (n) VALUES (1) RETURNING *', { type: QueryTypes.INSERT }),
    [[{ id: 1, n: 1 }], 1]);
  await s.query('INSERT INTO q_types (n) VALUES (2), (3)', { type: QueryTypes.INSERT });
  assert.deepEqual(await s.query('SELECT n FROM q_types ORDER BY n', { type: QueryTypes.SELECT }),
    [{ n: 1 }, { n: 2 }, { n: 3 }]);
  assert.deepEqual(await s.query('UPDATE q_types SET n = n + 1', { type: QueryTypes.UPDATE }), [[], 3]);
  assert.equal(await s.query('UPDATE q_types SET n = n + 1', { type: QueryTypes.BULKUPDATE }), 3);
  assert.equal(await s.query('DELETE FROM q_types WHERE n = 3', { type: QueryTypes.BULKDELETE }), 1);
  assert.deepEqual(await s.query('DELETE FROM q_types WHERE n = 4', { type: QueryTypes.DELETE }), []);
  assert.deepEqual(await s.query('INSERT INTO q_types (id, n) VALUES (1, 9) ON CONFLICT (id) DO UPDATE SET n = 9',
    { type: QueryTypes.UPSERT }), [undefined, null]);
  assert.match(await s.query('SHOW SERVER_VERSION', { type: QueryTypes.VERSION }), /^\d+\.\d+/);
  assert.match(await s.databaseVersion(), /^\d+\.\d+/);
  const tables = await s.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'q_types'",
    { type: QueryTypes.SHOWTABLES });
  assert.deepEqual(tables, [['q_types']]);
  const [rawRows, rawMeta] = await s.query('SELECT 1 AS one', { type: QueryTypes.RAW });
  assert.deepEqual(rawRows, [{ one: 1 }]);
  assert.equal(rawMeta.command, 'SELECT');
  await s.query('DROP TABLE q_types');
});

test('plain, raw and nest', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  const { QueryTypes } = Sequelize;
  assert.deepEqual(await s.query('SELECT 1 AS a', { type: QueryTypes.SELECT, plain: true }), { a: 1 });
  assert.equal(await s.query('SELECT 1 AS a WHERE false', { type: QueryTypes.SELECT, plain: true }), null);
  assert.deepEqual(await s.query('SELECT 1 AS "a.b", 2 AS "a.c"', { type: QueryTypes.SELECT, nest: true }),
    [{ a: { b: 1, c: 2 } }]);
  assert.deepEqual(await s.query('SELECT 1 AS "a.b"', { nest: true }), [{ a: { b: 1 } }]);
  assert.deepEqual(await s.query('SELECT 1 AS a', { plain: true }), { a: 1 });
  assert.deepEqual(await s.query('SELECT 1 AS a', { type: QueryTypes.SELECT, raw: true }), [{ a: 1 }]);
});

test('replacements are escaped exactly like Sequelize', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  const { QueryTypes } = Sequelize;
  const logged = [];
  const logging = (m) => logged.push(m);
  const rows = await s.query('SELECT :name AS n, :list AS l1, :n AS num', {
    replacements: { name: "x'; DROP TABLE x; --", list: ['a', 'c'], n: 5 }, type: QueryTypes.SELECT, logging,
  });
  assert.equal(logged[0], "Executing (default): SELECT 'x''; DROP TABLE x; --' AS n, 'a', 'c' AS l1, 5 AS num");
  assert.equal(rows[0].n, "x'; DROP TABLE x; --");
  const pos = await s.query('SELECT ? AS a, ? AS b, ?::int AS c', {
    replacements: [true, null, '7'], type: QueryTypes.SELECT,
  });
  assert.deepEqual(pos, [{ a: true, b: null, c: 7 }]);
  const inList = await s.query('SELECT 1 AS x WHERE 2 IN (:ids)', { replacements: { ids: [1, 2, 3] }, type: QueryTypes.SELECT });
  assert.deepEqual(inList, [{ x: 1 }]);
  const obj = await s.query({ query: 'SELECT ? AS v', values: [5] }, { type: QueryTypes.SELECT });
  assert.deepEqual(obj, [{ v: 5 }]);
  const d = await s.query('SELECT ? AS d', { replacements: [new Date(Date.UTC(2024, 0, 2, 3, 4, 5))], type: QueryTypes.SELECT });
  assert.equal(d[0].d, '2024-01-02 03:04:05.000 +00:00');
  await assert.rejects(s.query('SELECT :nope', { replacements: { a: 1 } }),
    { message: 'Named replacement ":nope" has no entry in the replacement map.' });
  await assert.rejects(s.query('SELECT 1', { replacements: [1], bind: [1] }),
    { message: 'Both `replacements` and `bind` cannot be set at the same time' });
});

test('bind parameters travel as real parameters', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  const { QueryTypes } = Sequelize;
  const logged = [];
  const rows = await s.query('SELECT $1::int AS a, $2::text AS b, $1::int + 1 AS c', {
    bind: [41, "o'k"], type: QueryTypes.SELECT, logging: (m) => logged.push(m),
  });
  assert.deepEqual(rows, [{ a: 41, b: "o'k", c: 42 }]);
  assert.equal(logged[0], 'Executing (default): SELECT $1::int AS a, $2::text AS b, $1::int + 1 AS c');
  const named = await s.query('SELECT $name::text AS n, $other::int AS o', {
    bind: { other: 2, name: 'z' }, type: QueryTypes.SELECT, logging: (m) => logged.push(m),
  });
  assert.deepEqual(named, [{ n: 'z', o: 2 }]);
  assert.equal(logged[1], 'Executing (default): SELECT $1::text AS n, $2::int AS o');
  const buf = await s.query('SELECT $1::bytea AS b, octet_length($1::bytea) AS len', {
    bind: [Buffer.from([0, 1, 2, 255])], type: QueryTypes.SELECT,
  });
  assert.deepEqual(buf[0].b, Buffer.from([0, 1, 2, 255]));
  assert.equal(buf[0].len, 4);
  const when = new Date(Date.UTC(2024, 5, 1, 12, 0, 0, 123));
  const dt = await s.query('SELECT $1::timestamptz AS d', { bind: [when], type: QueryTypes.SELECT });
  assert.equal(dt[0].d.getTime(), when.getTime());
  const arr = await s.query('SELECT $1::int[] AS a, $2::text[] AS t', {
    bind: [[1, 2, null], ['a"b', 'c,d']], type: QueryTypes.SELECT,
  });
  assert.deepEqual(arr, [{ a: [1, 2, null], t: ['a"b', 'c,d'] }]);
  const json = await s.query('SELECT $1::jsonb AS j', { bind: [{ k: [1, 'v'] }], type: QueryTypes.SELECT });
  assert.deepEqual(json[0].j, { k: [1, 'v'] });
  await assert.rejects(s.query('SELECT $nope::int', { bind: { a: 1 } }),
    { message: 'Named bind parameter "$nope" has no value in the given object.' });
});

test('values decode like pg', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  const { QueryTypes } = Sequelize;
  const [row] = await s.query(`SELECT
      1::int2 AS i2, 2::int4 AS i4, 9007199254740993::int8 AS i8, 1.5::float4 AS f4, 2.25::float8 AS f8,
      12.50::numeric(10,2) AS num, true AS b, false AS bf, 'héllo 😀'::text AS t, 'ab'::varchar AS vc, 'x'::char(3) AS ch,
      '2024-01-02T03:04:05.678Z'::timestamptz AS tstz, '2024-01-02'::date AS d, '10:11:12'::time AS tm,
      '{"a":[1,2]}'::json AS j, '{"k":"v","n":null}'::jsonb AS jb, '\\x6869'::bytea AS by,
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS u, ARRAY[1,2,NULL]::int[] AS ia, ARRAY['x','y']::text[] AS ta,
      ARRAY[1]::int8[] AS i8a, ARRAY['2024-01-02T00:00:00Z']::timestamptz[] AS tsa, NULL::int AS nul,
      'NaN'::float8 AS nan, '10.0.0.1'::inet AS ip, '[1,10)'::int4range AS rng, 'infinity'::timestamptz AS inf,
      count(*) AS cnt`, { type: QueryTypes.SELECT });
  assert.equal(row.i2, 1);
  assert.equal(row.i4, 2);
  assert.equal(row.i8, '9007199254740993');
  assert.equal(row.f4, 1.5);
  assert.equal(row.f8, 2.25);
  assert.equal(row.num, '12.50');
  assert.equal(row.b, true);
  assert.equal(row.bf, false);
  assert.equal(row.t, 'héllo 😀');
  assert.equal(row.vc, 'ab');
  assert.equal(row.ch, 'x  ');
  assert.ok(row.tstz instanceof Date);
  assert.equal(row.tstz.toISOString(), '2024-01-02T03:04:05.678Z');
  assert.equal(row.d, '2024-01-02');
  assert.equal(row.tm, '10:11:12');
  assert.deepEqual(row.j, { a: [1, 2] });
  assert.deepEqual(row.jb, { k: 'v', n: null });
  assert.deepEqual(row.by, Buffer.from('hi'));
  assert.equal(row.u, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
  assert.deepEqual(row.ia, [1, 2, null]);
  assert.deepEqual(row.ta, ['x', 'y']);
  assert.deepEqual(row.i8a, ['1']);
  assert.ok(row.tsa[0] instanceof Date);
  assert.equal(row.tsa[0].toISOString(), '2024-01-02T00:00:00.000Z');
  assert.equal(row.nul, null);
  assert.ok(Number.isNaN(row.nan));
  assert.equal(row.ip, '10.0.0.1');
  assert.equal(row.rng, '[1,10)');
  assert.equal(row.inf, Infinity);
  assert.equal(row.cnt, '1');
  const [{ ts }] = await s.query("SELECT '2024-01-02 03:04:05.5'::timestamp AS ts", { type: QueryTypes.SELECT });
  assert.equal(ts.getTime(), new Date(2024, 0, 2, 3, 4, 5, 500).getTime());
  await s.query("DROP TYPE IF EXISTS q_mood; CREATE TYPE q_mood AS ENUM ('sad', 'ok')");
  const [{ m }] = await s.query("SELECT 'ok'::q_mood AS m", { type: QueryTypes.SELECT });
  assert.equal(m, 'ok');
  const [{ iv }] = await s.query("SELECT '1 day 02:00:00'::interval AS iv", { type: QueryTypes.SELECT });
  assert.equal(iv.days, 1);
  assert.equal(iv.hours, 2);
  await s.query('DROP TYPE q_mood');
});

test('large results keep their order and content', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  const rows = await s.query(
    "SELECT g AS id, 'name ' || g AS name, g * 1.5 AS score, g % 2 = 0 AS even FROM generate_series(1, 20000) g",
    { type: Sequelize.QueryTypes.SELECT });
  assert.equal(rows.length, 20000);
  assert.deepEqual(rows[19999], { id: 20000, name: 'name 20000', score: '30000.0', even: true });
});

test('results delivered in chunks while they arrive: every row, every type, every shape', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  // 2,500 rows: 500-row chunks built during the receive, the last ones after it; every column
  // kind (numbers, bool, text, json, timestamptz, bytea, arrays) with NULLs in each.
  const sql = `SELECT g AS n, CASE WHEN g % 7 = 0 THEN NULL ELSE g % 2 = 0 END AS b,
      CASE WHEN g % 5 = 0 THEN NULL ELSE 'välue ' || g END AS t,
      CASE WHEN g % 11 = 0 THEN NULL WHEN g % 23 = 0 THEN 'null'::jsonb
        ELSE jsonb_build_object('g', g, 's', 'ü😀' || g) END AS j,
      CASE WHEN g % 13 = 0 THEN NULL ELSE to_timestamp(g) END AS ts,
      CASE WHEN g % 17 = 0 THEN NULL ELSE decode(lpad(to_hex(g), 8, '0'), 'hex') END AS y,
      CASE WHEN g % 19 = 0 THEN NULL ELSE ARRAY[g, g + 1] END AS a,
      CASE WHEN g % 29 = 0 THEN NULL ELSE ARRAY[to_timestamp(g), NULL] END AS tsa
    FROM generate_series(1, 2500) g ORDER BY g`;
  const expect = (g) => ({
    n: g,
    b: g % 7 === 0 ? null : g % 2 === 0,
    t: g % 5 === 0 ? null : `välue ${g}`,
    j: g % 11 === 0 || g % 23 === 0 ? null : { g, s: `ü😀${g}` },
    ts: g % 13 === 0 ? null : new Date(g * 1000),
    y: g % 17 === 0 ? null : Buffer.from(g.toString(16).padStart(8, '0'), 'hex'),
    a: g % 19 === 0 ? null : [g, g + 1],
    tsa: g % 29 === 0 ? null : [new Date(g * 1000), null],
  });
  const rows = await s.query(sql, { type: Sequelize.QueryTypes.SELECT });
  assert.equal(rows.length, 2500);
  rows.forEach((r, i) => assert.deepEqual(r, expect(i + 1)));
  // Raw form: metadata of the whole result, rows the same array.
  const [raw, meta] = await s.query(sql);
  assert.equal(meta.rowCount, 2500);
  assert.equal(meta.rows, raw);
  assert.deepEqual(meta.fields.map((f) => f.name), ['n', 'b', 't', 'j', 'ts', 'y', 'a', 'tsa']);
  assert.deepEqual(raw[1234], expect(1235));
  // Several statements, each large: chunks go to their own result set.
  const [all, sets] = await s.query('SELECT g FROM generate_series(1, 1500) g; SELECT -g AS m FROM generate_series(1, 2200) g');
  assert.equal(all.length, 3700);
  assert.equal(sets.length, 2);
  assert.deepEqual(sets[0].rows.map((r) => r.g), Array.from({ length: 1500 }, (_, i) => i + 1));
  assert.deepEqual(sets[1].rows.map((r) => r.m), Array.from({ length: 2200 }, (_, i) => -(i + 1)));
  // An error after rows have been delivered: the query rejects, the connection stays usable.
  await assert.rejects(s.query('SELECT CASE WHEN g = 2400 THEN 1 / 0 ELSE g END FROM generate_series(1, 3000) g'),
    { name: 'SequelizeDatabaseError' });
  assert.equal((await s.query('SELECT 1 AS x', { plain: true })).x, 1);
});

test('large result texts (external strings, outside the JS heap) stay intact across garbage collections', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  // Each result's text (ASCII, Latin-1, and text needing UTF-16) is over 4,096 characters, so it
  // reaches JavaScript as an external string that the rows slice; the characters are freed by a
  // finalizer only when no row refers to them any more.
  const kinds = { ascii: 'plain text', latin1: 'välue ÿ', utf16: 'ü日本😀' };
  const results = {};
  for (const [kind, word] of Object.entries(kinds)) {
    results[kind] = await s.query(`SELECT g, $1 || ' ' || g AS t, jsonb_build_object('w', $1 || g) AS j
      FROM generate_series(1, 3000) g ORDER BY g`, { bind: [word], type: Sequelize.QueryTypes.SELECT });
  }
  const check = () => {
    for (const [kind, word] of Object.entries(kinds)) {
      const rows = results[kind];
      assert.equal(rows.length, 3000);
      rows.forEach((r, i) => assert.deepEqual(r, { g: i + 1, t: `${word} ${i + 1}`, j: { w: `${word}${i + 1}` } }));
    }
  };
  check();
  // Garbage enough for several scavenges and a full collection; earlier results (dropped) are
  // finalized meanwhile.
  for (let round = 0; round < 5; round++) {
    await s.query("SELECT repeat('x', 20) || g AS t FROM generate_series(1, 5000) g");
    let junk = [];
    for (let i = 0; i < 200000; i++) junk.push({ i, s: `junk ${i}` });
    junk = null;
    await new Promise((resolve) => setImmediate(resolve));
  }
  check();
});

test('JSON columns of flat documents with one key set are built by key, exactly as JSON.parse reads them', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  // Each case: documents as the server renders them (::text), compared with JSON.parse of that
  // text — values, key order (integer-like keys first, as V8 orders them), -0, huge numbers.
  const docs = (shape) => `SELECT g, ${shape} AS d, (${shape})::text AS t FROM generate_series(1, 1300) g ORDER BY g`;
  const cases = {
    // Split by key: numbers, strings (Unicode too), booleans, null, SQL NULL rows (leading too).
    flat: docs(`CASE WHEN g < 3 OR g % 97 = 0 THEN NULL ELSE jsonb_build_object('k', g % 100, 'ok', g % 3 = 0,
      'tag', 't' || (g % 10), 'ü 😀', 'é' || g, 'neg', -0.5 * g, 'big', 12345678901234567890, 'z', NULL,
      '10', g, '2', 'two') END`),
    mixedKinds: docs(`jsonb_build_object('v', CASE g % 5 WHEN 0 THEN to_jsonb(g) WHEN 1 THEN to_jsonb('s' || g)
      WHEN 2 THEN 'true'::jsonb WHEN 3 THEN 'null'::jsonb ELSE to_jsonb(-0.0) END)`),
    numbers: docs(`jsonb_build_object('n', (ARRAY['-0', '1e308', '5e-324', '0.1', '9007199254740993', '-1.5E+3'])[g % 6 + 1]::numeric)`),
    empty: docs("'{}'::jsonb"),
    // Left to JSON.parse: another key set, nesting, escapes, __proto__, json with repeated keys.
    otherKeys: docs("CASE WHEN g % 2 = 0 THEN jsonb_build_object('a', g) ELSE jsonb_build_object('b', g) END"),
    nested: docs("jsonb_build_object('a', jsonb_build_object('b', g), 'c', ARRAY[g])"),
    escapes: docs(`jsonb_build_object('s', 'quote " backslash \\ newline ' || chr(10) || g)`),
    proto: docs("jsonb_build_object('__proto__', g)"),
    notObjects: docs("to_jsonb(g)"),
    jsonRepeated: docs(`('{"a": 1, "a": ' || g || ', "b" : [ ] }')::json`),
    jsonSpaced: docs(`('{ "a" :' || g || ' ,' || chr(10) || ' "b": "x"}')::json`),
  };
  for (const [name, sql] of Object.entries(cases)) {
    const rows = await s.query(sql, { type: Sequelize.QueryTypes.SELECT });
    assert.equal(rows.length, 1300, name);
    for (const r of rows) {
      const want = r.t === null ? null : JSON.parse(r.t);
      assert.deepEqual(r.d, want, `${name} row ${r.g}`);
      if (want && typeof want === 'object') {
        assert.deepEqual(Object.keys(r.d), Object.keys(want), `${name} row ${r.g} key order`);
        assert.equal(Object.getPrototypeOf(r.d), Object.prototype, name);
      }
      if (typeof want === 'object' && want) {
        for (const k of Object.keys(want)) {
          if (Object.is(want[k], -0)) assert.ok(Object.is(r.d[k], -0), `${name} -0`);
        }
      }
    }
  }
  // The pieces came through: a sample of the split case.
  const [row] = await s.query(`${cases.flat.replace('ORDER BY g', '')} LIMIT 5 OFFSET 3`, { type: Sequelize.QueryTypes.SELECT });
  assert.deepEqual(row.d, { 2: 'two', 10: 4, k: 4, z: null, ok: false, big: 12345678901234567000, neg: -2, tag: 't4', 'ü 😀': 'é4' });
});

test('findAll of a chunked result builds every instance with its previous values', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  const { DataTypes } = Sequelize;
  const Item = s.define('ChunkItem', {
    name: DataTypes.STRING, qty: DataTypes.INTEGER, meta: DataTypes.JSONB, at: DataTypes.DATE,
  }, { tableName: 'chunk_items', timestamps: false });
  await Item.sync({ force: true });
  try {
    const at = new Date('2024-05-06T07:08:09.010Z');
    await Item.bulkCreate(Array.from({ length: 2600 }, (_, i) => ({
      name: `item ${i + 1}`, qty: i % 9 === 0 ? null : i + 1, meta: { i: i + 1 }, at,
    })));
    const items = await Item.findAll({ order: [['id', 'ASC']] });
    assert.equal(items.length, 2600);
    items.forEach((it, i) => {
      assert.ok(it instanceof Item);
      assert.equal(it.id, i + 1);
      assert.equal(it.name, `item ${i + 1}`);
      assert.equal(it.qty, i % 9 === 0 ? null : i + 1);
      assert.deepEqual(it.meta, { i: i + 1 });
      assert.equal(it.at.getTime(), at.getTime());
      assert.equal(it.changed(), false);
      assert.equal(it.previous('name'), `item ${i + 1}`);
    });
    // previous values are separate objects: changing an instance is seen as a change.
    items[1500].name = 'renamed';
    assert.deepEqual(items[1500].changed(), ['name']);
    const raw = await Item.findAll({ raw: true, order: [['id', 'ASC']] });
    assert.equal(raw.length, 2600);
    assert.deepEqual(raw[2599], { id: 2600, name: 'item 2600', qty: 2600, meta: { i: 2600 }, at });
  } finally {
    await Item.drop();
  }
});

test('database errors become Sequelize errors with .sql, .parameters and .parent', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  const err = await s.query('SELEC 1').catch((e) => e);
  assert.ok(err instanceof Sequelize.DatabaseError);
  assert.equal(err.name, 'SequelizeDatabaseError');
  assert.equal(err.message, 'syntax error at or near "SELEC"');
  assert.equal(err.sql, 'SELEC 1');
  assert.deepEqual(err.parameters, {});
  assert.equal(err.parent.code, '42601');
  assert.equal(err.original, err.parent);
  assert.equal(err.parent.position, '1');
  const div = await s.query('SELECT $1::int / 0', { bind: [1] }).catch((e) => e);
  assert.equal(div.parent.code, '22012');
  assert.deepEqual(div.parameters, [1]);

  await s.query('DROP TABLE IF EXISTS q_child, q_parent; CREATE TABLE q_parent (id int primary key, email text unique);'
    + 'CREATE TABLE q_child (id int, parent_id int REFERENCES q_parent(id))');
  await s.query("INSERT INTO q_parent VALUES (1, 'a@x.com')");
  const uniq = await s.query("INSERT INTO q_parent VALUES (2, 'a@x.com')").catch((e) => e);
  assert.ok(uniq instanceof Sequelize.UniqueConstraintError);
  assert.ok(uniq instanceof Sequelize.ValidationError);
  assert.equal(uniq.message, 'Validation error');
  assert.deepEqual(uniq.fields, { email: 'a@x.com' });
  assert.equal(uniq.errors[0].message, 'email must be unique');
  assert.equal(uniq.errors[0].type, 'unique violation');
  assert.equal(uniq.parent.constraint, 'q_parent_email_key');
  assert.equal(uniq.parent.detail, 'Key (email)=(a@x.com) already exists.');
  const fk = await s.query('INSERT INTO q_child VALUES (1, 999)').catch((e) => e);
  assert.ok(fk instanceof Sequelize.ForeignKeyConstraintError);
  assert.equal(fk.index, 'q_child_parent_id_fkey');
  assert.equal(fk.table, 'q_child');
  assert.equal(fk.parent.code, '23503');
  await s.query('DROP TABLE q_child, q_parent');
  // The connection survives all of this.
  assert.deepEqual(await s.query('SELECT 1 AS ok', { plain: true }), { ok: 1 });
});

test('escape() uses the core escaping', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  assert.equal(s.escape("O'Reilly"), "'O''Reilly'");
  assert.equal(s.escape(5), '5');
  assert.equal(s.escape(true), 'true');
  assert.equal(s.escape(null), 'NULL');
  assert.equal(s.escape(new Date(0)), "'1970-01-01 00:00:00.000 +00:00'");
  assert.equal(s.escape([1, 'a']), "ARRAY[1,'a']");
  assert.equal(s.escape('a\\b'), "'a\\b'");
});
