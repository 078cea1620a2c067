/**
 * Statistics for the accountant and the village committee: where points come from,
 * where they go, what the store owes (points outstanding at the village's yuan rate),
 * which goods move, what the stock is worth, and which households never come.
 */
import type { CategoryPoints, NeverRedeemedPage, StatsView } from '../contract/views-accounting.js';
import type { Fen } from '../domain/amounts.js';
import type { Db } from '../platform/open.js';
import { query } from '../platform/query.js';

/**
 * A ledger row's category: an award or deduction posted from a point entry takes the rule
 * item's category as it was snapshotted on the entry (so revising the rule book never moves
 * old points); other rows fall back to the first word of their note.
 */
function categoryExpr(l: string): string {
  const fallback = `COALESCE(NULLIF(TRIM(CASE WHEN instr(TRIM(${l}.note), ' ') > 0 THEN substr(TRIM(${l}.note), 1, instr(TRIM(${l}.note), ' ') - 1)
    ELSE TRIM(${l}.note) END), ''), CASE ${l}.kind WHEN 'award' THEN '加分（未分类）' ELSE '扣分（未分类）' END)`;
  return `COALESCE(CASE WHEN ${l}.ref_type = 'entry' THEN (SELECT e.rule_category FROM point_entries e WHERE e.id = ${l}.ref_id) END, ${fallback})`;
}

function byCategory(db: Db, kind: 'award' | 'deduction', from: string, to: string): CategoryPoints[] {
  return query(db).all<CategoryPoints>(
    `SELECT ${categoryExpr('l')} AS category, ABS(SUM(l.amount)) AS points, count(*) AS count
       FROM ledger l WHERE l.kind = ? AND l.business_date BETWEEN ? AND ?
       GROUP BY category ORDER BY points DESC, category`,
    kind,
    from,
    to,
  );
}

/** How many goods the screen's chart draws; the list under it and the export hold every good. */

/**
 * Active households with no redemption that stands (voided ones do not count). Shared by
 * the screen's count, its paged list and the export, so all three are the same set.
 */
const NEVER_REDEEMED_FROM = `FROM households h JOIN village_groups g ON g.id = h.group_id
     WHERE h.status = 'active' AND NOT EXISTS (
       SELECT 1 FROM redemptions r WHERE r.household_id = h.id AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.redemption_id = r.id))`;
const SPENDABLE_BALANCE = `(SELECT COALESCE(SUM(a.balance), 0) FROM accounts a JOIN passbooks p ON p.id = a.passbook_id WHERE a.household_id = h.id AND p.spendable = 1)`;
/** Row order of the list: most points first (those are the households to call on), then number. */
export const NEVER_REDEEMED_ROWS_SQL = `SELECT h.number, h.head_name AS headName, g.name AS groupName, ${SPENDABLE_BALANCE} AS balance
       ${NEVER_REDEEMED_FROM} ORDER BY balance DESC, h.number`;

export function neverRedeemedTotals(db: Db): { count: number; balance: number } {
  return query(db).one<{ count: number; balance: number }>(
    `SELECT count(*) AS count, COALESCE(SUM(${SPENDABLE_BALANCE}), 0) AS balance ${NEVER_REDEEMED_FROM}`,
  );
}

/** One page of the list, with the count and the points over all of it (not over the page). */
export function neverRedeemedPage(db: Db, offset: number, limit: number): NeverRedeemedPage {
  const totals = neverRedeemedTotals(db);
  const rows = db.prepare(`${NEVER_REDEEMED_ROWS_SQL} LIMIT ? OFFSET ?`).all(limit, offset) as NeverRedeemedPage['rows'];
  return { total: totals.count, balance: totals.balance, offset, rows };
}

export function computeStats(db: Db, range: { from: string; to: string }, pointValueFen: Fen): StatsView {
  const { from, to } = range;
  const byMonth = db
    .prepare(
      `SELECT substr(business_date, 1, 7) AS month,
         COALESCE(SUM(CASE WHEN kind = 'award' THEN amount END), 0) AS earned,
         COALESCE(-SUM(CASE WHEN kind = 'deduction' THEN amount END), 0) AS deducted,
         COALESCE(-SUM(CASE WHEN kind IN ('redemption', 'void') THEN amount END), 0) AS redeemed
       FROM ledger WHERE business_date BETWEEN ? AND ? GROUP BY month ORDER BY month`,
    )
    .all(from, to) as StatsView['byMonth'];

  const redeemed = query(db).one<{ gross: number; receipts: number; voided: number }>(
    `SELECT COALESCE(SUM(r.total), 0) AS gross, count(*) AS receipts,
         COALESCE(SUM(CASE WHEN v.id IS NOT NULL THEN r.total END), 0) AS voided
       FROM redemptions r LEFT JOIN voids v ON v.redemption_id = r.id WHERE r.business_date BETWEEN ? AND ?`,
    from,
    to,
  );

  // What the store must be able to cover: every spendable point held today.
  const outstanding = query(db).one<{
    points: number;
    accounts: number;
  }>(`SELECT COALESCE(SUM(a.balance), 0) AS points, count(*) AS accounts FROM accounts a JOIN passbooks p ON p.id = a.passbook_id
       WHERE p.spendable = 1 AND a.balance > 0`);

  // Every good redeemed in the range (a village stocks tens to hundreds): the chart draws the
  // first ten (TOP_GOODS_CHART in the statistics page), the totals and the export cover all of them.
  const goods = db
    .prepare(
      `SELECT l.goods_id AS goodsId, g.name, g.unit, SUM(l.quantity) AS quantity, SUM(l.line_points) AS points
       FROM redemption_lines l JOIN redemptions r ON r.id = l.redemption_id JOIN goods g ON g.id = l.goods_id
       WHERE r.business_date BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.redemption_id = r.id)
       GROUP BY l.goods_id ORDER BY quantity DESC, points DESC, g.name`,
    )
    .all(from, to) as StatsView['goods'];

  const stockByCategory = db
    .prepare(
      `SELECT category, SUM(stock * value_fen) AS valueFen, SUM(stock) AS quantity FROM goods WHERE active = 1
       GROUP BY category ORDER BY valueFen DESC`,
    )
    .all() as StatsView['stock']['byCategory'];

  const never = neverRedeemedTotals(db);

  return {
    from,
    to,
    pointValueFen,
    earnedByCategory: byCategory(db, 'award', from, to),
    deductedByCategory: byCategory(db, 'deduction', from, to),
    byMonth,
    redeemed: { points: redeemed.gross - redeemed.voided, receipts: redeemed.receipts, voidedPoints: redeemed.voided },
    outstanding: { points: outstanding.points, valueFen: outstanding.points * pointValueFen, accounts: outstanding.accounts },
    goods,
    stock: {
      valueFen: stockByCategory.reduce((s, c) => s + c.valueFen, 0),
      quantity: stockByCategory.reduce((s, c) => s + c.quantity, 0),
      byCategory: stockByCategory,
    },
    neverRedeemed: { count: never.count, balance: never.balance },
  };
}
