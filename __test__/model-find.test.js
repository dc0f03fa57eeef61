'use strict';
// Reading (issue 3, "Reading"): findAll / findOne / findByPk / findOrCreate / findAndCountAll /
// count / max / min / sum with `where` (every Op the issue lists, nesting, JSON paths, the
// Sequelize.where/col/fn/literal/cast helpers), attributes, order, group, having, limit, offset,
// raw, plain, paranoid:false and lock — results and the exact SQL Sequelize 6.37.8 logs (surface
// §4.1, A.4, A.7, A.12; goldens 031, 032, 034, 035, 037, 038, 046).

const test = require('node:test');
const assert = require('node:assert/strict');
const mh = require('./model-helpers');

const db = mh.database('find');

const PRODUCTS = [
  { name: 'Apple', price: 3, category: 'fruit', stock: 10, tags: ['red', 'sweet'], meta: { color: 'red', size: { w: 3 } }, score: '1.50', on: true, big: 1 },
  { name: 'banana', price: 1, category: 'fruit', stock: null, tags: ['yellow'], meta: { color: 'yellow', size: { w: 5 } }, score: '2.25', on: false, big: 2 },
  { name: 'Carrot', price: 2, category: 'veg', stock: 0, tags: [], meta: { color: 'orange' }, score: null, on: null, big: 3 },
  { name: 'durian', price: 15, category: 'fruit', stock: 2, tags: ['smelly', 'sweet'], meta: null, score: '9.99', on: true, big: '9007199254740993' },
  { name: 'Eggplant', price: 4, category: 'veg', stock: 7, tags: null, meta: { color: 'purple', size: { w: 10 } }, score: '0.10', on: false, big: 5 },
  { name: 'fig_50%', price: 8, category: null, stock: 1, tags: ['sweet'], meta: { tags: ['a', 'b'] }, score: '5.00', on: true, big: 6 },
];

const COLUMNS = '"id", "name", "price", "category", "stock", "tags", "meta", "score", "on", "big"';

/** The products table (id 1..6 in PRODUCTS order) on a fresh instance. */
async function seed(t, options) {
  const s = await db.open(t, options);
  const { DataTypes } = mh;
  const P = s.define('product', {
    name: DataTypes.STRING,
    price: DataTypes.INTEGER,
    category: DataTypes.STRING,
    stock: DataTypes.INTEGER,
    tags: DataTypes.ARRAY(DataTypes.STRING),
    meta: DataTypes.JSONB,
    score: DataTypes.DECIMAL(6, 2),
    on: DataTypes.BOOLEAN,
    big: DataTypes.BIGINT,
  }, { timestamps: false });
  await P.sync({ force: true });
  await P.bulkCreate(PRODUCTS);
  return { s, P };
}

// ------------------------------------------------------------------------------ where

