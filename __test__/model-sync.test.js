'use strict';
// Schema (issue 3, "Schema" and the DataTypes list): Model.sync({force, alter}), sequelize.sync
// (FK order, force, alter, match), drop, truncate, describe, ENUM types, indexes, comments, the
// DDL of every DataType and its value round trip, and the queryInterface methods migrations use.
// Every schema change is checked against the catalog (pg_catalog / information_schema), and the
// main statements against the exact SQL Sequelize logs (surface §4.3, §4.4, §4.9, A.2, A.5, A.8,
// A.9, A.11; goldens 005, 013–022, 065, 067, 068, 076, 083).

// DATEONLY values given as Date objects are formatted in the process time zone (as Sequelize
// does); the expectations below are UTC ones, like the goldens (recorded with TZ=UTC).
process.env.TZ = 'UTC';

const test = require('node:test');
const assert = require('node:assert/strict');
const mh = require('./model-helpers');

const db = mh.database('sync');

const INDEX_QUERY = (table) => 'SELECT i.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique, '
  + 'ix.indkey AS indkey, array_agg(a.attnum) as column_indexes, array_agg(a.attname) AS column_names, '
  + 'pg_get_indexdef(ix.indexrelid) AS definition FROM pg_class t, pg_class i, pg_index ix, pg_attribute a '
  + 'WHERE t.oid = ix.indrelid AND i.oid = ix.indexrelid AND a.attrelid = t.oid AND t.relkind = \'r\' and '
  + `t.relname = '${table}' GROUP BY i.relname, ix.indexrelid, ix.indisprimary, ix.indisunique, ix.indkey ORDER BY i.relname;`;
const TABLE_EXISTS = (table) =>
  `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '${table}'`;
const ENUM_LOOKUP = (type) => 'SELECT t.typname enum_name, array_agg(e.enumlabel ORDER BY enumsortorder) enum_value '
  + 'FROM pg_type t JOIN pg_enum e ON t.oid = e.enumtypid JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace '
  + `WHERE n.nspname = 'public' AND t.typname='${type}' GROUP BY 1`;
const OID_REFRESH = 'WITH ranges AS (  SELECT pg_range.rngtypid, pg_type.typname AS rngtypname,         '
  + 'pg_type.typarray AS rngtyparray, pg_range.rngsubtype    FROM pg_range LEFT OUTER JOIN pg_type ON '
  + 'pg_type.oid = pg_range.rngtypid)SELECT pg_type.typname, pg_type.typtype, pg_type.oid, pg_type.typarray,       '
  + 'ranges.rngtypname, ranges.rngtypid, ranges.rngtyparray  FROM pg_type LEFT OUTER JOIN ranges ON '
  + "pg_type.oid = ranges.rngsubtype WHERE (pg_type.typtype IN('b', 'e'));";

const USERS_DDL = 'CREATE TABLE IF NOT EXISTS "users" ("id"   SERIAL , "firstName" VARCHAR(255), "lastName" VARCHAR(255), '
  + '"createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));';

function defineUser(s) {
  const { Sequelize } = mh;
  return s.define('user', {
    firstName: { type: Sequelize.STRING },
    lastName: { type: Sequelize.STRING },
  });
}

// ------------------------------------------------------------------------------ Model.sync

test('Model.sync({force:true}): resolves to the model, exact SQL, catalog', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const User = defineUser(s);
  const log = mh.sqlLog();
  const synced = await User.sync({ force: true, logging: log.logging });
  assert.equal(synced, User);
  assert.deepEqual(log.sql, ['DROP TABLE IF EXISTS "users" CASCADE;', USERS_DDL, INDEX_QUERY('users')]);
  assert.deepEqual(log.raw.map((m) => m.slice(0, 21)), Array(3).fill('Executing (default): '));

  assert.deepEqual(await mh.tables(s), ['users']);
  assert.deepEqual(await mh.columns(s, 'users'), [
    { name: 'id', type: 'integer', nullable: false, default: "nextval('users_id_seq'::regclass)", comment: null },
    { name: 'firstName', type: 'character varying(255)', nullable: true, default: null, comment: null },
    { name: 'lastName', type: 'character varying(255)', nullable: true, default: null, comment: null },
    { name: 'createdAt', type: 'timestamp with time zone', nullable: false, default: null, comment: null },
    { name: 'updatedAt', type: 'timestamp with time zone', nullable: false, default: null, comment: null },
  ]);
  assert.deepEqual(await mh.constraints(s, 'users'), [{ name: 'users_pkey', type: 'p', def: 'PRIMARY KEY (id)' }]);
  assert.deepEqual(await mh.indexes(s, 'users'), [
    { name: 'users_pkey', unique: true, primary: true, def: 'CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)' },
  ]);

  // a second force sync drops the rows
  await User.create({ firstName: 'a', lastName: 'b' });
  await User.sync({ force: true });
  assert.equal(await User.count(), 0);
});

test('Model.sync() creates a missing table, and only checks an existing one (rows kept)', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const User = defineUser(s);
  const log = mh.sqlLog();
  assert.equal(await User.sync({ logging: log.logging }), User);
  assert.deepEqual(log.sql, [TABLE_EXISTS('users'), USERS_DDL, INDEX_QUERY('users')]);
  await User.create({ firstName: 'a', lastName: 'b' });

  log.clear();
  await User.sync({ logging: log.logging });
  assert.deepEqual(log.sql, [TABLE_EXISTS('users'), INDEX_QUERY('users')]);
  assert.equal(await User.count(), 1);

  // the table is created even if the model's definition grew: plain sync never alters
  const User2 = s.define('user', { firstName: mh.DataTypes.STRING, lastName: mh.DataTypes.STRING, extra: mh.DataTypes.STRING });
  await User2.sync();
  assert.deepEqual((await mh.columns(s, 'users')).map((c) => c.name), ['id', 'firstName', 'lastName', 'createdAt', 'updatedAt']);
});

test('Model.sync with the Getting Started post model (A.3) and define defaults', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t, { define: { timestamps: false } });
  const User = s.define('user', {});
  const Post = s.define('post', {}, { timestamps: true });
  const log = mh.sqlLog();
  await Post.sync({ force: true, logging: log.logging });
  await User.sync({ force: true, logging: log.logging });
  assert.deepEqual(log.sql, [
    'DROP TABLE IF EXISTS "posts" CASCADE;',
    'CREATE TABLE IF NOT EXISTS "posts" ("id"   SERIAL , "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, '
      + '"updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));',
    INDEX_QUERY('posts'),
    'DROP TABLE IF EXISTS "users" CASCADE;',
    'CREATE TABLE IF NOT EXISTS "users" ("id"   SERIAL , PRIMARY KEY ("id"));',
    INDEX_QUERY('users'),
  ]);
  assert.deepEqual((await mh.columns(s, 'posts')).map((c) => c.name), ['id', 'createdAt', 'updatedAt']);
  assert.deepEqual((await mh.columns(s, 'users')).map((c) => c.name), ['id']);
});

// ------------------------------------------------------------------------------ sequelize.sync

function defineBlog(s) {
  const { DataTypes } = mh;
  // defined in reverse dependency order on purpose
  const Comment = s.define('comment', {
    body: DataTypes.TEXT,
    postId: { type: DataTypes.INTEGER, references: { model: 'posts', key: 'id' }, onDelete: 'CASCADE' },
  });
  const Post = s.define('post', {
    title: DataTypes.STRING,
    authorId: {
      type: DataTypes.INTEGER,
      references: { model: 'authors', key: 'id' },
      onDelete: 'SET NULL',
      onUpdate: 'CASCADE',
    },
  });
  const Author = s.define('author', { name: DataTypes.STRING });
  return { Comment, Post, Author };
}

