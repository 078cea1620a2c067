import { AppError } from '../contract/errors.js';
import type { LedgerKind } from '../contract/views.js';
import type { Points } from '../domain/amounts.js';
import type { Db } from '../platform/open.js';
import { storedInstant } from '../platform/compact-columns.js';
import { assertDayOpen } from './day-guard.js';
import { GENESIS, keyedChainHash, requireBooksKey } from './hash-chain.js';

export interface LedgerPosting {
  householdId: number;
  passbookId: number;
  kind: LedgerKind;
  /** Signed change to the spendable balance (points(), never a fen amount or a fraction). */
  amount: Points;
  /** Change to the honour total (awards raise it; spending never lowers it). */
  honourDelta?: Points;
  businessDate: string;
  createdAt: string;
  operatorId: number;
  refType?: string | null;
  refId?: number | null;
  correctsId?: number | null;
  note?: string | null;
}

export interface LedgerRowForHash {
  household_id: number;
  passbook_id: number;
  kind: string;
  amount: number;
  balance_after: number;
  honour_delta: number;
  business_date: string;
  created_at: string;
  operator_id: number;
  ref_type: string | null;
  ref_id: number | null;
  corrects_id: number | null;
  note: string | null;
}

export function ledgerFields(r: LedgerRowForHash) {
  return [
    r.household_id,
    r.passbook_id,
    r.kind,
    r.amount,
    r.balance_after,
    r.honour_delta,
    r.business_date,
    r.created_at,
    r.operator_id,
    r.ref_type,
    r.ref_id,
    r.corrects_id,
    r.note,
  ] as const;
}

/**
 * The values for the INSERT's columns (household_id … note): the hashed fields, with the
 * instant in the compact form the table stores (`created`, migration 005).
 */
export function storedLedgerFields(r: LedgerRowForHash) {
  // The same order as the hash (stated once, in ledgerFields); only the instant differs.
  const fields: (string | number | bigint | null)[] = [...ledgerFields(r)];
  fields[CREATED_AT] = storedInstant(r.created_at);
  return fields;
}

const CREATED_AT = ledgerFields(new Proxy({}, { get: (_t, key) => key }) as LedgerRowForHash).indexOf('created_at');

/** Statements are prepared once per connection: the counter's hot path. */
const cache = new WeakMap<Db, ReturnType<typeof prepare>>();
function prepare(db: Db) {
  return {
    lastHash: db.prepare('SELECT hash FROM ledger ORDER BY id DESC LIMIT 1').pluck(),
    account: db.prepare('SELECT balance, honour_total FROM accounts WHERE household_id = ? AND passbook_id = ?'),
    createAccount: db.prepare('INSERT OR IGNORE INTO accounts (household_id, passbook_id) VALUES (?, ?)'),
    updateAccount: db.prepare('UPDATE accounts SET balance = ?, honour_total = ? WHERE household_id = ? AND passbook_id = ?'),
    insert: db.prepare(
      `INSERT INTO ledger (household_id, passbook_id, kind, amount, balance_after, honour_delta, business_date, created,
         operator_id, ref_type, ref_id, corrects_id, note, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}
function stmts(db: Db) {
  let s = cache.get(db);
  if (!s) {
    s = prepare(db);
    cache.set(db, s);
  }
  return s;
}

/**
 * Appends one ledger row and updates the balance cache in the caller's transaction.
 * The only way points move. Refuses to take a balance below zero.
 */
export function postToLedger(db: Db, p: LedgerPosting): { ledgerId: number; balanceBefore: number; balanceAfter: number } {
  if (!Number.isSafeInteger(p.amount) || p.amount === 0) throw new Error(`ledger amount must be a non-zero integer: ${p.amount}`);
  assertDayOpen(db, p.businessDate);
  const s = stmts(db);
  s.createAccount.run(p.householdId, p.passbookId);
  const acc = s.account.get(p.householdId, p.passbookId) as { balance: number; honour_total: number };
  const balanceAfter = acc.balance + p.amount;
  if (balanceAfter < 0) throw new AppError('INSUFFICIENT_POINTS', { need: -p.amount, have: acc.balance });
  const honourDelta = p.honourDelta ?? 0;
  const row: LedgerRowForHash = {
    household_id: p.householdId,
    passbook_id: p.passbookId,
    kind: p.kind,
    amount: p.amount,
    balance_after: balanceAfter,
    honour_delta: honourDelta,
    business_date: p.businessDate,
    created_at: p.createdAt,
    operator_id: p.operatorId,
    ref_type: p.refType ?? null,
    ref_id: p.refId ?? null,
    corrects_id: p.correctsId ?? null,
    note: p.note ?? null,
  };
  // The chain: this row's hash covers the previous row's hash (not stored again here).
  const prev = (s.lastHash.get() as Buffer | undefined) ?? GENESIS;
  const hash = keyedChainHash(requireBooksKey(db), prev, ledgerFields(row));
  const info = s.insert.run(...storedLedgerFields(row), hash);
  s.updateAccount.run(balanceAfter, acc.honour_total + honourDelta, p.householdId, p.passbookId);
  return { ledgerId: Number(info.lastInsertRowid), balanceBefore: acc.balance, balanceAfter };
}
