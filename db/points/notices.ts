/**
 * Public notice (公示): approved entries are gathered into a notice with a period. While
 * it runs, villagers' objections (异议) are recorded against single entries and must be
 * resolved with a reason. When the period has ended and no objection is open, posting
 * (入账) moves every entry still standing to the balances in one step, once.
 */
import { AppError } from '../contract/errors.js';
import type { NoticePostingView, NoticeState, NoticeSummary, NoticeView, ObjectionResolved, ObjectionView } from '../contract/views-points.js';
import type { Page } from '../contract/views.js';
import type { StoreContext } from '../books/context.js';
import { addDays } from '../domain/dates.js';
import { audit } from '../books/audit.js';
import { insertEntries } from './entries-record.js';
import { ALL_ROWS, entryView, listEntries } from './entries-view.js';
import { postToLedger } from '../books/ledger.js';
import { pointsSettings } from './settings.js';
import { points as toPoints } from '../domain/amounts.js';
import { query } from '../platform/query.js';

interface NoticeRow {
  id: number;
  title: string;
  period_start: string;
  period_end: string;
  hide_deduction_names: number;
  created_by_name: string;
  created_at: string;
  posted: number;
  entries: number;
  award_points: number;
  deduction_points: number;
  open_objections: number;
}

const NOTICES = `SELECT n.id, n.title, n.period_start, n.period_end, n.hide_deduction_names, o.name AS created_by_name, n.created_at,
    EXISTS (SELECT 1 FROM notice_postings np WHERE np.notice_id = n.id) AS posted,
    (SELECT count(*) FROM notice_entries ne JOIN point_entries e ON e.id = ne.entry_id WHERE ne.notice_id = n.id AND e.status <> 'cancelled') AS entries,
    (SELECT COALESCE(SUM(e.points), 0) FROM notice_entries ne JOIN point_entries e ON e.id = ne.entry_id
       WHERE ne.notice_id = n.id AND e.status <> 'cancelled' AND e.direction = 'award') AS award_points,
    (SELECT COALESCE(SUM(e.points), 0) FROM notice_entries ne JOIN point_entries e ON e.id = ne.entry_id
       WHERE ne.notice_id = n.id AND e.status <> 'cancelled' AND e.direction = 'deduction') AS deduction_points,
    (SELECT count(*) FROM notice_entries ne JOIN point_entries e ON e.id = ne.entry_id JOIN objections ob ON ob.entry_id = e.id
       WHERE ne.notice_id = n.id AND e.status = 'published'
         AND NOT EXISTS (SELECT 1 FROM objection_resolutions r WHERE r.objection_id = ob.id)) AS open_objections
  FROM notices n JOIN operators o ON o.id = n.created_by`;

function state(r: NoticeRow, today: string): NoticeState {
  if (r.posted) return 'posted';
  return today > r.period_end ? 'ended' : 'open';
}

function toSummary(r: NoticeRow, today: string): NoticeSummary {
  return {
    id: r.id,
    title: r.title,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    hideDeductionNames: r.hide_deduction_names === 1,
    state: state(r, today),
    entries: r.entries,
    awardPoints: r.award_points,
    deductionPoints: r.deduction_points,
    openObjections: r.open_objections,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
  };
}

export function listNotices(ctx: StoreContext, offset: number, limit: number): Page<NoticeSummary> {
  const today = ctx.stamp().businessDate;
  const rows = query(ctx.db)
    .all<NoticeRow>(`${NOTICES} ORDER BY n.id DESC LIMIT ? OFFSET ?`, limit, offset)
    .map((r) => toSummary(r, today));
  return { rows, total: query(ctx.db).scalar<number>('SELECT count(*) FROM notices'), offset };
}

interface ObjectionRow {
  id: number;
  entry_id: number;
  raised_by: string;
  content: string;
  recorded_by_name: string;
  created_at: string;
  outcome: 'upheld' | 'dismissed' | null;
  reason: string | null;
  resolved_by_name: string | null;
  resolved_at: string | null;
  replacement_entry_id: number | null;
}

const OBJECTIONS = `SELECT ob.id, ob.entry_id, ob.raised_by, ob.content, o.name AS recorded_by_name, ob.created_at,
    r.outcome, r.reason, ro.name AS resolved_by_name, r.created_at AS resolved_at, r.replacement_entry_id
  FROM objections ob JOIN operators o ON o.id = ob.recorded_by
  LEFT JOIN objection_resolutions r ON r.objection_id = ob.id LEFT JOIN operators ro ON ro.id = r.resolved_by`;

