/**
 * The committee's household register: create, edit, move between groups, mark moved
 * away, members (ID numbers only hashed and masked), new cards, and points moved between
 * households when the committee merges or splits them. Every change is audited with its
 * operator; ID numbers never reach the audit log.
 */
import { AppError } from '../contract/errors.js';
import type { CardIssued, GroupView, HouseholdDetail, HouseholdPage, HouseholdRow, TransferDone } from '../contract/views-households.js';
import type { StoreContext } from '../books/context.js';
import { makeCardCode } from '../domain/card-code.js';
import { isLatinQuery, prefixUpperBound, searchKeys } from '../domain/pinyin.js';
import { maskResidentId } from '../domain/resident-id.js';
import { audit } from '../books/audit.js';
import { HOUSEHOLD_NUMBER, residentIdHash } from './households.js';
import { ensureGroup, insertHousehold, openingBalance, defaultPassbookId, type NewMember } from './write.js';
import { postToLedger } from '../books/ledger.js';
import { query } from '../platform/query.js';
import { points as toPoints } from '../domain/amounts.js';

export function listGroups(ctx: StoreContext): GroupView[] {
  return query(ctx.db).all<GroupView>(`SELECT g.id, g.name, (SELECT count(*) FROM households h WHERE h.group_id = g.id AND h.status = 'active') AS households
       FROM village_groups g ORDER BY g.sort, g.id`);
}

export function createGroup(ctx: StoreContext, operatorId: number, name: string): GroupView {
  return ctx.db
    .transaction(() => {
      const id = ensureGroup(ctx, name);
      audit(ctx.db, ctx.stamp().createdAt, operatorId, 'group.create', `group:${id}`, { name });
      return listGroups(ctx).find((g) => g.id === id)!;
    })
    .immediate();
}

interface ListQuery {
  query?: string | undefined;
  groupId?: number | undefined;
  status?: 'active' | 'moved' | undefined;
  offset: number;
  limit: number;
}

