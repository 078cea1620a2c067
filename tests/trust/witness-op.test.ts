import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS, keyedChainHash, requireBooksKey } from '../../db/books/hash-chain.js';
import { ledgerFields, type LedgerRowForHash } from '../../db/books/ledger.js';
import { currentWitness, parseWitness } from '../../db/books/witness.js';
import { freshCore, login } from '../helpers/core.js';

const admin = (env: ReturnType<typeof freshCore>) => login(env.core, 'admin');

/** A sale by the keeper; returns its receipt's witness code (as printed on the receipt). */
function sell(env: ReturnType<typeof freshCore>, requestId: string): string {
  const k = login(env.core, 'keeper');
  const hh = env.core.db.prepare('SELECT household_id FROM accounts ORDER BY balance DESC LIMIT 1').pluck().get() as number;
  const goods = k.call('goods.catalog', {}).goods.find((g) => g.stock > 5 && g.pointsPrice <= 20)!;
  const id = k.call('redemption.create', { requestId, householdId: hh, passbookId: 1, lines: [{ goodsId: goods.id, quantity: 1 }] }).id;
  return k.call('redemption.get', { redemptionId: id }).witness!;
}

describe('integrity.witness: codes from paper checked through dispatch', () => {
  let env: ReturnType<typeof freshCore>;
  beforeEach(() => {
    env = freshCore({ demo: true, households: 10 });
  });
  afterEach(() => env.close());

  it('held, malformed, rewritten with the key, cut; zh and en messages name the rows', () => {
    const admin = login(env.core, 'admin');
    const code = sell(env, 'witness-op-1');
    sell(env, 'witness-op-2');
    const ledgerId = parseWitness(code)!.ledgerId;

    const [held, typed, bad] = admin.call('integrity.witness', { codes: [code, code.toLowerCase().replace('#', ''), '#12 ABCD'] });
    expect(held).toMatchObject({ code, outcome: 'held', ledgerId });
    expect(held!.message.zh).toContain(`至台账第 ${ledgerId} 行`);
    expect(held!.message.en).toContain(`up to ledger row ${ledgerId}`);
    expect(typed).toMatchObject({ outcome: 'held', ledgerId });
    expect(bad).toMatchObject({ outcome: 'malformed', message: { zh: expect.stringContaining('不是见证码') as string } });

    // Someone holding the key rewrites an older row and re-hashes the chain: verify would pass,
    // the paper does not.
    const db = env.core.db;
    db.exec('DROP TRIGGER ledger_no_update');
    db.prepare("UPDATE ledger SET note = 'rewritten' WHERE id = ?").run(ledgerId - 3);
    let prev: Buffer = GENESIS;
    for (const r of db.prepare('SELECT * FROM ledger ORDER BY id').all() as (LedgerRowForHash & { id: number })[]) {
      prev = keyedChainHash(requireBooksKey(db), prev, ledgerFields(r));
      db.prepare('UPDATE ledger SET hash = ? WHERE id = ?').run(prev, r.id);
    }
    const [rewritten] = admin.call('integrity.witness', { codes: [code] });
    expect(rewritten).toMatchObject({ outcome: 'rewritten', ledgerId });
    expect(rewritten!.message.zh).toContain(`第 ${ledgerId} 行或之前被改写`);
    expect(rewritten!.message.en).toContain(`at or before ledger row ${ledgerId}`);
    // A code taken now holds against the rewritten books: the op compares, it does not guess.
    const now = currentWitness(db)!;
    expect(admin.call('integrity.witness', { codes: [now] })[0]).toMatchObject({ outcome: 'held' });

    db.exec('DROP TRIGGER ledger_no_delete');
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM ledger WHERE id >= ?').run(ledgerId);
    const [cut] = admin.call('integrity.witness', { codes: [code] });
    expect(cut).toMatchObject({ outcome: 'cut', ledgerId, lastId: ledgerId - 1 });
    expect(cut!.message.zh).toContain(`止于第 ${ledgerId - 1} 行`);
    expect(cut!.message.en).toContain(`end at row ${ledgerId - 1}`);
  });

  it('admin only, 1–20 codes, each a short printable string', () => {
    const code = sell(env, 'witness-op-3');
    for (const role of ['keeper', 'accountant'] as const) {
      const r = login(env.core, role).call.raw('integrity.witness', { codes: [code] });
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const admin = login(env.core, 'admin');
    for (const codes of [[], Array.from({ length: 21 }, () => code), [''], ['#1 ABCD-EFGH\u0007'], ['x'.repeat(41)], 'not a list']) {
      const r = admin.call.raw('integrity.witness', { codes });
      expect(r.ok, JSON.stringify(codes)).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(admin.call('integrity.witness', { codes: Array.from({ length: 20 }, () => code) })).toHaveLength(20);
  });

  it('the day-close view (which the A4 day sheet prints) carries the books code, the same as the slip', () => {
    sell(env, 'witness-op-4');
    const acc = login(env.core, 'accountant');
    const status = acc.call('dayClose.status', { date: env.core.stamp().businessDate });
    expect(status.witness).toBe(currentWitness(env.core.db));
    expect(admin(env).call('integrity.witness', { codes: [status.witness!] })[0]).toMatchObject({ outcome: 'held' });
  });
});
