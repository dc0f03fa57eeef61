'use strict';
// Shared helpers for the model tests (model-*.test.js, getting-started.test.js). Not a test file.
//
// Implementation under test: $SEQ_IMPL when set (a module name or path — e.g.
// SEQ_IMPL=/tmp/ref/run/node_modules/sequelize runs the suite against real sequelize@6.37.8 to
// check the expectations), else this repository (`require('..')`).
//
// Server: $MODEL_TEST_URL when set (a plain server, e.g.
// postgres://postgres:postgres@127.0.0.1:55435/conformance); else the project's local TLS server
// from helpers.js (h.url('app') + dialectOptions.ssl = h.sslOptions()); else $DATABASE_URL.
//
// Isolation: each test file works in its own throwaway database `srs_<tag>_<pid>_test` (created in
// test.before(), dropped in test.after()) whenever it can create one (local server: as the
// superuser over the unix socket; MODEL_TEST_URL: with psql through that URL). Then every test
// starts from an empty `public` schema (db.open() wipes it), so fixed table names such as "users"
// never collide with other runs. Without a database of its own (DATABASE_URL only) the file uses
// the given database and each test drops only the tables of its own models.
//
// Deliberate differences from Sequelize (the product is correct where Sequelize 6.37.8 has a bug)
// are tests declared with `mh.ours('why')`: they are skipped when SEQ_IMPL is real Sequelize.

const fs = require('node:fs');
const path = require('node:path');
const test = require('node:test');
const { execFileSync } = require('node:child_process');
const h = require('./helpers');

const REPO_ENTRY = require.resolve(path.join(__dirname, '..'));
const IMPL = process.env.SEQ_IMPL || path.join(__dirname, '..');
const IMPL_ENTRY = require.resolve(IMPL);
/** True when the implementation under test is not this repository (i.e. real Sequelize). */
const REAL = IMPL_ENTRY !== REPO_ENTRY;

/** The package directory of the implementation (what `node_modules/sequelize` should point to). */
function implDir() {
  let dir = path.dirname(IMPL_ENTRY);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${IMPL_ENTRY}`);
    dir = up;
  }
}

let loaded;
function impl() {
  if (!loaded) loaded = require(IMPL_ENTRY);
  return loaded;
}

/** Options for tests that assert a deliberate difference from Sequelize (skipped with real Sequelize). */
function ours(why) {
  return { skip: REAL ? `deliberate difference from sequelize@6.37.8: ${why}` : false };
}

// ------------------------------------------------------------------------------ server

/** Where the tests connect: { url, tls, local, shared } or null when there is no database. */
function server() {
  if (process.env.MODEL_TEST_URL) return { url: process.env.MODEL_TEST_URL, tls: false, local: false };
  if (h.isLocal()) return { url: h.url('app'), tls: true, local: true };
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, tls: true, local: false };
  return null;
}

function hasDb() {
  return server() !== null;
}

function skipUnlessDb(t) {
  if (hasDb()) return false;
  t.skip('no database: set MODEL_TEST_URL, run via `npm test`, or set DATABASE_URL');
  return true;
}

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function psql(url, sql) {
  return execFileSync('psql', ['-X', '-v', 'ON_ERROR_STOP=1', '-Atc', sql, url], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 30000,
    env: { ...process.env, PGCONNECT_TIMEOUT: '10' },
  });
}

const EXTENSIONS = 'CREATE EXTENSION IF NOT EXISTS citext; CREATE EXTENSION IF NOT EXISTS hstore;';

/** The SQL that empties the public schema (tables, enum types) and drops the other user schemas. */
const WIPE_SQL = `DO $wipe$ DECLARE r record; BEGIN
  FOR r IN SELECT nspname FROM pg_namespace
            WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\\_%' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', r.tablename);
  END LOOP;
  FOR r IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = 'public' AND t.typtype = 'e' LOOP
    EXECUTE format('DROP TYPE IF EXISTS public.%I CASCADE', r.typname);
  END LOOP;