/** The roster page: filter by group, status and a name / number / pinyin search. */
export function listHouseholds(ctx: StoreContext, q: ListQuery): HouseholdPage {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (q.groupId !== undefined) {
    where.push('h.group_id = ?');
    args.push(q.groupId);
  }
  if (q.status !== undefined) {
    where.push('h.status = ?');
    args.push(q.status);
  }
  const text = q.query?.trim() ?? '';
  if (text) {
    if (/^[\d-]+$/.test(text)) {
      where.push('h.number >= ? AND h.number < ?');
      args.push(text, prefixUpperBound(text));
    } else if (isLatinQuery(text)) {
      const k = text.toLowerCase();
      where.push(
        'h.id IN (SELECT household_id FROM members WHERE active = 1 AND ((name_initials >= ? AND name_initials < ?) OR (name_pinyin >= ? AND name_pinyin < ?)))',
      );
      args.push(k, prefixUpperBound(k), k, prefixUpperBound(k));
    } else {
      where.push('h.id IN (SELECT household_id FROM members WHERE active = 1 AND instr(name, ?) > 0)');
      args.push(text);
    }
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = query(ctx.db).scalar<number>(`SELECT count(*) FROM households h ${filter}`, ...args);
  const rows = query(ctx.db).all<HouseholdRow>(
    `SELECT h.id, h.number, h.head_name AS headName, h.group_id AS groupId, g.name AS groupName, h.status, h.card_version AS cardVersion,
         (SELECT count(*) FROM members m WHERE m.household_id = h.id AND m.active = 1) AS members,
         COALESCE((SELECT SUM(a.balance) FROM accounts a JOIN passbooks p ON p.id = a.passbook_id WHERE a.household_id = h.id AND p.spendable = 1), 0) AS balance,
         COALESCE((SELECT SUM(a.honour_total) FROM accounts a WHERE a.household_id = h.id), 0) AS honourTotal
       FROM households h JOIN village_groups g ON g.id = h.group_id ${filter}
       ORDER BY g.sort, h.number LIMIT ? OFFSET ?`,
    ...args,
    q.limit,
    q.offset,
  );
  return { total, rows };
}

export function householdDetail(ctx: StoreContext, householdId: number): HouseholdDetail {
  const h = query(ctx.db).get<Omit<HouseholdDetail, 'members' | 'accounts'>>(
    `SELECT h.id, h.number, h.group_id AS groupId, g.name AS groupName, h.address, h.phone, h.status, h.card_version AS cardVersion
       FROM households h JOIN village_groups g ON g.id = h.group_id WHERE h.id = ?`,
    householdId,
  );
  if (!h) throw new AppError('HOUSEHOLD_NOT_FOUND');
  const members = (
    ctx.db
      .prepare('SELECT id, name, relation, is_head, id_masked FROM members WHERE household_id = ? AND active = 1 ORDER BY is_head DESC, id')
      .all(householdId) as { id: number; name: string; relation: string; is_head: number; id_masked: string | null }[]
  ).map((m) => ({ id: m.id, name: m.name, relation: m.relation, isHead: m.is_head === 1, idMasked: m.id_masked }));
  const accounts = ctx.db
    .prepare(
      `SELECT p.id AS passbookId, p.name AS passbookName, COALESCE(a.balance, 0) AS balance, COALESCE(a.honour_total, 0) AS honourTotal
       FROM passbooks p LEFT JOIN accounts a ON a.passbook_id = p.id AND a.household_id = ? ORDER BY p.sort, p.id`,
    )
    .all(householdId) as HouseholdDetail['accounts'];
  return { ...h, members, accounts };
}

function assertNumberFree(ctx: StoreContext, number: string, exceptId?: number): void {
  if (!HOUSEHOLD_NUMBER.test(number)) throw new AppError('HOUSEHOLD_NUMBER_FORMAT', { number });
  const other = query(ctx.db).value<number>('SELECT id FROM households WHERE number = ?', number);
  if (other !== undefined && other !== exceptId) throw new AppError('HOUSEHOLD_NUMBER_TAKEN', { number });
}

function groupName(ctx: StoreContext, groupId: number): string {
  const name = query(ctx.db).value<string>('SELECT name FROM village_groups WHERE id = ?', groupId);
  if (name === undefined) throw new AppError('GROUP_NOT_FOUND');
  return name;
}

export interface CreateHouseholdInput {
  number: string;
  groupId: number;
  address?: string | null | undefined;
  phone?: string | null | undefined;
  members: NewMember[];
  openingPoints: number;
  /** The opening points were earned as honour (paper records say so); default: spendable only. */
  openingHonour?: boolean | undefined;
}

export function createHousehold(ctx: StoreContext, operatorId: number, input: CreateHouseholdInput): HouseholdDetail {
  const id = ctx.db
    .transaction(() => {
      assertNumberFree(ctx, input.number);
      const stamp = ctx.stamp();
      const householdId = insertHousehold(ctx, { ...input, groupName: groupName(ctx, input.groupId) }, stamp.createdAt);
      openingBalance(ctx, householdId, defaultPassbookId(ctx), input.openingPoints, operatorId, stamp, input.openingHonour === true);
      audit(ctx.db, stamp.createdAt, operatorId, 'household.create', `household:${householdId}`, {
        number: input.number,
        members: input.members.length,
        openingPoints: input.openingPoints,
        openingHonour: input.openingHonour === true,
      });
      return householdId;
    })
    .immediate();
  return householdDetail(ctx, id);
}

export interface UpdateHouseholdInput {
  householdId: number;
  number?: string | undefined;
  groupId?: number | undefined;
  address?: string | null | undefined;
  phone?: string | null | undefined;
}

/** Edits the household's own fields; moving to another group is just a new group_id. */
export function updateHousehold(ctx: StoreContext, operatorId: number, input: UpdateHouseholdInput): HouseholdDetail {
  ctx.db
    .transaction(() => {
      const before = householdDetail(ctx, input.householdId);
      const changes: Record<string, unknown> = {};
      if (input.number !== undefined && input.number !== before.number) {
        assertNumberFree(ctx, input.number, input.householdId);
        changes.number = { from: before.number, to: input.number };
      }
      if (input.groupId !== undefined && input.groupId !== before.groupId) {
        changes.group = { from: before.groupName, to: groupName(ctx, input.groupId) };
      }
      if (input.address !== undefined && (input.address || null) !== before.address) changes.address = true;
      if (input.phone !== undefined && (input.phone || null) !== before.phone) changes.phone = true;
      if (Object.keys(changes).length === 0) return;
      query(ctx.db).run(
        'UPDATE households SET number = ?, group_id = ?, address = ?, phone = ? WHERE id = ?',
        input.number ?? before.number,
        input.groupId ?? before.groupId,
        input.address === undefined ? before.address : input.address || null,
        input.phone === undefined ? before.phone : input.phone || null,
        input.householdId,
      );
      // Phone and address are personal: the log says that they changed, not to what.
      audit(ctx.db, ctx.stamp().createdAt, operatorId, 'household.update', `household:${input.householdId}`, changes);
    })
    .immediate();
  return householdDetail(ctx, input.householdId);
}

export function setHouseholdStatus(ctx: StoreContext, operatorId: number, householdId: number, status: 'active' | 'moved', reason: string): HouseholdDetail {
  ctx.db
    .transaction(() => {
      const before = householdDetail(ctx, householdId);
      if (before.status === status) return;
      query(ctx.db).run('UPDATE households SET status = ? WHERE id = ?', status, householdId);
      audit(ctx.db, ctx.stamp().createdAt, operatorId, status === 'moved' ? 'household.movedAway' : 'household.reactivated', `household:${householdId}`, {
        reason,
      });
    })
    .immediate();
  return householdDetail(ctx, householdId);
}

/** Hash and mask an ID number, refusing one registered to another member. */
function idColumns(ctx: StoreContext, idNumber: string, exceptMemberId: number | null): { hash: Buffer; masked: string } {
  const r = residentIdHash(ctx, idNumber);
  const other = query(ctx.db).value<number>('SELECT id FROM members WHERE id_hash = ?', r.hash);
  if (other !== undefined && other !== exceptMemberId) throw new AppError('ID_DUPLICATE');
  return { hash: r.hash, masked: maskResidentId(r.normalized) };
}

function memberRow(ctx: StoreContext, memberId: number) {
  const m = query(ctx.db).get<{ id: number; household_id: number; name: string; relation: string; is_head: number; active: number }>(
    'SELECT id, household_id, name, relation, is_head, active FROM members WHERE id = ?',
    memberId,
  );
  if (!m || m.active !== 1) throw new AppError('MEMBER_NOT_FOUND');
  return m;
}

export function addMember(ctx: StoreContext, operatorId: number, householdId: number, m: NewMember): HouseholdDetail {
  ctx.db
    .transaction(() => {
      householdDetail(ctx, householdId);
      const id = m.idNumber ? idColumns(ctx, m.idNumber, null) : null;
      const keys = searchKeys(m.name);
      const info = query(ctx.db).run(
        'INSERT INTO members (household_id, name, name_pinyin, name_initials, relation, is_head, id_hash, id_masked) VALUES (?, ?, ?, ?, ?, 0, ?, ?)',
        householdId,
        m.name,
        keys.full,
        keys.initials,
        m.relation,
        id?.hash ?? null,
        id?.masked ?? null,
      );
      audit(ctx.db, ctx.stamp().createdAt, operatorId, 'member.add', `member:${Number(info.lastInsertRowid)}`, {
        householdId,
        relation: m.relation,
        withId: id !== null,
      });
    })
    .immediate();
  return householdDetail(ctx, householdId);
}

export interface UpdateMemberInput {
  memberId: number;
  name?: string | undefined;
  relation?: string | undefined;
  /** A new ID number; null clears it; undefined leaves it. */
  idNumber?: string | null | undefined;
}

export function updateMember(ctx: StoreContext, operatorId: number, input: UpdateMemberInput): HouseholdDetail {
  const householdId = ctx.db
    .transaction(() => {
      const m = memberRow(ctx, input.memberId);
      const name = input.name ?? m.name;
      const keys = searchKeys(name);
      query(ctx.db).run(
        'UPDATE members SET name = ?, name_pinyin = ?, name_initials = ?, relation = ? WHERE id = ?',
        name,
        keys.full,
        keys.initials,
        input.relation ?? m.relation,
        m.id,
      );
      if (input.idNumber !== undefined) {
        const id = input.idNumber ? idColumns(ctx, input.idNumber, m.id) : null;
        query(ctx.db).run('UPDATE members SET id_hash = ?, id_masked = ? WHERE id = ?', id?.hash ?? null, id?.masked ?? null, m.id);
      }
      if (m.is_head === 1 && name !== m.name) query(ctx.db).run('UPDATE households SET head_name = ? WHERE id = ?', name, m.household_id);
      audit(ctx.db, ctx.stamp().createdAt, operatorId, 'member.update', `member:${m.id}`, {
        name: name !== m.name ? { from: m.name, to: name } : undefined,
        relation: input.relation !== undefined && input.relation !== m.relation ? { from: m.relation, to: input.relation } : undefined,
        idNumber: input.idNumber === undefined ? undefined : input.idNumber === null ? 'cleared' : 'replaced',
      });
      return m.household_id;
    })
    .immediate();
  return householdDetail(ctx, householdId);
}

/** A member who left (married out, died, moved): kept for history, hidden from search. */
export function removeMember(ctx: StoreContext, operatorId: number, memberId: number, reason: string): HouseholdDetail {
  const householdId = ctx.db
    .transaction(() => {
      const m = memberRow(ctx, memberId);
      if (m.is_head === 1) throw new AppError('HEAD_CANNOT_LEAVE');
      // The ID hash is released so the person can be registered in another household.
      query(ctx.db).run('UPDATE members SET active = 0, id_hash = NULL WHERE id = ?', m.id);
      audit(ctx.db, ctx.stamp().createdAt, operatorId, 'member.remove', `member:${m.id}`, { householdId: m.household_id, reason });
      return m.household_id;
    })
    .immediate();
  return householdDetail(ctx, householdId);
}

export function makeHead(ctx: StoreContext, operatorId: number, memberId: number, previousHeadRelation: string): HouseholdDetail {
  const householdId = ctx.db
    .transaction(() => {
      const m = memberRow(ctx, memberId);
      if (m.is_head === 1) return m.household_id;
      query(ctx.db).run('UPDATE members SET is_head = 0, relation = ? WHERE household_id = ? AND is_head = 1', previousHeadRelation, m.household_id);
      query(ctx.db).run("UPDATE members SET is_head = 1, relation = '户主' WHERE id = ?", m.id);
      query(ctx.db).run('UPDATE households SET head_name = ? WHERE id = ?', m.name, m.household_id);
      audit(ctx.db, ctx.stamp().createdAt, operatorId, 'member.makeHead', `member:${m.id}`, { householdId: m.household_id });
      return m.household_id;
    })
    .immediate();
  return householdDetail(ctx, householdId);
}

/**
 * A new card for a lost or damaged one: the card version goes up, so the old card's QR
 * code is refused at the counter (QR_REVOKED) from this moment.
 */
export function issueCard(ctx: StoreContext, operatorId: number, householdId: number, reason: string): CardIssued {
  return ctx.db
    .transaction(() => {
      const h = householdDetail(ctx, householdId);
      const cardVersion = h.cardVersion + 1;
      query(ctx.db).run('UPDATE households SET card_version = ? WHERE id = ?', cardVersion, householdId);
      audit(ctx.db, ctx.stamp().createdAt, operatorId, 'household.issueCard', `household:${householdId}`, { cardVersion, reason });
      return { householdId, number: h.number, cardVersion, cardCode: makeCardCode(ctx.keyring, h.number, cardVersion) };
    })
    .immediate();
}

export interface TransferInput {
  requestId: string;
  fromHouseholdId: number;
  toHouseholdId: number;
  passbookId: number;
  points: number;
  honour: number;
  reason: string;
}

/**
 * Points moved by a committee decision when households merge or split: two 'transfer'
 * ledger rows (out and in) that point at one transfer record. Honour moves with the
 * points only when the committee says so.
 */
export function transferPoints(ctx: StoreContext, operatorId: number, t: TransferInput): TransferDone {
  const prior = query(ctx.db).get<TransferDone>('SELECT id, points, honour FROM household_transfers WHERE request_id = ?', t.requestId);
  if (prior) return prior;
  if (t.fromHouseholdId === t.toHouseholdId) throw new AppError('TRANSFER_SAME_HOUSEHOLD');
  return ctx.db
    .transaction(() => {
      householdDetail(ctx, t.fromHouseholdId);
      householdDetail(ctx, t.toHouseholdId);
      if (!query(ctx.db).get('SELECT 1 FROM passbooks WHERE id = ?', t.passbookId)) throw new AppError('PASSBOOK_NOT_FOUND');
      const acc = query(ctx.db).get<{ balance: number; honour_total: number }>(
        'SELECT balance, honour_total FROM accounts WHERE household_id = ? AND passbook_id = ?',
        t.fromHouseholdId,
        t.passbookId,
      );
      if ((acc?.honour_total ?? 0) < t.honour) throw new AppError('INSUFFICIENT_POINTS', { need: t.honour, have: acc?.honour_total ?? 0 });
      const stamp = ctx.stamp();
      const info = query(ctx.db).run(
        `INSERT INTO household_transfers (request_id, from_household_id, to_household_id, passbook_id, points, honour, reason, operator_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        t.requestId,
        t.fromHouseholdId,
        t.toHouseholdId,
        t.passbookId,
        t.points,
        t.honour,
        t.reason,
        operatorId,
        stamp.createdAt,
      );
      const id = Number(info.lastInsertRowid);
      const common = { passbookId: t.passbookId, kind: 'transfer' as const, operatorId, refType: 'transfer', refId: id, note: t.reason, ...stamp };
      postToLedger(ctx.db, { ...common, householdId: t.fromHouseholdId, amount: toPoints(-t.points), honourDelta: toPoints(-t.honour) });
      postToLedger(ctx.db, { ...common, householdId: t.toHouseholdId, amount: toPoints(t.points), honourDelta: toPoints(t.honour) });
      audit(ctx.db, stamp.createdAt, operatorId, 'household.transferPoints', `transfer:${id}`, {
        from: t.fromHouseholdId,
        to: t.toHouseholdId,
        points: t.points,
        honour: t.honour,
      });
      return { id, points: t.points, honour: t.honour };
    })
    .immediate();
}