test('sequelize.sync() creates the tables in foreign-key order and resolves to the instance', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { Post, Author } = defineBlog(s);
  const log = mh.sqlLog();
  assert.equal(await s.sync({ logging: log.logging }), s);
  const creates = log.sql.filter((q) => q.startsWith('CREATE TABLE'));
  assert.deepEqual(creates, [
    'CREATE TABLE IF NOT EXISTS "authors" ("id"   SERIAL , "name" VARCHAR(255), "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, '
      + '"updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));',
    'CREATE TABLE IF NOT EXISTS "posts" ("id"   SERIAL , "title" VARCHAR(255), "authorId" INTEGER REFERENCES "authors" ("id") '
      + 'ON DELETE SET NULL ON UPDATE CASCADE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, '
      + 'PRIMARY KEY ("id"));',
    'CREATE TABLE IF NOT EXISTS "comments" ("id"   SERIAL , "body" TEXT, "postId" INTEGER REFERENCES "posts" ("id") ON DELETE CASCADE, '
      + '"createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));',
  ]);
  assert.deepEqual(log.sql, [
    TABLE_EXISTS('authors'), creates[0], INDEX_QUERY('authors'),
    TABLE_EXISTS('posts'), creates[1], INDEX_QUERY('posts'),
    TABLE_EXISTS('comments'), creates[2], INDEX_QUERY('comments'),
  ]);
  assert.deepEqual(await mh.tables(s), ['authors', 'comments', 'posts']);
  assert.deepEqual((await mh.constraints(s, 'posts')).filter((c) => c.type === 'f'), [{
    name: 'posts_authorId_fkey',
    type: 'f',
    def: 'FOREIGN KEY ("authorId") REFERENCES authors(id) ON UPDATE CASCADE ON DELETE SET NULL',
  }]);
  assert.deepEqual((await mh.constraints(s, 'comments')).filter((c) => c.type === 'f'), [{
    name: 'comments_postId_fkey',
    type: 'f',
    def: 'FOREIGN KEY ("postId") REFERENCES posts(id) ON DELETE CASCADE',
  }]);
  assert.deepEqual(Object.keys(s.models), ['comment', 'post', 'author']);

  // a plain sync keeps the data; a force sync recreates every table empty, in FK order again
  const a = await Author.create({ name: 'x' });
  await Post.create({ title: 't', authorId: a.id });
  await s.sync();
  assert.equal(await Post.count(), 1);
  log.clear();
  assert.equal(await s.sync({ force: true, logging: log.logging }), s);
  assert.equal(await Post.count(), 0);
  assert.equal(await Author.count(), 0);
  assert.deepEqual(log.sql.filter((q) => q.startsWith('CREATE TABLE')), creates);
  // every table is dropped (with CASCADE) before it is created again
  for (const table of ['authors', 'posts', 'comments']) {
    const drop = log.sql.indexOf(`DROP TABLE IF EXISTS "${table}" CASCADE;`);
    const create = log.sql.findIndex((q) => q.startsWith(`CREATE TABLE IF NOT EXISTS "${table}"`));
    assert.ok(drop >= 0 && drop < create, `${table} dropped before it is created`);
  }
});

test('references: { model: ModelClass } and onDelete/onUpdate reach the catalog', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const Team = s.define('team', { name: DataTypes.STRING }, { timestamps: false });
  const Player = s.define('player', {
    teamId: { type: DataTypes.INTEGER, allowNull: false, references: { model: Team, key: 'id' }, onDelete: 'RESTRICT', onUpdate: 'NO ACTION' },
  }, { timestamps: false });
  await s.sync({ force: true });
  assert.deepEqual((await mh.constraints(s, 'players')).filter((c) => c.type === 'f').map((c) => c.def),
    ['FOREIGN KEY ("teamId") REFERENCES teams(id) ON DELETE RESTRICT']);
  const team = await Team.create({ name: 'a' });
  await Player.create({ teamId: team.id });
  const err = await mh.rejects(team.destroy());
  assert.equal(err.name, 'SequelizeForeignKeyConstraintError');
});

test('sequelize.sync({ match }) refuses a database whose name does not match', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  defineUser(s);
  const err = await mh.rejects(() => s.sync({ force: true, match: /_nomatch$/ }));
  assert.equal(err.message, `Database "${db.name}" does not match sync match parameter "/_nomatch$/"`);
  assert.deepEqual(await mh.tables(s), []);
  const escaped = db.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  assert.equal(await s.sync({ force: true, match: new RegExp(`^${escaped}$`) }), s);
  assert.deepEqual(await mh.tables(s), ['users']);
});

test('sequelize.sync({ alter: true }) alters every model', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  s.define('a', { x: DataTypes.STRING }, { timestamps: false });
  await s.sync({ force: true });
  s.define('a', { x: DataTypes.TEXT, y: DataTypes.INTEGER }, { timestamps: false });
  s.define('b', { z: DataTypes.STRING }, { timestamps: false });
  assert.equal(await s.sync({ alter: true }), s);
  assert.deepEqual(await mh.columnTypes(s, 'as'), { id: 'integer', x: 'text', y: 'integer' });
  assert.deepEqual(await mh.columnTypes(s, 'bs'), { id: 'integer', z: 'character varying(255)' });
});

// ------------------------------------------------------------------------------ alter

test('Model.sync({ alter: true }) adds, changes and drops columns, keeping the rows (A.9)', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const V1 = s.define('user', { name: DataTypes.STRING, age: DataTypes.INTEGER, legacy: DataTypes.STRING }, { timestamps: false });
  await V1.sync({ force: true });
  await V1.create({ name: 'Ann', age: 30, legacy: 'old' });
  const V2 = s.define('user', {
    name: { type: DataTypes.STRING(100), allowNull: false },
    age: DataTypes.BIGINT,
    email: { type: DataTypes.STRING, defaultValue: 'none' },
  }, { timestamps: false });
  const log = mh.sqlLog();
  assert.equal(await V2.sync({ alter: true, logging: log.logging }), V2);
  const ddl = log.sql.filter((q) => q.startsWith('ALTER'));
  assert.deepEqual(ddl, [
    'ALTER TABLE "public"."users" ADD COLUMN "email" VARCHAR(255) DEFAULT \'none\';',
    'ALTER TABLE "users" ALTER COLUMN "name" SET NOT NULL;ALTER TABLE "users" ALTER COLUMN "name" DROP DEFAULT;'
      + 'ALTER TABLE "users" ALTER COLUMN "name" TYPE VARCHAR(100);',
    'ALTER TABLE "users" ALTER COLUMN "age" DROP NOT NULL;ALTER TABLE "users" ALTER COLUMN "age" DROP DEFAULT;'
      + 'ALTER TABLE "users" ALTER COLUMN "age" TYPE BIGINT;',
    'ALTER TABLE "public"."users" DROP COLUMN "legacy";',
  ]);
  assert.deepEqual(await mh.columns(s, 'users'), [
    { name: 'id', type: 'integer', nullable: false, default: "nextval('users_id_seq'::regclass)", comment: null },
    { name: 'name', type: 'character varying(100)', nullable: false, default: null, comment: null },
    { name: 'age', type: 'bigint', nullable: true, default: null, comment: null },
    { name: 'email', type: 'character varying(255)', nullable: true, default: "'none'::character varying", comment: null },
  ]);
  assert.deepEqual(await V2.findAll({ raw: true }), [{ id: 1, name: 'Ann', age: '30', email: 'none' }]);
  // idempotent
  const before = await mh.columns(s, 'users');
  await V2.sync({ alter: true });
  assert.deepEqual(await mh.columns(s, 'users'), before);
});

// ------------------------------------------------------------------------------ ENUM