// [label, where (built lazily: Op/helpers come from the implementation), WHERE clause SQL ('' = none), ids]
const WHERE_CASES = [
  ['plain equality', () => ({ category: 'fruit' }), "\"product\".\"category\" = 'fruit'", [1, 2, 4]],
  ['Op.eq', ({ Op }) => ({ price: { [Op.eq]: 2 } }), '"product"."price" = 2', [3]],
  ['Op.ne', ({ Op }) => ({ category: { [Op.ne]: 'fruit' } }), "\"product\".\"category\" != 'fruit'", [3, 5]],
  ['Op.gt', ({ Op }) => ({ price: { [Op.gt]: 3 } }), '"product"."price" > 3', [4, 5, 6]],
  ['Op.gte', ({ Op }) => ({ price: { [Op.gte]: 3 } }), '"product"."price" >= 3', [1, 4, 5, 6]],
  ['Op.lt', ({ Op }) => ({ price: { [Op.lt]: 3 } }), '"product"."price" < 3', [2, 3]],
  ['Op.lte', ({ Op }) => ({ price: { [Op.lte]: 3 } }), '"product"."price" <= 3', [1, 2, 3]],
  ['two ops on one attribute', ({ Op }) => ({ price: { [Op.gt]: 1, [Op.lt]: 8 } }),
    '("product"."price" > 1 AND "product"."price" < 8)', [1, 3, 5]],
  ['two keys are ANDed', ({ Op }) => ({ category: 'fruit', price: { [Op.gte]: 3 } }),
    "\"product\".\"category\" = 'fruit' AND \"product\".\"price\" >= 3", [1, 4]],
  ['null → IS NULL', () => ({ stock: null }), '"product"."stock" IS NULL', [2]],
  ['Op.is null', ({ Op }) => ({ stock: { [Op.is]: null } }), '"product"."stock" IS NULL', [2]],
  ['Op.ne null → IS NOT NULL', ({ Op }) => ({ stock: { [Op.ne]: null } }), '"product"."stock" IS NOT NULL', [1, 3, 4, 5, 6]],
  ['Op.not null', ({ Op }) => ({ stock: { [Op.not]: null } }), '"product"."stock" IS NOT NULL', [1, 3, 4, 5, 6]],
  ['Op.is true', ({ Op }) => ({ on: { [Op.is]: true } }), '"product"."on" IS true', [1, 4, 6]],
  ['Op.not true', ({ Op }) => ({ on: { [Op.not]: true } }), '"product"."on" IS NOT true', [2, 3, 5]],
  ['boolean equality', () => ({ on: false }), '"product"."on" = false', [2, 5]],
  ['zero', () => ({ stock: 0 }), '"product"."stock" = 0', [3]],
  ['a numeric string', () => ({ price: '15' }), "\"product\".\"price\" = '15'", [4]],
  ['empty where', () => ({}), '', [1, 2, 3, 4, 5, 6]],
  ['Op.in', ({ Op }) => ({ price: { [Op.in]: [1, 2, 15] } }), '"product"."price" IN (1, 2, 15)', [2, 3, 4]],
  ['array shorthand → IN', () => ({ name: ['Apple', 'Carrot', 'nope'] }), "\"product\".\"name\" IN ('Apple', 'Carrot', 'nope')", [1, 3]],
  ['Op.in []', ({ Op }) => ({ price: { [Op.in]: [] } }), '"product"."price" IN (NULL)', []],
  ['[] shorthand', () => ({ price: [] }), '"product"."price" IN (NULL)', []],
  ['Op.notIn', ({ Op }) => ({ price: { [Op.notIn]: [1, 2] } }), '"product"."price" NOT IN (1, 2)', [1, 4, 5, 6]],
  ['Op.notIn [] is no condition', ({ Op }) => ({ price: { [Op.notIn]: [] } }), '', [1, 2, 3, 4, 5, 6]],
  ['Op.in with null', ({ Op }) => ({ category: { [Op.in]: ['veg', null] } }), "\"product\".\"category\" IN ('veg', NULL)", [3, 5]],
  ['Op.like', ({ Op }) => ({ name: { [Op.like]: '%an%' } }), "\"product\".\"name\" LIKE '%an%'", [2, 4, 5]],
  ['Op.notLike', ({ Op }) => ({ name: { [Op.notLike]: '%a%' } }), "\"product\".\"name\" NOT LIKE '%a%'", [1, 6]],
  ['Op.iLike', ({ Op }) => ({ name: { [Op.iLike]: 'a%' } }), "\"product\".\"name\" ILIKE 'a%'", [1]],
  ['Op.notILike', ({ Op }) => ({ name: { [Op.notILike]: '%A%' } }), "\"product\".\"name\" NOT ILIKE '%A%'", [6]],
  ['Op.startsWith', ({ Op }) => ({ name: { [Op.startsWith]: 'd' } }), "\"product\".\"name\" LIKE 'd%'", [4]],
  ['Op.endsWith', ({ Op }) => ({ name: { [Op.endsWith]: 't' } }), "\"product\".\"name\" LIKE '%t'", [3, 5]],
  ['Op.substring', ({ Op }) => ({ name: { [Op.substring]: 'an' } }), "\"product\".\"name\" LIKE '%an%'", [2, 4, 5]],
  ['Op.substring keeps % as is', ({ Op }) => ({ name: { [Op.substring]: '50%' } }), "\"product\".\"name\" LIKE '%50%%'", [6]],
  ['Op.regexp', ({ Op }) => ({ name: { [Op.regexp]: '^[A-C]' } }), "\"product\".\"name\" ~ '^[A-C]'", [1, 3]],
  ['Op.notRegexp', ({ Op }) => ({ name: { [Op.notRegexp]: '^[A-C]' } }), "\"product\".\"name\" !~ '^[A-C]'", [2, 4, 5, 6]],
  ['Op.iRegexp', ({ Op }) => ({ name: { [Op.iRegexp]: '^[a-c]' } }), "\"product\".\"name\" ~* '^[a-c]'", [1, 2, 3]],
  ['Op.notIRegexp', ({ Op }) => ({ name: { [Op.notIRegexp]: '^[a-c]' } }), "\"product\".\"name\" !~* '^[a-c]'", [4, 5, 6]],
  ['Op.between', ({ Op }) => ({ price: { [Op.between]: [2, 4] } }), '"product"."price" BETWEEN 2 AND 4', [1, 3, 5]],
  ['Op.notBetween', ({ Op }) => ({ price: { [Op.notBetween]: [2, 4] } }), '"product"."price" NOT BETWEEN 2 AND 4', [2, 4, 6]],
  ['Op.or (array)', ({ Op }) => ({ [Op.or]: [{ price: 1 }, { name: 'Carrot' }] }),
    "(\"product\".\"price\" = 1 OR \"product\".\"name\" = 'Carrot')", [2, 3]],
  ['Op.or (object)', ({ Op }) => ({ [Op.or]: { price: 1, name: 'Carrot' } }),
    "(\"product\".\"price\" = 1 OR \"product\".\"name\" = 'Carrot')", [2, 3]],
  ['Op.or on an attribute', ({ Op }) => ({ price: { [Op.or]: [1, 15] } }),
    '("product"."price" = 1 OR "product"."price" = 15)', [2, 4]],
  ['Op.or of operators on an attribute', ({ Op }) => ({ price: { [Op.or]: { [Op.lt]: 2, [Op.gt]: 10 } } }),
    '("product"."price" < 2 OR "product"."price" > 10)', [2, 4]],
  ['Op.and', ({ Op }) => ({ [Op.and]: [{ category: 'fruit' }, { price: { [Op.gt]: 2 } }] }),
    "(\"product\".\"category\" = 'fruit' AND \"product\".\"price\" > 2)", [1, 4]],
  ['Op.and of Op.or', ({ Op }) => ({ [Op.and]: [{ [Op.or]: [{ category: 'veg' }, { category: null }] }, { price: { [Op.lt]: 5 } }] }),
    "((\"product\".\"category\" = 'veg' OR \"product\".\"category\" IS NULL) AND \"product\".\"price\" < 5)", [3, 5]],
  ['Op.not of an object', ({ Op }) => ({ [Op.not]: { category: 'fruit', price: 3 } }),
    "NOT (\"product\".\"category\" = 'fruit' AND \"product\".\"price\" = 3)", [2, 3, 4, 5, 6]],
  ['Op.not of Op.or', ({ Op }) => ({ [Op.not]: { [Op.or]: [{ category: 'fruit' }, { category: null }] } }),
    "NOT ((\"product\".\"category\" = 'fruit' OR \"product\".\"category\" IS NULL))", [3, 5]],
  ['Op.or of Op.and', ({ Op }) => ({ [Op.or]: [{ [Op.and]: [{ category: 'fruit' }, { price: { [Op.gt]: 10 } }] }, { stock: 0 }] }),
    "((\"product\".\"category\" = 'fruit' AND \"product\".\"price\" > 10) OR \"product\".\"stock\" = 0)", [3, 4]],
  ['Sequelize.and / Sequelize.or', ({ Sequelize }) => Sequelize.and({ category: 'fruit' }, Sequelize.or({ price: 3 }, { price: 15 })),
    "(\"product\".\"category\" = 'fruit' AND (\"product\".\"price\" = 3 OR \"product\".\"price\" = 15))", [1, 4]],
  ['Op.like Op.any (array)', ({ Op }) => ({ name: { [Op.like]: { [Op.any]: ['A%', 'b%'] } } }),
    "\"product\".\"name\" LIKE ANY (ARRAY['A%','b%'])", [1, 2]],
  ['ARRAY Op.contains', ({ Op }) => ({ tags: { [Op.contains]: ['sweet'] } }),
    "\"product\".\"tags\" @> ARRAY['sweet']::VARCHAR(255)[]", [1, 4, 6]],
  ['ARRAY Op.contained', ({ Op }) => ({ tags: { [Op.contained]: ['red', 'sweet', 'yellow'] } }),
    "\"product\".\"tags\" <@ ARRAY['red','sweet','yellow']::VARCHAR(255)[]", [1, 2, 3, 6]],
  ['ARRAY Op.overlap', ({ Op }) => ({ tags: { [Op.overlap]: ['red', 'yellow'] } }),
    "\"product\".\"tags\" && ARRAY['red','yellow']::VARCHAR(255)[]", [1, 2]],
  ['ARRAY equality', () => ({ tags: ['yellow'] }), "\"product\".\"tags\" = ARRAY['yellow']::VARCHAR(255)[]", [2]],
  ['JSONB Op.contains', ({ Op }) => ({ meta: { [Op.contains]: { color: 'red' } } }), '"product"."meta" @> \'{"color":"red"}\'', [1]],
  ['JSONB nested object', () => ({ meta: { color: 'red' } }), "(\"product\".\"meta\"#>>'{color}') = 'red'", [1]],
  ['JSONB nested object with an Op (number cast)', ({ Op }) => ({ meta: { size: { w: { [Op.gt]: 4 } } } }),
    "CAST((\"product\".\"meta\"#>>'{size,w}') AS DOUBLE PRECISION) > 4", [2, 5]],
  ['JSON path key', () => ({ 'meta.color': 'purple' }), "(\"product\".\"meta\"#>>'{color}') = 'purple'", [5]],
  ['JSON path key with an Op', ({ Op }) => ({ 'meta.size.w': { [Op.gte]: 5 } }),
    "CAST((\"product\".\"meta\"#>>'{size,w}') AS DOUBLE PRECISION) >= 5", [2, 5]],
  ['JSONB null', () => ({ meta: null }), '"product"."meta" IS NULL', [4]],
  ['DECIMAL comparison', ({ Op }) => ({ score: { [Op.gt]: 2 } }), '"product"."score" > 2', [2, 4, 6]],
  ['$nested.column$ key', () => ({ '$product.price$': 3 }), '"product"."price" = 3', [1]],
  ['Sequelize.where(fn, value)', ({ Sequelize }) => Sequelize.where(Sequelize.fn('lower', Sequelize.col('name')), 'apple'),
    "lower(\"name\") = 'apple'", [1]],
  ['Sequelize.where(fn, Op, value)', ({ Sequelize, Op }) => Sequelize.where(Sequelize.fn('char_length', Sequelize.col('name')), Op.gt, 6),
    'char_length("name") > 6', [5, 6]],
  ['Sequelize.where(fn, {Op})', ({ Sequelize, Op }) => Sequelize.where(Sequelize.fn('char_length', Sequelize.col('name')), { [Op.lte]: 5 }),
    'char_length("name") <= 5', [1]],
  ['Sequelize.where(cast(col), value)', ({ Sequelize }) => Sequelize.where(Sequelize.cast(Sequelize.col('price'), 'text'), '15'),
    "CAST(\"price\" AS TEXT) = '15'", [4]],
  ['Op.gt Sequelize.col', ({ Sequelize, Op }) => ({ price: { [Op.gt]: Sequelize.col('stock') } }), '"product"."price" > "stock"', [3, 4, 6]],
  ['Op.gt Sequelize.cast', ({ Sequelize, Op }) => ({ price: { [Op.gt]: Sequelize.cast('5', 'integer') } }),
    '"product"."price" > CAST(\'5\' AS INTEGER)', [4, 6]],
  ['Op.in Sequelize.literal', ({ Sequelize, Op }) => ({ price: { [Op.in]: Sequelize.literal('(SELECT 2 UNION SELECT 3)') } }),
    '"product"."price" IN (SELECT 2 UNION SELECT 3)', [1, 3]],
  ['Op.and with a literal', ({ Sequelize, Op }) => ({ [Op.and]: [Sequelize.literal('"price" > 3'), { category: 'fruit' }] }),
    "(\"price\" > 3 AND \"product\".\"category\" = 'fruit')", [4]],
];

