import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SEALED_SECRET_FILE, SECRET_FILE } from '../../platform/crypto/secret.js';
import { KEY_FINGERPRINT_KEY } from './checkpoint.js';

/**
 * Refuses to open books that were keyed when their key file is missing. Without this, the
 * core made a fresh key beside them (loadOrCreateSecret), and the folder then held a key
 * that signs nothing of the books: every check failed, and whoever restored the exported
 * key found another one in its place. A database from before keyed books (no fingerprint
 * recorded) still gets its first key from migration 007, and a new store its first key.
 */
export function assertKeyPresentForKeyedBooks(dataDir: string, dbFile: string): void {
  if (existsSync(join(dataDir, SECRET_FILE)) || existsSync(join(dataDir, SEALED_SECRET_FILE))) return;
  const path = join(dataDir, dbFile);
  const bytes = (p: string) => (existsSync(p) ? statSync(p).size : 0);
  // A store written only into its WAL so far has an empty main file: look there too.
  if (bytes(path) === 0 && bytes(`${path}-wal`) === 0) return;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  let keyed: boolean;
  try {
    const hasSettings = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get() !== undefined;
    keyed = hasSettings && db.prepare('SELECT 1 FROM settings WHERE key = ?').get(KEY_FINGERPRINT_KEY) !== undefined;
  } finally {
    db.close();
  }
  if (keyed) {
    throw new Error(
      `账本已用本机密钥签名，但数据文件夹里没有密钥文件 ${SECRET_FILE}：请把导出的密钥放回 ${join(dataDir, SECRET_FILE)}，不会新建密钥 / ` +
        `the books are keyed but ${SECRET_FILE} is missing from ${dataDir}: put the exported key back; no new key is made`,
    );
  }
}