test('ENUM: the enum_<table>_<column> type is created, altered with new values, dropped', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const Shirt = s.define('shirt', { size: DataTypes.ENUM('small', 'large'), name: DataTypes.STRING }, { timestamps: false });
  const log = mh.sqlLog();
  await Shirt.sync({ force: true, logging: log.logging });
  // (Sequelize also re-reads its type-OID cache after creating the type — the `WITH ranges AS …`
  // query, logged through the instance's logger only: internal, not compared.)
  assert.deepEqual(log.sql.filter((q) => q !== OID_REFRESH), [
    'DROP TABLE IF EXISTS "shirts" CASCADE;',
    'DROP TYPE IF EXISTS "public"."enum_shirts_size";',
    ENUM_LOOKUP('enum_shirts_size'),
    'DROP TYPE IF EXISTS "public"."enum_shirts_size"; DO \'BEGIN CREATE TYPE "public"."enum_shirts_size" AS ENUM(\'\'small\'\', \'\'large\'\'); '
      + 'EXCEPTION WHEN duplicate_object THEN null; END\';',
    'CREATE TABLE IF NOT EXISTS "shirts" ("id"   SERIAL , "size" "public"."enum_shirts_size", "name" VARCHAR(255), PRIMARY KEY ("id"));',
    INDEX_QUERY('shirts'),
  ]);
  assert.deepEqual(await mh.enums(s), { enum_shirts_size: ['small', 'large'] });
  assert.equal((await mh.columnTypes(s, 'shirts')).size, 'enum_shirts_size');

  const made = await Shirt.create({ size: 'large', name: 'a' });
  assert.equal(made.size, 'large');
  assert.equal((await Shirt.findByPk(made.id)).size, 'large');
  assert.equal(await Shirt.count({ where: { size: 'large' } }), 1);
  // an invalid value is the database's error (22P02), not a ValidationError
  const bad = await mh.rejects(Shirt.create({ size: 'huge' }));
  assert.equal(bad.name, 'SequelizeDatabaseError');
  assert.equal(bad.parent.code, '22P02');
  assert.equal(bad.message, 'invalid input value for enum enum_shirts_size: "huge"');

  // plain sync of the existing table: the lookup only
  log.clear();
  await Shirt.sync({ logging: log.logging });
  assert.deepEqual(log.sql, [TABLE_EXISTS('shirts'), ENUM_LOOKUP('enum_shirts_size'), INDEX_QUERY('shirts')]);

  // alter adds the new labels in place (rows kept)
  const Shirt2 = s.define('shirt', { size: DataTypes.ENUM('small', 'medium', 'large', 'xl'), name: DataTypes.STRING }, { timestamps: false });
  log.clear();
  await Shirt2.sync({ alter: true, logging: log.logging });
  assert.ok(log.sql.includes('ALTER TYPE "public"."enum_shirts_size" ADD VALUE IF NOT EXISTS \'medium\' BEFORE \'large\''), log.sql.join('\n'));
  assert.ok(log.sql.includes('ALTER TYPE "public"."enum_shirts_size" ADD VALUE IF NOT EXISTS \'xl\' AFTER \'large\''), log.sql.join('\n'));
  assert.deepEqual(await mh.enums(s), { enum_shirts_size: ['small', 'medium', 'large', 'xl'] });
  assert.equal(await Shirt2.count(), 1);
  await Shirt2.create({ size: 'medium', name: 'm' });

  // drop({}) drops the table and its enum type
  log.clear();
  assert.equal(await Shirt2.drop({ logging: log.logging }), undefined);
  assert.deepEqual(log.sql, ['DROP TABLE IF EXISTS "shirts";', 'DROP TYPE IF EXISTS "public"."enum_shirts_size";']);
  assert.deepEqual(await mh.tables(s), []);
  assert.deepEqual(await mh.enums(s), {});

  // force sync recreates the type with exactly the model's labels
  const Shirt3 = s.define('shirt', { size: DataTypes.ENUM({ values: ['s', 'm'] }), name: DataTypes.STRING }, { timestamps: false });
  await Shirt3.sync({ force: true });
  assert.deepEqual(await mh.enums(s), { enum_shirts_size: ['s', 'm'] });
  // { type: ENUM, values: [...] } form, and an ENUM on an underscored field
  const Ticket = s.define('ticket', {
    state: { type: DataTypes.ENUM, values: ['open', 'closed'], defaultValue: 'open' },
    priorityLevel: DataTypes.ENUM('low', 'high'),
  }, { timestamps: false, underscored: true });
  await Ticket.sync({ force: true });
  const enums = await mh.enums(s);
  assert.deepEqual(enums.enum_tickets_state, ['open', 'closed']);
  assert.deepEqual(enums.enum_tickets_priority_level, ['low', 'high']);
  assert.equal((await Ticket.create({})).state, 'open');
});

test('Model.drop() without options works on a model with an ENUM', mh.ours('sequelize 6.37.8 throws a TypeError '
  + '(setting \'supportsSearchPath\') after dropping the table (surface §8.3)'), async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const Shirt = s.define('shirt', { size: DataTypes.ENUM('small', 'large') }, { timestamps: false });
  await Shirt.sync({ force: true });
  assert.equal(await Shirt.drop(), undefined);
  assert.deepEqual(await mh.tables(s), []);
  await Shirt.sync();
  assert.equal(await s.drop(), undefined);
  assert.deepEqual(await mh.tables(s), []);
});

// ------------------------------------------------------------------------------ drop / truncate

test('Model.drop(), sequelize.drop() (reverse FK order), Model.truncate()', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { Post, Author, Comment } = defineBlog(s);
  await s.sync({ force: true });
  const log = mh.sqlLog();

  const a = await Author.create({ name: 'x' });
  await Post.create({ title: 't', authorId: a.id });
  assert.equal(await Comment.truncate({ logging: log.logging }), 0);
  assert.deepEqual(log.sql, ['TRUNCATE "comments"']);
  log.clear();
  await Post.truncate({ cascade: true, restartIdentity: true, logging: log.logging });
  assert.deepEqual(log.sql, ['TRUNCATE "posts" RESTART IDENTITY CASCADE']);
  assert.equal(await Post.count(), 0);
  assert.equal(await Author.count(), 1);
  const p = await Post.create({ title: 'again' });
  assert.equal(p.id, 1, 'RESTART IDENTITY restarted the sequence');

  log.clear();
  assert.equal(await Comment.drop({ logging: log.logging }), undefined);
  assert.deepEqual(log.sql, ['DROP TABLE IF EXISTS "comments";']);
  assert.deepEqual(await mh.tables(s), ['authors', 'posts']);
  await Comment.sync();

  log.clear();
  assert.equal(await s.drop({ logging: log.logging }), undefined);
  assert.deepEqual(await mh.tables(s), []);
  const drops = log.sql.filter((q) => q.startsWith('DROP TABLE'));
  assert.deepEqual(drops.slice(0, 3), ['DROP TABLE IF EXISTS "comments";', 'DROP TABLE IF EXISTS "posts";', 'DROP TABLE IF EXISTS "authors";']);
});

test('Model.drop({ cascade: true }) drops dependent constraints', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { Author } = defineBlog(s);
  await s.sync({ force: true });
  const log = mh.sqlLog();
  await Author.drop({ cascade: true, logging: log.logging });
  assert.deepEqual(log.sql, ['DROP TABLE IF EXISTS "authors" CASCADE;']);
  assert.deepEqual(await mh.tables(s), ['comments', 'posts']);
  assert.deepEqual((await mh.constraints(s, 'posts')).filter((c) => c.type === 'f'), []);
});

// ------------------------------------------------------------------------------ indexes, uniques, comments, defaults