test('where: every operator — exact WHERE SQL and the rows it selects', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const { P } = await seed(t);
  const ctx = { Sequelize: mh.Sequelize, Op: mh.Op };
  for (const [label, build, whereSql, ids] of WHERE_CASES) {
    const log = mh.sqlLog();
    let rows;
    try {
      rows = await P.findAll({ where: build(ctx), attributes: ['id'], order: [['id', 'ASC']], logging: log.logging });
    } catch (err) {
      assert.fail(`${label}: ${err.message}\n${log.sql.join('\n')}`);
    }
    const expected = `SELECT "id" FROM "products" AS "product"${whereSql ? ` WHERE ${whereSql}` : ''} ORDER BY "product"."id" ASC;`;
    assert.equal(log.sql[0], expected, label);
    assert.deepEqual(rows.map((r) => r.id), ids, label);
  }
});

test('where: Op.any / Op.all with a plain array on a non-array column select the right rows',
  mh.ours('sequelize 6.37.8 renders `= ANY (\'1,2\')` and the server rejects it (malformed array literal, surface §8.2)'),
  async (t) => {
    if (mh.skipUnlessDb(t)) return;
    const { P } = await seed(t);
    const { Op } = mh;
    const ids = async (where) => (await P.findAll({ where, attributes: ['id'], order: [['id', 'ASC']] })).map((r) => r.id);
    assert.deepEqual(await ids({ price: { [Op.any]: [1, 2] } }), [2, 3]);
    assert.deepEqual(await ids({ price: { [Op.eq]: { [Op.any]: [1, 2] } } }), [2, 3]);
    assert.deepEqual(await ids({ price: { [Op.gt]: { [Op.all]: [1, 2, 3] } } }), [4, 5, 6]);
    assert.deepEqual(await ids({ name: { [Op.any]: ['Apple', 'nope'] } }), [1]);
  });

test('where: an attribute compared with Sequelize.cast keeps the column',
  mh.ours('sequelize 6.37.8 renders `WHERE CAST(\'15\' AS INTEGER)` without the column and the server rejects it (surface §8.1)'),
  async (t) => {
    if (mh.skipUnlessDb(t)) return;
    const { P } = await seed(t);
    const rows = await P.findAll({ where: { price: mh.Sequelize.cast('15', 'integer') }, attributes: ['id'] });
    assert.deepEqual(rows.map((r) => r.id), [4]);
  });

test('where: Sequelize\'s errors for bad input', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const { P } = await seed(t);
  const log = mh.sqlLog();
  let err = await mh.rejects(() => P.findAll({ where: { price: undefined }, logging: log.logging }));
  assert.equal(err.message, 'WHERE parameter "price" has invalid "undefined" value');
  err = await mh.rejects(() => P.findAll({ where: 'id = 1', logging: log.logging }));
  assert.equal(err.message, 'Support for `{where: \'raw query\'}` has been removed.');
  err = await mh.rejects(() => P.findAll(5));
  assert.equal(err.name, 'SequelizeQueryError');
  assert.equal(err.message, 'The argument passed to findAll must be an options object, use findByPk if you wish to pass a single primary key value');
  err = await mh.rejects(() => P.findOne(5));
  assert.equal(err.name, 'Error');
  assert.equal(err.message, 'The argument passed to findOne must be an options object, use findByPk if you wish to pass a single primary key value');
  assert.deepEqual(log.sql, [], 'no SQL was sent');
});

// ------------------------------------------------------------------------------ attributes

test('attributes: list, [column, alias], exclude, include with fn, fn-only, literal', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const { P } = await seed(t);
  const { Sequelize } = mh;
  const { fn, col, literal } = Sequelize;
  const log = mh.sqlLog();
  const one = (opts) => P.findOne({ where: { id: 1 }, logging: log.logging, ...opts });

  const list = await one({ attributes: ['name', 'price'] });
  assert.deepEqual(list.toJSON(), { name: 'Apple', price: 3 });
  assert.deepEqual(Object.keys(list.get()), ['name', 'price']);
  assert.equal(list.stock, undefined);

  const alias = await one({ attributes: ['id', ['name', 'title']] });
  assert.deepEqual(alias.toJSON(), { id: 1, title: 'Apple' });
  assert.equal(alias.get('title'), 'Apple');

  const exclude = await one({ attributes: { exclude: ['stock', 'category', 'tags', 'meta'] } });
  assert.deepEqual(exclude.toJSON(), { id: 1, name: 'Apple', price: 3, score: '1.50', on: true, big: '1' });

  const include = await one({ attributes: { include: [[fn('upper', col('name')), 'shout']] } });
  assert.equal(include.get('shout'), 'APPLE');
  assert.deepEqual(Object.keys(include.toJSON()), ['id', 'name', 'price', 'category', 'stock', 'tags', 'meta', 'score', 'on', 'big', 'shout']);

  const fnOnly = await P.findAll({ attributes: [[fn('COUNT', col('id')), 'n'], [fn('MAX', col('price')), 'maxPrice']], logging: log.logging });
  assert.deepEqual(fnOnly.map((r) => r.toJSON()), [{ n: '6', maxPrice: 15 }]);

  const lit = await P.findAll({ attributes: ['id', [literal('price * 2'), 'double']], where: { id: 2 }, raw: true, logging: log.logging });
  assert.deepEqual(lit, [{ id: 2, double: 2 }]);

  assert.deepEqual(log.sql, [
    'SELECT "name", "price" FROM "products" AS "product" WHERE "product"."id" = 1;',
    'SELECT "id", "name" AS "title" FROM "products" AS "product" WHERE "product"."id" = 1;',
    'SELECT "id", "name", "price", "score", "on", "big" FROM "products" AS "product" WHERE "product"."id" = 1;',
    `SELECT ${COLUMNS}, upper("name") AS "shout" FROM "products" AS "product" WHERE "product"."id" = 1;`,
    'SELECT COUNT("id") AS "n", MAX("price") AS "maxPrice" FROM "products" AS "product";',
    'SELECT "id", price * 2 AS "double" FROM "products" AS "product" WHERE "product"."id" = 2;',
  ]);
});

// ------------------------------------------------------------------------------ order / limit / offset / group / having

