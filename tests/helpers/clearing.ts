/**
 * A store for clearing tests: the demo village on a real database file, a clock the test
 * moves, and a way to write a household's history straight into the ledger (the rows the
 * counter, the notices and the transfers write) so that months of history take no time.
 */
import type { LedgerKind } from '../../db/contract/views.js';
import { postToLedger } from '../../db/books/ledger.js';
import { freshCore, login, TestClock } from './core.js';
import { points as toPoints } from '../../db/domain/amounts.js';

export function clearingEnv(start: string, households = 4) {
  const clock = new TestClock(new Date(`${start}T02:00:00Z`));
  const env = freshCore({ demo: true, households, clock });
  let admin = login(env.core, 'admin');
  const ids = env.core.db.prepare("SELECT id FROM households WHERE status = 'active' ORDER BY id").pluck().all() as number[];
  let n = 0;
  return {
    ...env,
    households: ids,
    get admin() {
      return admin;
    },
    today: () => env.core.stamp().businessDate,
    /** Moves the clock to the morning of `date` (never backwards); sessions expire, so log in again. */
    setDay(date: string) {
      const t = new Date(`${date}T02:00:00Z`);
      if (t < clock.t) throw new Error(`the clock never goes back: ${date}`);
      clock.t = t;
      admin = login(env.core, 'admin');
    },
    advanceDays(days: number) {
      clock.advance(days * 86_400_000);
      admin = login(env.core, 'admin');
    },
    rid: () => `clearing-${++n}`,
    /** A passbook of its own (no history) that clears on `clearOn` each year. */
    passbook(clearOn: string): number {
      return admin.call('passbooks.save', { code: `t${++n}`, name: `测试存折${n}`, spendable: true, clearOn }).id;
    },
    /** One ledger row dated today, as the services write it; returns its id. */
    post(householdId: number, passbookId: number, kind: LedgerKind, amount: number, correctsId: number | null = null): number {
      const stamp = env.core.stamp();
      return env.core.db.transaction(
        () =>
          postToLedger(env.core.db, {
            householdId,
            passbookId,
            kind,
            amount: toPoints(amount),
            honourDelta: toPoints(kind === 'award' ? amount : 0),
            operatorId: admin.operatorId,
            correctsId,
            refType: kind,
            ...stamp,
          }).ledgerId,
      )();
    },
    balance(householdId: number, passbookId: number): number {
      return (
        (env.core.db.prepare('SELECT balance FROM accounts WHERE household_id = ? AND passbook_id = ?').pluck().get(householdId, passbookId) as
          number | undefined) ?? 0
      );
    },
    /** What a clearing took from each household, read back from its ledger rows. */
    clearedBy(clearingId: number): Map<number, number> {
      const rows = env.core.db.prepare("SELECT household_id, -amount AS n FROM ledger WHERE kind = 'clearing' AND ref_id = ?").all(clearingId) as {
        household_id: number;
        n: number;
      }[];
      return new Map(rows.map((r) => [r.household_id, r.n]));
    },
  };
}
export type ClearingEnv = ReturnType<typeof clearingEnv>;
