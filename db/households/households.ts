import { AppError, type ErrorCode } from '../contract/errors.js';
import type { AccountView, HouseholdSummary, HouseholdView, LedgerEntryView, LookupResult, MemberView } from '../contract/views.js';
import type { StoreContext } from '../books/context.js';
import { looksLikeCardCode, readCardCode } from '../domain/card-code.js';
import { normalizeLookupQuery } from '../domain/lookup-query.js';
import { isLatinQuery, prefixUpperBound } from '../domain/pinyin.js';
import { validateResidentId, type ResidentIdProblem } from '../domain/resident-id.js';
import { goodsByBarcode } from '../counter/goods.js';
import { prepared } from '../platform/prepared.js';

const ID_PROBLEM_CODES: Record<ResidentIdProblem, ErrorCode> = {
  length: 'ID_LENGTH',
  format: 'ID_FORMAT',
  birth_date: 'ID_BIRTH_DATE',
  future_date: 'ID_FUTURE_DATE',
  check_char: 'ID_CHECK_CHAR',
};

/** Household numbers look like 03-017 (group - sequence). */
export const HOUSEHOLD_NUMBER = /^\d{1,3}-\d{1,4}$/;
const BARCODE = /^\d{6,14}$/;
const MAX_MATCHES = 30;
const RECENT_ENTRIES = 10;

/** Validates an ID number and returns its lookup hash, or throws the precise problem. */
export function residentIdHash(ctx: StoreContext, raw: string): { hash: Buffer; normalized: string } {
  const v = validateResidentId(raw, ctx.clock.now());
  if (!v.ok) throw new AppError(ID_PROBLEM_CODES[v.problem]);
  return { hash: ctx.keyring.idHash(v.normalized), normalized: v.normalized };
}

/**
 * The counter's one box. Decides what arrived, in an order that cannot be confused:
 * a card QR (prefix), an ID number (18 chars, or 17 digits + something), a household
 * number (digits-dash-digits), a goods barcode (6-14 digits), else a name or pinyin.
 */
export function lookup(ctx: StoreContext, rawQuery: string): LookupResult {
  const query = normalizeLookupQuery(rawQuery);
  if (query.kind === 'scientific') throw new AppError('ID_SCIENTIFIC', { value: query.text });
  const q = query.text;
  if (looksLikeCardCode(q)) {
    const card = readCardCode(ctx.keyring, q);
    const h = prepared(ctx.db, 'SELECT id, card_version FROM households WHERE number = ?').get(card.householdNumber) as
      { id: number; card_version: number } | undefined;
    if (!h) throw new AppError('HOUSEHOLD_NOT_FOUND');
    if (card.cardVersion !== h.card_version) throw new AppError('QR_REVOKED');
    return { kind: 'household', household: householdView(ctx, h.id), via: 'qr' };
  }
  if (/^\d{17}[\dXx]$/.test(q) || (/^\d{15,}[Xx]?$/.test(q) && q.length >= 16 && q.length <= 19 && !BARCODE.test(q))) {
    const { hash } = residentIdHash(ctx, q);
    const m = prepared(ctx.db, 'SELECT id, household_id, name, is_head FROM members WHERE id_hash = ? AND active = 1').get(hash) as
      { id: number; household_id: number; name: string; is_head: number } | undefined;
    if (!m) throw new AppError('ID_NOT_FOUND');
    // Whose card it was: that member is the one collecting (named on screen unless it is the head).
    const household = {
      ...householdView(ctx, m.household_id),
      matchedMember: m.is_head ? null : m.name,
      matchedMemberId: m.id,
      matchedBy: 'id' as const,
    };
    return { kind: 'household', household, via: 'id' };
  }
  if (HOUSEHOLD_NUMBER.test(q)) {
    const h = prepared(ctx.db, 'SELECT id FROM households WHERE number = ?').get(q) as { id: number } | undefined;
    if (!h) return { kind: 'none', query: q };
    return { kind: 'household', household: householdView(ctx, h.id), via: 'number' };
  }
  if (BARCODE.test(q)) {
    const g = goodsByBarcode(ctx, q);
    if (!g) throw new AppError('BARCODE_NOT_FOUND', { barcode: q });
    return { kind: 'goods', goods: g };
  }
  const matches = searchByName(ctx, q);
  if (matches.length === 0) return { kind: 'none', query: q };
  if (matches.length === 1) {
    const only = matches[0]!;
    const household = { ...householdView(ctx, only.id), matchedMember: only.matchedMember, matchedMemberId: only.matchedMemberId, matchedBy: only.matchedBy };
    return { kind: 'household', household, via: 'name' };
  }
  return { kind: 'matches', matches };
}

interface MatchRow {
  id: number;
  number: string;
  head_name: string;
  group_name: string;
  status: 'active' | 'moved';
  member_id: number;
  member_name: string;
  is_head: number;
  rank: number;
}

/**
 * Name search over every member (a villager may give a spouse's name). Ranked: exact
 * name, then name prefix, then full pinyin prefix, then initials prefix; heads before
 * other members; active before moved. Prefix matches use index range scans, so the
 * search stays fast for a county's 100k households.
 */
