'use strict';
// sequelize.transaction(): managed and unmanaged, isolation level, nested savepoints, routing of
// queries and model calls to the held connection, finished-transaction errors, pool accounting.
const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');

const { Sequelize } = h;

function make(options = {}) {
  return new Sequelize(h.url('app', { application_name: h.uniqueAppName('tx') }), {
    logging: false, dialectOptions: { ssl: h.sslOptions() }, ...options,
  });
}

test('managed transactions commit, or roll back and rethrow', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  const lines = [];
  const s = make({ logging: (m) => lines.push(m) });
  try {
    const A = s.define('tx_acc', { name: Sequelize.STRING, bal: Sequelize.INTEGER }, { timestamps: false });
    await A.sync({ force: true });
    lines.length = 0;
    const result = await s.transaction(async (tx) => {
      await A.create({ name: 'a', bal: 1 }, { transaction: tx });
      const [rows] = await s.query('SELECT txid_current_if_assigned() IS NOT NULL AS intx', { transaction: tx });
      assert.equal(rows[0].intx, true);
      return 'done';
    });
    assert.equal(result, 'done');
    const id = /^Executing \(([0-9a-f-]{36})\): START TRANSACTION;$/.exec(lines[0]);
    assert.ok(id, lines[0]);
    assert.equal(lines[lines.length - 1], `Executing (${id[1]}): COMMIT;`);
    const boom = new Error('boom');
    await assert.rejects(s.transaction(async (tx) => {
      await A.create({ name: 'b', bal: 1 }, { transaction: tx });
      throw boom;
    }), (e) => e === boom);
    assert.match(lines[lines.length - 1], /\): ROLLBACK;$/);
    assert.deepEqual((await A.findAll({ raw: true, attributes: ['name'] })).map((r) => r.name), ['a']);
    assert.equal(s.poolStatus().size - s.poolStatus().available, 0, 'connections returned to the pool');
  } finally {
    await s.close();
  }
});

test('unmanaged transactions, isolation level, savepoints, finished errors', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  const lines = [];
  const s = make({ logging: (m) => lines.push(m) });
  try {
    const A = s.define('tx_acc2', { name: Sequelize.STRING, bal: Sequelize.INTEGER }, { timestamps: false });
    await A.sync({ force: true });
    await A.create({ name: 'a', bal: 1 });
    lines.length = 0;
    const tx = await s.transaction({ isolationLevel: Sequelize.Transaction.ISOLATION_LEVELS.SERIALIZABLE });
    assert.equal(tx.finished, undefined);
    const [[iso]] = await s.query('SHOW transaction_isolation', { transaction: tx, type: 'RAW' }).then((r) => [r]);
    assert.equal(iso.transaction_isolation, 'serializable');
    await A.update({ bal: 5 }, { where: { name: 'a' }, transaction: tx });
    const inner = await s.transaction({ transaction: tx });
    await A.create({ name: 'c' }, { transaction: tx });
    await inner.rollback();
    // Outside the transaction the update is not visible yet.
    assert.equal((await A.findOne({ where: { name: 'a' }, raw: true })).bal, 1);
    assert.equal(await tx.commit(), undefined);
    assert.equal(tx.finished, 'commit');
    assert.deepEqual(await A.findAll({ raw: true, attributes: ['name', 'bal'], order: [['name', 'ASC']] }), [{ name: 'a', bal: 5 }]);
    assert.ok(lines.includes(`Executing (${tx.id}): SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;`));
    assert.ok(lines.includes(`Executing (${tx.id}): SAVEPOINT "${tx.id}-sp-1";`));
    assert.ok(lines.includes(`Executing (${tx.id}): ROLLBACK TO SAVEPOINT "${tx.id}-sp-1";`));
    await assert.rejects(tx.commit(), { message: 'Transaction cannot be committed because it has been finished with state: commit' });
    const used = await A.findAll({ transaction: tx }).catch((e) => e);
    assert.equal(used.message, `commit has been called on this transaction(${tx.id}), you can no longer use it. (The rejected query is attached as the 'sql' property of this error)`);
    const rb = await s.transaction();
    await rb.rollback();
    assert.equal(rb.finished, 'rollback');
    let after = 0;
    const ac = await s.transaction();
    ac.afterCommit(() => { after += 1; });
    await ac.commit();
    assert.equal(after, 1);
  } finally {
    await s.close();
  }
});

test('a row lock taken in a transaction blocks another transaction until commit', async (t) => {
  if (h.skipUnlessDatabase(t)) return;
  const s = make({ pool: { max: 3 } });
  try {
    const A = s.define('tx_lock', { name: Sequelize.STRING }, { timestamps: false });
    await A.sync({ force: true });
    await A.create({ name: 'x' });
    const t1 = await s.transaction();
    await A.findAll({ where: { name: 'x' }, lock: true, transaction: t1 });
    const t2 = await s.transaction();
    let got = false;
    const waiting = A.findAll({ where: { name: 'x' }, lock: true, transaction: t2 }).then(() => { got = true; });
    await h.sleep(200);
    assert.equal(got, false, 'second FOR UPDATE waits');
    await t1.commit();
    await waiting;
    assert.equal(got, true);
    await t2.commit();
  } finally {
    await s.close();
  }
});
