/**
 * Recording awards and deductions (登记): for one household or a whole evaluation sheet
 * (one rule, many households). Each value is checked against the rule in force on the
 * day of the deed (fixed value or range, monthly / yearly cap), and the rule's text is
 * copied onto the entry. A sheet is all or nothing: one bad line refuses the sheet.
 */
import { AppError } from '../contract/errors.js';
import type { EntriesCreated, RuleItemView } from '../contract/views-points.js';
import type { StoreContext } from '../books/context.js';
import { periodBounds } from '../domain/dates.js';
import { audit } from '../books/audit.js';
import { ALL_ROWS, listEntries } from './entries-view.js';
import { checkedPhoto, insertPhoto, type PhotoInput } from './entry-photos.js';
import { bookIdInForce, ruleItem } from './rules-book.js';
import { query } from '../platform/query.js';

export type EntrySource = 'recorded' | 'claim' | 'import' | 'objection';

export interface RecordInput {
  requestId: string;
  ruleItemId: number;
  eventDate: string;
  evidence: string;
  lines: { householdId: number; points?: number | null | undefined }[];
  /** An evidence photo (a claim's); only for an entry of one household. */
  photo?: PhotoInput | null | undefined;
}

const PERIOD_WORD = { month: '月', year: '年' } as const;

/** The rule as a villager reads it on the notice, frozen onto the entry. */
export function ruleText(item: RuleItemView): string {
  const sign = item.direction === 'award' ? '加' : '扣';
  const value = item.minPoints === item.maxPoints ? `${sign} ${item.minPoints} 分` : `${sign} ${item.minPoints}–${item.maxPoints} 分`;
  const cap = item.capPeriod && item.capPoints ? `，每户每${PERIOD_WORD[item.capPeriod]}最多 ${item.capPoints} 分` : '';
  const desc = item.description ? `：${item.description}` : '';
  return `【${item.code}】${item.category} · ${item.title}${desc}（${value}${cap}）`;
}

/** The item must belong to the version in force on the day of the deed, and be valid then. */
export function assertRuleInForce(ctx: StoreContext, item: RuleItemView, eventDate: string): void {
  const bookId = bookIdInForce(ctx, eventDate);
  if (bookId === null) throw new AppError('NO_RULE_BOOK_IN_FORCE', { date: eventDate });
  const outside = (item.validFrom !== null && eventDate < item.validFrom) || (item.validTo !== null && eventDate > item.validTo);
  if (bookId !== item.bookId || outside) throw new AppError('RULE_NOT_IN_FORCE', { title: item.title, date: eventDate });
}

/** Points already counted against the cap: every entry still alive (not rejected or cancelled). */
function usedInPeriod(ctx: StoreContext, householdId: number, item: RuleItemView, eventDate: string): number {
  const { from, to } = periodBounds(eventDate, item.capPeriod!);
  return query(ctx.db).scalar<number>(
    `SELECT COALESCE(SUM(points), 0) FROM point_entries WHERE household_id = ? AND rule_code = ? AND direction = ?
         AND event_date BETWEEN ? AND ? AND status NOT IN ('rejected', 'cancelled')`,
    householdId,
    item.code,
    item.direction,
    from,
    to,
  );
}

function householdLabel(ctx: StoreContext, householdId: number): { label: string; status: string } {
  const h = query(ctx.db).get<{ number: string; head_name: string; status: string }>(
    'SELECT number, head_name, status FROM households WHERE id = ?',
    householdId,
  );
  if (!h) throw new AppError('HOUSEHOLD_NOT_FOUND');
  return { label: `${h.number} ${h.head_name}`, status: h.status };
}

/** Checks one value against the rule; returns the points to record. */
export function checkedPoints(ctx: StoreContext, item: RuleItemView, householdId: number, eventDate: string, asked: number | null | undefined): number {
  const h = householdLabel(ctx, householdId);
  if (h.status !== 'active') throw new AppError('HOUSEHOLD_MOVED_AWAY', { household: h.label });
  const points = asked ?? (item.minPoints === item.maxPoints ? item.minPoints : null);
  const params = { title: item.title, household: h.label, min: item.minPoints, max: item.maxPoints, points: points ?? '（未填）' };
  if (points === null || points < item.minPoints || points > item.maxPoints) {
    throw new AppError(item.minPoints === item.maxPoints ? 'POINTS_FIXED' : 'POINTS_OUT_OF_RANGE', params);
  }
  if (item.capPeriod && item.capPoints) {
    const used = usedInPeriod(ctx, householdId, item, eventDate);
    if (used + points > item.capPoints) {
      throw new AppError('CAP_EXCEEDED', { household: h.label, title: item.title, period: PERIOD_WORD[item.capPeriod], cap: item.capPoints, used, points });
    }
  }
  return points;
}

