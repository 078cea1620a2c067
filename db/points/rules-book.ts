/**
 * The rule book (积分细则) as versions. A version is drafted (items freely edited), then
 * adopted with the record of the meeting that voted it; from then on the database
 * refuses any change to it (triggers in 004). The version in force on a day is the
 * adopted one with the latest effective date on or before that day. Entries copy the
 * rule's text, so a later version never rewrites what an old entry was made under.
 */
import { AppError } from '../contract/errors.js';
import type { CapPeriod, Direction, RuleBookSummary, RuleBookView, RuleItemView } from '../contract/views-points.js';
import type { StoreContext } from '../books/context.js';
import { addDays } from '../domain/dates.js';
import { audit } from '../books/audit.js';
import { defaultPassbookId } from '../households/write.js';
import { query } from '../platform/query.js';

interface BookRow {
  id: number;
  version: number;
  title: string;
  based_on_id: number | null;
  created_at: string;
  created_by_name: string;
  item_count: number;
  effective_from: string | null;
  meeting_date: string | null;
  meeting_body: string | null;
  resolution: string | null;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstain: number | null;
  adopted_by_name: string | null;
  adopted_at: string | null;
}

const BOOKS = `SELECT b.id, b.version, b.title, b.based_on_id, b.created_at, o.name AS created_by_name,
    (SELECT count(*) FROM rule_items i WHERE i.book_id = b.id) AS item_count,
    a.effective_from, a.meeting_date, a.meeting_body, a.resolution, a.votes_for, a.votes_against, a.votes_abstain,
    ao.name AS adopted_by_name, a.created_at AS adopted_at
  FROM rule_books b JOIN operators o ON o.id = b.created_by
  LEFT JOIN rule_book_adoptions a ON a.book_id = b.id LEFT JOIN operators ao ON ao.id = a.adopted_by`;

/** Adopted books in the order they take over: by effective date, then version. */
function adoptedOrder(rows: BookRow[]): BookRow[] {
  return rows
    .filter((r) => r.effective_from !== null)
    .sort((a, b) => (a.effective_from! < b.effective_from! ? -1 : a.effective_from! > b.effective_from! ? 1 : a.version - b.version));
}

function summaries(ctx: StoreContext): RuleBookSummary[] {
  const rows = query(ctx.db).all<BookRow>(`${BOOKS} ORDER BY b.version DESC`);
  const today = ctx.stamp().businessDate;
  const order = adoptedOrder(rows);
  const inForce = [...order].reverse().find((r) => r.effective_from! <= today);
  return rows.map((r) => {
    const pos = order.indexOf(r);
    const successor = pos >= 0 ? order[pos + 1] : undefined;
    return {
      id: r.id,
      version: r.version,
      title: r.title,
      status: r.effective_from === null ? 'draft' : 'adopted',
      inForce: r === inForce,
      supersededAfter: successor ? addDays(successor.effective_from!, -1) : null,
      adoption:
        r.effective_from === null
          ? null
          : {
              effectiveFrom: r.effective_from,
              meetingDate: r.meeting_date!,
              meetingBody: r.meeting_body!,
              resolution: r.resolution!,
              votesFor: r.votes_for,
              votesAgainst: r.votes_against,
              votesAbstain: r.votes_abstain,
              adoptedByName: r.adopted_by_name!,
              createdAt: r.adopted_at!,
            },
      itemCount: r.item_count,
      createdAt: r.created_at,
      createdByName: r.created_by_name,
    };
  });
}

export function listBooks(ctx: StoreContext): RuleBookSummary[] {
  return summaries(ctx);
}

interface ItemRow {
  id: number;
  book_id: number;
  code: string;
  category: string;
  title: string;
  description: string;
  direction: Direction;
  min_points: number;
  max_points: number;
  cap_period: CapPeriod | null;
  cap_points: number | null;
  self_claim: number;
  passbook_id: number;
  passbook_name: string;
  valid_from: string | null;
  valid_to: string | null;
  sort: number;
}

export function toItemView(r: ItemRow): RuleItemView {
  return {
    id: r.id,
    bookId: r.book_id,
    code: r.code,
    category: r.category,
    title: r.title,
    description: r.description,
    direction: r.direction,
    minPoints: r.min_points,
    maxPoints: r.max_points,
    capPeriod: r.cap_period,
    capPoints: r.cap_points,
    selfClaim: r.self_claim === 1,
    passbookId: r.passbook_id,
    passbookName: r.passbook_name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    sort: r.sort,
  };
}

const ITEMS = `SELECT i.*, p.name AS passbook_name FROM rule_items i JOIN passbooks p ON p.id = i.passbook_id`;

export function ruleItem(ctx: StoreContext, itemId: number): RuleItemView {
  const r = query(ctx.db).get<ItemRow>(`${ITEMS} WHERE i.id = ?`, itemId);
  if (!r) throw new AppError('RULE_ITEM_NOT_FOUND');
  return toItemView(r);
}