test('indexes option: names, unique, multi-column, partial, USING, DESC; sync() again is a no-op', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes, Op } = mh;
  const U = s.define('user', {
    email: DataTypes.STRING,
    firstName: DataTypes.STRING,
    lastName: DataTypes.STRING,
    status: DataTypes.STRING,
    data: DataTypes.JSONB,
    score: DataTypes.INTEGER,
  }, {
    timestamps: false,
    indexes: [
      { unique: true, fields: ['email'] },
      { fields: ['firstName', 'lastName'] },
      { name: 'custom_status_idx', fields: ['status'], where: { status: { [Op.ne]: 'archived' } } },
      { using: 'gin', fields: ['data'] },
      { fields: [{ name: 'score', order: 'DESC' }] },
    ],
  });
  const log = mh.sqlLog();
  await U.sync({ force: true, logging: log.logging });
  assert.deepEqual(log.sql.filter((q) => q.startsWith('CREATE') && !q.startsWith('CREATE TABLE')), [
    'CREATE UNIQUE INDEX "users_email" ON "users" ("email")',
    'CREATE INDEX "users_first_name_last_name" ON "users" ("firstName", "lastName")',
    'CREATE INDEX "custom_status_idx" ON "users" ("status") WHERE "status" != \'archived\'',
    'CREATE INDEX "users_data" ON "users" USING gin ("data")',
    'CREATE INDEX "users_score" ON "users" ("score" DESC)',
  ]);
  assert.deepEqual(await mh.indexes(s, 'users'), [
    { name: 'custom_status_idx', unique: false, primary: false, def: "CREATE INDEX custom_status_idx ON public.users USING btree (status) WHERE ((status)::text <> 'archived'::text)" },
    { name: 'users_data', unique: false, primary: false, def: 'CREATE INDEX users_data ON public.users USING gin (data)' },
    { name: 'users_email', unique: true, primary: false, def: 'CREATE UNIQUE INDEX users_email ON public.users USING btree (email)' },
    { name: 'users_first_name_last_name', unique: false, primary: false, def: 'CREATE INDEX users_first_name_last_name ON public.users USING btree ("firstName", "lastName")' },
    { name: 'users_pkey', unique: true, primary: true, def: 'CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)' },
    { name: 'users_score', unique: false, primary: false, def: 'CREATE INDEX users_score ON public.users USING btree (score DESC)' },
  ]);
  // the unique index is enforced
  await U.create({ email: 'a@x' });
  const dup = await mh.rejects(U.create({ email: 'a@x' }));
  assert.equal(dup.name, 'SequelizeUniqueConstraintError');
  // existing indexes are not created twice
  log.clear();
  await U.sync({ logging: log.logging });
  assert.deepEqual(log.sql, [TABLE_EXISTS('users'), INDEX_QUERY('users')]);
});

test('unique (true, named, composite), comment, defaultValue DDL (A.5), NOW/UUIDV4 have no DB default', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const M = s.define('thing', {
    uniq: { type: DataTypes.STRING, unique: true },
    uniqNamed: { type: DataTypes.STRING, unique: 'compound_u' },
    uniqNamed2: { type: DataTypes.STRING, unique: 'compound_u' },
    single: { type: DataTypes.STRING, unique: { name: 'single_u', msg: 'taken' } },
    commented: { type: DataTypes.STRING, comment: 'a comment' },
    withDef: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 7 },
    strDef: { type: DataTypes.STRING, defaultValue: "it's" },
    boolDef: { type: DataTypes.BOOLEAN, defaultValue: false },
    litDef: { type: DataTypes.DATE, defaultValue: s.fn('now') },
    nowd: { type: DataTypes.DATE, defaultValue: DataTypes.NOW },
    uid: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4 },
    jsonDef: { type: DataTypes.JSONB, defaultValue: { a: 1 } },
  }, { timestamps: false });
  const log = mh.sqlLog();
  await M.sync({ force: true, logging: log.logging });
  assert.equal(log.sql[1], 'CREATE TABLE IF NOT EXISTS "things" ("id"   SERIAL , "uniq" VARCHAR(255) UNIQUE, "uniqNamed" VARCHAR(255), '
    + '"uniqNamed2" VARCHAR(255), "single" VARCHAR(255), "commented" VARCHAR(255) , "withDef" INTEGER NOT NULL DEFAULT 7, '
    + '"strDef" VARCHAR(255) DEFAULT \'it\'\'s\', "boolDef" BOOLEAN DEFAULT false, "litDef" TIMESTAMP WITH TIME ZONE DEFAULT now(), '
    + '"nowd" TIMESTAMP WITH TIME ZONE, "uid" UUID, "jsonDef" JSONB DEFAULT \'{"a":1}\', UNIQUE ("uniqNamed", "uniqNamed2"), '
    + 'UNIQUE ("single"), PRIMARY KEY ("id")); COMMENT ON COLUMN "things"."commented" IS \'a comment\';');
  const cols = await mh.columns(s, 'things');
  const byName = Object.fromEntries(cols.map((c) => [c.name, c]));
  assert.equal(byName.commented.comment, 'a comment');
  assert.equal(byName.withDef.default, '7');
  assert.equal(byName.withDef.nullable, false);
  assert.equal(byName.strDef.default, "'it''s'::character varying");
  assert.equal(byName.boolDef.default, 'false');
  assert.equal(byName.litDef.default, 'now()');
  assert.equal(byName.nowd.default, null);
  assert.equal(byName.uid.default, null);
  assert.equal(byName.jsonDef.default, '\'{"a": 1}\'::jsonb');
  // PostgreSQL names the unique constraints (the names given in the model are not used)
  assert.deepEqual((await mh.constraints(s, 'things')).filter((c) => c.type === 'u').map((c) => [c.name, c.def]), [
    ['things_single_key', 'UNIQUE (single)'],
    ['things_uniqNamed_uniqNamed2_key', 'UNIQUE ("uniqNamed", "uniqNamed2")'],
    ['things_uniq_key', 'UNIQUE (uniq)'],
  ]);
  // the JS-side defaults are applied on create
  const m = await M.create({});
  assert.equal(m.withDef, 7);
  assert.equal(m.strDef, "it's");
  assert.equal(m.boolDef, false);
  assert.ok(m.litDef instanceof Date);
  assert.ok(m.nowd instanceof Date);
  assert.match(m.uid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(m.jsonDef, { a: 1 });
  // composite unique is enforced on the pair only
  await M.create({ uniqNamed: 'a', uniqNamed2: 'b' });
  await M.create({ uniqNamed: 'a', uniqNamed2: 'c' });
  const dup = await mh.rejects(M.create({ uniqNamed: 'a', uniqNamed2: 'b' }));
  assert.equal(dup.name, 'SequelizeUniqueConstraintError');
});

// ------------------------------------------------------------------------------ DataTypes DDL

