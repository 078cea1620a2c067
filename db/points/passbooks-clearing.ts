/**
 * Passbooks (存折) and their yearly clearing (清零). Clearing takes what a household held
 * at the end of the clearing day and has not spent since, never points earned after it;
 * honour totals are kept. It can be previewed at any time and runs once per passbook and
 * date: running it again does nothing.
 */
import { AppError } from '../contract/errors.js';
import type { ClearingDone, ClearingPreview, PassbookView } from '../contract/views-points.js';
import type { Core } from '../core.js';
import { audit } from '../books/audit.js';
import { postToLedger } from '../books/ledger.js';

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

export function listPassbooks(core: Core): PassbookView[] {
  return (core.db.prepare('SELECT id, code, name, is_default, spendable, clear_on FROM passbooks ORDER BY sort, id').all() as PassbookRow[]).map(toView);
}

function passbook(core: Core, id: number): PassbookView {
  const r = core.db.prepare('SELECT id, code, name, is_default, spendable, clear_on FROM passbooks WHERE id = ?').get(id) as PassbookRow | undefined;
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

export function savePassbook(core: Core, operatorId: number, input: PassbookInput): PassbookView {
  assertClearOn(input.clearOn);
  const id = core.db.transaction(() => {
    const clash = core.db.prepare('SELECT id FROM passbooks WHERE code = ?').pluck().get(input.code) as number | undefined;
    if (clash !== undefined && clash !== input.id) throw new AppError('PASSBOOK_CODE_TAKEN', { code: input.code });
    let pid: number;
    if (input.id !== undefined) {
      passbook(core, input.id);
      core.db.prepare('UPDATE passbooks SET code = ?, name = ?, spendable = ?, clear_on = ? WHERE id = ?').run(input.code, input.name, input.spendable ? 1 : 0, input.clearOn, input.id);
      pid = input.id;
    } else {
      pid = Number(
        core.db
          .prepare('INSERT INTO passbooks (code, name, is_default, spendable, clear_on, sort) VALUES (?, ?, 0, ?, ?, (SELECT COALESCE(MAX(sort), 0) + 1 FROM passbooks))')
          .run(input.code, input.name, input.spendable ? 1 : 0, input.clearOn).lastInsertRowid,
      );
    }
    audit(core.db, core.stamp().createdAt, operatorId, input.id ? 'passbook.update' : 'passbook.create', `passbook:${pid}`, input);
    return pid;
  }).immediate();
  return passbook(core, id);
}

/** The clearing day of this passbook in the year of `today`. */
export function defaultClearDate(core: Core, passbookId: number): string {
  const p = passbook(core, passbookId);
  if (!p.clearOn) throw new AppError('PASSBOOK_NEVER_CLEARS', { name: p.name });
  return `${core.stamp().businessDate.slice(0, 4)}-${p.clearOn}`;
}

/**
 * Who loses how much: per household, the smaller of the balance at the end of the
 * clearing day and the balance now (points spent since then were the old points).
 */
function computeClearing(core: Core, passbookId: number, clearDate: string): ClearingPreview['households'] {
  const rows = core.db
    .prepare(
      `SELECT a.household_id, h.number, h.head_name, g.name AS group_name, a.balance,
         COALESCE((SELECT l.balance_after FROM ledger l WHERE l.household_id = a.household_id AND l.passbook_id = a.passbook_id
           AND l.business_date <= ? ORDER BY l.id DESC LIMIT 1), 0) AS at_date
       FROM accounts a JOIN households h ON h.id = a.household_id JOIN village_groups g ON g.id = h.group_id
       WHERE a.passbook_id = ? AND a.balance > 0 ORDER BY g.sort, h.number`,
    )
    .all(clearDate, passbookId) as { household_id: number; number: string; head_name: string; group_name: string; balance: number; at_date: number }[];
  return rows
    .map((r) => ({ householdId: r.household_id, number: r.number, headName: r.head_name, groupName: r.group_name, balance: Math.min(r.balance, r.at_date) }))
    .filter((r) => r.balance > 0);
}

export function previewClearing(core: Core, passbookId: number, clearDate: string | undefined): ClearingPreview {
  const p = passbook(core, passbookId);
  const date = clearDate ?? defaultClearDate(core, passbookId);
  const households = computeClearing(core, passbookId, date);
  const alreadyRun = core.db.prepare('SELECT 1 FROM clearings WHERE passbook_id = ? AND clear_date = ?').get(passbookId, date) !== undefined;
  return {
    passbookId,
    passbookName: p.name,
    clearDate: date,
    alreadyRun,
    households: alreadyRun ? [] : households,
    totalPoints: alreadyRun ? 0 : households.reduce((s, h) => s + h.balance, 0),
  };
}

export function runClearing(core: Core, operatorId: number, passbookId: number, clearDate: string): ClearingDone {
  const existing = () =>
    core.db.prepare('SELECT id, households, points FROM clearings WHERE passbook_id = ? AND clear_date = ?').get(passbookId, clearDate) as
      | { id: number; households: number; points: number }
      | undefined;
  const prior = existing();
  if (prior) return { ...prior, passbookId, clearDate, ranNow: false };
  return core.db.transaction(() => {
    const again = existing();
    if (again) return { ...again, passbookId, clearDate, ranNow: false };
    const p = passbook(core, passbookId);
    const { createdAt, businessDate } = core.stamp();
    if (businessDate < clearDate) throw new AppError('CLEAR_DATE_NOT_REACHED', { date: clearDate });
    const list = computeClearing(core, passbookId, clearDate);
    const total = list.reduce((s, h) => s + h.balance, 0);
    const id = Number(
      core.db
        .prepare('INSERT INTO clearings (passbook_id, clear_date, households, points, run_by, business_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(passbookId, clearDate, list.length, total, operatorId, businessDate, createdAt).lastInsertRowid,
    );
    for (const h of list) {
      postToLedger(core.db, {
        householdId: h.householdId,
        passbookId,
        kind: 'clearing',
        amount: -h.balance,
        businessDate,
        createdAt,
        operatorId,
        refType: 'clearing',
        refId: id,
        note: `${p.name} ${clearDate} 清零`,
      });
    }
    audit(core.db, createdAt, operatorId, 'points.clearing', `clearing:${id}`, { passbookId, clearDate, households: list.length, points: total });
    return { id, passbookId, clearDate, households: list.length, points: total, ranNow: true };
  }).immediate();
}
