/**
 * Resident identity numbers (GB 11643-1999): 6-digit region, 8-digit birth date,
 * 3-digit sequence, 1 check character. See shared/DOMAIN.md.
 *
 * These numbers are sensitive: callers must never log them. Only the masked form and a
 * keyed hash (see crypto/secret.ts) are ever stored.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type ResidentIdProblem = 'length' | 'format' | 'birth_date' | 'future_date' | 'check_char';

export type ResidentIdResult = { ok: true; normalized: string } | { ok: false; problem: ResidentIdProblem };

/** The check character for the first 17 digits. */
export function checkCharFor(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * Validates an 18-character resident ID. Accepts a lower-case x and surrounding spaces;
 * old birth dates and retired region codes are accepted on purpose (people keep their
 * numbers when counties merge).
 */
export function validateResidentId(raw: string, today: Date = new Date()): ResidentIdResult {
  const s = raw.trim().toUpperCase();
  if (s.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, problem: 'format' };
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (y < 1800 || !isRealDate(y, m, d)) return { ok: false, problem: 'birth_date' };
  const birth = Date.UTC(y, m - 1, d);
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (birth > todayUtc) return { ok: false, problem: 'future_date' };
  if (checkCharFor(s.slice(0, 17)) !== s[17]) return { ok: false, problem: 'check_char' };
  return { ok: true, normalized: s };
}

/** Shows only the first 6 and last 4 characters: 110105********002X. */
export function maskResidentId(normalized: string): string {
  return normalized.slice(0, 6) + '********' + normalized.slice(14);
}

/** Region prefixes used for generated numbers (real county codes, fake people). */
const DEMO_REGIONS = ['430703', '431322', '430181', '110105', '320582', '510122'] as const;

/**
 * Generates a valid-looking number for tests and demo data only: a valid region prefix,
 * a random birth date, a random sequence and the computed check character.
 */
export function generateResidentId(rand: () => number = Math.random, region?: string): string {
  const r = region ?? DEMO_REGIONS[Math.floor(rand() * DEMO_REGIONS.length)]!;
  const start = Date.UTC(1935, 0, 1);
  const end = Date.UTC(2015, 11, 31);
  const dt = new Date(start + Math.floor(rand() * (end - start)));
  const ymd = String(dt.getUTCFullYear()) + String(dt.getUTCMonth() + 1).padStart(2, '0') + String(dt.getUTCDate()).padStart(2, '0');
  const seq = String(Math.floor(rand() * 1000)).padStart(3, '0');
  const first17 = r + ymd + seq;
  return first17 + checkCharFor(first17);
}