test('every DataType\'s DDL (surface §4.4) and catalog type', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const T = s.define('TypeTest', {
    s: DataTypes.STRING,
    s50: DataTypes.STRING(50),
    sbin: DataTypes.STRING.BINARY,
    t: DataTypes.TEXT,
    c: DataTypes.CHAR,
    c10: DataTypes.CHAR(10),
    ci: DataTypes.CITEXT,
    i: DataTypes.INTEGER,
    bi: DataTypes.BIGINT,
    si: DataTypes.SMALLINT,
    f: DataTypes.FLOAT,
    r: DataTypes.REAL,
    d: DataTypes.DOUBLE,
    dec: DataTypes.DECIMAL(10, 2),
    decPlain: DataTypes.DECIMAL,
    num: DataTypes.NUMERIC(5, 1),
    b: DataTypes.BOOLEAN,
    dt: DataTypes.DATE,
    dt6: DataTypes.DATE(6),
    donly: DataTypes.DATEONLY,
    tm: DataTypes.TIME,
    uid: DataTypes.UUID,
    j: DataTypes.JSON,
    jb: DataTypes.JSONB,
    arr: DataTypes.ARRAY(DataTypes.STRING),
    arri: DataTypes.ARRAY(DataTypes.INTEGER),
    e: DataTypes.ENUM('small', 'large'),
    blob: DataTypes.BLOB,
    inet: DataTypes.INET,
    cidr: DataTypes.CIDR,
    mac: DataTypes.MACADDR,
    rng: DataTypes.RANGE(DataTypes.INTEGER),
    rngd: DataTypes.RANGE(DataTypes.DATE),
    tsv: DataTypes.TSVECTOR,
    hs: DataTypes.HSTORE,
  }, { timestamps: false });
  const log = mh.sqlLog();
  await T.sync({ force: true, logging: log.logging });
  assert.equal(log.sql.find((q) => q.startsWith('CREATE TABLE')),
    'CREATE TABLE IF NOT EXISTS "TypeTests" ("id"   SERIAL , "s" VARCHAR(255), "s50" VARCHAR(50), "sbin" BYTEA, "t" TEXT, '
    + '"c" CHAR(255), "c10" CHAR(10), "ci" CITEXT, "i" INTEGER, "bi" BIGINT, "si" SMALLINT, "f" FLOAT, "r" REAL, '
    + '"d" DOUBLE PRECISION, "dec" DECIMAL(10,2), "decPlain" DECIMAL, "num" DECIMAL(5,1), "b" BOOLEAN, '
    + '"dt" TIMESTAMP WITH TIME ZONE, "dt6" TIMESTAMP WITH TIME ZONE, "donly" DATE, "tm" TIME, "uid" UUID, "j" JSON, '
    + '"jb" JSONB, "arr" VARCHAR(255)[], "arri" INTEGER[], "e" "public"."enum_TypeTests_e", "blob" BYTEA, "inet" INET, '
    + '"cidr" CIDR, "mac" MACADDR, "rng" int4range, "rngd" tstzrange, "tsv" TSVECTOR, "hs" HSTORE, PRIMARY KEY ("id"));');
  assert.deepEqual(await mh.columnTypes(s, 'TypeTests'), {
    id: 'integer',
    s: 'character varying(255)',
    s50: 'character varying(50)',
    sbin: 'bytea',
    t: 'text',
    c: 'character(255)',
    c10: 'character(10)',
    ci: 'citext',
    i: 'integer',
    bi: 'bigint',
    si: 'smallint',
    f: 'double precision',
    r: 'real',
    d: 'double precision',
    dec: 'numeric(10,2)',
    decPlain: 'numeric',
    num: 'numeric(5,1)',
    b: 'boolean',
    dt: 'timestamp with time zone',
    dt6: 'timestamp with time zone',
    donly: 'date',
    tm: 'time without time zone',
    uid: 'uuid',
    j: 'json',
    jb: 'jsonb',
    arr: 'character varying(255)[]',
    arri: 'integer[]',
    e: '"enum_TypeTests_e"',
    blob: 'bytea',
    inet: 'inet',
    cidr: 'cidr',
    mac: 'macaddr',
    rng: 'int4range',
    rngd: 'tstzrange',
    tsv: 'tsvector',
    hs: 'hstore',
  });
});

test('DataType options that only warn or are dropped: TEXT(\'long\'), INTEGER.UNSIGNED, BLOB(\'long\'), DATE(3)', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const M = s.define('opt', {
    tl: DataTypes.TEXT('long'),
    iu: DataTypes.INTEGER.UNSIGNED,
    bl: DataTypes.BLOB('long'),
    d3: DataTypes.DATE(3),
    bigu: DataTypes.BIGINT(20),
  }, { timestamps: false });
  const warn = console.warn;
  const warnings = [];
  console.warn = (...a) => warnings.push(a.join(' '));
  const log = mh.sqlLog();
  try {
    await M.sync({ force: true, logging: log.logging });
  } finally {
    console.warn = warn;
  }
  assert.equal(log.sql[1], 'CREATE TABLE IF NOT EXISTS "opts" ("id"   SERIAL , "tl" TEXT, "iu" INTEGER, "bl" BYTEA, '
    + '"d3" TIMESTAMP WITH TIME ZONE, "bigu" BIGINT, PRIMARY KEY ("id"));');
  assert.deepEqual(await mh.columnTypes(s, 'opts'),
    { id: 'integer', tl: 'text', iu: 'integer', bl: 'bytea', d3: 'timestamp with time zone', bigu: 'bigint' });
});

test('TINYINT is not a PostgreSQL type: sync fails with the server\'s DatabaseError', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const M = s.define('tiny', { x: mh.DataTypes.TINYINT }, { timestamps: false });
  const err = await mh.rejects(M.sync({ force: true }));
  assert.equal(err.name, 'SequelizeDatabaseError');
  assert.equal(err.parent.code, '42704');
  assert.equal(err.message, 'type "tinyint" does not exist');
});

// ------------------------------------------------------------------------------ DataTypes round trip

test('strings: STRING/TEXT/CHAR padding/BINARY/CITEXT round trip; too long → DatabaseError 22001', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const T = s.define('thing', {
    s: DataTypes.STRING,
    s50: DataTypes.STRING(50),
    t: DataTypes.TEXT,
    c: DataTypes.CHAR(5),
    sb: DataTypes.STRING.BINARY,
    ci: DataTypes.CITEXT,
  }, { timestamps: false });
  await T.sync({ force: true });
  const text = 'line1\nline2 ✓ "quoted" \'single\' \\ back 😀';
  const created = await T.create({ s: 'hello', s50: 'x'.repeat(50), t: text, c: 'ab', sb: Buffer.from('hi'), ci: 'AbC' });
  assert.deepEqual(created.toJSON(), { id: 1, s: 'hello', s50: 'x'.repeat(50), t: text, c: 'ab   ', sb: Buffer.from('hi'), ci: 'AbC' });
  const found = await T.findByPk(created.id);
  assert.deepEqual(found.toJSON(), created.toJSON());
  assert.ok(Buffer.isBuffer(found.sb));
  assert.equal(await T.count({ where: { ci: 'abc' } }), 1, 'CITEXT compares case-insensitively');
  const empty = await T.create({ s: '', t: '' });
  assert.deepEqual([(await T.findByPk(empty.id)).s, (await T.findByPk(empty.id)).t], ['', '']);
  const tooLong = await mh.rejects(T.create({ s50: 'y'.repeat(51) }));
  assert.equal(tooLong.name, 'SequelizeDatabaseError');
  assert.ok(tooLong instanceof mh.Sequelize.DatabaseError);
  assert.equal(tooLong.message, 'value too long for type character varying(50)');
  assert.equal(tooLong.parent.code, '22001');
  assert.equal(tooLong.original, tooLong.parent);
  assert.equal(typeof tooLong.sql, 'string');
  assert.equal(await T.count(), 2);
});

