import { AppError } from '../contract/errors.js';
import type { Keyring } from '../platform/crypto/secret.js';

/**
 * Household card QR payloads: ASCII, versioned, signed.
 *   VPSC1.<household number>.<card version>.<signature>
 * The signature (HMAC with the installation secret) refuses hand-made codes; the card
 * version lets the committee revoke a lost card by issuing a new one.
 */
export const CARD_PREFIX = 'VPSC1.';

export function looksLikeCardCode(s: string): boolean {
  return s.toUpperCase().startsWith(CARD_PREFIX);
}

export function makeCardCode(keyring: Keyring, householdNumber: string, cardVersion: number): string {
  const body = `${householdNumber}.${cardVersion}`;
  return `${CARD_PREFIX}${body}.${keyring.cardSignature(body)}`;
}

export interface CardCode {
  householdNumber: string;
  cardVersion: number;
}

/** Parses and checks the signature; the caller checks the version against the household. */
export function readCardCode(keyring: Keyring, raw: string): CardCode {
  const s = raw.trim();
  // Scanners in some keyboard layouts upper-case everything: accept the prefix either way,
  // but the signature is case-sensitive base64url, so a case-mangled code is refused.
  const rest = s.slice(CARD_PREFIX.length);
  const m = /^([0-9A-Za-z-]{1,20})\.(\d{1,6})\.([A-Za-z0-9_-]{16})$/.exec(rest);
  if (!looksLikeCardCode(s) || !m) throw new AppError('QR_MALFORMED');
  const [, number, version, sig] = m as unknown as [string, string, string, string];
  if (keyring.cardSignature(`${number}.${version}`) !== sig) throw new AppError('QR_FORGED');
  return { householdNumber: number, cardVersion: Number(version) };
}
