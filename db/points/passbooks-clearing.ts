/**
 * Passbooks (存折) and their yearly clearing (清零). Clearing takes what a household held
 * at the end of the clearing day and has not spent since (first in, first out), never
 * points earned after it; honour totals are kept. It can be previewed at any time and runs
 * once per passbook and period, only for the passbook's own clearing day: running the same
 * date again does nothing, another date in the same year is refused.
 */
import { AppError } from '../contract/errors.js';
import type { ClearingDone, ClearingPreview, PassbookView } from '../contract/views-points.js';
import type { StoreContext } from '../books/context.js';
import { audit } from '../books/audit.js';
import { postToLedger } from '../books/ledger.js';
import { PassbookLots, type LedgerMove } from './clearing-lots.js';
import { points as toPoints } from '../domain/amounts.js';
import { query } from '../platform/query.js';

interface PassbookRow {
  id: number;
  code: string;
  name: string;
  is_default: number;
  spendable: number;
  clear_on: string | null;
}

function toView(r: PassbookRow): PassbookView {
  return { id: r.id, code: r.code, name: r.name, isDefault: r.is_default === 1, spendable: r.spendable === 1, clearOn: r.clear_on };
}

export function listPassbooks(ctx: StoreContext): PassbookView[] {
  return query(ctx.db).all<PassbookRow>('SELECT id, code, name, is_default, spendable, clear_on FROM passbooks ORDER BY sort, id').map(toView);
}

function passbook(ctx: StoreContext, id: number): PassbookView {
  const r = query(ctx.db).get<PassbookRow>('SELECT id, code, name, is_default, spendable, clear_on FROM passbooks WHERE id = ?', id);
  if (!r) throw new AppError('PASSBOOK_NOT_FOUND');
  return toView(r);
}

export interface PassbookInput {
  id?: number | undefined;
  code: string;
  name: string;
  spendable: boolean;
  clearOn: string | null;
}

function assertClearOn(v: string | null): void {
  if (v === null) return;
  const m = /^(\d{2})-(\d{2})$/.exec(v);
  // 2024 is a leap year, so 02-29 is accepted (it clears on 02-28 in other years' preview dates).
  const ok = m !== null && !Number.isNaN(Date.parse(`2024-${v}T00:00:00Z`)) && new Date(`2024-${v}T00:00:00Z`).toISOString().slice(5, 10) === v;
  if (!ok) throw new AppError('CLEAR_ON_INVALID', { value: v });
}

export function savePassbook(ctx: StoreContext, operatorId: number, input: PassbookInput): PassbookView {
  assertClearOn(input.clearOn);
  const id = ctx.db
    .transaction(() => {
      const clash = query(ctx.db).value<number>('SELECT id FROM passbooks WHERE code = ?', input.code);
      if (clash !== undefined && clash !== input.id) throw new AppError('PASSBOOK_CODE_TAKEN', { code: input.code });
      let pid: number;
      if (input.id !== undefined) {
        passbook(ctx, input.id);
        query(ctx.db).run(
          'UPDATE passbooks SET code = ?, name = ?, spendable = ?, clear_on = ? WHERE id = ?',
          input.code,
          input.name,
          input.spendable ? 1 : 0,
          input.clearOn,
          input.id,
        );
        pid = input.id;
      } else {
        pid = Number(
          query(ctx.db).run(
            'INSERT INTO passbooks (code, name, is_default, spendable, clear_on, sort) VALUES (?, ?, 0, ?, ?, (SELECT COALESCE(MAX(sort), 0) + 1 FROM passbooks))',
            input.code,
            input.name,
            input.spendable ? 1 : 0,
            input.clearOn,
          ).lastInsertRowid,
        );
      }
      audit(ctx.db, ctx.stamp().createdAt, operatorId, input.id ? 'passbook.update' : 'passbook.create', `passbook:${pid}`, input);
      return pid;
    })
    .immediate();
  return passbook(ctx, id);
}

/** The clearing day of a passbook in a given year: 02-29 falls on 02-28 in other years. */
export function clearingDayIn(clearOn: string, year: string): string {
  const leap = (Number(year) % 4 === 0 && Number(year) % 100 !== 0) || Number(year) % 400 === 0;
  return clearOn === '02-29' && !leap ? `${year}-02-28` : `${year}-${clearOn}`;
}

/** The clearing day of this passbook in the year of `today`. */
export function defaultClearDate(ctx: StoreContext, passbookId: number): string {
  const p = passbook(ctx, passbookId);
  if (!p.clearOn) throw new AppError('PASSBOOK_NEVER_CLEARS', { name: p.name });
  return clearingDayIn(p.clearOn, ctx.stamp().businessDate.slice(0, 4));
}

/**
 * A clearing runs only for the passbook's own clearing day, once per period (a year), and
 * never for a date before one already cleared: a second date in the same year would take
 * points that were all earned after the first one.
 */
