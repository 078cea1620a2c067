/**
 * Review (审核): a second person approves or rejects each entry, with a reason for a
 * rejection. The person who recorded an entry can never review it (checked here for a
 * clear message, and again by a trigger in the database).
 */
import { AppError } from '../contract/errors.js';
import type { ReviewDone } from '../contract/views-points.js';
import type { StoreContext } from '../books/context.js';
import { audit } from '../books/audit.js';

const STATUS_WORDS = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  published: '公示中',
  cancelled: '已撤销',
  posted: '已入账',
} as const;

export interface ReviewInput {
  entryIds: number[];
  decision: 'approved' | 'rejected';
  reason?: string | null | undefined;
}

export function reviewEntries(ctx: StoreContext, operatorId: number, input: ReviewInput): ReviewDone {
  const reason = input.reason?.trim() || null;
  if (input.decision === 'rejected' && (reason === null || reason.length < 2)) throw new AppError('REJECT_REASON_REQUIRED');
  return ctx.db
    .transaction(() => {
      const { createdAt } = ctx.stamp();
      const get = ctx.db.prepare('SELECT id, status, recorded_by FROM point_entries WHERE id = ?');
      const ids = [...new Set(input.entryIds)];
      for (const id of ids) {
        const e = get.get(id) as { id: number; status: keyof typeof STATUS_WORDS; recorded_by: number } | undefined;
        if (!e) throw new AppError('ENTRY_NOT_FOUND', { id });
        if (e.recorded_by === operatorId) throw new AppError('SELF_REVIEW', { id });
        if (e.status !== 'pending') throw new AppError('ENTRY_NOT_PENDING', { id, status: STATUS_WORDS[e.status] });
      }
      const insert = ctx.db.prepare('INSERT INTO entry_reviews (entry_id, decision, reason, reviewed_by, created_at) VALUES (?, ?, ?, ?, ?)');
      const setStatus = ctx.db.prepare('UPDATE point_entries SET status = ? WHERE id = ?');
      for (const id of ids) {
        insert.run(id, input.decision, reason, operatorId, createdAt);
        setStatus.run(input.decision, id);
      }
      audit(ctx.db, createdAt, operatorId, input.decision === 'approved' ? 'points.approve' : 'points.reject', null, { entries: ids, reason });
      return { approved: input.decision === 'approved' ? ids.length : 0, rejected: input.decision === 'rejected' ? ids.length : 0 };
    })
    .immediate();
}