export function searchByName(ctx: StoreContext, q: string): HouseholdSummary[] {
  const rows: MatchRow[] = [];
  const base = `SELECT h.id, h.number, h.head_name, g.name AS group_name, h.status, m.id AS member_id, m.name AS member_name, m.is_head, ? AS rank
    FROM members m JOIN households h ON h.id = m.household_id JOIN village_groups g ON g.id = h.group_id
    WHERE m.active = 1 AND `;
  if (isLatinQuery(q)) {
    const k = q.toLowerCase();
    const hi = prefixUpperBound(k);
    rows.push(...(prepared(ctx.db, base + 'm.name_initials = ? LIMIT 200').all(1, k) as MatchRow[]));
    rows.push(...(prepared(ctx.db, base + 'm.name_pinyin >= ? AND m.name_pinyin < ? LIMIT 200').all(2, k, hi) as MatchRow[]));
    rows.push(...(prepared(ctx.db, base + 'm.name_initials > ? AND m.name_initials < ? LIMIT 200').all(3, k, hi) as MatchRow[]));
  } else {
    rows.push(...(prepared(ctx.db, base + 'm.name = ? LIMIT 200').all(0, q) as MatchRow[]));
    rows.push(...(prepared(ctx.db, base + 'm.name > ? AND m.name < ? LIMIT 200').all(1, q, prefixUpperBound(q)) as MatchRow[]));
  }
  rows.sort((a, b) => a.rank - b.rank || (a.status === b.status ? 0 : a.status === 'active' ? -1 : 1) || b.is_head - a.is_head || a.id - b.id);
  const seen = new Set<number>();
  const out: HouseholdSummary[] = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push({
      id: r.id,
      number: r.number,
      headName: r.head_name,
      groupName: r.group_name,
      matchedMember: r.is_head ? null : r.member_name,
      matchedMemberId: r.member_id,
      matchedBy: 'name',
      status: r.status,
    });
    if (out.length >= MAX_MATCHES) break;
  }
  return out;
}

export function maskPhone(p: string | null): string | null {
  if (!p) return null;
  return p.length >= 7 ? p.slice(0, 3) + '****' + p.slice(-4) : '****';
}

export function householdView(ctx: StoreContext, householdId: number): HouseholdView {
  const h = prepared(
    ctx.db,
    `SELECT h.id, h.number, h.head_name, h.address, h.phone, h.status, h.card_version, g.name AS group_name
     FROM households h JOIN village_groups g ON g.id = h.group_id WHERE h.id = ?`,
  ).get(householdId) as
    | {
        id: number;
        number: string;
        head_name: string;
        address: string | null;
        phone: string | null;
        status: 'active' | 'moved';
        card_version: number;
        group_name: string;
      }
    | undefined;
  if (!h) throw new AppError('HOUSEHOLD_NOT_FOUND');
  const members = (
    prepared(ctx.db, 'SELECT id, name, relation, is_head, id_masked FROM members WHERE household_id = ? AND active = 1 ORDER BY is_head DESC, id').all(
      householdId,
    ) as { id: number; name: string; relation: string; is_head: number; id_masked: string | null }[]
  ).map((m): MemberView => ({ id: m.id, name: m.name, relation: m.relation, isHead: m.is_head === 1, idMasked: m.id_masked }));
  const accounts = (
    prepared(
      ctx.db,
      `SELECT p.id, p.name, p.spendable, p.is_default, COALESCE(a.balance, 0) AS balance, COALESCE(a.honour_total, 0) AS honour_total
       FROM passbooks p LEFT JOIN accounts a ON a.passbook_id = p.id AND a.household_id = ? ORDER BY p.sort, p.id`,
    ).all(householdId) as { id: number; name: string; spendable: number; is_default: number; balance: number; honour_total: number }[]
  ).map((a): AccountView => ({
    passbookId: a.id,
    passbookName: a.name,
    spendable: a.spendable === 1,
    isDefault: a.is_default === 1,
    balance: a.balance,
    honourTotal: a.honour_total,
  }));
  const recentEntries = (
    prepared(
      ctx.db,
      `SELECT l.id, p.name AS passbook_name, l.kind, l.amount, l.balance_after, l.business_date, l.created_at, o.name AS operator_name, l.note
       FROM ledger l JOIN passbooks p ON p.id = l.passbook_id JOIN operators o ON o.id = l.operator_id
       WHERE l.household_id = ? ORDER BY l.id DESC LIMIT ?`,
    ).all(householdId, RECENT_ENTRIES) as {
      id: number;
      passbook_name: string;
      kind: LedgerEntryView['kind'];
      amount: number;
      balance_after: number;
      business_date: string;
      created_at: string;
      operator_name: string;
      note: string | null;
    }[]
  ).map((e): LedgerEntryView => ({
    id: e.id,
    passbookName: e.passbook_name,
    kind: e.kind,
    amount: e.amount,
    balanceAfter: e.balance_after,
    businessDate: e.business_date,
    createdAt: e.created_at,
    operatorName: e.operator_name,
    note: e.note,
  }));
  return {
    id: h.id,
    number: h.number,
    headName: h.head_name,
    groupName: h.group_name,
    matchedMember: null,
    matchedMemberId: null,
    matchedBy: null,
    status: h.status,
    phoneMasked: maskPhone(h.phone),
    address: h.address,
    cardVersion: h.card_version,
    members,
    accounts,
    recentEntries,
  };
}