function toObjection(r: ObjectionRow): ObjectionView {
  return {
    id: r.id,
    entryId: r.entry_id,
    raisedBy: r.raised_by,
    content: r.content,
    recordedByName: r.recorded_by_name,
    createdAt: r.created_at,
    resolution: r.outcome
      ? { outcome: r.outcome, reason: r.reason!, resolvedByName: r.resolved_by_name!, createdAt: r.resolved_at!, replacementEntryId: r.replacement_entry_id }
      : null,
  };
}

function objectionView(ctx: StoreContext, id: number): ObjectionView {
  const r = query(ctx.db).get<ObjectionRow>(`${OBJECTIONS} WHERE ob.id = ?`, id);
  if (!r) throw new AppError('OBJECTION_NOT_FOUND');
  return toObjection(r);
}

function postingView(ctx: StoreContext, noticeId: number): NoticePostingView | null {
  const p = query(ctx.db).get<NoticePostingView>(
    `SELECT o.name AS postedByName, p.business_date AS businessDate, p.created_at AS createdAt, p.entries, p.points_awarded AS pointsAwarded,
         p.points_deducted AS pointsDeducted, p.points_undeducted AS pointsUndeducted
       FROM notice_postings p JOIN operators o ON o.id = p.posted_by WHERE p.notice_id = ?`,
    noticeId,
  );
  return p ?? null;
}

export function noticeView(ctx: StoreContext, noticeId: number): NoticeView {
  const r = query(ctx.db).get<NoticeRow>(`${NOTICES} WHERE n.id = ?`, noticeId);
  if (!r) throw new AppError('NOTICE_NOT_FOUND');
  const entries = listEntries(ctx, { noticeId, limit: ALL_ROWS }).rows;
  const groups: NoticeView['groups'] = [];
  for (const e of entries) {
    const last = groups[groups.length - 1];
    if (last && last.groupName === e.groupName) last.entries.push(e);
    else groups.push({ groupName: e.groupName, entries: [e] });
  }
  const objections = query(ctx.db)
    .all<ObjectionRow>(`${OBJECTIONS} JOIN notice_entries ne ON ne.entry_id = ob.entry_id WHERE ne.notice_id = ? ORDER BY ob.id`, noticeId)
    .map(toObjection);
  return {
    ...toSummary(r, ctx.stamp().businessDate),
    groups,
    objections,
    posting: postingView(ctx, noticeId),
    villageName: ctx.settings().villageName,
  };
}

export interface CreateNoticeInput {
  requestId: string;
  title?: string | undefined;
  periodDays?: number | undefined;
  entryIds?: number[] | undefined;
  hideDeductionNames?: boolean | undefined;
}

/** Gathers approved entries (all waiting ones by default) into a notice starting today. */
export function createNotice(ctx: StoreContext, operatorId: number, input: CreateNoticeInput): NoticeView {
  const existing = () => query(ctx.db).value<number>('SELECT id FROM notices WHERE request_id = ?', input.requestId);
  const prior = existing();
  if (prior !== undefined) return noticeView(ctx, prior);
  const id = ctx.db
    .transaction(() => {
      const again = existing();
      if (again !== undefined) return again;
      const settings = pointsSettings(ctx);
      const { createdAt, businessDate } = ctx.stamp();
      let ids = input.entryIds
        ? [...new Set(input.entryIds)]
        : query(ctx.db).column<number>("SELECT id FROM point_entries WHERE status = 'approved' ORDER BY id");
      if (ids.length === 0) throw new AppError('NOTICE_NOTHING');
      const status = ctx.db.prepare('SELECT status FROM point_entries WHERE id = ?').pluck();
      for (const e of ids) {
        const s = status.get(e) as string | undefined;
        if (s === undefined) throw new AppError('ENTRY_NOT_FOUND', { id: e });
        if (s !== 'approved') throw new AppError('ENTRY_NOT_APPROVED', { id: e });
      }
      ids = ids.sort((a, b) => a - b);
      const days = input.periodDays ?? settings.noticeDays;
      const [y, m, d] = businessDate.split('-').map(Number) as [number, number, number];
      const title = input.title || `积分评定结果公示（${y}年${m}月${d}日）`;
      const noticeId = Number(
        query(ctx.db).run(
          'INSERT INTO notices (request_id, title, period_start, period_end, hide_deduction_names, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          input.requestId,
          title,
          businessDate,
          addDays(businessDate, days - 1),
          (input.hideDeductionNames ?? settings.hideDeductionNames) ? 1 : 0,
          operatorId,
          createdAt,
        ).lastInsertRowid,
      );
      const link = ctx.db.prepare('INSERT INTO notice_entries (entry_id, notice_id) VALUES (?, ?)');
      const publish = ctx.db.prepare("UPDATE point_entries SET status = 'published' WHERE id = ?");
      for (const e of ids) {
        link.run(e, noticeId);
        publish.run(e);
      }
      audit(ctx.db, createdAt, operatorId, 'points.publish', `notice:${noticeId}`, { entries: ids.length, periodDays: days });
      return noticeId;
    })
    .immediate();
  return noticeView(ctx, id);
}

