'use strict';
// Issue 3's acceptance flow: the Getting Started manual (seeds/001; reconstructed in
// fixtures/getting-started.js) run as a user would — `node getting-started.js` in a project whose
// node_modules/sequelize is the implementation — with only the connection URIs substituted.
// Asserts its output: the default console.log logging of every statement, the printed instances,
// the define-defaults (timestamps:false) + per-model timestamps:true tables, and a clean exit.
// With SEQ_IMPL=<real sequelize> the same assertions hold (real Sequelize lingers ~10 s at the end).

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const mh = require('./model-helpers');

const { h } = mh;
const db = mh.database('gs');

const FIXTURE = path.join(__dirname, 'fixtures', 'getting-started.js');
const PLACEHOLDERS = ["'postgres://user:pass@example.com:5432/dbname'", "'connectionUri'"];
// Our product exits right after its last query; real Sequelize keeps its pool ~10 s per instance.
const TIMEOUT_MS = mh.REAL ? 90000 : 30000;

const INDEX_QUERY = (table) => 'SELECT i.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique, '
  + 'ix.indkey AS indkey, array_agg(a.attnum) as column_indexes, array_agg(a.attname) AS column_names, '
  + 'pg_get_indexdef(ix.indexrelid) AS definition FROM pg_class t, pg_class i, pg_index ix, pg_attribute a '
  + 'WHERE t.oid = ix.indrelid AND i.oid = ix.indexrelid AND a.attrelid = t.oid AND t.relkind = \'r\' and '
  + `t.relname = '${table}' GROUP BY i.relname, ix.indexrelid, ix.indisprimary, ix.indisunique, ix.indkey ORDER BY i.relname;`;
const USER_COLUMNS = '"id", "firstName", "lastName", "createdAt", "updatedAt"';

function show(r) {
  return `exit ${r.code}${r.signal ? ` signal ${r.signal}` : ''}${r.timedOut ? ' (timed out)' : ''}\n`
    + `--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

/** The URI the script gets: the file's database, with TLS required when the server needs it. */
function scriptUri() {
  const srv = mh.server();
  if (!srv.tls || !srv.local) return db.url;
  return `${db.url}${db.url.includes('?') ? '&' : '?'}sslmode=require`;
}

test('the Getting Started manual runs unchanged (only the URIs substituted) and prints what Sequelize prints',
  { timeout: TIMEOUT_MS + 30000 }, async (t) => {
    if (mh.skipUnlessDb(t)) return;
    const { dir, cleanup } = h.tmpDir('sequelize-rs-getting-started-');
    t.after(cleanup);

    // the project: node_modules/sequelize → the implementation under test
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(mh.implDir(), path.join(dir, 'node_modules', 'sequelize'), 'dir');
    let src = fs.readFileSync(FIXTURE, 'utf8');
    const uri = scriptUri();
    for (const p of PLACEHOLDERS) {
      assert.ok(src.includes(p), `placeholder ${p} in the fixture`);
      src = src.split(p).join(`'${uri.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
    }
    fs.writeFileSync(path.join(dir, 'getting-started.js'), src);

    const r = await h.runNode(['getting-started.js'], { cwd: dir, env: h.childEnv({ TZ: 'UTC' }), timeoutMs: TIMEOUT_MS });
    assert.ok(!r.timedOut, `did not exit by itself within ${TIMEOUT_MS} ms\n${show(r)}`);
    assert.equal(r.code, 0, show(r));
    assert.doesNotMatch(r.stderr, /Unable to connect|Getting started failed/, show(r));

    const lines = r.stdout.split('\n');
    assert.ok(lines.includes('Connection has been established successfully.'), show(r));
    assert.ok(lines.includes('Executing (default): SELECT 1+1 AS result'), show(r));

    // Every statement is logged with console.log, in this order (authenticate runs concurrently)
    const executed = lines.filter((l) => l.startsWith('Executing (default): ') && l !== 'Executing (default): SELECT 1+1 AS result')
      .map((l) => l.slice('Executing (default): '.length));
    const firstPart = executed.slice(0, 7);
    assert.deepEqual(firstPart, [
      'DROP TABLE IF EXISTS "users" CASCADE;',
      'CREATE TABLE IF NOT EXISTS "users" ("id"   SERIAL , "firstName" VARCHAR(255), "lastName" VARCHAR(255), '
        + '"createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));',
      INDEX_QUERY('users'),
      'INSERT INTO "users" ("id","firstName","lastName","createdAt","updatedAt") VALUES (DEFAULT,$1,$2,$3,$4) '
        + 'RETURNING "id","firstName","lastName","createdAt","updatedAt";',
      `SELECT ${USER_COLUMNS} FROM "users" AS "user";`,
      `SELECT ${USER_COLUMNS} FROM "users" AS "user" LIMIT 1;`,
      `SELECT ${USER_COLUMNS} FROM "users" AS "user" LIMIT 1;`,
    ], show(r));
    // the define-defaults part: users without timestamps, posts with them
    const rest = executed.slice(7);
    assert.deepEqual(rest.filter((q) => q.startsWith('CREATE TABLE') || q.startsWith('INSERT')), [
      'CREATE TABLE IF NOT EXISTS "users" ("id"   SERIAL , PRIMARY KEY ("id"));',
      'CREATE TABLE IF NOT EXISTS "posts" ("id"   SERIAL , "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, '
        + '"updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));',
      'INSERT INTO "users" ("id") VALUES (DEFAULT) RETURNING "id";',
      'INSERT INTO "posts" ("id","createdAt","updatedAt") VALUES (DEFAULT,$1,$2) RETURNING "id","createdAt","updatedAt";',
    ], show(r));
    assert.ok(rest.includes('DROP TABLE IF EXISTS "users" CASCADE;') && rest.includes('DROP TABLE IF EXISTS "posts" CASCADE;'), show(r));

    // console.log(users): util.inspect of an array of `user` instances
    const out = r.stdout;
    const printed = out.slice(out.indexOf(`SELECT ${USER_COLUMNS} FROM "users" AS "user";`), out.indexOf('LIMIT 1;'));
    assert.match(printed, /^\[\n {2}user \{\n {4}dataValues: \{\n {6}id: 1,\n {6}firstName: 'John',\n {6}lastName: 'Hancock',\n {6}createdAt: \d{4}-\d\d-\d\dT[\d:.]+Z,\n {6}updatedAt: \d{4}-\d\d-\d\dT[\d:.]+Z\n {4}\},$/m, show(r));
    assert.match(printed, /^ {4}isNewRecord: false\n {2}\}\n\]$/m, show(r));
    // user.get('firstName') twice (promise form, async/await form)
    assert.equal(lines.filter((l) => l === 'John').length, 2, show(r));
    // the two JSON.stringify lines
    assert.ok(lines.includes('{"id":1}'), show(r));
    assert.ok(lines.some((l) => /^\{"id":1,"updatedAt":"\d{4}-\d\d-\d\dT[\d:.]+Z","createdAt":"\d{4}-\d\d-\d\dT[\d:.]+Z"\}$/.test(l)), show(r));
    // the order of the printed results within the flow
    const at = (s) => lines.indexOf(s);
    assert.ok(at('{"id":1}') > lines.lastIndexOf('John'), show(r));
  });