test('integers: INTEGER/SMALLINT numbers, BIGINT strings (also right after create); overflow 22003', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const N = s.define('num', { i: DataTypes.INTEGER, b: DataTypes.BIGINT, sm: DataTypes.SMALLINT }, { timestamps: false });
  await N.sync({ force: true });
  const a = await N.create({ i: 2147483647, b: 42, sm: 32767 });
  assert.deepEqual([a.i, a.b, a.sm], [2147483647, '42', 32767]);
  const big = await N.create({ i: -5, b: '9007199254740993', sm: -1 });
  assert.equal(big.b, '9007199254740993');
  const fromBigint = await N.create({ b: 9007199254740995n });
  assert.equal(fromBigint.b, '9007199254740995');
  const rows = await N.findAll({ order: [['id', 'ASC']] });
  assert.deepEqual(rows.map((r) => r.toJSON()), [
    { id: 1, i: 2147483647, b: '42', sm: 32767 },
    { id: 2, i: -5, b: '9007199254740993', sm: -1 },
    { id: 3, i: null, b: '9007199254740995', sm: null },
  ]);
  assert.deepEqual(await N.findAll({ order: [['id', 'ASC']], raw: true, limit: 2 }), [
    { id: 1, i: 2147483647, b: '42', sm: 32767 },
    { id: 2, i: -5, b: '9007199254740993', sm: -1 },
  ]);
  const overflow = await mh.rejects(N.create({ i: 2147483648 }));
  assert.equal(overflow.name, 'SequelizeDatabaseError');
  assert.equal(overflow.message, 'value "2147483648" is out of range for type integer');
  assert.equal(overflow.parent.code, '22003');
  // a BIGINT primary key is a string too
  const B = s.define('bigpk', { id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true }, x: DataTypes.STRING }, { timestamps: false });
  await B.sync({ force: true });
  const bp = await B.create({ x: 'a' });
  assert.equal(bp.id, '1');
  assert.equal((await B.findByPk(1)).id, '1');
  assert.deepEqual((await mh.columns(s, 'bigpks'))[0], { name: 'id', type: 'bigint', nullable: false, default: "nextval('bigpks_id_seq'::regclass)", comment: null });
});

test('floating point and DECIMAL: FLOAT/REAL/DOUBLE numbers, DECIMAL/NUMERIC strings rounded by the server', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const F = s.define('measure', {
    f: DataTypes.FLOAT,
    r: DataTypes.REAL,
    d: DataTypes.DOUBLE,
    dec: DataTypes.DECIMAL(10, 2),
    decPlain: DataTypes.DECIMAL,
    num: DataTypes.NUMERIC(5, 1),
  }, { timestamps: false });
  await F.sync({ force: true });
  const m = await F.create({ f: 1.5, r: 2.25, d: 3.125, dec: 1.239, decPlain: '99.999', num: 1.25 });
  const expected = { id: 1, f: 1.5, r: 2.25, d: 3.125, dec: '1.24', decPlain: '99.999', num: '1.3' };
  assert.deepEqual(m.toJSON(), expected);
  assert.deepEqual((await F.findByPk(1)).toJSON(), expected);
  const m2 = await F.create({ f: -0.1, d: 1e-7, dec: '12345678.9' });
  assert.deepEqual([m2.f, m2.d, m2.dec], [-0.1, 1e-7, '12345678.90']);
  // special float values
  const m3 = await F.create({ d: NaN, f: Infinity, r: -Infinity });
  const back = await F.findByPk(m3.id);
  assert.ok(Number.isNaN(back.d));
  assert.equal(back.f, Infinity);
  assert.equal(back.r, -Infinity);
});

test('BOOLEAN: true/false/null and coercion of 1/0/"t"/"false"', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const B = s.define('flag', { on: DataTypes.BOOLEAN, dflt: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false } }, { timestamps: false });
  await B.sync({ force: true });
  const made = [];
  for (const v of [true, false, null, 1, 0, 't', 'false']) made.push((await B.create({ on: v })).on);
  assert.deepEqual(made, [true, false, null, true, false, true, false]);
  const rows = await B.findAll({ order: [['id', 'ASC']], attributes: ['on', 'dflt'], raw: true });
  assert.deepEqual(rows.map((r) => r.on), [true, false, null, true, false, true, false]);
  assert.ok(rows.every((r) => r.dflt === false));
  assert.deepEqual((await B.findAll({ where: { on: true }, attributes: ['id'], order: [['id', 'ASC']] })).map((r) => r.id), [1, 4, 6]);
  assert.equal(await B.count({ where: { on: null } }), 1);
});

test('dates: DATE → Date, DATEONLY → "YYYY-MM-DD", TIME → "HH:MM:SS", NOW default', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const E = s.define('event', {
    at: DataTypes.DATE,
    at3: DataTypes.DATE(3),
    day: DataTypes.DATEONLY,
    time: DataTypes.TIME,
    stamped: { type: DataTypes.DATE, defaultValue: DataTypes.NOW },
  }, { timestamps: false });
  await E.sync({ force: true });
  const log = mh.sqlLog();
  const before = Date.now();
  const c = await E.create({
    at: new Date('2020-02-29T12:34:56.789Z'),
    at3: '2021-06-01T00:00:00.123+02:00',
    day: '2020-01-02',
    time: '13:14:15',
  }, { logging: log.logging });
  assert.equal(log.sql[0], 'INSERT INTO "events" ("id","at","at3","day","time","stamped") VALUES (DEFAULT,$1,$2,$3,$4,$5) '
    + 'RETURNING "id","at","at3","day","time","stamped";');
  assert.deepEqual(c.at, new Date('2020-02-29T12:34:56.789Z'));
  assert.deepEqual(c.at3, new Date('2021-05-31T22:00:00.123Z'));
  assert.equal(c.day, '2020-01-02');
  assert.equal(c.time, '13:14:15');
  assert.ok(c.stamped instanceof Date && c.stamped.getTime() >= before - 1000);
  const c2 = await E.create({ at: 0, day: new Date('1999-12-31T23:00:00Z'), time: '00:00:01' });
  assert.deepEqual([c2.at, c2.day, c2.time], [new Date(0), '1999-12-31', '00:00:01']);
  const rows = await E.findAll({ order: [['id', 'ASC']] });
  assert.deepEqual(rows.map((r) => [r.at, r.at3, r.day, r.time]), [
    [new Date('2020-02-29T12:34:56.789Z'), new Date('2021-05-31T22:00:00.123Z'), '2020-01-02', '13:14:15'],
    [new Date(0), null, '1999-12-31', '00:00:01'],
  ]);
  assert.ok(rows.every((r) => r.stamped instanceof Date));
  assert.equal(await E.count({ where: { at: new Date('2020-02-29T12:34:56.789Z') } }), 1);
  assert.equal(await E.count({ where: { day: '2020-01-02' } }), 1);
  // an invalid date is the server's error
  const bad = await mh.rejects(E.create({ day: 'not a date' }));
  assert.equal(bad.name, 'SequelizeDatabaseError');
});

test('UUID with UUIDV4 / UUIDV1 defaults generated in JS', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const U = s.define('token', {
    id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
    v1: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV1 },
  }, { timestamps: false });
  await U.sync({ force: true });
  const log = mh.sqlLog();
  const a = await U.create({}, { logging: log.logging });
  assert.equal(log.sql[0], 'INSERT INTO "tokens" ("id","v1") VALUES ($1,$2) RETURNING "id","v1";');
  assert.match(a.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.match(a.v1, /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const b = await U.create({});
  assert.notEqual(a.id, b.id);
  assert.equal((await U.findByPk(a.id)).v1, a.v1);
  const built = U.build({});
  assert.match(built.id, /^[0-9a-f-]{36}$/);
});

