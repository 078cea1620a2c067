/**
 * Closing a busy day (5,000 redemptions): the day's summary and reconciliation, timed
 * repeatedly, then the real close once (which also re-enters the accountant's PIN, a
 * deliberately slow scrypt check, reported apart). Without the day-close feature in the
 * tree, the reconciliation queries such a close needs are timed instead, and said so.
 */
import type { Core } from '../../../db/core.js';
import type { Session } from '../../../db/services/sessions.js';
import { chainHash } from '../../../db/services/hash-chain.js';
import { ledgerFields, type LedgerRowForHash } from '../../../db/services/ledger.js';
import { DEMO_OPERATORS } from '../../../db/demo/village.js';
import { login } from '../../helpers/core.js';
import type { BenchDb } from '../build/database.js';
import type { BenchConfig } from '../config.js';
import { optionalModule } from '../optional.js';
import { ms, type CaseResult } from '../result.js';
import { summarize, timeSync } from '../stats.js';

interface DayClose {
  daySummary(core: Core, date: string): { redemptions: { count: number }; reconciliation: { ok: boolean } };
  closeDay(core: Core, session: Session, input: { date: string; pin: string }): unknown;
}

/** What any day close must compute: totals from the rows, and the day's chain re-hashed. */
function standInReconcile(core: Core, date: string): number {
  const db = core.db;
  const r = db.prepare('SELECT count(*) AS n, COALESCE(SUM(total), 0) AS pts FROM redemptions WHERE business_date = ?').get(date) as { n: number; pts: number };
  const lines = db
    .prepare('SELECT COALESCE(SUM(l.line_points), 0) FROM redemption_lines l JOIN redemptions r ON r.id = l.redemption_id WHERE r.business_date = ?')
    .pluck()
    .get(date) as number;
  const ledger = db.prepare('SELECT kind, count(*) AS n, SUM(amount) AS pts FROM ledger WHERE business_date = ? GROUP BY kind').all(date) as { kind: string; pts: number }[];
  db.prepare('SELECT goods_id, kind, SUM(quantity) FROM stock_movements WHERE business_date = ? GROUP BY goods_id, kind').all(date);
  for (const row of db
    .prepare(`SELECT id, household_id, passbook_id, kind, amount, balance_after, honour_delta, business_date, created_at, operator_id,
      ref_type, ref_id, corrects_id, note, prev_hash, hash FROM ledger WHERE business_date = ? ORDER BY id`)
    .iterate(date) as IterableIterator<LedgerRowForHash & { prev_hash: Buffer; hash: Buffer }>) {
    if (!chainHash(row.prev_hash, ledgerFields(row)).equals(row.hash)) throw new Error('chain broken');
  }
  const redeemed = -(ledger.find((l) => l.kind === 'redemption')?.pts ?? 0);
  if (lines !== r.pts || redeemed !== r.pts) throw new Error('the stand-in reconciliation does not add up');
  return r.n;
}

export async function dayCloseCase(core: Core, bench: BenchDb, cfg: BenchConfig): Promise<CaseResult> {
  const dc = await optionalModule<DayClose>('db/services/day-close/close.ts', ['daySummary', 'closeDay']);
  const date = bench.today;
  const runs: number[] = [];
  let count = 0;
  for (let i = 0; i < cfg.dayCloseRuns; i++) {
    const t = timeSync(() => {
      if (!dc) return standInReconcile(core, date);
      const s = dc.daySummary(core, date);
      if (!s.reconciliation.ok) throw new Error('the busy day does not reconcile');
      return s.redemptions.count;
    });
    count = t.value;
    runs.push(t.ms);
  }
  const s = summarize(runs);
  const data: Record<string, unknown> = { runs, summary: s, redemptionsInDay: count, via: dc ? 'daySummary' : 'stand-in queries' };
  let note = dc ? '' : 'day-close feature not in the tree: timed the reconciliation queries it needs';
  if (dc) {
    const accountant = login(core, 'accountant');
    const session = core.sessions.touch(accountant.token);
    if (session === null || session === 'expired') throw new Error('no accountant session');
    const pin = DEMO_OPERATORS.find((o) => o.role === 'accountant')!.pin;
    const close = timeSync(() => dc.closeDay(core, session, { date, pin }));
    data.closeDayMs = close.ms;
    note = `the real closeDay once: ${ms(close.ms)}, including the PIN re-check (scrypt)`;
  }
  return {
    id: 'day-close',
    title: `Day close of a busy day (${dc ? 'daySummary + closeDay' : 'stand-in'})`,
    size: `${count.toLocaleString('en')} redemptions in the day`,
    target: '≤ 200 ms',
    figure: `median ${ms(s.median)}, p99 ${ms(s.p99)}`,
    met: s.p99 <= 200,
    note,
    data,
  };
}