test('order: all forms; limit and offset', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const { s, P } = await seed(t);
  const { fn, col, literal } = mh.Sequelize;
  const cases = [
    [{ order: [['price', 'ASC']] }, 'ORDER BY "product"."price" ASC', [2, 3, 1, 5, 6, 4]],
    [{ order: [['price', 'DESC']] }, 'ORDER BY "product"."price" DESC', [4, 6, 5, 1, 3, 2]],
    [{ order: ['price'] }, 'ORDER BY "product"."price"', [2, 3, 1, 5, 6, 4]],
    [{ order: [['category', 'ASC'], ['price', 'DESC']] }, 'ORDER BY "product"."category" ASC, "product"."price" DESC', [4, 1, 2, 5, 3, 6]],
    [{ order: [['stock', 'ASC NULLS FIRST'], ['id', 'ASC']] }, 'ORDER BY "product"."stock" ASC NULLS FIRST, "product"."id" ASC', [2, 3, 6, 4, 5, 1]],
    [{ order: [['stock', 'DESC NULLS LAST'], ['id', 'ASC']] }, 'ORDER BY "product"."stock" DESC NULLS LAST, "product"."id" ASC', [1, 5, 4, 6, 3, 2]],
    [{ order: [[fn('lower', col('name')), 'DESC']] }, 'ORDER BY lower("name") DESC', [6, 5, 4, 3, 2, 1]],
    [{ order: [fn('lower', col('name'))] }, 'ORDER BY lower("name")', [1, 2, 3, 4, 5, 6]],
    [{ order: literal('price * -1') }, 'ORDER BY price * -1', [4, 6, 5, 1, 3, 2]],
    [{ order: [[col('price'), 'ASC']] }, 'ORDER BY "price" ASC', [2, 3, 1, 5, 6, 4]],
    [{ order: [['id', 'ASC']], limit: 2 }, 'ORDER BY "product"."id" ASC LIMIT 2', [1, 2]],
    [{ order: [['id', 'ASC']], offset: 4 }, 'ORDER BY "product"."id" ASC OFFSET 4', [5, 6]],
    [{ order: [['id', 'ASC']], limit: 2, offset: 2 }, 'ORDER BY "product"."id" ASC LIMIT 2 OFFSET 2', [3, 4]],
    [{ order: [['id', 'ASC']], limit: 0 }, 'ORDER BY "product"."id" ASC LIMIT 0', []],
    [{ order: [['id', 'ASC']], limit: '3' }, 'ORDER BY "product"."id" ASC LIMIT \'3\'', [1, 2, 3]],
    [{ order: s.random(), limit: 6 }, 'ORDER BY RANDOM() LIMIT 6', null],
  ];
  for (const [opts, tail, ids] of cases) {
    const log = mh.sqlLog();
    const rows = await P.findAll({ attributes: ['id'], ...opts, logging: log.logging });
    assert.equal(log.sql[0], `SELECT "id" FROM "products" AS "product" ${tail};`);
    if (ids) assert.deepEqual(rows.map((r) => r.id), ids, tail);
    else assert.deepEqual(rows.map((r) => r.id).sort(), [1, 2, 3, 4, 5, 6]);
  }
  // ordering by an alias of a computed attribute
  const log = mh.sqlLog();
  const rows = await P.findAll({ attributes: ['id', [fn('lower', col('name')), 'lname']], order: [[literal('"lname"'), 'DESC']], logging: log.logging });
  assert.deepEqual(log.sql, ['SELECT "id", lower("name") AS "lname" FROM "products" AS "product" ORDER BY "lname" DESC;']);
  assert.deepEqual(rows.map((r) => r.get('lname')), ['fig_50%', 'eggplant', 'durian', 'carrot', 'banana', 'apple']);
});

test('group and having', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const { P } = await seed(t);
  const { Sequelize, Op } = mh;
  const { fn, col } = Sequelize;
  const log = mh.sqlLog();
  const grouped = await P.findAll({
    attributes: ['category', [fn('COUNT', col('id')), 'n']], group: ['category'], order: [['category', 'ASC']], raw: true, logging: log.logging,
  });
  assert.deepEqual(grouped, [{ category: 'fruit', n: '3' }, { category: 'veg', n: '2' }, { category: null, n: '1' }]);
  const byString = await P.findAll({
    attributes: ['category', [fn('SUM', col('price')), 'total']], group: 'category', order: [['category', 'ASC']], raw: true, logging: log.logging,
  });
  assert.deepEqual(byString, [{ category: 'fruit', total: '19' }, { category: 'veg', total: '6' }, { category: null, total: '8' }]);
  const having = await P.findAll({
    attributes: ['category', [fn('COUNT', col('id')), 'n']],
    group: ['category'],
    having: Sequelize.where(fn('COUNT', col('id')), Op.gt, 1),
    order: [['category', 'ASC']],
    raw: true,
    logging: log.logging,
  });
  assert.deepEqual(having, [{ category: 'fruit', n: '3' }, { category: 'veg', n: '2' }]);
  assert.deepEqual(log.sql, [
    'SELECT "category", COUNT("id") AS "n" FROM "products" AS "product" GROUP BY "category" ORDER BY "product"."category" ASC;',
    'SELECT "category", SUM("price") AS "total" FROM "products" AS "product" GROUP BY "category" ORDER BY "product"."category" ASC;',
    'SELECT "category", COUNT("id") AS "n" FROM "products" AS "product" GROUP BY "category" HAVING COUNT("id") > 1 ORDER BY "product"."category" ASC;',
  ]);
});

// ------------------------------------------------------------------------------ raw / plain / lock

test('raw: true returns plain objects keyed by column alias; plain: true returns one instance', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const { P } = await seed(t);
  const rows = await P.findAll({ where: { id: [1, 2] }, order: [['id', 'ASC']], raw: true });
  assert.deepEqual(rows, [
    { id: 1, ...PRODUCTS[0], big: '1' },
    { id: 2, ...PRODUCTS[1], big: '2' },
  ]);
  for (const r of rows) {
    assert.equal(Object.getPrototypeOf(r), Object.prototype);
    assert.ok(!(r instanceof mh.Sequelize.Model));
  }
  assert.deepEqual(Object.keys(rows[0]), ['id', 'name', 'price', 'category', 'stock', 'tags', 'meta', 'score', 'on', 'big']);
  const one = await P.findOne({ where: { id: 3 }, raw: true });
  assert.equal(Object.getPrototypeOf(one), Object.prototype);
  assert.equal(one.name, 'Carrot');
  const raws = await P.findAll({ attributes: [['name', 'n']], raw: true, order: [['id', 'ASC']], limit: 2 });
  assert.deepEqual(raws, [{ n: 'Apple' }, { n: 'banana' }]);

  const plain = await P.findAll({ where: { category: 'veg' }, order: [['id', 'ASC']], plain: true });
  assert.ok(!Array.isArray(plain));
  assert.ok(plain instanceof P);
  assert.equal(plain.id, 3);
});

test('results are instances: isNewRecord false, attribute getters, instanceof, no changes', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const { P } = await seed(t);
  const rows = await P.findAll({ order: [['id', 'ASC']] });
  assert.equal(rows.length, 6);
  for (const r of rows) {
    assert.ok(r instanceof P);
    assert.ok(r instanceof mh.Sequelize.Model);
    assert.equal(r.isNewRecord, false);
    assert.equal(r.changed(), false);
  }
  const d = rows[3];
  assert.deepEqual(Object.keys(d.dataValues), ['id', 'name', 'price', 'category', 'stock', 'tags', 'meta', 'score', 'on', 'big']);
  assert.deepEqual([d.id, d.name, d.price, d.stock, d.tags, d.meta, d.score, d.on, d.big],
    [4, 'durian', 15, 2, ['smelly', 'sweet'], null, '9.99', true, '9007199254740993']);
  assert.deepEqual(d.get('tags'), ['smelly', 'sweet']);
  assert.deepEqual(rows[0].meta, { color: 'red', size: { w: 3 } });
  assert.deepEqual(await P.findAll({ where: { id: 999 } }), []);
  // Each instance has its own Set of changed names (made on first use by sequelize-rs).
  const [a, b] = rows;
  assert.ok(a._changed instanceof Set);
  assert.equal(a._changed.size, 0);
  assert.notEqual(a._changed, b._changed);
  assert.ok(P.prototype._changed === undefined || P.prototype._changed.size === 0);
  a.name = 'renamed';
  assert.deepEqual(a.changed(), ['name']);
  assert.deepEqual([...a._changed], ['name']);
  assert.equal(b.changed(), false);
  assert.equal(b._changed.size, 0);
  assert.equal(rows[2].changed('name'), false);
  b._changed = new Set(['price']);
  assert.deepEqual(b.changed(), ['price']);
  assert.equal(rows[4].changed(), false, 'a fresh instance is unaffected by the others');
  assert.ok(P.prototype._changed === undefined || P.prototype._changed.size === 0);
  await a.save();
  assert.equal(a.changed(), false);
  assert.equal((await P.findByPk(1)).name, 'renamed');
});