test('JSON / JSONB: nested values, scalars, arrays, null; querying JSONB', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes, Op } = mh;
  const D = s.define('doc', { j: DataTypes.JSON, jb: DataTypes.JSONB }, { timestamps: false });
  await D.sync({ force: true });
  const nested = { a: 1, b: [1, 'two', null, { c: true }], s: 'x"y\'z', n: null, f: 1.5, u: 'ü😀' };
  const c = await D.create({ j: nested, jb: nested });
  assert.deepEqual(c.j, nested);
  assert.deepEqual(c.jb, nested);
  await D.create({ j: 'just a string', jb: [1, 2, 3] });
  await D.create({ j: 42, jb: { meta: { tag: 'red', n: 2 } } });
  await D.create({ j: null, jb: { meta: { tag: 'blue', n: 5 } } });
  const rows = await D.findAll({ order: [['id', 'ASC']] });
  assert.deepEqual(rows.map((r) => r.toJSON()), [
    { id: 1, j: nested, jb: nested },
    { id: 2, j: 'just a string', jb: [1, 2, 3] },
    { id: 3, j: 42, jb: { meta: { tag: 'red', n: 2 } } },
    { id: 4, j: null, jb: { meta: { tag: 'blue', n: 5 } } },
  ]);
  const ids = async (where) => (await D.findAll({ where, attributes: ['id'], order: [['id', 'ASC']] })).map((r) => r.id);
  assert.deepEqual(await ids({ jb: { meta: { tag: 'red' } } }), [3]);
  assert.deepEqual(await ids({ 'jb.meta.n': { [Op.gt]: 3 } }), [4]);
  assert.deepEqual(await ids({ jb: { [Op.contains]: { meta: { tag: 'blue' } } } }), [4]);
});

test('ARRAY(INTEGER/TEXT/STRING): round trip incl. empty, NULL elements, quotes; contains/overlap', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes, Op } = mh;
  const A = s.define('bag', {
    nums: DataTypes.ARRAY(DataTypes.INTEGER),
    tags: DataTypes.ARRAY(DataTypes.TEXT),
    strs: DataTypes.ARRAY(DataTypes.STRING),
  }, { timestamps: false });
  await A.sync({ force: true });
  await A.create({ nums: [1, 2, 3], tags: ['a', 'b c', 'd,e', 'q"uote', '', 'back\\slash', '{x}'], strs: ['x'] });
  await A.create({ nums: [], tags: [], strs: null });
  await A.create({ nums: [3, null, 5], tags: ['b c'], strs: ['NULL'] });
  const rows = await A.findAll({ order: [['id', 'ASC']] });
  assert.deepEqual(rows.map((r) => r.toJSON()), [
    { id: 1, nums: [1, 2, 3], tags: ['a', 'b c', 'd,e', 'q"uote', '', 'back\\slash', '{x}'], strs: ['x'] },
    { id: 2, nums: [], tags: [], strs: null },
    { id: 3, nums: [3, null, 5], tags: ['b c'], strs: ['NULL'] },
  ]);
  const ids = async (where) => (await A.findAll({ where, attributes: ['id'], order: [['id', 'ASC']] })).map((r) => r.id);
  assert.deepEqual(await ids({ nums: { [Op.contains]: [3] } }), [1, 3]);
  assert.deepEqual(await ids({ tags: { [Op.overlap]: ['a', 'zzz'] } }), [1]);
  assert.deepEqual(await ids({ nums: { [Op.contained]: [1, 2, 3, 4] } }), [1, 2]);
  assert.deepEqual(await ids({ nums: [1, 2, 3] }), [1]);
});

test('BLOB: Buffer round trip (binary safe), string input, where by Buffer', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const F = s.define('file', { data: DataTypes.BLOB, big: DataTypes.BLOB('long') }, { timestamps: false });
  await F.sync({ force: true });
  const bytes = Buffer.from([0, 1, 2, 127, 128, 255, 39, 92, 0]);
  const a = await F.create({ data: bytes, big: Buffer.alloc(0) });
  assert.ok(Buffer.isBuffer(a.data));
  assert.ok(a.data.equals(bytes));
  const b = await F.create({ data: 'plain text' });
  assert.ok(b.data.equals(Buffer.from('plain text')));
  const rows = await F.findAll({ order: [['id', 'ASC']] });
  assert.ok(rows[0].data.equals(bytes));
  assert.ok(Buffer.isBuffer(rows[0].big) && rows[0].big.length === 0);
  assert.equal(rows[1].big, null);
  assert.equal(await F.count({ where: { data: bytes } }), 1);
});

test('INET / CIDR / MACADDR strings, RANGE as [{value, inclusive}], TSVECTOR, HSTORE', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const N = s.define('net', {
    inet: DataTypes.INET,
    cidr: DataTypes.CIDR,
    mac: DataTypes.MACADDR,
    rng: DataTypes.RANGE(DataTypes.INTEGER),
    rngd: DataTypes.RANGE(DataTypes.DATE),
    rngn: DataTypes.RANGE(DataTypes.DECIMAL),
    tsv: DataTypes.TSVECTOR,
    hs: DataTypes.HSTORE,
  }, { timestamps: false });
  await N.sync({ force: true });
  const values = {
    inet: '10.0.0.1',
    cidr: '10.0.0.0/8',
    mac: '08:00:2b:01:02:03',
    rng: [1, 10],
    rngd: [new Date('2024-01-01T00:00:00Z'), new Date('2024-02-01T00:00:00Z')],
    rngn: [{ value: 1.5, inclusive: false }, { value: 2.5, inclusive: true }],
    tsv: 'a fat cat',
    hs: { a: '1', b: null, 'k"q': 'v,w' },
  };
  const expected = {
    id: 1,
    inet: '10.0.0.1',
    cidr: '10.0.0.0/8',
    mac: '08:00:2b:01:02:03',
    rng: [{ value: 1, inclusive: true }, { value: 10, inclusive: false }],
    rngd: [{ value: new Date('2024-01-01T00:00:00Z'), inclusive: true }, { value: new Date('2024-02-01T00:00:00Z'), inclusive: false }],
    rngn: [{ value: '1.5', inclusive: false }, { value: '2.5', inclusive: true }],
    tsv: "'a' 'cat' 'fat'",
    hs: { a: '1', b: null, 'k"q': 'v,w' },
  };
  const c = await N.create(values);
  assert.deepEqual(c.toJSON(), expected);
  assert.deepEqual((await N.findByPk(1)).toJSON(), expected);
  const bad = await mh.rejects(N.create({ inet: 'not-an-ip' }));
  assert.equal(bad.name, 'SequelizeDatabaseError');
  assert.equal(bad.parent.code, '22P02');
});

// ------------------------------------------------------------------------------ describe

test('Model.describe() / queryInterface.describeTable() shape (golden 068)', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const U = s.define('user', {
    name: { type: DataTypes.STRING(80), allowNull: false, defaultValue: 'anon', comment: 'display name' },
    active: { type: DataTypes.BOOLEAN, defaultValue: true },
    score: DataTypes.DECIMAL(6, 2),
    kind: DataTypes.ENUM('a', 'b'),
    tags: DataTypes.ARRAY(DataTypes.TEXT),
    uid: { type: DataTypes.UUID, unique: true },
    born: DataTypes.DATEONLY,
    data: DataTypes.JSONB,
  });
  await U.sync({ force: true });
  const described = await U.describe();
  const col = (type, extra = {}) => ({ type, allowNull: true, defaultValue: null, comment: null, special: [], primaryKey: false, ...extra });
  assert.deepEqual(described, {
    id: col('INTEGER', { allowNull: false, defaultValue: 'nextval(users_id_seq::regclass)', primaryKey: true }),
    name: col('CHARACTER VARYING(80)', { allowNull: false, defaultValue: 'anon', comment: 'display name' }),
    active: col('BOOLEAN', { defaultValue: true }),
    score: col('NUMERIC'),
    kind: col('USER-DEFINED', { special: ['a', 'b'] }),
    tags: col('ARRAY'),
    uid: col('UUID'),
    born: col('DATE'),
    data: col('JSONB'),
    createdAt: col('TIMESTAMP WITH TIME ZONE', { allowNull: false }),
    updatedAt: col('TIMESTAMP WITH TIME ZONE', { allowNull: false }),
  });
  assert.deepEqual(Object.keys(described), ['id', 'name', 'active', 'score', 'kind', 'tags', 'uid', 'born', 'data', 'createdAt', 'updatedAt']);
  const qi = s.getQueryInterface();
  assert.deepEqual(await qi.describeTable('users'), described);
  assert.deepEqual(await qi.describeTable({ tableName: 'users', schema: 'public' }), described);
  const err = await mh.rejects(() => qi.describeTable('nope'));
  assert.equal(err.message, 'No description found for "nope" table. Check the table name and schema; remember, they _are_ case sensitive.');
});

