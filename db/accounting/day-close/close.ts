import { currentWitness } from '../../books/witness.js';
import { AppError } from '../../contract/errors.js';
import type { DayCloseRecord, DayListItem, DayStatusView, DaySummary } from '../../contract/views-accounting.js';
import type { AccountingContext } from '../../books/context.js';
import { audit } from '../../books/audit.js';
import { isDayClosed } from '../../books/day-guard.js';
import { verifyApproverPin } from '../../books/operators.js';
import type { Session } from '../../books/sessions.js';
import { dayDigest, summaryHash } from '../../books/day-digest.js';
import { problemsLine } from './reconcile.js';
import { computeDaySummary } from './summary.js';
import { currentHeads, signCheckpointAtHeads } from '../../trust/integrity/checkpoint.js';
import { query } from '../../platform/query.js';

function lastCloseHash(ctx: AccountingContext): Buffer | null {
  return query(ctx.db).value<Buffer | null>("SELECT summary_hash FROM day_closes WHERE action = 'close' ORDER BY id DESC LIMIT 1") ?? null;
}

function today(ctx: AccountingContext): string {
  return ctx.stamp().businessDate;
}

/** Today's business date and whether it is closed: cheap enough for the counter to poll. */
export function todayStatus(ctx: AccountingContext): { date: string; closed: boolean } {
  const date = today(ctx);
  return { date, closed: isDayClosed(ctx.db, date) };
}

/** The live summary of a day as it stands now. */
export function daySummary(ctx: AccountingContext, date: string): DaySummary {
  return computeDaySummary(ctx.db, date, { now: ctx.clock.now(), timeZone: ctx.settings().timeZone, keyring: ctx.keyring });
}

/**
 * The accountant's sign-off. Re-enters their own PIN as a signature (audited, with the
 * lockout of a login), then in one IMMEDIATE transaction — so no redemption slips in
 * between the check and the close — reconciles the day, refuses with what is wrong if
 * it does not add up, and stores the summary with its chained hash.
 */
export function closeDay(ctx: AccountingContext, session: Session, input: { date: string; pin: string }): DayStatusView {
  if (input.date > today(ctx)) throw new AppError('DAY_IN_FUTURE', { date: input.date });
  if (isDayClosed(ctx.db, input.date)) throw new AppError('DAY_ALREADY_CLOSED', { date: input.date });
  verifyApproverPin(ctx, session, session.operatorId, input.pin, 'day.close');
  closeVerifiedDay(ctx, session, input.date);
  return dayStatus(ctx, input.date);
}

/**
 * The close itself, once the accountant's PIN has been checked: also the catch-up's
 * step (db/reporting/catch-up.ts), which checks the PIN once for a run of days.
 */
export function closeVerifiedDay(ctx: AccountingContext, session: Session, date: string): void {
  ctx.db
    .transaction(() => {
      if (isDayClosed(ctx.db, date)) throw new AppError('DAY_ALREADY_CLOSED', { date });
      const summary = daySummary(ctx, date);
      if (!summary.reconciliation.ok) {
        throw new AppError('DAY_NOT_RECONCILED', {
          date,
          detail: problemsLine(summary.reconciliation, 'zh'),
          detailEn: problemsLine(summary.reconciliation, 'en'),
        });
      }
      const json = JSON.stringify(summary);
      const hash = summaryHash(lastCloseHash(ctx), json);
      const { createdAt } = ctx.stamp();
      const info = query(ctx.db).run(
        "INSERT INTO day_closes (business_date, action, operator_id, created_at, reason, summary, summary_hash) VALUES (?, 'close', ?, ?, NULL, ?, ?)",
        date,
        session.operatorId,
        createdAt,
        json,
        hash,
      );
      audit(ctx.db, createdAt, session.operatorId, 'day.close', `day:${date}`, {
        closeId: Number(info.lastInsertRowid),
        redemptions: summary.redemptions.count,
        points: summary.points.net,
        digest: summary.digest,
        summaryHash: hash.toString('hex'),
      });
      // The close's checks passed (the whole database since the last signed checkpoint, and
      // the day itself): the checkpoint moves here, in the same transaction, so that the
      // start-up check never has more than about a day of rows to read. Audited under the
      // close's operator; the checkpoint covers that audit row too.
      const heads = currentHeads(ctx.db, createdAt);
      audit(ctx.db, createdAt, session.operatorId, 'integrity.checkpoint', `day:${date}`, {
        ledgerId: heads.ledgerId,
        stockId: heads.stockId,
        sealId: heads.sealId ?? 0,
        afterAuditId: heads.auditId,
      });
      signCheckpointAtHeads(ctx.db, ctx.keyring, createdAt);
    })
    .immediate();
}

