/**
 * The store's Ed25519 signing key for day reports, kept like the installation secret
 * (db/platform/crypto/secret.ts): a 0600 PEM file beside the database, or sealed by the
 * desktop's safeStorage so that copying the data folder alone does not copy the key.
 * Only the public half leaves the store, in the registration file.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretSealer } from '../platform/crypto/secret.js';
import { publicKeyText } from './format/signing.js';

export const SIGNING_KEY_FILE = 'hub-signing.key';
export const SEALED_SIGNING_KEY_FILE = 'hub-signing.key.sealed';

export interface SigningKey {
  privateKeyPem: string;
  publicKey: string;
}

function fromPem(pem: string, file: string): SigningKey {
  if (!pem.includes('BEGIN PRIVATE KEY')) throw new Error(`${file} is not a signing key file`);
  return { privateKeyPem: pem, publicKey: publicKeyText(createPublicKey(pem)) };
}

function writeFile0600(file: string, data: string | Buffer): void {
  const tmp = file + '.tmp';
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, file);
  chmodSync(file, 0o600);
}

/** The store's signing key, or null before registration. */
export function readSigningKey(dataDir: string, sealer?: SecretSealer): SigningKey | null {
  const sealedFile = join(dataDir, SEALED_SIGNING_KEY_FILE);
  const plainFile = join(dataDir, SIGNING_KEY_FILE);
  if (existsSync(sealedFile)) {
    if (!sealer) throw new Error(`${sealedFile} is sealed by the desktop app: sign reports from the desktop app`);
    return fromPem(sealer.open(readFileSync(sealedFile)).toString('utf8'), sealedFile);
  }
  if (!existsSync(plainFile)) return null;
  const key = fromPem(readFileSync(plainFile, 'utf8'), plainFile);
  if (sealer) {
    writeFile0600(sealedFile, sealer.seal(Buffer.from(key.privateKeyPem, 'utf8')));
    rmSync(plainFile);
  }
  return key;
}

/** Makes the key pair at registration; an existing key is kept (a second registration re-sends the same key). */
export function loadOrCreateSigningKey(dataDir: string, sealer?: SecretSealer): SigningKey {
  const existing = readSigningKey(dataDir, sealer);
  if (existing) return existing;
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  if (sealer) {
    const sealed = sealer.seal(Buffer.from(pem, 'utf8'));
    // Prove the sealed copy opens before relying on it.
    if (sealer.open(sealed).toString('utf8') !== pem) throw new Error('safeStorage round trip failed');
    writeFile0600(join(dataDir, SEALED_SIGNING_KEY_FILE), sealed);
  } else {
    writeFileSync(join(dataDir, SIGNING_KEY_FILE), pem, { mode: 0o600, flag: 'wx' });
    chmodSync(join(dataDir, SIGNING_KEY_FILE), 0o600);
  }
  return fromPem(pem, SIGNING_KEY_FILE);
}