test('previous values are the values as read, in every chunk, shared objects, made on first use', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const util = require('node:util');
  const G = s.define('gen', {
    name: DataTypes.STRING, doc: DataTypes.JSONB, at: DataTypes.DATE, tags: DataTypes.ARRAY(DataTypes.STRING),
    n: DataTypes.INTEGER, on: DataTypes.BOOLEAN,
  }, { timestamps: false, tableName: 'gens' });
  await G.sync({ force: true });
  // 1,234 rows: delivered in 500-row chunks, each instance's previous values come from its own chunk.
  await s.query(`INSERT INTO gens (id, name, doc, at, tags, n, "on")
    SELECT g, 'nämé ' || g, jsonb_build_object('g', g), to_timestamp(g), ARRAY['t' || g], g * 2, g % 2 = 0
    FROM generate_series(1, 1234) g`);
  const rows = await G.findAll({ order: [['id', 'ASC']] });
  assert.equal(rows.length, 1234);
  for (const i of [0, 1, 499, 500, 501, 999, 1000, 1233]) {
    const r = rows[i];
    const g = i + 1;
    assert.deepEqual(r._previousDataValues, r.dataValues);
    assert.deepEqual(r._previousDataValues, {
      id: g, name: `nämé ${g}`, doc: { g }, at: new Date(g * 1000), tags: [`t${g}`], n: g * 2, on: g % 2 === 0,
    });
    assert.notEqual(r._previousDataValues, r.dataValues);
    // Objects are shared with dataValues, as Sequelize's shallow copy shares them.
    assert.equal(r._previousDataValues.doc, r.dataValues.doc);
    assert.equal(r._previousDataValues.at, r.dataValues.at);
    assert.equal(r._previousDataValues.tags, r.dataValues.tags);
    assert.equal(r._previousDataValues, r._previousDataValues, 'made once');
  }
  // Changed directly in dataValues before anyone asked: previous() still gives the value as read.
  const a = rows[700];
  a.dataValues.name = 'direct';
  a.dataValues.n = -1;
  assert.equal(a.previous('name'), 'nämé 701');
  assert.equal(a._previousDataValues.n, 1402);
  // Through set(): changed, previous is the value before.
  const b = rows[3];
  b.set('name', 'renamed');
  assert.deepEqual(b.changed(), ['name']);
  assert.equal(b.previous('name'), 'nämé 4');
  assert.deepEqual(b.previous(), { name: 'nämé 4' });
  await b.save();
  assert.equal(b.changed(), false);
  assert.equal(b.previous('name'), 'renamed');
  assert.equal((await G.findByPk(4)).name, 'renamed');
  // Assigned as a whole.
  const c = rows[5];
  c._previousDataValues = { name: 'x' };
  assert.equal(c.previous('name'), 'x');
  // Never on the model's prototype; instances' own keys and inspect output as Sequelize's.
  assert.equal(G.prototype._previousDataValues, undefined);
  const d = rows[9];
  assert.deepEqual(Object.keys(d).filter((k) => !['_previousDataValues', '_changed'].includes(k)),
    ['dataValues', 'uniqno', '_options', 'isNewRecord']);
  const shown = util.inspect(d, { depth: 0 });
  assert.match(shown, /^gen \{\n {2}dataValues: \[Object\],\n {2}_previousDataValues: \[Object\],\n {2}uniqno: 1,\n {2}_changed: Set\(0\) \{\},\n {2}_options: \[Object\],\n {2}isNewRecord: false\n\}$/);
  assert.deepEqual(d.get({ plain: true }), d._previousDataValues);
  assert.equal(JSON.stringify(d), JSON.stringify(d.dataValues));
  // findOne, findByPk and a built instance.
  const one = await G.findOne({ where: { id: 1000 } });
  assert.deepEqual(one._previousDataValues, one.dataValues);
  const pk = await G.findByPk(1001);
  assert.deepEqual(pk._previousDataValues, pk.dataValues);
  assert.equal(pk._previousDataValues.doc, pk.dataValues.doc);
  const built = G.build({ name: 'new' });
  assert.match(util.inspect(built, { depth: 0 }), /^gen \{\n {2}dataValues: \[Object\],\n {2}_previousDataValues: \[Object\]/);
});

test('lock: FOR UPDATE / FOR SHARE / FOR KEY SHARE / SKIP LOCKED (SQL)', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const { P } = await seed(t);
  const { LOCK } = mh.Sequelize.Transaction;
  const log = mh.sqlLog();
  const L = { attributes: ['id'], logging: log.logging };
  assert.deepEqual((await P.findAll({ ...L, where: { id: 1 }, lock: true })).map((r) => r.id), [1]);
  await P.findAll({ ...L, where: { id: 1 }, lock: LOCK.UPDATE });
  await P.findAll({ ...L, where: { id: 1 }, lock: 'SHARE' });
  await P.findAll({ ...L, lock: LOCK.KEY_SHARE });
  await P.findAll({ ...L, lock: LOCK.NO_KEY_UPDATE, where: { id: 2 } });
  await P.findAll({ ...L, where: { id: 1 }, lock: true, skipLocked: true, limit: 1 });
  assert.deepEqual(log.sql, [
    'SELECT "id" FROM "products" AS "product" WHERE "product"."id" = 1 FOR UPDATE;',
    'SELECT "id" FROM "products" AS "product" WHERE "product"."id" = 1 FOR UPDATE;',
    'SELECT "id" FROM "products" AS "product" WHERE "product"."id" = 1 FOR SHARE;',
    'SELECT "id" FROM "products" AS "product" FOR KEY SHARE;',
    'SELECT "id" FROM "products" AS "product" WHERE "product"."id" = 2 FOR NO KEY UPDATE;',
    'SELECT "id" FROM "products" AS "product" WHERE "product"."id" = 1 LIMIT 1 FOR UPDATE SKIP LOCKED;',
  ]);
  assert.equal(mh.Sequelize.Transaction.LOCK.UPDATE, 'UPDATE');
});

// ------------------------------------------------------------------------------ findByPk / findOne

test('findByPk: number, string, bigint, missing, null/undefined, attributes, raw, invalid argument', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const { P } = await seed(t);
  const log = mh.sqlLog();
  const L = { logging: log.logging };
  const p3 = await P.findByPk(3, L);
  assert.ok(p3 instanceof P);
  assert.deepEqual(p3.toJSON(), { id: 3, ...PRODUCTS[2], big: '3' });
  assert.equal((await P.findByPk('4', L)).name, 'durian');
  assert.equal((await P.findByPk(4n, L)).name, 'durian');
  assert.equal(await P.findByPk(999, L), null);
  assert.deepEqual((await P.findByPk(2, { attributes: ['name'], ...L })).toJSON(), { name: 'banana' });
  const raw = await P.findByPk(1, { raw: true, ...L });
  assert.equal(Object.getPrototypeOf(raw), Object.prototype);
  assert.equal(raw.name, 'Apple');
  assert.deepEqual(log.sql, [
    `SELECT ${COLUMNS} FROM "products" AS "product" WHERE "product"."id" = 3;`,
    `SELECT ${COLUMNS} FROM "products" AS "product" WHERE "product"."id" = '4';`,
    `SELECT ${COLUMNS} FROM "products" AS "product" WHERE "product"."id" = 4 LIMIT 1;`,
    `SELECT ${COLUMNS} FROM "products" AS "product" WHERE "product"."id" = 999;`,
    'SELECT "name" FROM "products" AS "product" WHERE "product"."id" = 2;',
    `SELECT ${COLUMNS} FROM "products" AS "product" WHERE "product"."id" = 1;`,
  ]);
  log.clear();
  assert.equal(await P.findByPk(null, L), null);
  assert.equal(await P.findByPk(undefined, L), null);
  assert.deepEqual(log.sql, [], 'null/undefined resolve without a query');
  const err = await mh.rejects(() => P.findByPk({ id: 1 }));
  assert.equal(err.message, 'Argument passed to findByPk is invalid: [object Object]');
});