function assertClearingDate(ctx: StoreContext, p: PassbookView, clearDate: string): void {
  if (!p.clearOn) throw new AppError('PASSBOOK_NEVER_CLEARS', { name: p.name });
  const year = clearDate.slice(0, 4);
  const day = clearingDayIn(p.clearOn, year);
  if (clearDate !== day) throw new AppError('CLEAR_DATE_NOT_CLEARING_DAY', { date: clearDate, day });
  const other = query(ctx.db).value<string>(
    'SELECT clear_date FROM clearings WHERE passbook_id = ? AND clear_date <> ? AND (substr(clear_date, 1, 4) = ? OR clear_date > ?) ORDER BY clear_date DESC LIMIT 1',
    p.id,
    clearDate,
    year,
    clearDate,
  );
  if (other !== undefined) throw new AppError('CLEARING_PERIOD_DONE', { date: clearDate, done: other });
}

/**
 * Who loses how much: per household, the points it held at the end of the clearing day
 * that it has not spent since, first in first out (see clearing-lots.ts). Points earned
 * after the date are never taken, however the later rows interleave.
 */
function computeClearing(ctx: StoreContext, passbookId: number, clearDate: string): ClearingPreview['households'] {
  const lots = new PassbookLots();
  const rows = ctx.db
    .prepare(
      `SELECT id, household_id AS householdId, kind, amount, business_date AS businessDate, corrects_id AS correctsId, ref_type AS refType, ref_id AS refId
       FROM ledger WHERE passbook_id = ? ORDER BY id`,
    )
    .iterate(passbookId) as IterableIterator<LedgerMove>;
  for (const m of rows) lots.apply(m);
  const accounts = query(ctx.db).all<{ household_id: number; number: string; head_name: string; group_name: string; balance: number }>(
    `SELECT a.household_id, h.number, h.head_name, g.name AS group_name, a.balance
       FROM accounts a JOIN households h ON h.id = a.household_id JOIN village_groups g ON g.id = h.group_id
       WHERE a.passbook_id = ? AND a.balance > 0 ORDER BY g.sort, h.number`,
    passbookId,
  );
  return accounts
    .map((r) => {
      // The replay and the balance cache agree (verify checks the cache); min() keeps a
      // clearing from ever driving a balance below zero should they not.
      const toClear = Math.min(r.balance, lots.oldPoints(r.household_id, clearDate));
      return {
        householdId: r.household_id,
        number: r.number,
        headName: r.head_name,
        groupName: r.group_name,
        balanceNow: r.balance,
        toClear,
        remains: r.balance - toClear,
      };
    })
    .filter((r) => r.toClear > 0);
}

export function previewClearing(ctx: StoreContext, passbookId: number, clearDate: string | undefined): ClearingPreview {
  const p = passbook(ctx, passbookId);
  const date = clearDate ?? defaultClearDate(ctx, passbookId);
  const alreadyRun = query(ctx.db).get('SELECT 1 FROM clearings WHERE passbook_id = ? AND clear_date = ?', passbookId, date) !== undefined;
  if (!alreadyRun) assertClearingDate(ctx, p, date);
  const households = alreadyRun ? [] : computeClearing(ctx, passbookId, date);
  return {
    passbookId,
    passbookName: p.name,
    clearDate: date,
    alreadyRun,
    households,
    totalPoints: households.reduce((s, h) => s + h.toClear, 0),
    villageName: ctx.settings().villageName,
    today: ctx.stamp().businessDate,
  };
}

export function runClearing(ctx: StoreContext, operatorId: number, passbookId: number, clearDate: string): ClearingDone {
  const existing = () =>
    query(ctx.db).get<{ id: number; households: number; points: number }>(
      'SELECT id, households, points FROM clearings WHERE passbook_id = ? AND clear_date = ?',
      passbookId,
      clearDate,
    );
  const prior = existing();
  if (prior) return { ...prior, passbookId, clearDate, ranNow: false };
  return ctx.db
    .transaction(() => {
      const again = existing();
      if (again) return { ...again, passbookId, clearDate, ranNow: false };
      const p = passbook(ctx, passbookId);
      assertClearingDate(ctx, p, clearDate);
      const { createdAt, businessDate } = ctx.stamp();
      if (businessDate < clearDate) throw new AppError('CLEAR_DATE_NOT_REACHED', { date: clearDate });
      const list = computeClearing(ctx, passbookId, clearDate);
      const total = list.reduce((s, h) => s + h.toClear, 0);
      const id = Number(
        query(ctx.db).run(
          'INSERT INTO clearings (passbook_id, clear_date, households, points, run_by, business_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          passbookId,
          clearDate,
          list.length,
          total,
          operatorId,
          businessDate,
          createdAt,
        ).lastInsertRowid,
      );
      for (const h of list) {
        postToLedger(ctx.db, {
          householdId: h.householdId,
          passbookId,
          kind: 'clearing',
          amount: toPoints(-h.toClear),
          businessDate,
          createdAt,
          operatorId,
          refType: 'clearing',
          refId: id,
          note: `${p.name} ${clearDate} 清零`,
        });
      }
      audit(ctx.db, createdAt, operatorId, 'points.clearing', `clearing:${id}`, { passbookId, clearDate, households: list.length, points: total });
      return { id, passbookId, clearDate, households: list.length, points: total, ranNow: true };
    })
    .immediate();
}
