import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The per-installation secret: keys the ID-number hashes (so a stolen database file does
 * not reveal who is who by brute force over the small space of valid ID numbers), signs
 * household card QR codes and the integrity checkpoints. Kept in a 0600 file beside the
 * database; on the desktop the Electron host seals it with safeStorage (the OS keychain /
 * DPAPI) instead, so that copying the data folder alone does not copy the key.
 */
export const SECRET_FILE = 'secret.key';
/** The same secret sealed by the desktop's safeStorage; only that desktop user can open it. */
export const SEALED_SECRET_FILE = 'secret.key.sealed';

/** Encrypts and decrypts the secret with a key the operating system keeps (Electron safeStorage). */
export interface SecretSealer {
  seal(plain: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}

/** A key file: 64 hex digits; '#' comment lines (the exported key's warning) are allowed. */
function parseHexKey(text: string, file: string): Buffer {
  const hex = text
    .split(/\r?\n/)
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('')
    .trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} is not a valid secret key file`);
  return Buffer.from(hex, 'hex');
}

function writeSealed(dataDir: string, key: Buffer, sealer: SecretSealer): void {
  const file = join(dataDir, SEALED_SECRET_FILE);
  const sealed = sealer.seal(Buffer.from(key.toString('hex'), 'utf8'));
  // Prove the sealed copy opens before the plain one may go.
  if (!parseHexKey(sealer.open(sealed).toString('utf8'), file).equals(key)) throw new Error('safeStorage round trip failed');
  const tmp = file + '.tmp';
  writeFileSync(tmp, sealed, { mode: 0o600 });
  renameSync(tmp, file);
  chmodSync(file, 0o600);
}

/**
 * Loads the installation's secret, creating it on first use. With a sealer (the desktop
 * app), the key lives only sealed: a plain key file left from an earlier run is sealed
 * and then removed. Without one (CLI, browser host), a sealed key cannot be opened and
 * this refuses rather than silently making a new key, which would orphan every ID hash.
 */
export function loadOrCreateSecret(dataDir: string, sealer?: SecretSealer): Buffer {
  const plainFile = join(dataDir, SECRET_FILE);
  const sealedFile = join(dataDir, SEALED_SECRET_FILE);
  if (existsSync(sealedFile)) {
    if (!sealer) {
      throw new Error(`${sealedFile} is sealed by the desktop app: run this from the desktop app, or restore the exported key as ${SECRET_FILE}`);
    }
    const key = parseHexKey(sealer.open(readFileSync(sealedFile)).toString('utf8'), sealedFile);
    if (existsSync(plainFile)) rmSync(plainFile);
    return key;
  }
  if (existsSync(plainFile)) {
    const key = parseHexKey(readFileSync(plainFile, 'utf8'), plainFile);
    if (sealer) {
      writeSealed(dataDir, key, sealer);
      rmSync(plainFile);
    }
    return key;
  }
  const key = randomBytes(32);
  if (sealer) writeSealed(dataDir, key, sealer);
  else {
    writeFileSync(plainFile, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(plainFile, 0o600);
  }
  return key;
}

export class Keyring {
  constructor(private readonly secret: Buffer) {}

  /** Keyed hash of a normalized resident ID number: how members are looked up. */
  idHash(normalizedId: string): Buffer {
    return createHmac('sha256', this.secret)
      .update('resident-id\0' + normalizedId)
      .digest();
  }

  /** Signature for a household card payload, truncated: a QR code must stay small. */
  cardSignature(body: string): string {
    return createHmac('sha256', this.secret)
      .update('card\0' + body)
      .digest('base64url')
      .slice(0, 16);
  }

  /**
   * A MAC over an integrity checkpoint. The hash chains are plain SHA-256, so someone
   * with only the database file could rewrite a row and recompute every later hash; the
   * checkpoint, keyed with the secret, pins where the chain stood and cannot be forged
   * without the key.
   */
  checkpointMac(body: string): Buffer {
    return createHmac('sha256', this.secret)
      .update('checkpoint\0' + body)
      .digest();
  }

  checkpointMacOk(body: string, mac: Buffer): boolean {
    const expected = this.checkpointMac(body);
    return mac.length === expected.length && timingSafeEqual(mac, expected);
  }

  /** A short public fingerprint of the key: tells whether a backup was made with this key. */
  fingerprint(): string {
    return createHmac('sha256', this.secret).update('fingerprint').digest('hex').slice(0, 16);
  }

  /** The key as written in a key file, for the administrator's separate key export. */
  exportHex(): string {
    return this.secret.toString('hex');
  }
}

/**
 * The plain key file's key if there is one, without creating anything: for tools (the
 * CLI's verify) that can do more with the key but must not invent one.
 */
export function readPlainSecret(dataDir: string): Buffer | null {
  const file = join(dataDir, SECRET_FILE);
  return existsSync(file) ? parseHexKey(readFileSync(file, 'utf8'), file) : null;
}

/** Reads a key file (plain or an exported key with its warning comments). */
export function readKeyFile(file: string): Buffer {
  return parseHexKey(readFileSync(file, 'utf8'), file);
}
