/**
 * A redemption receipt as the books hold it: the sale, its lines, the keeper, the household
 * and a void if there is one. The counter writes these rows; the counter, the print queue
 * and the customer display all read them back through here, so the Core can give the print
 * queue a reader without depending on the counter.
 */
import { witnessOfRow } from './witness.js';
import { AppError } from '../contract/errors.js';
import type { OperatorView, ReceiptView } from '../contract/views.js';
import type { StoreContext } from './context.js';
import { prepared } from '../platform/prepared.js';

export function receiptView(core: Pick<StoreContext, 'db'>, redemptionId: number): ReceiptView {
  const r = prepared(
    core.db,
    `SELECT r.*, o.name AS keeper_name, o.role AS keeper_role, h.number, h.head_name, g.name AS group_name, p.name AS passbook_name,
       m.name AS member_name
     FROM redemptions r JOIN operators o ON o.id = r.operator_id JOIN households h ON h.id = r.household_id
     JOIN village_groups g ON g.id = h.group_id JOIN passbooks p ON p.id = r.passbook_id LEFT JOIN members m ON m.id = r.member_id
     WHERE r.id = ?`,
  ).get(redemptionId) as
    | {
        id: number;
        receipt_no: string;
        created_at: string;
        business_date: string;
        operator_id: number;
        keeper_name: string;
        keeper_role: OperatorView['role'];
        household_id: number;
        number: string;
        head_name: string;
        group_name: string;
        passbook_id: number;
        passbook_name: string;
        member_name: string | null;
        total: number;
        balance_before: number;
        balance_after: number;
        ledger_id: number;
      }
    | undefined;
  if (!r) throw new AppError('REDEMPTION_NOT_FOUND');
  const lines = prepared(
    core.db,
    'SELECT goods_id, name, unit, unit_points, quantity, line_points FROM redemption_lines WHERE redemption_id = ? ORDER BY line_no',
  ).all(redemptionId) as { goods_id: number; name: string; unit: string; unit_points: number; quantity: number; line_points: number }[];
  const v = prepared(
    core.db,
    `SELECT v.reason, v.created_at, o.name AS operator_name, a.name AS approver_name FROM voids v
     JOIN operators o ON o.id = v.operator_id JOIN operators a ON a.id = v.approved_by WHERE v.redemption_id = ?`,
  ).get(redemptionId) as { reason: string; created_at: string; operator_name: string; approver_name: string } | undefined;
  return {
    id: r.id,
    receiptNo: r.receipt_no,
    createdAt: r.created_at,
    businessDate: r.business_date,
    keeper: { id: r.operator_id, name: r.keeper_name, role: r.keeper_role },
    household: { id: r.household_id, number: r.number, headName: r.head_name, groupName: r.group_name },
    memberName: r.member_name,
    passbook: { id: r.passbook_id, name: r.passbook_name },
    lines: lines.map((l) => ({ goodsId: l.goods_id, name: l.name, unit: l.unit, unitPoints: l.unit_points, quantity: l.quantity, linePoints: l.line_points })),
    total: r.total,
    balanceBefore: r.balance_before,
    balanceAfter: r.balance_after,
    witness: witnessOfRow(core.db, r.ledger_id),
    void: v ? { reason: v.reason, createdAt: v.created_at, operatorName: v.operator_name, approvedByName: v.approver_name } : null,
  };
}