/**
 * Writes one batch of entries in the caller's transaction (shared with the objection
 * path, which records a changed entry). Returns the batch id.
 */
export function insertEntries(ctx: StoreContext, operatorId: number, input: RecordInput, source: EntrySource, replacesId: number | null = null): number {
  const item = ruleItem(ctx, input.ruleItemId);
  const { createdAt, businessDate } = ctx.stamp();
  if (input.eventDate > businessDate) throw new AppError('EVENT_DATE_FUTURE', { date: input.eventDate });
  if (input.evidence.trim().length < 2) throw new AppError('EVIDENCE_REQUIRED');
  assertRuleInForce(ctx, item, input.eventDate);
  if (source === 'claim' && !item.selfClaim) throw new AppError('NOT_SELF_CLAIMABLE', { title: item.title });
  // A photo is one household's evidence; a sheet of many households has none.
  if (input.photo && input.lines.length !== 1) throw new AppError('PHOTO_ONE_HOUSEHOLD');
  const photo = input.photo ? checkedPhoto(input.photo) : null;
  const seen = new Set<number>();
  const lines = input.lines.map((l) => {
    if (seen.has(l.householdId)) throw new AppError('ENTRY_DUPLICATE_HOUSEHOLD', { household: householdLabel(ctx, l.householdId).label });
    seen.add(l.householdId);
    return { householdId: l.householdId, points: checkedPoints(ctx, item, l.householdId, input.eventDate, l.points) };
  });
  const version = query(ctx.db).scalar<number>('SELECT version FROM rule_books WHERE id = ?', item.bookId);
  const batchId = Number(
    query(ctx.db).run(
      'INSERT INTO entry_batches (request_id, source, recorded_by, created_at) VALUES (?, ?, ?, ?)',
      input.requestId,
      source,
      operatorId,
      createdAt,
    ).lastInsertRowid,
  );
  const insert = ctx.db.prepare(
    `INSERT INTO point_entries (batch_id, household_id, rule_item_id, rule_code, rule_category, rule_title, rule_text, rule_book_version,
       direction, points, passbook_id, event_date, evidence, replaces_id, recorded_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const text = ruleText(item);
  let photoSha: string | null = null;
  for (const l of lines) {
    const entryId = Number(
      insert.run(
        batchId,
        l.householdId,
        item.id,
        item.code,
        item.category,
        item.title,
        text,
        version,
        item.direction,
        l.points,
        item.passbookId,
        input.eventDate,
        input.evidence.trim(),
        replacesId,
        operatorId,
        createdAt,
      ).lastInsertRowid,
    );
    if (photo) photoSha = insertPhoto(ctx, entryId, photo, createdAt);
  }
  audit(ctx.db, createdAt, operatorId, 'points.record', `batch:${batchId}`, {
    rule: item.code,
    direction: item.direction,
    households: lines.length,
    points: lines.reduce((s, l) => s + l.points, 0),
    source,
    replaces: replacesId,
    ...(photoSha ? { photo: photoSha } : {}),
  });
  return batchId;
}

/** A retried submission (same request id) returns the first result instead of recording twice. */
export function recordEntries(ctx: StoreContext, operatorId: number, input: RecordInput, source: EntrySource): EntriesCreated {
  const existing = () => query(ctx.db).value<number>('SELECT id FROM entry_batches WHERE request_id = ?', input.requestId);
  let batchId = existing();
  if (batchId === undefined) {
    batchId = ctx.db.transaction(() => existing() ?? insertEntries(ctx, operatorId, input, source)).immediate();
  }
  return { batchId, entries: listEntries(ctx, { batchId, limit: ALL_ROWS }).rows };
}