END $wipe$`;

/**
 * The database of one test file. Call at the top level of the file:
 *   const db = mh.database('find');
 * It registers test.before/test.after. Then in a test:
 *   const s = await db.open(t, { define: { timestamps: false } });
 * gives a fresh Sequelize instance (logging off unless given) on an empty public schema; it is
 * closed (and its tables dropped) when the test ends.
 */
function database(tag) {
  const srv = server();
  const db = {
    name: null, // the database name (null until before() ran)
    url: null, // URI of the database used
    owned: false, // true when this file created the database (and drops it at the end)
    instances: new Set(),
  };

  test.before(() => {
    if (!srv) return;
    const name = `srs_${tag}_${process.pid}_test`.toLowerCase();
    try {
      if (srv.local) {
        h.admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, { database: 'postgres' });
        h.admin(`CREATE DATABASE ${name} OWNER ${h.env().users.app.user}`, { database: 'postgres' });
        h.admin(EXTENSIONS, { database: name });
        db.url = h.url('app', undefined, { database: name });
      } else if (process.env.MODEL_TEST_URL) {
        psql(srv.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        psql(srv.url, `CREATE DATABASE ${name}`);
        db.url = withDatabase(srv.url, name);
        psql(db.url, EXTENSIONS);
      } else {
        throw new Error('no way to create a database');
      }
      db.name = name;
      db.owned = true;
    } catch (err) {
      // Fall back to the given database (shared): each test drops only its own tables.
      db.url = srv.url;
      db.name = new URL(srv.url).pathname.replace(/^\//, '');
      db.owned = false;
      if (process.env.MODEL_TEST_DEBUG) console.error(`[model-helpers] using ${db.name}: ${err.message}`);
    }
  });

  test.after(async () => {
    for (const s of [...db.instances]) {
      try {
        await s.close();
      } catch {
        // already closed
      }
    }
    db.instances.clear();
    if (!db.owned) return;
    try {
      if (srv.local) h.admin(`DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`, { database: 'postgres' });
      else psql(srv.url, `DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`);
    } catch (err) {
      if (process.env.MODEL_TEST_DEBUG) console.error(`[model-helpers] drop ${db.name}: ${err.message}`);
    }
  });

  /** Constructor options for this server (TLS options for the local server / DATABASE_URL). */
  db.options = (options = {}) => {
    const out = { logging: false, ...options };
    if (srv && srv.tls) {
      out.dialectOptions = { ...(options.dialectOptions || {}), ssl: h.sslOptions() };
    }
    return out;
  };

  /** A new Sequelize instance on this file's database (closed in test.after, or with db.close). */
  db.make = (options = {}) => {
    const { Sequelize } = impl();
    const s = new Sequelize(db.url, db.options(options));
    db.instances.add(s);
    return s;
  };

  /** Empties the database (owned) or drops the tables of s's models (shared). */
  db.wipe = async (s) => {
    if (db.owned) {
      await s.query(WIPE_SQL, { logging: false });
      return;
    }
    for (const m of Object.values(s.models)) {
      const tn = m.getTableName();
      const qualified = typeof tn === 'string' ? `"${tn}"` : tn.toString();
      await s.query(`DROP TABLE IF EXISTS ${qualified} CASCADE`, { logging: false });
    }
  };

  /** A fresh instance on an empty schema; dropped and closed when the test t ends. */
  db.open = async (t, options = {}) => {
    const s = db.make(options);
    if (db.owned) await db.wipe(s);
    t.after(async () => {
      try {
        await db.wipe(s);
      } catch {
        // the test may have closed s, or broken the connection on purpose
      }
      try {
        await s.close();
      } catch {
        // already closed
      }
      db.instances.delete(s);
    });
    return s;
  };

  return db;
}

/**
 * A Sequelize instance that never connects (definition-only tests; no database needed). Closed
 * when the test t ends.
 */
function offline(t, options = {}) {
  const { Sequelize } = impl();
  const s = new Sequelize('postgres://user:pass@localhost:5432/offline_db', { logging: false, ...options });
  if (t) t.after(() => s.close());
  return s;
}

// ------------------------------------------------------------------------------ SQL capture

const PREFIX = /^Execut(?:ing|ed) \([^)]*\): /;

/**
 * A logging function that records the SQL (prefix `Executing (default): ` removed):
 *   const log = mh.sqlLog(); await User.findAll({ logging: log.logging }); log.sql → ['SELECT …;']
 * log.raw keeps the messages as logged; log.clear() empties both.
 */
function sqlLog() {
  const log = {
    sql: [],
    raw: [],
    logging: (msg) => {
      log.raw.push(msg);
      log.sql.push(String(msg).replace(PREFIX, ''));
    },
    clear() {
      log.sql.length = 0;
      log.raw.length = 0;
    },
  };
  return log;
}

// ------------------------------------------------------------------------------ catalog

function lit(s) {
  return `'${String(s).replace(/'/g, "''")}'`;
}

