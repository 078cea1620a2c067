import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * PINs are short, so the hash must be slow: scrypt with a per-PIN salt. Lockout after
 * repeated failures (db/books/operators.ts) does the rest.
 */
const N = 16384;
const KEYLEN = 32;

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(pin, salt, KEYLEN, { N, r: 8, p: 1 });
  return `scrypt$${N}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function checkPin(pin: string, stored: string): boolean {
  const [scheme, n, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const actual = scryptSync(pin, Buffer.from(saltB64, 'base64'), expected.length, { N: Number(n), r: 8, p: 1 });
  return timingSafeEqual(actual, expected);
}