function noticeOfEntry(ctx: StoreContext, entryId: number): { id: number; period_start: string; period_end: string } | undefined {
  return query(ctx.db).get<{ id: number; period_start: string; period_end: string }>(
    'SELECT n.id, n.period_start, n.period_end FROM notice_entries ne JOIN notices n ON n.id = ne.notice_id WHERE ne.entry_id = ?',
    entryId,
  );
}

/** A villager's objection to one entry, taken down during the notice period. */
export function recordObjection(ctx: StoreContext, operatorId: number, input: { entryId: number; raisedBy: string; content: string }): ObjectionView {
  const id = ctx.db
    .transaction(() => {
      const e = entryView(ctx, input.entryId);
      const n = noticeOfEntry(ctx, input.entryId);
      if (e.status !== 'published' || !n) throw new AppError('ENTRY_NOT_PUBLISHED', { id: input.entryId });
      const { createdAt, businessDate } = ctx.stamp();
      if (businessDate > n.period_end) throw new AppError('OBJECTION_PERIOD_OVER', { end: n.period_end });
      const objectionId = Number(
        query(ctx.db).run(
          'INSERT INTO objections (entry_id, raised_by, content, recorded_by, business_date, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          input.entryId,
          input.raisedBy,
          input.content,
          operatorId,
          businessDate,
          createdAt,
        ).lastInsertRowid,
      );
      audit(ctx.db, createdAt, operatorId, 'points.objection', `objection:${objectionId}`, { entryId: input.entryId });
      return objectionId;
    })
    .immediate();
  return objectionView(ctx, id);
}

export interface ResolveInput {
  objectionId: number;
  outcome: 'upheld' | 'dismissed';
  reason: string;
  /** Upheld with a changed value: a new entry that goes through review and notice again. */
  replacement?: { points: number; evidence: string } | null | undefined;
}

export function resolveObjection(ctx: StoreContext, operatorId: number, input: ResolveInput): ObjectionResolved {
  if (input.reason.trim().length < 2) throw new AppError('RESOLUTION_REASON_REQUIRED');
  if (input.replacement && input.outcome !== 'upheld') throw new AppError('REPLACEMENT_ONLY_UPHELD');
  const replacementId = ctx.db
    .transaction(() => {
      const ob = objectionView(ctx, input.objectionId);
      if (ob.resolution) throw new AppError('OBJECTION_RESOLVED');
      const entry = entryView(ctx, ob.entryId);
      const { createdAt } = ctx.stamp();
      let replacement: number | null = null;
      if (input.outcome === 'upheld' && entry.status === 'published') {
        // Cancelled first, so the changed entry's cap check no longer counts the old value.
        query(ctx.db).run("UPDATE point_entries SET status = 'cancelled' WHERE id = ?", entry.id);
        if (input.replacement) {
          const batchId = insertEntries(
            ctx,
            operatorId,
            {
              requestId: `objection-${input.objectionId}`,
              ruleItemId: entry.ruleItemId,
              eventDate: entry.eventDate,
              evidence: input.replacement.evidence,
              lines: [{ householdId: entry.householdId, points: input.replacement.points }],
            },
            'objection',
            entry.id,
          );
          replacement = query(ctx.db).scalar<number>('SELECT id FROM point_entries WHERE batch_id = ?', batchId);
        }
      }
      query(ctx.db).run(
        'INSERT INTO objection_resolutions (objection_id, outcome, reason, replacement_entry_id, resolved_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        input.objectionId,
        input.outcome,
        input.reason.trim(),
        replacement,
        operatorId,
        createdAt,
      );
      audit(ctx.db, createdAt, operatorId, 'points.resolveObjection', `objection:${input.objectionId}`, {
        outcome: input.outcome,
        entryId: entry.id,
        replacement,
      });
      return replacement;
    })
    .immediate();
  return { objection: objectionView(ctx, input.objectionId), replacement: replacementId === null ? null : entryView(ctx, replacementId) };
}