test('findByPk without options: the core fills its template with the general path\'s SQL; anything that could shape or see the statement takes the general path', mh.ours('internal fast path'), async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const { DataTypes, Op } = mh;
  const { s, P } = await seed(t, { logging: false });
  const Doc = s.define('doc', {
    code: { type: DataTypes.STRING, primaryKey: true, field: 'the_code' },
    title: DataTypes.STRING,
    shout: { type: DataTypes.VIRTUAL, get() { return String(this.title).toUpperCase(); } },
  }, { paranoid: true });
  const U = s.define('uu', { id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 }, n: DataTypes.INTEGER });
  const D = s.define('dated', { at: { type: DataTypes.DATE, primaryKey: true }, n: DataTypes.INTEGER }, { timestamps: false });
  await s.sync();
  await Doc.bulkCreate([{ code: "o'x\\", title: 'quoted' }, { code: 'plain', title: 'plain' }, { code: 'gone', title: 'gone' }]);
  await Doc.destroy({ where: { code: 'gone' } });
  const u = await U.create({ n: 7 });
  const at = new Date('2024-05-06T07:08:09.123Z');
  await D.create({ at, n: 1 });

  const sent = [];
  const native = s._native;
  const runByPk = native.runByPk.bind(native);
  native.runByPk = (...args) => {
    const started = runByPk(...args);
    sent.push(started && started.sql);
    return started;
  };
  const log = mh.sqlLog();
  // [model, key, key attribute, another attribute]: the fast path's statement and instance equal findOne's.
  const cases = [[P, 3, 'id', 'name'], [P, '4', 'id', 'name'], [P, 999, 'id'], [Doc, "o'x\\", 'code', 'title'],
    [Doc, 'plain', 'code', 'title'], [Doc, 'gone', 'code'], [Doc, "x' OR '1'='1", 'code'], [U, u.id, 'id', 'n']];
  for (const [M, key, attr, other] of cases) {
    sent.length = 0;
    log.clear();
    const fast = await M.findByPk(key);
    const general = await M.findOne({ where: { [attr]: key }, logging: log.logging });
    assert.deepEqual(sent, log.sql, `${M.name} ${key}`);
    if (general === null) {
      assert.equal(fast, null);
      continue;
    }
    assert.ok(fast instanceof M);
    assert.deepEqual(fast.toJSON(), general.toJSON());
    assert.deepEqual(fast.get({ plain: true }), general.get({ plain: true }));
    assert.deepEqual(fast._previousDataValues, general._previousDataValues);
    assert.equal(fast.isNewRecord, false);
    assert.deepEqual(fast._options.attributes, general._options.attributes);
    const before = fast.get(other);
    fast.set(other, other === 'n' ? 99 : 'changed');
    assert.deepEqual(fast.changed(), [other]);
    assert.equal(fast.previous(other), before);
    assert.equal(general.get(other), before, 'instances share no values');
  }
  assert.equal(sent.length, 1);
  assert.equal((await Doc.findByPk("o'x\\")).shout, 'QUOTED');
  assert.equal(await Doc.findByPk('gone'), null, 'paranoid rows stay hidden');

  // In a transaction: the template runs on the transaction's connection.
  await s.transaction(async (tr) => {
    await P.create({ name: 'uncommitted' }, { transaction: tr });
    sent.length = 0;
    assert.equal((await P.findByPk(7, { transaction: tr })).name, 'uncommitted');
    assert.equal(sent.length, 1);
  });

  // Each of these takes the general path and still gets the right answer.
  const general = async (what, fn) => {
    sent.length = 0;
    const out = await fn();
    assert.deepEqual(sent, [], what);
    return out;
  };
  assert.equal((await general('an option', () => P.findByPk(3, { attributes: ['name'] }))).toJSON().name, 'Carrot');
  assert.equal((await general('per-call logging', () => P.findByPk(3, { logging: log.logging }))).name, 'Carrot');
  assert.equal(await general('a scope', () => P.scope({ where: { category: 'fruit' } }).findByPk(3)), null);
  assert.equal((await general('another schema', async () => {
    try {
      return await P.schema('nope').findByPk(3);
    } catch (err) {
      return err;
    }
  })).name, 'SequelizeDatabaseError');
  const seen = [];
  P.addHook('beforeFind', 'seen', (o) => { seen.push(o.where); });
  assert.equal((await general('a beforeFind hook', () => P.findByPk(2))).name, 'banana');
  assert.equal(seen.length, 1);
  P.removeHook('beforeFind', 'seen');
  s.addHook('beforeQuery', 'q', () => { seen.push('query'); });
  await general('a beforeQuery hook', () => P.findByPk(2));
  assert.equal(seen[1], 'query');
  s.removeHook('beforeQuery', 'q');
  sent.length = 0;
  assert.equal((await P.findByPk(2)).name, 'banana', 'hooks removed: the template again');
  assert.equal(sent.length, 1);
  // A DATE key has no template: asked once, then the general path.
  sent.length = 0;
  assert.equal((await D.findByPk(at.toISOString())).n, 1);
  assert.equal((await D.findByPk(at.toISOString())).n, 1);
  assert.deepEqual(sent, [null]);
  // removeAttribute: the core's definition no longer matches the model's.
  P.removeAttribute('meta');
  const narrowed = await general('attributes removed', () => P.findByPk(1));
  assert.equal(narrowed.meta, undefined);
  assert.equal(narrowed.name, 'Apple');
  // Logging on the instance.
  const s2 = db.make({ logging: log.logging });
  t.after(() => s2.close());
  const P2 = s2.define('product', { name: DataTypes.STRING }, { timestamps: false });
  s2._native.runByPk = () => assert.fail('logged statements take the general path');
  log.clear();
  assert.equal((await P2.findByPk(1)).name, 'Apple');
  assert.deepEqual(log.sql, ['SELECT "id", "name" FROM "products" AS "product" WHERE "product"."id" = 1;']);
  assert.ok(Op);
});

test('findOne: LIMIT 1 unless the where pins the primary key or a unique column; rejectOnEmpty', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const { P } = await seed(t);
  const { Op } = mh;
  const log = mh.sqlLog();
  const L = { logging: log.logging };
  assert.equal((await P.findOne({ where: { category: 'veg' }, order: [['price', 'DESC']], ...L })).id, 5);
  assert.equal(await P.findOne({ where: { price: { [Op.gt]: 100 } }, ...L }), null);
  assert.equal((await P.findOne({ where: { id: 2 }, ...L })).name, 'banana');
  assert.equal((await P.findOne(L)).id, 1);
  assert.deepEqual(log.sql, [
    `SELECT ${COLUMNS} FROM "products" AS "product" WHERE "product"."category" = 'veg' ORDER BY "product"."price" DESC LIMIT 1;`,
    `SELECT ${COLUMNS} FROM "products" AS "product" WHERE "product"."price" > 100 LIMIT 1;`,
    `SELECT ${COLUMNS} FROM "products" AS "product" WHERE "product"."id" = 2;`,
    `SELECT ${COLUMNS} FROM "products" AS "product" LIMIT 1;`,
  ]);
  const err = await mh.rejects(P.findOne({ where: { id: 999 }, rejectOnEmpty: true }));
  assert.equal(err.name, 'SequelizeEmptyResultError');
  assert.ok(err instanceof mh.Sequelize.EmptyResultError);
});

test('findOne on a unique column has no LIMIT; the Getting Started SQL', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const User = s.define('user', { firstName: DataTypes.STRING, lastName: DataTypes.STRING, email: { type: DataTypes.STRING, unique: true } });
  await User.sync({ force: true });
  const log = mh.sqlLog();
  assert.deepEqual(await User.findAll({ logging: log.logging }), []);
  assert.equal(await User.findOne({ logging: log.logging }), null);
  await User.create({ firstName: 'John', lastName: 'Hancock', email: 'j@x' });
  await User.findAll({ logging: log.logging });
  await User.findOne({ logging: log.logging });
  assert.equal(await User.findOne({ where: { firstName: 'nobody' }, logging: log.logging }), null);
  assert.equal((await User.findOne({ where: { email: 'j@x' }, logging: log.logging })).firstName, 'John');
  const cols = '"id", "firstName", "lastName", "email", "createdAt", "updatedAt"';
  assert.deepEqual(log.sql, [
    `SELECT ${cols} FROM "users" AS "user";`,
    `SELECT ${cols} FROM "users" AS "user" LIMIT 1;`,
    `SELECT ${cols} FROM "users" AS "user";`,
    `SELECT ${cols} FROM "users" AS "user" LIMIT 1;`,
    `SELECT ${cols} FROM "users" AS "user" WHERE "user"."firstName" = 'nobody' LIMIT 1;`,
    `SELECT ${cols} FROM "users" AS "user" WHERE "user"."email" = 'j@x';`,
  ]);
});

// ------------------------------------------------------------------------------ aggregates

