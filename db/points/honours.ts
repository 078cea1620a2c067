/**
 * Recognition first (精神鼓励为主): the honour board (红榜) of each group for a period,
 * star households (星级文明户) by the village's thresholds on the cumulative honour total
 * (which spending never lowers), and a notice board of deductions that names no one.
 */
import type { HonourBoard, HonourRow } from '../contract/views-points.js';
import type { StoreContext } from '../books/context.js';
import { pointsSettings, starsFor } from './settings.js';
import { query } from '../platform/query.js';

const MAX_PER_TIER = 300;

export function honourBoard(ctx: StoreContext, q: { from: string; to: string; top: number; groupId?: number | undefined }): HonourBoard {
  const { tiers } = pointsSettings(ctx);
  const groupFilter = q.groupId !== undefined ? 'AND h.group_id = ?' : '';
  const groupArgs = q.groupId !== undefined ? [q.groupId] : [];
  const earned = query(ctx.db).all<Omit<HonourRow, 'stars'> & { groupId: number }>(
    `SELECT h.id AS householdId, h.number, h.head_name AS headName, g.name AS groupName, g.id AS groupId,
         SUM(l.amount) AS points,
         (SELECT COALESCE(SUM(a.honour_total), 0) FROM accounts a WHERE a.household_id = h.id) AS honourTotal
       FROM ledger l JOIN households h ON h.id = l.household_id JOIN village_groups g ON g.id = h.group_id
       WHERE l.kind = 'award' AND l.business_date BETWEEN ? AND ? AND h.status = 'active' ${groupFilter}
       GROUP BY h.id ORDER BY g.sort, g.id, points DESC, honourTotal DESC, h.number`,
    q.from,
    q.to,
    ...groupArgs,
  );
  const groups: HonourBoard['groups'] = [];
  for (const r of earned) {
    let g = groups[groups.length - 1];
    if (!g || g.groupName !== r.groupName) {
      g = { groupName: r.groupName, top: [] };
      groups.push(g);
    }
    // A tie at the cut-off is shown, not dropped by the order rows happened to come in:
    // past the top N, a household stays on the board while it has the last one's points.
    const last = g.top[g.top.length - 1];
    if (g.top.length < q.top || (last !== undefined && last.points === r.points)) {
      const { groupId: _omit, ...row } = r;
      g.top.push({ ...row, stars: starsFor(tiers, r.honourTotal) });
    }
  }

  const totals = query(ctx.db).all<Omit<HonourRow, 'stars'>>(
    `SELECT h.id AS householdId, h.number, h.head_name AS headName, g.name AS groupName, 0 AS points, SUM(a.honour_total) AS honourTotal
       FROM accounts a JOIN households h ON h.id = a.household_id JOIN village_groups g ON g.id = h.group_id
       WHERE h.status = 'active' ${groupFilter} GROUP BY h.id HAVING honourTotal >= ? ORDER BY honourTotal DESC, h.number`,
    ...groupArgs,
    Math.min(...tiers.map((t) => t.minHonour), Number.MAX_SAFE_INTEGER),
  );
  const stars = [...tiers]
    .sort((a, b) => b.stars - a.stars)
    .map((tier) => {
      const at = totals.map((r) => ({ ...r, stars: starsFor(tiers, r.honourTotal) })).filter((r) => r.stars === tier.stars);
      return { tier, count: at.length, households: at.slice(0, MAX_PER_TIER) };
    });

  // No names, no household numbers: the group, the rule and the points only. All of
  // them: a public notice that silently stops at some count hides the rest (one village's
  // period is at most a few thousand rows; the board pages through them).
  const deductions = ctx.db
    .prepare(
      `SELECT l.business_date AS date, g.name AS groupName, COALESCE(e.rule_title, l.note, '扣分') AS ruleTitle, -l.amount AS points
       FROM ledger l JOIN households h ON h.id = l.household_id JOIN village_groups g ON g.id = h.group_id
       LEFT JOIN point_entries e ON l.ref_type = 'entry' AND e.id = l.ref_id
       WHERE l.kind = 'deduction' AND l.business_date BETWEEN ? AND ? ${groupFilter}
       ORDER BY l.business_date DESC, g.sort, l.id DESC`,
    )
    .all(q.from, q.to, ...groupArgs) as HonourBoard['deductions'];

  const deductionTotals = query(ctx.db).one<HonourBoard['deductionTotals']>(
    `SELECT count(*) AS count, COALESCE(-SUM(l.amount), 0) AS points FROM ledger l JOIN households h ON h.id = l.household_id
       WHERE l.kind = 'deduction' AND l.business_date BETWEEN ? AND ? ${groupFilter}`,
    q.from,
    q.to,
    ...groupArgs,
  );

  return { villageName: ctx.settings().villageName, from: q.from, to: q.to, tiers, groups, stars, deductions, deductionTotals };
}