function select(s, sql) {
  return s.query(sql, { type: 'SELECT', logging: false });
}

/** Table names of a schema, sorted. */
async function tables(s, schemaName = 'public') {
  const rows = await select(s, `SELECT table_name AS t FROM information_schema.tables
    WHERE table_schema = ${lit(schemaName)} AND table_type = 'BASE TABLE' ORDER BY table_name`);
  return rows.map((r) => r.t);
}

/**
 * Columns of a table in order: [{ name, type (format_type, e.g. 'character varying(255)'),
 * nullable, default (text or null), comment (or null) }].
 */
async function columns(s, table, schemaName = 'public') {
  return select(s, `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
      NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS "default",
      col_description(a.attrelid, a.attnum) AS comment
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname = ${lit(schemaName)} AND c.relname = ${lit(table)} AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attnum`);
}

/** { column: 'type' } of a table (format_type text), in column order. */
async function columnTypes(s, table, schemaName = 'public') {
  const out = {};
  for (const c of await columns(s, table, schemaName)) out[c.name] = c.type;
  return out;
}

/** Indexes of a table: [{ name, unique, primary, def }] sorted by name. */
async function indexes(s, table, schemaName = 'public') {
  return select(s, `SELECT i.relname AS name, ix.indisunique AS "unique", ix.indisprimary AS "primary",
      pg_get_indexdef(ix.indexrelid) AS def
    FROM pg_index ix
    JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_class i ON i.oid = ix.indexrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = ${lit(schemaName)} AND t.relname = ${lit(table)}
    ORDER BY i.relname`);
}

/** Constraints of a table: [{ name, type ('p','u','f','c'), def }] sorted by name. */
async function constraints(s, table, schemaName = 'public') {
  return select(s, `SELECT con.conname AS name, con.contype::text AS type, pg_get_constraintdef(con.oid) AS def
    FROM pg_constraint con
    JOIN pg_class t ON t.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = ${lit(schemaName)} AND t.relname = ${lit(table)}
    ORDER BY con.conname`);
}

/** Enum types of a schema: { typname: [labels] }. */
async function enums(s, schemaName = 'public') {
  const rows = await select(s, `SELECT t.typname AS name, e.enumlabel AS label
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = ${lit(schemaName)} ORDER BY t.typname, e.enumsortorder`);
  const out = {};
  for (const r of rows) (out[r.name] = out[r.name] || []).push(r.label);
  return out;
}

// ------------------------------------------------------------------------------ misc

/** Rejection of a promise (or a function returning one / throwing); fails if it resolves. */
async function rejects(promiseOrFn) {
  try {
    const v = typeof promiseOrFn === 'function' ? await promiseOrFn() : await promiseOrFn;
    const e = new Error(`expected a rejection, got ${describe(v)}`);
    e.code = 'ERR_NO_REJECTION';
    throw e;
  } catch (err) {
    if (err && err.code === 'ERR_NO_REJECTION') throw err;
    return err;
  }
}

function describe(v) {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** A plain copy of an instance's dataValues (or of a plain object) with Dates replaced by '<Date>'. */
function scrubDates(obj) {
  const out = {};
  for (const [k, v] of Object.entries(obj)) out[k] = v instanceof Date ? '<Date>' : v;
  return out;
}

module.exports = {
  h,
  IMPL,
  REAL,
  implDir,
  impl,
  get Sequelize() {
    return impl().Sequelize || impl();
  },
  get DataTypes() {
    return impl().DataTypes;
  },
  get Op() {
    return impl().Op;
  },
  ours,
  server,
  hasDb,
  skipUnlessDb,
  database,
  offline,
  sqlLog,
  select,
  tables,
  columns,
  columnTypes,
  indexes,
  constraints,
  enums,
  rejects,
  scrubDates,
  lit,
};
