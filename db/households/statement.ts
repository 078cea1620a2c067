/**
 * The household statement (积分明细单): every ledger line of a household with what it was
 * for (the rule and its text as it stood, the receipt, the clearing), who did it, who
 * reviewed it, and the running balance, for a villager who asks.
 */
import { AppError } from '../contract/errors.js';
import type { HouseholdStatement, StatementLine } from '../contract/views-points.js';
import type { StoreContext } from '../books/context.js';
import { localDateTime } from '../domain/clock.js';
import { query } from '../platform/query.js';

const KIND_WORDS: Record<string, string> = {
  opening: '期初余额',
  award: '加分',
  deduction: '扣分',
  redemption: '兑换',
  void: '作废退回',
  clearing: '清零',
  correction: '更正',
  transfer: '转移',
};

interface LineRow {
  id: number;
  business_date: string;
  created_at: string;
  kind: string;
  amount: number;
  balance_after: number;
  note: string | null;
  operator_name: string;
  rule_title: string | null;
  rule_text: string | null;
  reviewed_by_name: string | null;
  notice_title: string | null;
  undeducted: number | null;
  /** For a transfer row: the other household (number and head). */
  other_number: string | null;
  other_head: string | null;
}

/** What a statement line says it was for; a transfer names the other household. */
function describe(r: LineRow): string {
  if (r.kind === 'redemption') return `兑换单 ${r.note ?? ''}`.trim();
  if (r.kind === 'transfer' && r.other_number !== null) {
    const other = `${r.other_number} ${r.other_head ?? ''}`.trim();
    return `${r.amount < 0 ? '转给' : '转自'} ${other}${r.note ? `（${r.note}）` : ''}`;
  }
  return r.rule_title ?? r.note ?? KIND_WORDS[r.kind] ?? r.kind;
}

export function householdStatement(
  ctx: StoreContext,
  q: { householdId: number; passbookId?: number | undefined; from?: string | undefined; to?: string | undefined },
): HouseholdStatement {
  const h = query(ctx.db).get<{ id: number; number: string; head_name: string; group_name: string }>(
    'SELECT h.id, h.number, h.head_name, g.name AS group_name FROM households h JOIN village_groups g ON g.id = h.group_id WHERE h.id = ?',
    q.householdId,
  );
  if (!h) throw new AppError('HOUSEHOLD_NOT_FOUND');
  const members = query(ctx.db).column<string>('SELECT name FROM members WHERE household_id = ? AND active = 1 ORDER BY is_head DESC, id', q.householdId);
  const books = query(ctx.db).all<{ id: number; name: string; honour: number }>(
    `SELECT p.id, p.name, COALESCE(a.honour_total, 0) AS honour FROM passbooks p LEFT JOIN accounts a ON a.passbook_id = p.id AND a.household_id = ?
       WHERE (? IS NULL OR p.id = ?) AND (a.household_id IS NOT NULL OR p.is_default = 1) ORDER BY p.sort, p.id`,
    q.householdId,
    q.passbookId ?? null,
    q.passbookId ?? null,
  );
  const from = q.from ?? '0000-01-01';
  const to = q.to ?? '9999-12-31';
  const before = ctx.db
    .prepare('SELECT balance_after FROM ledger WHERE household_id = ? AND passbook_id = ? AND business_date < ? ORDER BY id DESC LIMIT 1')
    .pluck();
  const lines = ctx.db.prepare(
    `SELECT l.id, l.business_date, l.created_at, l.kind, l.amount, l.balance_after, l.note, o.name AS operator_name,
       e.rule_title, e.rule_text, rv.name AS reviewed_by_name, n.title AS notice_title, ep.undeducted_points AS undeducted,
       oh.number AS other_number, oh.head_name AS other_head
     FROM ledger l JOIN operators o ON o.id = l.operator_id
     LEFT JOIN household_transfers t ON l.ref_type = 'transfer' AND t.id = l.ref_id
     LEFT JOIN households oh ON oh.id = CASE WHEN t.from_household_id = l.household_id THEN t.to_household_id ELSE t.from_household_id END
     LEFT JOIN point_entries e ON l.ref_type = 'entry' AND e.id = l.ref_id
     LEFT JOIN entry_reviews r ON r.entry_id = e.id LEFT JOIN operators rv ON rv.id = r.reviewed_by
     LEFT JOIN notice_entries ne ON ne.entry_id = e.id LEFT JOIN notices n ON n.id = ne.notice_id
     LEFT JOIN entry_postings ep ON ep.entry_id = e.id
     WHERE l.household_id = ? AND l.passbook_id = ? AND l.business_date BETWEEN ? AND ? ORDER BY l.id`,
  );
  const tz = ctx.settings().timeZone;
  return {
    villageName: ctx.settings().villageName,
    household: { id: h.id, number: h.number, headName: h.head_name, groupName: h.group_name, members },
    from: q.from ?? null,
    to: q.to ?? null,
    passbooks: books.map((b) => {
      const opening = (before.get(q.householdId, b.id, from) as number | undefined) ?? 0;
      const rows = (lines.all(q.householdId, b.id, from, to) as LineRow[]).map((r): StatementLine => ({
        ledgerId: r.id,
        businessDate: r.business_date,
        createdAt: r.created_at,
        passbookName: b.name,
        kind: KIND_WORDS[r.kind] ?? r.kind,
        description: describe(r),
        ruleText: r.rule_text,
        amount: r.amount,
        balanceAfter: r.balance_after,
        operatorName: r.operator_name,
        reviewedByName: r.reviewed_by_name,
        noticeTitle: r.notice_title,
        undeducted: r.undeducted ?? 0,
      }));
      return {
        passbookId: b.id,
        passbookName: b.name,
        openingBalance: opening,
        closingBalance: rows.length ? rows[rows.length - 1]!.balanceAfter : opening,
        honourTotal: b.honour,
        lines: rows,
      };
    }),
    printedAt: localDateTime(ctx.clock.now().toISOString(), tz),
  };
}