/** An administrator reopens a closed day; the reason stays in the record for good. */
export function reopenDay(ctx: AccountingContext, session: Session, input: { date: string; reason: string }): DayStatusView {
  if (input.reason.trim().length < 2) throw new AppError('REOPEN_REASON_REQUIRED');
  ctx.db
    .transaction(() => {
      if (!isDayClosed(ctx.db, input.date)) throw new AppError('DAY_NOT_CLOSED', { date: input.date });
      const { createdAt } = ctx.stamp();
      query(ctx.db).run(
        "INSERT INTO day_closes (business_date, action, operator_id, created_at, reason) VALUES (?, 'reopen', ?, ?, ?)",
        input.date,
        session.operatorId,
        createdAt,
        input.reason,
      );
      audit(ctx.db, createdAt, session.operatorId, 'day.reopen', `day:${input.date}`, { reason: input.reason });
    })
    .immediate();
  return dayStatus(ctx, input.date);
}

interface CloseRow {
  id: number;
  action: 'close' | 'reopen';
  operator_name: string;
  created_at: string;
  reason: string | null;
  summary: string | null;
  summary_hash: Buffer | null;
}

function closeRows(ctx: AccountingContext, date: string): CloseRow[] {
  return query(ctx.db).all<CloseRow>(
    `SELECT d.id, d.action, o.name AS operator_name, d.created_at, d.reason, d.summary, d.summary_hash
       FROM day_closes d JOIN operators o ON o.id = d.operator_id WHERE d.business_date = ? ORDER BY d.id`,
    date,
  );
}

/**
 * A day as the accountant sees it: open (with the live summary) or closed (with the
 * summary stored at close, and whether the day's rows still match its digest).
 */
export function dayStatus(ctx: AccountingContext, date: string): DayStatusView {
  const rows = closeRows(ctx, date);
  const latest = rows[rows.length - 1];
  const closed = latest?.action === 'close';
  let summary: DaySummary;
  let unchanged: boolean | null = null;
  if (closed && latest.summary) {
    summary = JSON.parse(latest.summary) as DaySummary;
    unchanged = dayDigest(ctx.db, date) === summary.digest;
  } else {
    summary = daySummary(ctx, date);
  }
  const history: DayCloseRecord[] = rows.map((r) => ({
    id: r.id,
    action: r.action,
    operatorName: r.operator_name,
    createdAt: r.created_at,
    reason: r.reason,
    summaryHash: r.summary_hash ? r.summary_hash.toString('hex') : null,
  }));
  return { businessDate: date, closed, today: today(ctx), history, summary, unchanged, witness: currentWitness(ctx.db) };
}

/**
 * Recent business days that have any rows, newest first, with whether each is closed:
 * the accountant's to-do list (a day with activity and no close stands out).
 */
export function listDays(ctx: AccountingContext, limit: number): DayListItem[] {
  const rows = ctx.db
    .prepare(
      `WITH days AS (
         SELECT business_date FROM ledger UNION SELECT business_date FROM stock_movements UNION SELECT business_date FROM day_closes
         UNION SELECT @today)
       SELECT d.business_date,
         (SELECT action FROM day_closes c WHERE c.business_date = d.business_date ORDER BY c.id DESC LIMIT 1) AS action,
         (SELECT count(*) FROM redemptions r WHERE r.business_date = d.business_date) AS redemptions,
         (SELECT count(*) FROM ledger l WHERE l.business_date = d.business_date) AS ledger_rows
       FROM days d WHERE d.business_date <= @today ORDER BY d.business_date DESC LIMIT @limit`,
    )
    .all({ today: today(ctx), limit }) as { business_date: string; action: string | null; redemptions: number; ledger_rows: number }[];
  return rows.map((r) => ({ businessDate: r.business_date, closed: r.action === 'close', redemptions: r.redemptions, ledgerRows: r.ledger_rows }));
}

/**
 * Checks every closed day still matches what was signed: the stored summary against its
 * chained hash, and the day's rows against the digest. For verify and the CLI.
 */
export function verifyClosedDays(ctx: AccountingContext): { date: string; problem: string }[] {
  const problems: { date: string; problem: string }[] = [];
  let prev: Buffer | null = null;
  for (const r of ctx.db.prepare("SELECT business_date, summary, summary_hash FROM day_closes WHERE action = 'close' ORDER BY id").all() as {
    business_date: string;
    summary: string | null;
    summary_hash: Buffer | null;
  }[]) {
    if (!r.summary || !r.summary_hash) {
      problems.push({ date: r.business_date, problem: '日结记录缺少汇总或哈希' });
      continue;
    }
    if (!summaryHash(prev, r.summary).equals(r.summary_hash)) problems.push({ date: r.business_date, problem: '日结汇总在签字后被改动（哈希不符）' });
    prev = r.summary_hash;
  }
  for (const { business_date: date } of query(ctx.db).all<{ business_date: string }>('SELECT DISTINCT business_date FROM day_closes ORDER BY business_date')) {
    const last = closeRows(ctx, date).at(-1);
    if (last?.action !== 'close' || !last.summary) continue;
    const stored = (JSON.parse(last.summary) as DaySummary).digest;
    if (dayDigest(ctx.db, date) !== stored) problems.push({ date, problem: '已日结当天的数据与签字时不一致' });
  }
  return problems;
}
