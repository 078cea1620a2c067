import { Keyring } from '../../platform/crypto/secret.js';
import { openDatabase } from '../../platform/open.js';
import { chainKeyFrom } from '../../books/hash-chain.js';
import { installBooksKey } from '../../books/seals.js';
import { currentHeads } from './checkpoint.js';
import { verifyDatabase, type VerifyReport } from './verify.js';

export interface SnapshotVerify {
  problems: VerifyReport['problems'];
  checked: VerifyReport['checked'];
  /** The newest ledger and audit rows in the snapshot: what the verify covered. */
  coveredThrough: { ledgerId: number; auditId: number };
}

/**
 * The full verify of the live database file on a connection of its own, exactly as
 * `npm run cli -- verify` runs it (read-only, the books' key installed), but inside one
 * read transaction: the app keeps writing meanwhile, and WAL gives this connection one
 * consistent snapshot of every table, heads and checkpoint included.
 */
export function verifyLiveFile(file: string, secret: Buffer): SnapshotVerify {
  const db = openDatabase(file, { readonly: true, migrate: false });
  try {
    installBooksKey(db, chainKeyFrom(secret));
    db.exec('BEGIN');
    try {
      const heads = currentHeads(db, '');
      const r = verifyDatabase(db, { keyring: new Keyring(secret) });
      return { problems: r.problems, checked: r.checked, coveredThrough: { ledgerId: heads.ledgerId, auditId: heads.auditId } };
    } finally {
      db.exec('ROLLBACK');
    }
  } finally {
    db.close();
  }
}