export function getBook(ctx: StoreContext, bookId: number): RuleBookView {
  const s = summaries(ctx).find((b) => b.id === bookId);
  if (!s) throw new AppError('RULE_BOOK_NOT_FOUND');
  const basedOn = query(ctx.db).value<number>('SELECT p.version FROM rule_books b JOIN rule_books p ON p.id = b.based_on_id WHERE b.id = ?', bookId);
  const items = query(ctx.db).all<ItemRow>(`${ITEMS} WHERE i.book_id = ? ORDER BY i.sort, i.id`, bookId).map(toItemView);
  return { ...s, basedOnVersion: basedOn ?? null, items };
}

/** The adopted book governing `date`, or null when none had taken effect yet. */
export function bookIdInForce(ctx: StoreContext, date: string): number | null {
  const id = query(ctx.db).value<number>(
    `SELECT b.id FROM rule_books b JOIN rule_book_adoptions a ON a.book_id = b.id
       WHERE a.effective_from <= ? ORDER BY a.effective_from DESC, b.version DESC LIMIT 1`,
    date,
  );
  return id ?? null;
}

export function bookInForce(ctx: StoreContext, date: string): RuleBookView | null {
  const id = bookIdInForce(ctx, date);
  return id === null ? null : getBook(ctx, id);
}

function assertDraft(ctx: StoreContext, bookId: number): void {
  const b = query(ctx.db).get<{ version: number; adopted: number | null }>(
    'SELECT b.version, a.book_id AS adopted FROM rule_books b LEFT JOIN rule_book_adoptions a ON a.book_id = b.id WHERE b.id = ?',
    bookId,
  );
  if (!b) throw new AppError('RULE_BOOK_NOT_FOUND');
  if (b.adopted !== null) throw new AppError('RULE_BOOK_ADOPTED', { version: b.version });
}

/**
 * A new draft version, starting from a copy of `basedOnId` (default: the latest adopted
 * version), so revising one item means changing one line of the copy.
 */
export function createDraft(ctx: StoreContext, operatorId: number, title: string, basedOnId: number | null | undefined): RuleBookView {
  const id = ctx.db
    .transaction(() => {
      const base =
        basedOnId ??
        query(ctx.db).value<number>(
          'SELECT b.id FROM rule_books b JOIN rule_book_adoptions a ON a.book_id = b.id ORDER BY a.effective_from DESC, b.version DESC LIMIT 1',
        ) ??
        null;
      if (base !== null && !query(ctx.db).get('SELECT 1 FROM rule_books WHERE id = ?', base)) throw new AppError('RULE_BOOK_NOT_FOUND');
      const version = query(ctx.db).scalar<number>('SELECT COALESCE(MAX(version), 0) + 1 FROM rule_books');
      const { createdAt } = ctx.stamp();
      const bookId = Number(
        query(ctx.db).run(
          'INSERT INTO rule_books (version, title, based_on_id, created_by, created_at) VALUES (?, ?, ?, ?, ?)',
          version,
          title,
          base,
          operatorId,
          createdAt,
        ).lastInsertRowid,
      );
      if (base !== null) {
        query(ctx.db).run(
          `INSERT INTO rule_items (book_id, code, category, title, description, direction, min_points, max_points, cap_period, cap_points,
             self_claim, passbook_id, valid_from, valid_to, sort)
           SELECT ?, code, category, title, description, direction, min_points, max_points, cap_period, cap_points,
             self_claim, passbook_id, valid_from, valid_to, sort FROM rule_items WHERE book_id = ?`,
          bookId,
          base,
        );
      }
      audit(ctx.db, createdAt, operatorId, 'rules.createDraft', `rulebook:${bookId}`, { version, basedOn: base });
      return bookId;
    })
    .immediate();
  return getBook(ctx, id);
}

/** What the committee types for an item: the view's own fields, without what the core derives. */
export type ItemInput = Pick<
  RuleItemView,
  'bookId' | 'code' | 'category' | 'title' | 'description' | 'direction' | 'minPoints' | 'maxPoints' | 'capPeriod' | 'capPoints' | 'selfClaim'
> & {
  itemId?: number | undefined;
  passbookId?: number | null | undefined;
  validFrom?: string | null | undefined;
  validTo?: string | null | undefined;
  sort?: number | undefined;
};

