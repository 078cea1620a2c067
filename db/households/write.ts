import { AppError } from '../contract/errors.js';
import type { StoreContext } from '../books/context.js';
import { searchKeys } from '../domain/pinyin.js';
import { maskResidentId } from '../domain/resident-id.js';
import { residentIdHash } from './households.js';
import { postToLedger } from '../books/ledger.js';
import { query } from '../platform/query.js';
import { points as toPoints } from '../domain/amounts.js';

export interface NewMember {
  name: string;
  relation: string;
  idNumber?: string | null;
}

export interface NewHousehold {
  number: string;
  groupName: string;
  address?: string | null;
  phone?: string | null;
  /** The first member is the head of household. */
  members: NewMember[];
}

export function ensureGroup(ctx: StoreContext, name: string): number {
  query(ctx.db).run('INSERT OR IGNORE INTO village_groups (name, sort) VALUES (?, (SELECT COALESCE(MAX(sort), 0) + 1 FROM village_groups))', name);
  return query(ctx.db).scalar<number>('SELECT id FROM village_groups WHERE name = ?', name);
}

export function ensurePassbook(ctx: StoreContext, code: string, name: string, isDefault: boolean, spendable = true): number {
  query(ctx.db).run(
    'INSERT OR IGNORE INTO passbooks (code, name, is_default, spendable, sort) VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(sort), 0) + 1 FROM passbooks))',
    code,
    name,
    isDefault ? 1 : 0,
    spendable ? 1 : 0,
  );
  return query(ctx.db).scalar<number>('SELECT id FROM passbooks WHERE code = ?', code);
}

export function defaultPassbookId(ctx: StoreContext): number {
  const id = query(ctx.db).value<number>('SELECT id FROM passbooks WHERE is_default = 1 ORDER BY id LIMIT 1');
  return id ?? ensurePassbook(ctx, 'main', '积分存折', true);
}

/**
 * Creates a household with its members in the caller's transaction. ID numbers are
 * validated, then kept only as a keyed hash and a masked form.
 */
export function insertHousehold(ctx: StoreContext, h: NewHousehold, createdAt: string): number {
  if (h.members.length === 0) throw new AppError('BAD_INPUT', { detail: 'a household needs at least its head' });
  const groupId = ensureGroup(ctx, h.groupName);
  const info = query(ctx.db).run(
    'INSERT INTO households (number, group_id, head_name, address, phone, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    h.number,
    groupId,
    h.members[0]!.name,
    h.address ?? null,
    h.phone ?? null,
    createdAt,
  );
  const householdId = Number(info.lastInsertRowid);
  const stmt = ctx.db.prepare(
    'INSERT INTO members (household_id, name, name_pinyin, name_initials, relation, is_head, id_hash, id_masked) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  h.members.forEach((m, i) => {
    const keys = searchKeys(m.name);
    let hash: Buffer | null = null;
    let masked: string | null = null;
    if (m.idNumber) {
      const r = residentIdHash(ctx, m.idNumber);
      hash = r.hash;
      masked = maskResidentId(r.normalized);
      if (query(ctx.db).get('SELECT 1 FROM members WHERE id_hash = ?', hash)) throw new AppError('ID_DUPLICATE');
    }
    stmt.run(householdId, m.name, keys.full, keys.initials, m.relation, i === 0 ? 1 : 0, hash, masked);
  });
  return householdId;
}

/**
 * An opening balance carried over from paper records, as a ledger row. It counts toward
 * the honour total (star tiers) only when the committee says the paper balance was earned
 * as honour (`asHonour`): an opening balance is otherwise only spendable, so a household
 * created with 520 points is not a five-star household on its first day.
 */
export function openingBalance(
  ctx: StoreContext,
  householdId: number,
  passbookId: number,
  points: number,
  operatorId: number,
  at: { createdAt: string; businessDate: string },
  asHonour = false,
): void {
  if (points <= 0) return;
  postToLedger(ctx.db, {
    householdId,
    passbookId,
    kind: 'opening',
    amount: toPoints(points),
    honourDelta: toPoints(asHonour ? points : 0),
    operatorId,
    createdAt: at.createdAt,
    businessDate: at.businessDate,
    note: asHonour ? '期初余额（纸质台账结转，计入荣誉）' : '期初余额（纸质台账结转）',
  });
}
