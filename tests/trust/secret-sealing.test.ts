import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateSecret, readKeyFile, SEALED_SECRET_FILE, SECRET_FILE, type SecretSealer } from '../../db/platform/crypto/secret.js';
import { tempDir } from '../helpers/core.js';

/** Stands in for Electron's safeStorage: a reversible transform the test can see through. */
const fakeSealer: SecretSealer = {
  seal: (p) => Buffer.from('SEALED:' + Buffer.from(p).reverse().toString('base64')),
  open: (s) => {
    const t = s.toString();
    if (!t.startsWith('SEALED:')) throw new Error('not sealed');
    return Buffer.from(t.slice(7), 'base64').reverse();
  },
};

describe('the installation key at rest', () => {
  it('without safeStorage: a 0600 key file, same key on every load', () => {
    const t = tempDir();
    try {
      const k1 = loadOrCreateSecret(t.dir);
      expect(statSync(join(t.dir, SECRET_FILE)).mode & 0o777).toBe(0o600);
      expect(loadOrCreateSecret(t.dir).equals(k1)).toBe(true);
    } finally {
      t.cleanup();
    }
  });

  it('with safeStorage: an existing plain key is sealed and the plain file removed; the key stays the same', () => {
    const t = tempDir();
    try {
      const k1 = loadOrCreateSecret(t.dir);
      const k2 = loadOrCreateSecret(t.dir, fakeSealer);
      expect(k2.equals(k1)).toBe(true);
      expect(existsSync(join(t.dir, SECRET_FILE))).toBe(false);
      expect(readFileSync(join(t.dir, SEALED_SECRET_FILE)).toString()).not.toContain(k1.toString('hex'));
      expect(loadOrCreateSecret(t.dir, fakeSealer).equals(k1)).toBe(true);
      // Without the desktop's safeStorage the sealed key cannot be opened: refuse, never make a new one.
      expect(() => loadOrCreateSecret(t.dir)).toThrow(/sealed/);
      expect(existsSync(join(t.dir, SECRET_FILE))).toBe(false);
    } finally {
      t.cleanup();
    }
  });

  it('an exported key file (with its warning comments) reads back as the key', () => {
    const t = tempDir();
    try {
      const k = loadOrCreateSecret(t.dir);
      const exported = join(t.dir, 'export.key.txt');
      writeFileSync(exported, `# 警告 warning\n# fingerprint\n${k.toString('hex')}\n`);
      expect(readKeyFile(exported).equals(k)).toBe(true);
      writeFileSync(exported, 'not a key');
      expect(() => readKeyFile(exported)).toThrow(/not a valid/);
    } finally {
      t.cleanup();
    }
  });
});