test('count / max / min / sum: SQL and JS number results (BIGINT and DECIMAL parsed)', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const { P } = await seed(t);
  const { Op } = mh;
  const log = mh.sqlLog();
  const L = { logging: log.logging };
  assert.equal(await P.count(L), 6);
  assert.equal(await P.count({ where: { price: { [Op.gt]: 2 } }, ...L }), 4);
  assert.equal(await P.count({ col: 'category', distinct: true, ...L }), 2);
  assert.equal(await P.count({ col: 'stock', ...L }), 5);
  const grouped = await P.count({ group: ['category'], ...L });
  assert.deepEqual([...grouped].sort((a, b) => String(a.category).localeCompare(String(b.category))),
    [{ category: 'fruit', count: 3 }, { category: null, count: 1 }, { category: 'veg', count: 2 }]);
  assert.equal(await P.max('price', L), 15);
  assert.equal(await P.min('price', L), 1);
  assert.equal(await P.sum('price', L), 33);
  assert.equal(await P.max('price', { where: { category: 'veg' }, ...L }), 4);
  assert.equal(await P.sum('score', L), 18.84);
  assert.equal(await P.max('score', L), 9.99);
  assert.equal(await P.sum('big', { where: { id: [1, 2, 3] }, ...L }), 6);
  assert.equal(await P.max('price', { where: { id: 999 }, ...L }), null);
  assert.equal(await P.sum('price', { where: { id: 999 }, ...L }), null);
  assert.deepEqual(log.sql, [
    'SELECT count(*) AS "count" FROM "products" AS "product";',
    'SELECT count(*) AS "count" FROM "products" AS "product" WHERE "product"."price" > 2;',
    'SELECT count(DISTINCT("category")) AS "count" FROM "products" AS "product";',
    'SELECT count("stock") AS "count" FROM "products" AS "product";',
    'SELECT "category", count(*) AS "count" FROM "products" AS "product" GROUP BY "category";',
    'SELECT max("price") AS "max" FROM "products" AS "product";',
    'SELECT min("price") AS "min" FROM "products" AS "product";',
    'SELECT sum("price") AS "sum" FROM "products" AS "product";',
    'SELECT max("price") AS "max" FROM "products" AS "product" WHERE "product"."category" = \'veg\';',
    'SELECT sum("score") AS "sum" FROM "products" AS "product";',
    'SELECT max("score") AS "max" FROM "products" AS "product";',
    'SELECT sum("big") AS "sum" FROM "products" AS "product" WHERE "product"."id" IN (1, 2, 3);',
    'SELECT max("price") AS "max" FROM "products" AS "product" WHERE "product"."id" = 999;',
    'SELECT sum("price") AS "sum" FROM "products" AS "product" WHERE "product"."id" = 999;',
  ]);
});

test('findAndCountAll: { count, rows }; rows [] when count is 0', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const { P } = await seed(t);
  const log = mh.sqlLog();
  const r = await P.findAndCountAll({ where: { category: 'fruit' }, order: [['id', 'ASC']], limit: 2, attributes: ['id'], logging: log.logging });
  assert.deepEqual(Object.keys(r), ['count', 'rows']);
  assert.equal(r.count, 3);
  assert.deepEqual(r.rows.map((x) => x.id), [1, 2]);
  assert.ok(r.rows.every((x) => x instanceof P));
  assert.deepEqual([...log.sql].sort(), [
    'SELECT "id" FROM "products" AS "product" WHERE "product"."category" = \'fruit\' ORDER BY "product"."id" ASC LIMIT 2;',
    'SELECT count(*) AS "count" FROM "products" AS "product" WHERE "product"."category" = \'fruit\';',
  ]);
  assert.deepEqual(await P.findAndCountAll({ where: { id: 999 } }), { count: 0, rows: [] });
});

// ------------------------------------------------------------------------------ findOrCreate

test('findOrCreate: [instance, created]; defaults merged with where; second call finds', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const U = s.define('user', {
    username: { type: DataTypes.STRING, unique: true },
    job: DataTypes.STRING,
    age: DataTypes.INTEGER,
  });
  await U.sync({ force: true });
  const [u1, created1] = await U.findOrCreate({ where: { username: 'sdepold' }, defaults: { job: 'Technical Lead JavaScript' } });
  assert.equal(created1, true);
  assert.ok(u1 instanceof U);
  assert.equal(u1.isNewRecord, false);
  assert.deepEqual(mh.scrubDates(u1.toJSON()), {
    id: 1, username: 'sdepold', job: 'Technical Lead JavaScript', updatedAt: '<Date>', createdAt: '<Date>', age: null,
  });
  const [u2, created2] = await U.findOrCreate({ where: { username: 'sdepold' }, defaults: { job: 'Something else' } });
  assert.equal(created2, false);
  assert.equal(u2.id, u1.id);
  assert.equal(u2.job, 'Technical Lead JavaScript');
  assert.deepEqual(Object.keys(u2.dataValues), ['id', 'username', 'job', 'age', 'createdAt', 'updatedAt']);
  assert.equal(await U.count(), 1);
  const err = await mh.rejects(() => U.findOrCreate({ defaults: { job: 'x' } }));
  assert.equal(err.message, 'Missing where attribute in the options parameter passed to findOrCreate. Please note that the API has changed, and is now options only (an object with where, defaults keys, transaction etc.)');
  const [b, built] = await U.findOrBuild({ where: { username: 'new' }, defaults: { age: 3 } });
  assert.equal(built, true);
  assert.equal(b.isNewRecord, true);
  assert.deepEqual([b.username, b.age], ['new', 3]);
  assert.equal(await U.count(), 1);
});

// ------------------------------------------------------------------------------ scopes

test('defaultScope / scopes: scope(name | {method} | [names]), unscoped(), addScope, invalid scope', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes, Op } = mh;
  const P = s.define('project', { name: DataTypes.STRING, active: DataTypes.BOOLEAN, ownerId: DataTypes.INTEGER, secret: DataTypes.STRING }, {
    timestamps: false,
    defaultScope: { where: { active: true }, attributes: { exclude: ['secret'] } },
    scopes: {
      inactive: { where: { active: false } },
      ownedBy(id) {
        return { where: { ownerId: id } };
      },
      named: { where: { name: { [Op.like]: 'a%' } } },
      withSecret: { attributes: ['id', 'name', 'secret'] },
    },
  });
  await P.sync({ force: true });
  await P.bulkCreate([
    { name: 'a1', active: true, ownerId: 1, secret: 's1' },
    { name: 'b2', active: false, ownerId: 1, secret: 's2' },
    { name: 'a3', active: true, ownerId: 2, secret: 's3' },
  ]);
  const log = mh.sqlLog();
  const L = { logging: log.logging };
  const ids = (rows) => rows.map((r) => [r.id, r.secret]);
  assert.deepEqual(ids(await P.findAll({ order: [['id', 'ASC']], ...L })), [[1, undefined], [3, undefined]]);
  assert.deepEqual(ids(await P.unscoped().findAll({ order: [['id', 'ASC']], ...L })), [[1, 's1'], [2, 's2'], [3, 's3']]);
  assert.deepEqual(ids(await P.scope('inactive').findAll(L)), [[2, 's2']]);
  assert.deepEqual(ids(await P.scope('defaultScope', { method: ['ownedBy', 1] }).findAll(L)), [[1, undefined]]);
  assert.deepEqual(ids(await P.scope({ method: ['ownedBy', 2] }).findAll(L)), [[3, 's3']]);
  assert.deepEqual(ids(await P.scope(['named', 'inactive']).findAll(L)), []);
  assert.equal(await P.count(L), 2);
  assert.equal(await P.unscoped().count(L), 3);
  assert.deepEqual(ids(await P.scope('withSecret').findAll({ order: [['id', 'ASC']], ...L })), [[1, 's1'], [2, 's2'], [3, 's3']]);
  assert.equal(await P.findByPk(2, L), null);
  assert.deepEqual(ids(await P.findAll({ where: { ownerId: 2 }, ...L })), [[3, undefined]]);
  P.addScope('big', { where: { ownerId: { [Op.gt]: 1 } } });
  assert.deepEqual(ids(await P.scope('big').findAll(L)), [[3, 's3']]);
  const cols = '"id", "name", "active", "ownerId"';
  assert.deepEqual(log.sql, [
    `SELECT ${cols} FROM "projects" AS "project" WHERE "project"."active" = true ORDER BY "project"."id" ASC;`,
    `SELECT ${cols}, "secret" FROM "projects" AS "project" ORDER BY "project"."id" ASC;`,
    `SELECT ${cols}, "secret" FROM "projects" AS "project" WHERE "project"."active" = false;`,
    `SELECT ${cols} FROM "projects" AS "project" WHERE "project"."active" = true AND "project"."ownerId" = 1;`,
    `SELECT ${cols}, "secret" FROM "projects" AS "project" WHERE "project"."ownerId" = 2;`,
    `SELECT ${cols}, "secret" FROM "projects" AS "project" WHERE "project"."name" LIKE 'a%' AND "project"."active" = false;`,
    'SELECT count(*) AS "count" FROM "projects" AS "project" WHERE "project"."active" = true;',
    'SELECT count(*) AS "count" FROM "projects" AS "project";',
    'SELECT "id", "name", "secret" FROM "projects" AS "project" ORDER BY "project"."id" ASC;',
    `SELECT ${cols} FROM "projects" AS "project" WHERE "project"."active" = true AND "project"."id" = 2;`,
    `SELECT ${cols} FROM "projects" AS "project" WHERE "project"."active" = true AND "project"."ownerId" = 2;`,
    `SELECT ${cols}, "secret" FROM "projects" AS "project" WHERE "project"."ownerId" > 1;`,
  ]);
  const err = (() => {
    try {
      P.scope('nope');
    } catch (e) {
      return e;
    }
    return null;
  })();
  assert.ok(err, 'an unknown scope throws');
  assert.equal(err.name, 'SequelizeScopeError');
  assert.equal(err.message, 'Invalid scope nope called.');
});

