import { join } from 'node:path';
import { Keyring, loadOrCreateSecret, type SecretSealer } from './platform/crypto/secret.js';
import { businessDate, systemClock, type Clock } from './domain/clock.js';
import { hasBooksHistory, migrate, openDatabase, type Db } from './platform/open.js';
import { precreatePrivate, privateDatabase, privateDir } from './platform/private-files.js';
import { migrations } from './platform/migrations/index.js';
import { chainKeyFrom } from './books/hash-chain.js';
import { installBooksKey } from './books/seals.js';
import { keyedBooksUpgrade } from './trust/integrity/rekey.js';
import { currentHeads, ensureKeyFingerprint, readCheckpoint, writeCheckpoint } from './trust/integrity/checkpoint.js';
import { readSettings } from './books/settings.js';
import { SessionStore } from './books/sessions.js';
import type { Settings } from './contract/views.js';
import { PrintQueue } from './printing/queue.js';
import { readPrinterSettings } from './printing/settings.js';
import type { SystemPrintFn } from './printing/transports/index.js';
import { receiptView } from './books/receipts.js';
import { DisplayCredentials } from './books/display-credentials.js';
import { CardReaderService, type ReaderLoader } from './hardware/card-reader.js';
import { CustomerDisplayFeed } from './hardware/customer-display.js';
import { readReaderSettings } from './hardware/reader-settings.js';
import { ReportPusher } from './reporting/push.js';
import { pruneOldExports } from './accounting/exports/retention.js';
import { DB_FILE, type ReceiptHooks, type ReportingContext, type CounterContext } from './books/context.js';

export { DB_FILE };

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  /** Tests pass a fixed secret to avoid touching the key file. */
  secret?: Buffer;
  /** The Electron host's printing through the OS driver, for `system:` printers. */
  systemPrint?: SystemPrintFn | null;
  /** A host's way to open the maker's ID card reader library (the core never does FFI). */
  readerLoader?: ReaderLoader | null;
  /** The desktop's way to end the app (an administrator's exit from kiosk mode); null elsewhere. */
  hostExit?: (() => void) | null;
  /** The desktop's safeStorage: seals keys made later (the hub signing key) like the secret. */
  sealer?: SecretSealer;
}

/**
 * The core: one open database plus what every service needs (clock, keyring, sessions,
 * settings). Knows nothing of Electron or HTTP; both hosts and the CLI wrap it.
 */
export class Core implements ReportingContext, CounterContext {
  readonly db: Db;
  readonly keyring: Keyring;
  readonly clock: Clock;
  readonly sessions: SessionStore;
  readonly receiptHooks: ReceiptHooks = { inTransaction: [], afterCommit: [] };
  readonly dataDir: string;
  readonly sealer: SecretSealer | undefined;
  /** Receipts wait here until the printer confirms them (db/printing/queue.ts). */
  readonly printing: PrintQueue;
  /** Pushes day reports to the township hub; set by a host that runs in the background. */
  reportPusher: ReportPusher | null = null;
  private settingsCache: Settings | null = null;
  /** Credentials of the customer display and the public board (never operator sessions). */
  readonly displays = new DisplayCredentials();
  /** What each counter's customer display shows. */
  readonly customerDisplay: CustomerDisplayFeed;
  /** The ID card reader, polled once a host starts the background work. */
  readonly reader: CardReaderService;
  /** Ends the desktop app after an administrator's PIN (host.exit); null in other hosts. */
  readonly hostExit: (() => void) | null;

  constructor(opts: CoreOptions) {
    this.dataDir = opts.dataDir;
    this.hostExit = opts.hostExit ?? null;
    this.sealer = opts.sealer;
    // Private on POSIX (issue 12): the folder 0700, the database and its -wal/-shm 0600.
    privateDir(opts.dataDir);
    precreatePrivate(join(opts.dataDir, DB_FILE));
    const secret = opts.secret ?? loadOrCreateSecret(opts.dataDir);
    this.keyring = new Keyring(secret);
    this.clock = opts.clock ?? systemClock;
    // The books' key goes on the connection before any migration: migration 007 re-keys
    // the chains with it, and every append (and the seal triggers) needs it.
    this.db = openDatabase(join(opts.dataDir, DB_FILE), { migrate: false });
    privateDatabase(join(opts.dataDir, DB_FILE));
    installBooksKey(this.db, chainKeyFrom(secret));
    const now = () => this.clock.now().toISOString();
    migrate(this.db, migrations, Infinity, { upgrade: keyedBooksUpgrade(this.keyring, now) });
    // A new store gets its first signed checkpoint now; one with history and none is
    // an error for the checks to report, never a reason to sign what is there.
    // Every backup must say which key it needs (a restore refuses one that does not).
    ensureKeyFingerprint(this.db, this.keyring);
    if (readCheckpoint(this.db, this.keyring).kind === 'none' && !hasBooksHistory(this.db)) {
      this.db.transaction(() => writeCheckpoint(this.db, this.keyring, currentHeads(this.db, now())))();
    }
    this.sessions = new SessionStore(this.clock);
    this.customerDisplay = new CustomerDisplayFeed(this);
    this.reader = new CardReaderService({
      settings: () => readReaderSettings(this.db),
      loader: opts.readerLoader ?? null,
      now: () => this.clock.now().getTime(),
    });
    this.printing = new PrintQueue({
      db: this.db,
      printerSettings: () => readPrinterSettings(this.db),
      storeSettings: () => this.settings(),
      loadReceipt: (id) => receiptView(this, id),
      systemPrint: opts.systemPrint ?? null,
      dataDir: opts.dataDir,
      now: () => this.clock.now(),
    });
    // The receipt's print job commits or rolls back with the sale; printing starts after.
    this.receiptHooks.inTransaction.push((kind, id) => {
      this.printing.enqueueReceipt(id, kind);
    });
    this.receiptHooks.afterCommit.push(() => {
      void this.printing.drain();
    });
  }

  /** Background work a host runs (tests don't): retrying receipts that wait for the printer. */
  startBackground(): void {
    this.printing.start();
    this.reader.start();
    // Day reports go to the township hub when an address is set (checked on each pass).
    this.reportPusher ??= new ReportPusher(this);
    this.reportPusher.start();
    // Old exports leave the data folder (the setting's days, 30 by default).
    pruneOldExports(this);
  }

  settings(): Settings {
    this.settingsCache ??= readSettings(this.db);
    return this.settingsCache;
  }

  /** Call after writing settings so the next read sees them. */
  settingsChanged(): void {
    this.settingsCache = null;
  }

  /** The instant and the business date for a row written now. */
  stamp(): { createdAt: string; businessDate: string } {
    const now = this.clock.now();
    return { createdAt: now.toISOString(), businessDate: businessDate(now, this.settings().timeZone) };
  }

  /**
   * The same core seen through another clock and without receipt hooks: for writing
   * back-dated demo history. Shares the database connection.
   */
  backdated(clock: Clock): Core {
    const c = Object.create(this) as Core;
    Object.defineProperty(c, 'clock', { value: clock });
    Object.defineProperty(c, 'receiptHooks', { value: { inTransaction: [], afterCommit: [] } satisfies ReceiptHooks });
    return c;
  }

  close(): void {
    this.printing.stop();
    this.reader.stop();
    this.reportPusher?.stop();
    this.db.close();
  }
}
