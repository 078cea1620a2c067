/**
 * Clearing in the open: the list of what a clearing took (printed and posted afterwards),
 * and the counter's warning to a household whose points clear within 30 days.
 */
import { AppError } from '../contract/errors.js';
import type { ClearedList, ClearingSoon } from '../contract/views-points.js';
import type { StoreContext } from '../books/context.js';
import { clearingDayIn } from './passbooks-clearing.js';
import { query } from '../platform/query.js';

/** How far ahead the counter warns. */
export const WARN_DAYS = 30;

export function clearedList(ctx: StoreContext, passbookId: number, clearDate: string): ClearedList {
  const c = query(ctx.db).get<{ id: number; passbook_name: string; business_date: string; run_by: string }>(
    `SELECT c.id, p.name AS passbook_name, c.business_date, o.name AS run_by FROM clearings c
       JOIN passbooks p ON p.id = c.passbook_id JOIN operators o ON o.id = c.run_by WHERE c.passbook_id = ? AND c.clear_date = ?`,
    passbookId,
    clearDate,
  );
  if (!c) throw new AppError('CLEARING_NOT_RUN', { date: clearDate });
  const households = ctx.db
    .prepare(
      `SELECT h.number, h.head_name AS headName, g.name AS groupName, -l.amount AS cleared, l.balance_after AS remains
       FROM ledger l JOIN households h ON h.id = l.household_id JOIN village_groups g ON g.id = h.group_id
       WHERE l.kind = 'clearing' AND l.ref_type = 'clearing' AND l.ref_id = ? ORDER BY g.sort, h.number`,
    )
    .all(c.id) as ClearedList['households'];
  return {
    villageName: ctx.settings().villageName,
    passbookName: c.passbook_name,
    clearDate,
    ranOn: c.business_date,
    runBy: c.run_by,
    households,
    totalPoints: households.reduce((s, h) => s + h.cleared, 0),
  };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Passbooks of this household whose clearing day comes within WARN_DAYS (today included) and
 * has not been run. Everything it holds now was earned before that day, so what will clear
 * is its balance now less whatever it spends before then.
 */
export function clearingSoon(ctx: StoreContext, householdId: number): ClearingSoon[] {
  const today = ctx.stamp().businessDate;
  const horizon = addDays(today, WARN_DAYS);
  const rows = query(ctx.db).all<{ id: number; name: string; clear_on: string; balance: number }>(
    `SELECT p.id, p.name, p.clear_on, a.balance FROM passbooks p JOIN accounts a ON a.passbook_id = p.id AND a.household_id = ?
       WHERE p.clear_on IS NOT NULL AND a.balance > 0 ORDER BY p.sort, p.id`,
    householdId,
  );
  const out: ClearingSoon[] = [];
  for (const r of rows) {
    const year = Number(today.slice(0, 4));
    // This year's day, or next year's when this year's has passed (a window across 12-31).
    const day = [clearingDayIn(r.clear_on, String(year)), clearingDayIn(r.clear_on, String(year + 1))].find((d) => d >= today && d <= horizon);
    if (!day) continue;
    if (query(ctx.db).get('SELECT 1 FROM clearings WHERE passbook_id = ? AND clear_date = ?', r.id, day)) continue;
    const daysLeft = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
    out.push({ passbookId: r.id, passbookName: r.name, clearDate: day, daysLeft, points: r.balance });
  }
  return out;
}
