import type { Db } from '../platform/open.js';
import { query } from '../platform/query.js';

/**
 * Witness codes: a short books fingerprint printed on receipts, the day-close slip and the
 * A4 day sheet, e.g. `#1234 7QX2-M9KD`: the ledger row id (so the row can be found) and
 * the first 40 bits of that row's keyed chain hash in Crockford base32 (no I, L, O or U,
 * so it can be read aloud and typed back). Paper in a villager's drawer or on the notice
 * board is outside the PC: if the books are later rewritten or cut back, even by someone
 * holding the key, the code no longer matches and `verify --witness` says where.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]!;
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** The 8 characters for a row's hash, grouped 4-4. */
export function witnessDigits(hash: Buffer): string {
  const s = base32(hash.subarray(0, 5));
  return `${s.slice(0, 4)}-${s.slice(4, 8)}`;
}

export function witnessCode(ledgerId: number, hash: Buffer): string {
  return `#${ledgerId} ${witnessDigits(hash)}`;
}

/** The code for the ledger as it stands (its head), or null for empty books. */
export function currentWitness(db: Db): string | null {
  const r = query(db).get<{ id: number; hash: Buffer }>('SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1');
  return r ? witnessCode(r.id, r.hash) : null;
}

/** The code for one ledger row (a receipt's own row), or null if it is not there. */
export function witnessOfRow(db: Db, ledgerId: number): string | null {
  const h = query(db).value<Buffer>('SELECT hash FROM ledger WHERE id = ?', ledgerId);
  return h ? witnessCode(ledgerId, h) : null;
}

export interface ParsedWitness {
  ledgerId: number;
  digits: string;
}

/** Reads a code as typed from paper: case, spaces, dashes, '#' optional; O→0, I/L→1. */
export function parseWitness(text: string): ParsedWitness | null {
  const m = /^\s*#?\s*(\d{1,15})[\s:/-]+([0-9A-Za-z]{4})[\s-]?([0-9A-Za-z]{4})\s*$/.exec(text);
  if (!m) return null;
  const digits = (m[2]! + m[3]!).toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  if (/[^0-9A-HJKMNP-TV-Z]/.test(digits)) return null;
  return { ledgerId: Number(m[1]), digits: `${digits.slice(0, 4)}-${digits.slice(4)}` };
}

export type WitnessResult =
  | { code: string; outcome: 'held'; ledgerId: number }
  | { code: string; outcome: 'rewritten'; ledgerId: number; found: string }
  | { code: string; outcome: 'cut'; ledgerId: number; lastId: number }
  | { code: string; outcome: 'invalid' };

/**
 * Whether the books still hold the exact history the code witnessed: its row is there
 * with the same keyed hash (and, since every hash covers the one before, so is all the
 * history up to it, which the chain walk of `verify` confirms row by row).
 */
export function checkWitness(db: Db, code: string): WitnessResult {
  const p = parseWitness(code);
  if (!p) return { code, outcome: 'invalid' };
  const h = query(db).value<Buffer>('SELECT hash FROM ledger WHERE id = ?', p.ledgerId);
  if (!h) {
    const lastId = query(db).scalar<number>('SELECT COALESCE(MAX(id), 0) FROM ledger') ?? 0;
    return { code, outcome: 'cut', ledgerId: p.ledgerId, lastId };
  }
  const found = witnessDigits(h);
  return found === p.digits ? { code, outcome: 'held', ledgerId: p.ledgerId } : { code, outcome: 'rewritten', ledgerId: p.ledgerId, found };
}

/** The result in Chinese, then English (the CLI prints it; the UI has its own table). */
export function describeWitness(r: WitnessResult): string {
  switch (r.outcome) {
    case 'held':
      return `见证码 ${r.code}：账本仍包含这段历史（至台账第 ${r.ledgerId} 行） / the books still hold this history (up to ledger row ${r.ledgerId})`;
    case 'rewritten':
      return `见证码 ${r.code}：账本在台账第 ${r.ledgerId} 行或之前被改写（现在为 ${r.found}） / the books were rewritten at or before ledger row ${r.ledgerId} (now ${r.found})`;
    case 'cut':
      return `见证码 ${r.code}：账本被截断，台账第 ${r.ledgerId} 行已不存在（现在最后一行是第 ${r.lastId} 行） / the books were cut back: ledger row ${r.ledgerId} is gone (the last row is ${r.lastId})`;
    case 'invalid':
      return `见证码 ${r.code}：格式不对（应如 #1234 7QX2-M9KD） / not a witness code (like #1234 7QX2-M9KD)`;
  }
}