export function saveItem(ctx: StoreContext, operatorId: number, input: ItemInput): RuleItemView {
  const id = ctx.db
    .transaction(() => {
      assertDraft(ctx, input.bookId);
      if (input.minPoints > input.maxPoints) throw new AppError('RULE_RANGE_INVALID', { min: input.minPoints, max: input.maxPoints });
      const capPeriod = input.capPoints === null ? null : input.capPeriod;
      const capPoints = input.capPeriod === null ? null : input.capPoints;
      if (capPoints !== null && capPoints < input.minPoints) throw new AppError('RULE_CAP_INVALID', { cap: capPoints, min: input.minPoints });
      const passbookId = input.passbookId ?? defaultPassbookId(ctx);
      if (!query(ctx.db).get('SELECT 1 FROM passbooks WHERE id = ?', passbookId)) throw new AppError('PASSBOOK_NOT_FOUND');
      const clash = query(ctx.db).value<number>('SELECT id FROM rule_items WHERE book_id = ? AND code = ?', input.bookId, input.code);
      if (clash !== undefined && clash !== input.itemId) throw new AppError('RULE_CODE_TAKEN', { code: input.code });
      const values = [
        input.code,
        input.category,
        input.title,
        input.description,
        input.direction,
        input.minPoints,
        input.maxPoints,
        capPeriod,
        capPoints,
        input.selfClaim ? 1 : 0,
        passbookId,
        input.validFrom ?? null,
        input.validTo ?? null,
      ];
      let itemId: number;
      if (input.itemId !== undefined) {
        const owner = query(ctx.db).value<number>('SELECT book_id FROM rule_items WHERE id = ?', input.itemId);
        if (owner !== input.bookId) throw new AppError('RULE_ITEM_NOT_FOUND');
        query(ctx.db).run(
          `UPDATE rule_items SET code = ?, category = ?, title = ?, description = ?, direction = ?, min_points = ?, max_points = ?, cap_period = ?,
             cap_points = ?, self_claim = ?, passbook_id = ?, valid_from = ?, valid_to = ?, sort = COALESCE(?, sort) WHERE id = ?`,
          ...values,
          input.sort ?? null,
          input.itemId,
        );
        itemId = input.itemId;
      } else {
        const sort = input.sort ?? query(ctx.db).scalar<number>('SELECT COALESCE(MAX(sort), 0) + 1 FROM rule_items WHERE book_id = ?', input.bookId);
        itemId = Number(
          query(ctx.db).run(
            `INSERT INTO rule_items (code, category, title, description, direction, min_points, max_points, cap_period, cap_points, self_claim,
               passbook_id, valid_from, valid_to, sort, book_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            ...values,
            sort,
            input.bookId,
          ).lastInsertRowid,
        );
      }
      audit(ctx.db, ctx.stamp().createdAt, operatorId, input.itemId ? 'rules.updateItem' : 'rules.addItem', `ruleitem:${itemId}`, {
        bookId: input.bookId,
        code: input.code,
      });
      return itemId;
    })
    .immediate();
  return ruleItem(ctx, id);
}

export function removeItem(ctx: StoreContext, operatorId: number, itemId: number): RuleBookView {
  const bookId = ctx.db
    .transaction(() => {
      const item = ruleItem(ctx, itemId);
      assertDraft(ctx, item.bookId);
      query(ctx.db).run('DELETE FROM rule_items WHERE id = ?', itemId);
      audit(ctx.db, ctx.stamp().createdAt, operatorId, 'rules.removeItem', `ruleitem:${itemId}`, { bookId: item.bookId, code: item.code });
      return item.bookId;
    })
    .immediate();
  return getBook(ctx, bookId);
}

export interface AdoptInput {
  bookId: number;
  title?: string | undefined;
  effectiveFrom: string;
  meetingDate: string;
  meetingBody: string;
  resolution: string;
  votesFor?: number | null | undefined;
  votesAgainst?: number | null | undefined;
  votesAbstain?: number | null | undefined;
}

/** Records the meeting's vote; from this row on, the version cannot change. */
export function adoptBook(ctx: StoreContext, operatorId: number, input: AdoptInput): RuleBookView {
  ctx.db
    .transaction(() => {
      assertDraft(ctx, input.bookId);
      const items = query(ctx.db).scalar<number>('SELECT count(*) FROM rule_items WHERE book_id = ?', input.bookId);
      if (items === 0) throw new AppError('RULE_BOOK_EMPTY');
      const latest = query(ctx.db).get<{ version: number; effective_from: string }>(
        'SELECT b.version, a.effective_from FROM rule_book_adoptions a JOIN rule_books b ON b.id = a.book_id ORDER BY a.effective_from DESC LIMIT 1',
      );
      if (latest && input.effectiveFrom < latest.effective_from)
        throw new AppError('RULE_EFFECTIVE_ORDER', { version: latest.version, date: latest.effective_from });
      if (input.title) query(ctx.db).run('UPDATE rule_books SET title = ? WHERE id = ?', input.title, input.bookId);
      const { createdAt } = ctx.stamp();
      query(ctx.db).run(
        `INSERT INTO rule_book_adoptions (book_id, effective_from, meeting_date, meeting_body, resolution, votes_for, votes_against, votes_abstain, adopted_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        input.bookId,
        input.effectiveFrom,
        input.meetingDate,
        input.meetingBody,
        input.resolution,
        input.votesFor ?? null,
        input.votesAgainst ?? null,
        input.votesAbstain ?? null,
        operatorId,
        createdAt,
      );
      audit(ctx.db, createdAt, operatorId, 'rules.adopt', `rulebook:${input.bookId}`, {
        effectiveFrom: input.effectiveFrom,
        meetingDate: input.meetingDate,
        meetingBody: input.meetingBody,
      });
    })
    .immediate();
  return getBook(ctx, input.bookId);
}
