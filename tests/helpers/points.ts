/** Shared set-up for the points tests: the demo village (with its adopted rule book) and its three operators. */
import type { RuleBookView, RuleItemView } from '../../db/contract/index.js';
import { freshCore, login, TestClock } from './core.js';

export const DAY_MS = 86_400_000;

export function pointsEnv(opts: { households?: number } = {}) {
  const clock = new TestClock();
  const env = freshCore({ demo: true, households: opts.households ?? 12, clock });
  let n = 0;
  const actors = () => ({ admin: login(env.core, 'admin'), accountant: login(env.core, 'accountant'), keeper: login(env.core, 'keeper') });
  let who = actors();
  const today = () => env.core.stamp().businessDate;
  const book = who.admin.call('rules.inForce', { date: today() }) as RuleBookView;
  const item = (code: string): RuleItemView => book.items.find((i) => i.code === code)!;
  const households = env.core.db.prepare("SELECT id FROM households WHERE status = 'active' ORDER BY id").pluck().all() as number[];
  const balance = (householdId: number, passbookId = 1): number =>
    (env.core.db.prepare('SELECT balance FROM accounts WHERE household_id = ? AND passbook_id = ?').pluck().get(householdId, passbookId) as
      number | undefined) ?? 0;
  return {
    ...env,
    clock,
    get who() {
      return who;
    },
    /** Moves the clock on by whole days; sessions expire meanwhile, so everyone logs in again. */
    advanceDays(days: number) {
      clock.advance(days * DAY_MS);
      who = actors();
    },
    rid: (prefix = 'req') => `${prefix}-${++n}-test`,
    today,
    book,
    item,
    households,
    balance,
  };
}
export type PointsEnv = ReturnType<typeof pointsEnv>;