// ------------------------------------------------------------------------------ paranoid / underscored / schema

test('paranoid: reads add ("deletedAt" IS NULL); paranoid:false lifts it', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const D = s.define('doc', { title: mh.DataTypes.STRING }, { paranoid: true });
  await D.sync({ force: true });
  const d = await D.create({ title: 'a' });
  await D.create({ title: 'b' });
  await d.destroy();
  const log = mh.sqlLog();
  const L = { logging: log.logging };
  assert.deepEqual((await D.findAll(L)).map((x) => x.title), ['b']);
  const all = await D.findAll({ paranoid: false, order: [['id', 'ASC']], ...L });
  assert.deepEqual(all.map((x) => [x.title, x.deletedAt instanceof Date, x.isSoftDeleted()]), [['a', true, true], ['b', false, false]]);
  assert.equal(await D.count(L), 1);
  assert.equal(await D.count({ paranoid: false, ...L }), 2);
  assert.equal(await D.findByPk(d.id, L), null);
  assert.equal((await D.findByPk(d.id, { paranoid: false, ...L })).title, 'a');
  assert.equal((await D.findAll({ where: { title: 'b' }, ...L })).length, 1);
  const cols = '"id", "title", "createdAt", "updatedAt", "deletedAt"';
  assert.deepEqual(log.sql, [
    `SELECT ${cols} FROM "docs" AS "doc" WHERE ("doc"."deletedAt" IS NULL);`,
    `SELECT ${cols} FROM "docs" AS "doc" ORDER BY "doc"."id" ASC;`,
    'SELECT count(*) AS "count" FROM "docs" AS "doc" WHERE ("doc"."deletedAt" IS NULL);',
    'SELECT count(*) AS "count" FROM "docs" AS "doc";',
    `SELECT ${cols} FROM "docs" AS "doc" WHERE ("doc"."deletedAt" IS NULL AND "doc"."id" = 1);`,
    `SELECT ${cols} FROM "docs" AS "doc" WHERE "doc"."id" = 1;`,
    `SELECT ${cols} FROM "docs" AS "doc" WHERE ("doc"."deletedAt" IS NULL AND "doc"."title" = 'b');`,
  ]);
});

test('underscored / field: SELECT aliases fields back, WHERE uses the field, ORDER uses the alias (A.12)', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const U = s.define('UnderScored', { firstName: DataTypes.STRING, lastName: { type: DataTypes.STRING, field: 'surname' } }, { underscored: true });
  await U.sync({ force: true });
  await U.create({ firstName: 'a', lastName: 'b' });
  const log = mh.sqlLog();
  const rows = await U.findAll({ where: { firstName: 'a' }, order: [['createdAt', 'DESC']], logging: log.logging });
  assert.deepEqual(Object.keys(rows[0].dataValues), ['id', 'firstName', 'lastName', 'createdAt', 'updatedAt']);
  const raw = await U.findAll({ where: { lastName: 'b' }, order: [['lastName', 'ASC']], attributes: ['lastName'], raw: true, logging: log.logging });
  assert.deepEqual(raw, [{ lastName: 'b' }]);
  assert.deepEqual(log.sql, [
    'SELECT "id", "first_name" AS "firstName", "surname" AS "lastName", "created_at" AS "createdAt", "updated_at" AS "updatedAt" '
      + 'FROM "under_scoreds" AS "UnderScored" WHERE "UnderScored"."first_name" = \'a\' ORDER BY "createdAt" DESC;',
    'SELECT "surname" AS "lastName" FROM "under_scoreds" AS "UnderScored" WHERE "UnderScored"."surname" = \'b\' ORDER BY "lastName" ASC;',
  ]);
});

test('schema option: every statement is schema-qualified', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  await s.query('CREATE SCHEMA sch1');
  const S = s.define('SchM', { a: mh.DataTypes.STRING }, { schema: 'sch1', timestamps: false });
  const log = mh.sqlLog();
  const L = { logging: log.logging };
  await S.sync({ force: true, ...L });
  await S.create({ a: 'x' }, L);
  assert.deepEqual((await S.findAll({ where: { a: 'x' }, ...L })).map((r) => r.toJSON()), [{ id: 1, a: 'x' }]);
  assert.deepEqual(await S.update({ a: 'y' }, { where: { a: 'x' }, ...L }), [1]);
  assert.equal(await S.destroy({ where: { a: 'y' }, ...L }), 1);
  assert.deepEqual(log.sql.filter((q) => !q.startsWith('SELECT i.relname')), [
    'DROP TABLE IF EXISTS "sch1"."SchMs" CASCADE;',
    'CREATE TABLE IF NOT EXISTS "sch1"."SchMs" ("id"   SERIAL , "a" VARCHAR(255), PRIMARY KEY ("id"));',
    'INSERT INTO "sch1"."SchMs" ("id","a") VALUES (DEFAULT,$1) RETURNING "id","a";',
    'SELECT "id", "a" FROM "sch1"."SchMs" AS "SchM" WHERE "SchM"."a" = \'x\';',
    'UPDATE "sch1"."SchMs" SET "a"=$1 WHERE "a" = $2',
    'DELETE FROM "sch1"."SchMs" WHERE "a" = \'y\'',
  ]);
  assert.deepEqual(await mh.tables(s, 'sch1'), ['SchMs']);
  assert.deepEqual(await mh.tables(s, 'public'), []);
});

test('escaping in WHERE values: quotes, backslashes, unicode and injection attempts stay data', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const S = s.define('str', { v: mh.DataTypes.TEXT }, { timestamps: false });
  await S.sync({ force: true });
  const samples = ["it's \"quoted\"", 'back\\slash', '日本語 😀', "x'; DROP TABLE strs; --", '$1 $$ :x ?', ' padded  '];
  for (const v of samples) await S.create({ v });
  for (const [i, v] of samples.entries()) {
    const log = mh.sqlLog();
    const rows = await S.findAll({ where: { v }, logging: log.logging });
    assert.deepEqual(rows.map((r) => r.id), [i + 1], v);
    assert.equal(log.sql[0], `SELECT "id", "v" FROM "strs" AS "str" WHERE "str"."v" = '${v.replace(/'/g, "''")}';`);
  }
  assert.equal(await S.count(), samples.length);
});
