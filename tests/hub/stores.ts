/**
 * Two real village stores for the hub's tests, made as a village would: `cli init --demo`,
 * registered with the township, a few days of sales with a void each, closed (the demo's
 * weeks of history caught up with `closeThrough`), and exported as report files. Later
 * states (more days, a rewritten history) are exported into folders of their own so each
 * engine's suite can import the same files.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Core } from '../../db/core.js';
import type { GoodsItem, HouseholdSummary } from '../../db/contract/index.js';
import { buildPendingReports } from '../../db/reporting/build.js';
import { closeThrough } from '../../db/reporting/catch-up.js';
import { writeReportFiles } from '../../db/reporting/outbox.js';
import { login, TestClock } from '../helpers/core.js';

const DAY = 86_400_000;

export interface StoreSums {
  lastDay: string;
  households: number;
  awarded: number;
  deducted: number;
  redeemed: number;
  outstanding: number;
  receipts: number;
  voids: number;
  /** The store's own stock report (goods stock × current price): what the hub's stock value must equal. */
  stockPoints: number;
  stockFen: number;
}

export class TestStore {
  readonly core: Core;
  readonly clock: TestClock;
  /** The business dates of the days this test sold on, in order. */
  readonly days: string[] = [];
  private n = 0;

  constructor(
    readonly dir: string,
    readonly code: string,
    readonly village: string,
  ) {
    execFileSync(join('node_modules', '.bin', 'tsx'), ['hosts/cli/main.ts', 'init', '--data', dir, '--demo'], { stdio: 'pipe', timeout: 120_000 });
    // The next morning at 09:00 in the village (01:00 UTC): a day's sales never cross midnight,
    // whatever time of day the tests run (they failed when started at 22:40 Shanghai time).
    const now = new Date();
    this.clock = new TestClock(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 1, 0, 0)));
    this.core = new Core({ dataDir: dir, clock: this.clock });
    const admin = login(this.core, 'admin');
    admin.call('hub.register', { villageCode: code, villageName: village, townshipName: '测试镇' });
  }

  /** The registration file (registering again with the same names gives it again). */
  registrationFile(): string {
    return login(this.core, 'admin').call('hub.register', { villageCode: this.code, villageName: this.village, townshipName: '测试镇' }).file;
  }

  /** A day at the counter: `sales` receipts, the first of them voided when `voidOne`. */
  sellDay(sales: number, voidOne: boolean): void {
    const keeper = login(this.core, 'keeper');
    const goods = keeper
      .call('goods.catalog', {})
      .goods.filter((g: GoodsItem) => g.stock > 3)
      .sort((a, b) => a.pointsPrice - b.pointsPrice);
    const receipts: number[] = [];
    for (let i = 0; i < sales; i++) {
      const found = keeper.call('counter.lookup', { query: `01-00${1 + (i % 5)}` });
      const h: HouseholdSummary | null = found.kind === 'household' ? found.household : found.kind === 'matches' ? found.matches[0]! : null;
      if (!h) throw new Error('no household');
      const r = keeper.call('redemption.create', {
        requestId: `t-${this.code}-${++this.n}`,
        householdId: h.id,
        passbookId: 1,
        lines: [{ goodsId: goods[i % 2]!.id, quantity: 1 }],
      });
      receipts.push(r.id);
      this.clock.advance(7 * 60_000);
    }
    if (voidOne) {
      const admin = login(this.core, 'admin');
      keeper.call('redemption.void', {
        requestId: `v-${this.code}-${++this.n}`,
        redemptionId: receipts[0]!,
        reason: '顾客退货',
        approverId: admin.operatorId,
        approverPin: '9999',
      });
    }
    this.days.push(this.core.stamp().businessDate);
  }

  /** Moves to the next day and closes everything up to the day before (the catch-up). */
  nextDayAndClose(): void {
    const closing = this.core.stamp().businessDate;
    this.clock.advance(DAY);
    const accountant = login(this.core, 'accountant');
    const session = this.core.sessions.touch(accountant.token);
    if (!session || session === 'expired') throw new Error('no session');
    closeThrough(this.core, session, { through: closing, pin: '5678' });
  }

  /** An administrator reopens a closed day (with a reason) and the accountant closes it again. */
  reopenAndClose(date: string): void {
    login(this.core, 'admin').call('dayClose.reopen', { date, reason: '核对后重新日结' });
    login(this.core, 'accountant').call('dayClose.closeThrough', { through: date, pin: '5678' });
  }

  export(folder: string, all = false): string[] {
    buildPendingReports(this.core);
    return writeReportFiles(this.core, folder, { all }).written;
  }

  /** What the store's own ledger says, through a day: the numbers the hub must match. */
  sums(through: string): StoreSums {
    const q = (sql: string) => this.core.db.prepare(sql).pluck().get(through) as number;
    const end = this.core.db.prepare("SELECT MAX(created_at) FROM day_closes WHERE business_date = ? AND action = 'close'").pluck().get(through) as string;
    return {
      lastDay: through,
      households: this.core.db.prepare('SELECT count(*) FROM households WHERE created_at <= ?').pluck().get(end) as number,
      awarded: q("SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE kind = 'award' AND business_date <= ?"),
      deducted: -q("SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE kind = 'deduction' AND business_date <= ?"),
      redeemed: -q("SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE kind IN ('redemption', 'void') AND business_date <= ?"),
      outstanding: q('SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE business_date <= ?'),
      receipts: q('SELECT count(*) FROM redemptions WHERE business_date <= ?'),
      voids: q('SELECT count(*) FROM voids WHERE business_date <= ?'),
      ...this.stockValue(),
    };
  }

  /**
   * The stock report's totals as the store shows them now (call right after the day's
   * close, before anything else moves): the reference for the hub's closing stock value.
   */
  stockValue(): { stockPoints: number; stockFen: number } {
    const r = login(this.core, 'admin').call('stock.report', { includeRetired: true });
    return { stockPoints: r.totals.points, stockFen: r.totals.fen };
  }

  close(): void {
    this.core.close();
  }
}

export function filesIn(folder: string): string[] {
  return readdirSync(folder).sort();
}
