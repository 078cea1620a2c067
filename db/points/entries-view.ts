/** Reading point entries with who recorded, reviewed and posted them. */
import { AppError } from '../contract/errors.js';
import type { EntryStatus, EntryView } from '../contract/views-points.js';
import type { Page } from '../contract/views.js';
import type { StoreContext } from '../books/context.js';
import { query } from '../platform/query.js';

interface EntryRow {
  id: number;
  household_id: number;
  household_number: string;
  head_name: string;
  group_name: string;
  rule_item_id: number;
  rule_code: string;
  rule_category: string;
  rule_title: string;
  rule_text: string;
  rule_book_version: number;
  rule_min: number;
  rule_max: number;
  direction: 'award' | 'deduction';
  points: number;
  passbook_name: string;
  event_date: string;
  evidence: string;
  status: EntryStatus;
  recorded_by_name: string;
  created_at: string;
  replaces_id: number | null;
  decision: 'approved' | 'rejected' | null;
  review_reason: string | null;
  reviewed_by_name: string | null;
  reviewed_at: string | null;
  notice_id: number | null;
  posted_points: number | null;
  undeducted_points: number | null;
  open_objections: number;
  photo_mime: string | null;
  photo_size: number | null;
}

const SELECT = `SELECT e.id, e.household_id, h.number AS household_number, h.head_name, g.name AS group_name, e.rule_item_id, e.rule_code,
    e.rule_category, e.rule_title, e.rule_text, e.rule_book_version, ri.min_points AS rule_min, ri.max_points AS rule_max, e.direction, e.points, p.name AS passbook_name, e.event_date, e.evidence,
    e.status, ro.name AS recorded_by_name, e.created_at, e.replaces_id,
    r.decision, r.reason AS review_reason, rv.name AS reviewed_by_name, r.created_at AS reviewed_at,
    ne.notice_id, ep.posted_points, ep.undeducted_points,
    (SELECT count(*) FROM objections ob WHERE ob.entry_id = e.id
       AND NOT EXISTS (SELECT 1 FROM objection_resolutions rs WHERE rs.objection_id = ob.id)) AS open_objections,
    ph.mime AS photo_mime, length(ph.bytes) AS photo_size
  FROM point_entries e
  JOIN rule_items ri ON ri.id = e.rule_item_id
  JOIN households h ON h.id = e.household_id JOIN village_groups g ON g.id = h.group_id
  JOIN passbooks p ON p.id = e.passbook_id JOIN operators ro ON ro.id = e.recorded_by
  LEFT JOIN entry_reviews r ON r.entry_id = e.id LEFT JOIN operators rv ON rv.id = r.reviewed_by
  LEFT JOIN notice_entries ne ON ne.entry_id = e.id LEFT JOIN entry_postings ep ON ep.entry_id = e.id
  LEFT JOIN entry_photos ph ON ph.entry_id = e.id`;

function toView(r: EntryRow): EntryView {
  return {
    id: r.id,
    householdId: r.household_id,
    householdNumber: r.household_number,
    headName: r.head_name,
    groupName: r.group_name,
    ruleItemId: r.rule_item_id,
    ruleCode: r.rule_code,
    ruleCategory: r.rule_category,
    ruleTitle: r.rule_title,
    ruleText: r.rule_text,
    ruleBookVersion: r.rule_book_version,
    ruleMinPoints: r.rule_min,
    ruleMaxPoints: r.rule_max,
    direction: r.direction,
    points: r.points,
    passbookName: r.passbook_name,
    eventDate: r.event_date,
    evidence: r.evidence,
    status: r.status,
    recordedByName: r.recorded_by_name,
    createdAt: r.created_at,
    review: r.decision ? { decision: r.decision, reason: r.review_reason, reviewedByName: r.reviewed_by_name!, createdAt: r.reviewed_at! } : null,
    noticeId: r.notice_id,
    replacesId: r.replaces_id,
    posting: r.posted_points === null ? null : { postedPoints: r.posted_points, undeductedPoints: r.undeducted_points ?? 0 },
    openObjections: r.open_objections,
    photo: r.photo_mime === null ? null : { mime: r.photo_mime, size: r.photo_size ?? 0 },
  };
}

export function entryView(ctx: StoreContext, entryId: number): EntryView {
  const r = query(ctx.db).get<EntryRow>(`${SELECT} WHERE e.id = ?`, entryId);
  if (!r) throw new AppError('ENTRY_NOT_FOUND', { id: entryId });
  return toView(r);
}

/** SQLite's LIMIT -1: every row (a notice or batch is shown whole, never cut). */
export const ALL_ROWS = -1;

export interface EntryQuery {
  status?: EntryStatus[] | undefined;
  householdId?: number | undefined;
  noticeId?: number | undefined;
  batchId?: number | undefined;
  offset?: number | undefined;
  limit: number;
}

/** A page of entries with the count over the whole filter, so a long list never looks complete when it is not. */
export function listEntries(ctx: StoreContext, q: EntryQuery): Page<EntryView> {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (q.status?.length) {
    where.push(`e.status IN (${q.status.map(() => '?').join(', ')})`);
    args.push(...q.status);
  }
  if (q.householdId !== undefined) {
    where.push('e.household_id = ?');
    args.push(q.householdId);
  }
  if (q.noticeId !== undefined) {
    where.push('ne.notice_id = ?');
    args.push(q.noticeId);
  }
  if (q.batchId !== undefined) {
    where.push('e.batch_id = ?');
    args.push(q.batchId);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const offset = q.offset ?? 0;
  const rows = query(ctx.db)
    .all<EntryRow>(`${SELECT} ${filter} ORDER BY g.sort, h.number, e.id LIMIT ? OFFSET ?`, ...args, q.limit, offset)
    .map(toView);
  const total = query(ctx.db).scalar<number>(`SELECT count(*) FROM (${SELECT} ${filter})`, ...args);
  return { rows, total, offset };
}