// ------------------------------------------------------------------------------ queryInterface

test('queryInterface: createTable … dropTable with Sequelize\'s SQL (A.11) and return values (golden 083)', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes, Sequelize } = mh;
  const qi = s.getQueryInterface();
  const log = mh.sqlLog();
  const L = { logging: log.logging };

  await qi.createTable('qi_t', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    name: { type: DataTypes.STRING, allowNull: false },
    createdAt: { type: DataTypes.DATE, defaultValue: Sequelize.fn('now') },
  }, L);
  assert.deepEqual(log.sql, ['CREATE TABLE IF NOT EXISTS "qi_t" ("id"  SERIAL , "name" VARCHAR(255) NOT NULL, '
    + '"createdAt" TIMESTAMP WITH TIME ZONE DEFAULT now(), PRIMARY KEY ("id"));']);
  assert.deepEqual(await qi.showAllTables(), ['qi_t']);

  log.clear();
  await qi.addColumn('qi_t', 'age', { type: DataTypes.INTEGER, defaultValue: 0 }, L);
  await qi.changeColumn('qi_t', 'age', { type: DataTypes.BIGINT, allowNull: true }, L);
  await qi.renameColumn('qi_t', 'age', 'years', L);
  await qi.addColumn('qi_t', 'tmp', DataTypes.STRING, L);
  await qi.removeColumn('qi_t', 'tmp', L);
  await qi.addIndex('qi_t', ['name'], { unique: true, ...L });
  await qi.addIndex('qi_t', ['years'], { name: 'qi_years_idx', ...L });
  // (renameColumn first reads the table description: a SELECT, not compared)
  assert.deepEqual(log.sql.filter((q) => !q.startsWith('SELECT')), [
    'ALTER TABLE "public"."qi_t" ADD COLUMN "age" INTEGER DEFAULT 0;',
    'ALTER TABLE "qi_t" ALTER COLUMN "age" DROP NOT NULL;ALTER TABLE "qi_t" ALTER COLUMN "age" DROP DEFAULT;'
      + 'ALTER TABLE "qi_t" ALTER COLUMN "age" TYPE BIGINT;',
    'ALTER TABLE "qi_t" RENAME COLUMN "age" TO "years";',
    'ALTER TABLE "public"."qi_t" ADD COLUMN "tmp" VARCHAR(255);',
    'ALTER TABLE "public"."qi_t" DROP COLUMN "tmp";',
    'CREATE UNIQUE INDEX "qi_t_name" ON "qi_t" ("name")',
    'CREATE INDEX "qi_years_idx" ON "qi_t" ("years")',
  ]);
  assert.deepEqual(await mh.columns(s, 'qi_t'), [
    { name: 'id', type: 'integer', nullable: false, default: "nextval('qi_t_id_seq'::regclass)", comment: null },
    { name: 'name', type: 'character varying(255)', nullable: false, default: null, comment: null },
    { name: 'createdAt', type: 'timestamp with time zone', nullable: true, default: 'now()', comment: null },
    { name: 'years', type: 'bigint', nullable: true, default: null, comment: null },
  ]);
  assert.deepEqual((await mh.indexes(s, 'qi_t')).map((i) => i.name), ['qi_t_name', 'qi_t_pkey', 'qi_years_idx']);

  log.clear();
  const inserted = await qi.bulkInsert('qi_t', [
    { name: 'a', years: 1, createdAt: new Date(0) },
    { name: 'b', years: 2, createdAt: new Date(0) },
  ], L);
  assert.deepEqual(inserted, []);
  const returned = await qi.bulkInsert('qi_t', [{ name: 'c', years: 3 }], { returning: ['id', 'name'] });
  assert.deepEqual(returned, [{ id: 3, name: 'c' }]);
  const all = await qi.bulkInsert('qi_t', [{ name: 'd' }], { returning: true });
  assert.equal(all.length, 1);
  assert.equal(all[0].name, 'd');
  assert.equal(all[0].years, null);
  const updated = await qi.bulkUpdate('qi_t', { years: 9 }, { name: 'b' }, L);
  assert.equal(updated, 1);
  const deleted = await qi.bulkDelete('qi_t', { name: 'a' }, L);
  assert.ok(Array.isArray(deleted));
  assert.deepEqual(deleted[0], []);
  assert.equal(deleted[1].command, 'DELETE');
  assert.equal(deleted[1].rowCount, 1);
  assert.deepEqual(log.sql, [
    "INSERT INTO \"qi_t\" (\"name\",\"years\",\"createdAt\") VALUES ('a',1,'1970-01-01 00:00:00.000 +00:00'),"
      + "('b',2,'1970-01-01 00:00:00.000 +00:00');",
    'UPDATE "qi_t" SET "years"=$1 WHERE "name" = $2',
    'DELETE FROM "qi_t" WHERE "name" = \'a\'',
  ]);
  assert.deepEqual(await s.query('SELECT id, name, years FROM qi_t ORDER BY id', { type: 'SELECT' }), [
    { id: 2, name: 'b', years: '9' },
    { id: 3, name: 'c', years: '3' },
    { id: 4, name: 'd', years: null },
  ]);

  log.clear();
  await qi.removeIndex('qi_t', 'qi_t_name', L);
  await qi.removeIndex('qi_t', ['years'], L);
  assert.deepEqual(log.sql, ['DROP INDEX IF EXISTS "qi_t_name"', 'DROP INDEX IF EXISTS "qi_t_years"']);
  assert.deepEqual((await mh.indexes(s, 'qi_t')).map((i) => i.name), ['qi_t_pkey', 'qi_years_idx']);

  log.clear();
  await qi.renameTable('qi_t', 'qi_t2', L);
  await qi.dropTable('qi_t2', L);
  assert.deepEqual(log.sql, ['ALTER TABLE "qi_t" RENAME TO "qi_t2";', 'DROP TABLE IF EXISTS "qi_t2";']);
  assert.deepEqual(await qi.showAllTables(), []);
  assert.deepEqual(await mh.tables(s), []);
});

test('queryInterface.showAllTables() SQL and order; createTable with references and an ENUM', async (t) => {
  if (mh.skipUnlessDb(t)) return;
  const s = await db.open(t);
  const { DataTypes } = mh;
  const qi = s.getQueryInterface();
  await qi.createTable('parents', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true } });
  await qi.createTable('kids', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    parentId: { type: DataTypes.INTEGER, references: { model: 'parents', key: 'id' }, onDelete: 'CASCADE' },
    mood: { type: DataTypes.ENUM('happy', 'sad') },
  });
  const log = mh.sqlLog();
  const tables = await qi.showAllTables({ logging: log.logging });
  assert.deepEqual([...tables].sort(), ['kids', 'parents']);
  assert.deepEqual(log.sql, ["SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type LIKE '%TABLE' AND table_name != 'spatial_ref_sys';"]);
  assert.deepEqual((await mh.constraints(s, 'kids')).filter((c) => c.type === 'f').map((c) => c.def),
    ['FOREIGN KEY ("parentId") REFERENCES parents(id) ON DELETE CASCADE']);
  assert.deepEqual(await mh.enums(s), { enum_kids_mood: ['happy', 'sad'] });
  await qi.dropTable('kids');
  await qi.dropTable('parents');
  assert.deepEqual(await qi.showAllTables(), []);
});