interface PublishedEntry {
  id: number;
  household_id: number;
  passbook_id: number;
  direction: 'award' | 'deduction';
  points: number;
  rule_title: string;
}

/**
 * Posting (入账): one step, once. Awards go first, then deductions, so a household's
 * deduction is weighed against the same notice's awards. A deduction takes at most the
 * balance; the rest is recorded as not deducted and never becomes a debt.
 */
export function postNotice(ctx: StoreContext, operatorId: number, noticeId: number): NoticeView & { postedNow: boolean } {
  let postedNow = false;
  ctx.db
    .transaction(() => {
      const n = query(ctx.db).get<NoticeRow>(`${NOTICES} WHERE n.id = ?`, noticeId);
      if (!n) throw new AppError('NOTICE_NOT_FOUND');
      if (n.posted) return;
      const { createdAt, businessDate } = ctx.stamp();
      if (businessDate <= n.period_end) throw new AppError('NOTICE_PERIOD_NOT_OVER', { end: n.period_end });
      if (n.open_objections > 0) throw new AppError('NOTICE_OPEN_OBJECTIONS', { count: n.open_objections });
      const entries = query(ctx.db).all<PublishedEntry>(
        `SELECT e.id, e.household_id, e.passbook_id, e.direction, e.points, e.rule_title FROM notice_entries ne JOIN point_entries e ON e.id = ne.entry_id
         WHERE ne.notice_id = ? AND e.status = 'published' ORDER BY CASE e.direction WHEN 'award' THEN 0 ELSE 1 END, e.id`,
        noticeId,
      );
      const balance = ctx.db.prepare('SELECT COALESCE((SELECT balance FROM accounts WHERE household_id = ? AND passbook_id = ?), 0)').pluck();
      const record = ctx.db.prepare('INSERT INTO entry_postings (entry_id, notice_id, ledger_id, posted_points, undeducted_points) VALUES (?, ?, ?, ?, ?)');
      const setPosted = ctx.db.prepare("UPDATE point_entries SET status = 'posted' WHERE id = ?");
      let awarded = 0;
      let deducted = 0;
      let undeducted = 0;
      for (const e of entries) {
        const common = { householdId: e.household_id, passbookId: e.passbook_id, businessDate, createdAt, operatorId, refType: 'entry', refId: e.id };
        if (e.direction === 'award') {
          const p = postToLedger(ctx.db, { ...common, kind: 'award', amount: toPoints(e.points), honourDelta: toPoints(e.points), note: e.rule_title });
          record.run(e.id, noticeId, p.ledgerId, e.points, 0);
          awarded += e.points;
        } else {
          const take = Math.min(e.points, balance.get(e.household_id, e.passbook_id) as number);
          const rest = e.points - take;
          const note = rest > 0 ? `${e.rule_title}（应扣 ${e.points} 分，余额不足，实扣 ${take} 分）` : e.rule_title;
          const ledgerId = take > 0 ? postToLedger(ctx.db, { ...common, kind: 'deduction', amount: toPoints(-take), note }).ledgerId : null;
          record.run(e.id, noticeId, ledgerId, take, rest);
          deducted += take;
          undeducted += rest;
        }
        setPosted.run(e.id);
      }
      query(ctx.db).run(
        `INSERT INTO notice_postings (notice_id, posted_by, business_date, created_at, entries, points_awarded, points_deducted, points_undeducted)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        noticeId,
        operatorId,
        businessDate,
        createdAt,
        entries.length,
        awarded,
        deducted,
        undeducted,
      );
      audit(ctx.db, createdAt, operatorId, 'points.post', `notice:${noticeId}`, { entries: entries.length, awarded, deducted, undeducted });
      postedNow = true;
    })
    .immediate();
  return { ...noticeView(ctx, noticeId), postedNow };
}
