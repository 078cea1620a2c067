import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The per-installation secret: keys the ID-number hashes (so a stolen database file does
 * not reveal who is who by brute force over the small space of valid ID numbers) and
 * signs household card QR codes. Kept in a 0600 file beside the database; the Electron
 * host may wrap it with safeStorage.
 */
export const SECRET_FILE = 'secret.key';

export function loadOrCreateSecret(dataDir: string): Buffer {
  const file = join(dataDir, SECRET_FILE);
  if (existsSync(file)) {
    const hex = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} is not a valid secret key file`);
    return Buffer.from(hex, 'hex');
  }
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}

export class Keyring {
  constructor(private readonly secret: Buffer) {}

  /** Keyed hash of a normalized resident ID number: how members are looked up. */
  idHash(normalizedId: string): Buffer {
    return createHmac('sha256', this.secret).update('resident-id\0' + normalizedId).digest();
  }

  /** Signature for a household card payload, truncated: a QR code must stay small. */
  cardSignature(body: string): string {
    return createHmac('sha256', this.secret).update('card\0' + body).digest('base64url').slice(0, 16);
  }
}
