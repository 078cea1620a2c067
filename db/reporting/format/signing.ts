/**
 * Ed25519 signatures over day reports and registrations. Pure node:crypto, shared by
 * the store (signs) and the hub (verifies); no database code.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** The public key as sent to the township: the raw 32 bytes in base64url, from the SPKI DER. */
export function publicKeyText(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 32).toString('base64url');
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function publicKeyFromText(text: string): KeyObject {
  const raw = Buffer.from(text, 'base64url');
  if (raw.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

/**
 * The key's fingerprint, read aloud or photographed: SHA-256 of the raw key, first 16 bytes
 * in hex, grouped by four (ab12 cd34 …). The township compares it with what the store shows.
 */
export function keyFingerprint(publicKey: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 32);
  return hex.match(/.{4}/g)!.join(' ');
}

/** `privateKey`: PEM text, or a key already parsed (a caller signing many texts parses once). */
export function signText(privateKey: string | KeyObject, text: string): string {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  return sign(null, Buffer.from(text, 'utf8'), key).toString('base64');
}

export function signatureOk(publicKey: KeyObject, text: string, signature: string): boolean {
  const sig = Buffer.from(signature, 'base64');
  if (sig.length !== 64) return false;
  return verify(null, Buffer.from(text, 'utf8'), publicKey, sig);
}
