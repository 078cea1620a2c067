/**
 * Issue 16, item 5: the command line goes through the contract like the screens. `export`
 * is refused by the core for a keeper (exit 2, the table's "role or PIN"), not by a rule
 * copied into the CLI; `restore` needs an administrator's login, is refused without one
 * or for another role with the data unchanged, and is audited with the administrator's
 * name; `backup` needs an administrator and `hub-export` an accountant or administrator,
 * the same way. Real data folders, the real CLI commands, files read back with SheetJS.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as XLSX from 'xlsx';
import { Core, DB_FILE } from '../../db/core.js';
import { EXPORTS_DIR } from '../../db/accounting/exports/retention.js';
import { backupDatabase } from '../../db/trust/backup/copy.js';
import { initDemoIfEmpty } from '../../db/setup.js';
import { EXIT, runCommand } from '../../hosts/cli/exit-codes.js';
import { exportCommand } from '../../hosts/cli/export.js';
import { restoreCommand } from '../../hosts/cli/restore.js';
import { backupCommand } from '../../hosts/cli/backup.js';
import { hubExportCommand } from '../../hosts/cli/hub-export.js';
import { dispatch } from '../../db/dispatch.js';
import { errorOf, login, sellCheapest } from '../helpers/core.js';
import { closeCliFolder, openCliFolder, type CliFolder } from '../helpers/cli.js';

let cli: CliFolder;
let tmp: CliFolder['tmp'];
let data: string;
let logs: string[];

beforeEach(() => {
  cli = openCliFolder(6);
  ({ tmp, data, logs } = cli);
});
afterEach(() => closeCliFolder(cli));

/** Reads the store as it is on disk, beside no running core. */
function onDisk<T>(read: (db: Database.Database) => T): T {
  const db = new Database(join(data, DB_FILE), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const auditOf = (action: string) =>
  onDisk(
    (db) =>
      db.prepare('SELECT o.name FROM audit_log a LEFT JOIN operators o ON o.id = a.operator_id WHERE a.action = ? ORDER BY a.id').pluck().all(action) as (
        string | null
      )[],
  );

const exportCli = (argv: string[]) => runCommand(exportCommand.run.bind(exportCommand), argv);
const restoreCli = (argv: string[]) => runCommand(restoreCommand.run.bind(restoreCommand), argv);
const backupCli = (argv: string[]) => runCommand(backupCommand.run.bind(backupCommand), argv);
const hubExportCli = (argv: string[]) => runCommand(hubExportCommand.run.bind(hubExportCommand), argv);

describe('CLI export goes through the contract', () => {
  it('a keeper is refused by the core (exit 2, nothing written, nothing audited); an accountant exports and the core audits it', async () => {
    const year = onDisk((db) => db.prepare('SELECT max(business_date) FROM ledger').pluck().get() as string).slice(0, 4);
    const out = join(tmp.dir, 'ledger.xlsx');
    const argv = ['--data', data, '--kind', 'ledger', '--year', year, '--out', out];

    vi.stubEnv('STORE_PIN', '1234');
    expect(await exportCli([...argv, '--operator', '演示店员'])).toBe(EXIT.CANNOT_RUN);
    // The contract's refusal, naming who may (not a sentence kept in the CLI).
    expect(logs.join('\n')).toMatch(/店员.*会计或管理员/);
    expect(existsSync(out)).toBe(false);
    expect(auditOf('export.start')).toEqual([]);

    vi.stubEnv('STORE_PIN', '5678');
    expect(await exportCli([...argv, '--operator', '演示会计'])).toBe(EXIT.DONE);
    const ids = onDisk(
      (db) => db.prepare('SELECT id FROM ledger WHERE substr(business_date, 1, 4) = ? ORDER BY business_date, id').pluck().all(year) as number[],
    );
    const rows = ids.length;
    expect(rows).toBeGreaterThan(0);
    // Read back by SheetJS: the header, one row per ledger row of the year, the totals row.
    const book = XLSX.read(readFileSync(out), { type: 'buffer' });
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['积分台账']!, { header: 1, blankrows: false });
    expect(sheet[0]![0]).toBe('台账编号');
    expect(sheet.slice(1, rows + 1).map((r) => Number(r[0]))).toEqual(ids);
    expect(sheet).toHaveLength(rows + 2);
    expect(logs.join('\n')).toContain(`exported ${rows} rows`);
    // Started, finished and taken by the accountant: the same audit rows as the screen's.
    for (const action of ['export.start', 'export.done', 'export.download']) expect(auditOf(action)).toEqual(['演示会计']);
    // The job's file was moved to FILE, not left behind in the data folder.
    expect(readdirSync(join(data, EXPORTS_DIR))).toEqual([]);
  });
});

describe('CLI backup needs an administrator', () => {
  it('is refused without a login and for an accountant (no file, nothing audited); writes a verified copy for an administrator, audited with the name', async () => {
    const out = join(tmp.dir, 'cli-backup.sqlite');
    const argv = ['--data', data, '--out', out];

    expect(await backupCli(argv)).toBe(EXIT.CANNOT_RUN);
    expect(logs.join('\n')).toContain('--operator');
    expect(existsSync(out)).toBe(false);

    vi.stubEnv('STORE_PIN', '5678');
    expect(await backupCli([...argv, '--operator', '演示会计'])).toBe(EXIT.CANNOT_RUN);
    // The contract's refusal (backup.run is the administrator's), not a rule kept in the CLI.
    expect(logs.join('\n')).toMatch(/会计.*管理员/);
    expect(existsSync(out)).toBe(false);
    expect(auditOf('backup.create')).toEqual([]);

    vi.stubEnv('STORE_PIN', '9999');
    expect(await backupCli([...argv, '--operator', '演示管理员'])).toBe(EXIT.DONE);
    expect(logs.join('\n')).toContain('backup written and verified');
    expect(auditOf('backup.create')).toEqual(['演示管理员']);
    // The copy holds the store's rows (read with a plain SQLite connection, not our code).
    const count = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare("SELECT (SELECT count(*) FROM ledger) || '/' || (SELECT count(*) FROM redemptions)").pluck().get() as string;
      } finally {
        db.close();
      }
    };
    expect(count(out)).toBe(count(join(data, DB_FILE)));

    // Never over an existing file: refused by the core, the file and the audit unchanged.
    const bytes = readFileSync(out);
    expect(await backupCli([...argv, '--operator', '演示管理员'])).toBe(EXIT.CANNOT_RUN);
    expect(logs.join('\n')).toContain('备份文件已存在');
    expect(readFileSync(out).equals(bytes)).toBe(true);
    expect(auditOf('backup.create')).toEqual(['演示管理员']);
  }, 60_000);
});

describe('CLI hub-export needs an accountant or administrator', () => {
  it('is refused without a login and for a keeper (no report written); exports for an accountant, audited with the name', async () => {
    const core = new Core({ dataDir: data });
    try {
      login(core, 'admin').call('hub.register', { villageCode: '110105001201', villageName: '东湖村', townshipName: '测试镇' });
      const first = onDisk((db) => db.prepare('SELECT min(business_date) FROM ledger').pluck().get() as string);
      login(core, 'accountant').call('dayClose.closeThrough', { through: first, pin: '5678' });
    } finally {
      core.close();
    }
    const folder = join(tmp.dir, 'stick');
    const argv = ['--data', data, '--out', folder];
    const files = () => (existsSync(folder) ? readdirSync(folder) : []);

    expect(await hubExportCli(argv)).toBe(EXIT.CANNOT_RUN);
    expect(logs.join('\n')).toContain('--operator');
    expect(files()).toEqual([]);

    vi.stubEnv('STORE_PIN', '1234');
    expect(await hubExportCli([...argv, '--operator', '演示店员'])).toBe(EXIT.CANNOT_RUN);
    expect(logs.join('\n')).toMatch(/店员.*会计或管理员/);
    expect(files()).toEqual([]);
    expect(auditOf('hub.export')).toEqual([]);

    vi.stubEnv('STORE_PIN', '5678');
    expect(await hubExportCli([...argv, '--operator', '演示会计'])).toBe(EXIT.DONE);
    const closed = onDisk((db) => db.prepare("SELECT count(*) FROM day_closes WHERE action = 'close'").pluck().get() as number);
    expect(closed).toBeGreaterThan(0);
    expect(files()).toHaveLength(closed);
    expect(logs.join('\n')).toContain(`${closed} reports exported`);
    expect(auditOf('hub.export')).toEqual(['演示会计']);
    // Exported once: a second run writes nothing new.
    expect(await hubExportCli([...argv, '--operator', '演示会计'])).toBe(EXIT.DONE);
    expect(logs.join('\n')).toContain('0 reports exported');
  }, 60_000);
});

describe('CLI restore needs an administrator', () => {
  it('is refused without a login and for an accountant (data unchanged), and restores for an administrator, audited with the name', async () => {
    const backup = join(tmp.dir, 'backup.sqlite');
    const core = new Core({ dataDir: data });
    await backupDatabase(core.db, backup, core.keyring);
    // Life goes on after the backup: a sale the restore would take back.
    sellCheapest(core, 'after-backup-1');
    core.close();
    const sales = () => onDisk((db) => db.prepare('SELECT count(*) FROM redemptions').pluck().get() as number);
    const before = sales();

    expect(await restoreCli(['--data', data, backup])).toBe(EXIT.CANNOT_RUN);
    expect(logs.join('\n')).toContain('--operator');
    expect(sales()).toBe(before);

    vi.stubEnv('STORE_PIN', '5678');
    expect(await restoreCli(['--data', data, backup, '--operator', '演示会计'])).toBe(EXIT.CANNOT_RUN);
    expect(logs.join('\n')).toMatch(/会计.*管理员/);
    expect(sales()).toBe(before);
    expect(auditOf('backup.restore')).toEqual([]);

    // The administrator's PIN, wrong: refused by the core (the PIN is asked again for a restore).
    vi.stubEnv('STORE_PIN', '0000');
    expect(await restoreCli(['--data', data, backup, '--operator', '演示管理员'])).toBe(EXIT.CANNOT_RUN);
    expect(sales()).toBe(before);

    vi.stubEnv('STORE_PIN', '9999');
    expect(await restoreCli(['--data', data, backup, '--operator', '演示管理员'])).toBe(EXIT.DONE);
    expect(logs.join('\n')).toContain('恢复完成');
    expect(sales()).toBe(before - 1);
    expect(auditOf('backup.restore')).toEqual(['演示管理员']);
  }, 60_000);
});

describe('CLI restore on a new computer', () => {
  it('a folder with no operator yet takes the backup and its key without a login; the core refuses that road once operators exist', async () => {
    const backup = join(tmp.dir, 'backup.sqlite');
    const keyFile = join(tmp.dir, 'store.key.txt');
    const core = new Core({ dataDir: data });
    await backupDatabase(core.db, backup, core.keyring);
    writeFileSync(keyFile, core.keyring.exportHex() + '\n');
    const households = core.db.prepare('SELECT count(*) FROM households').pluck().get() as number;
    // The road without a login is the core's decision, not the CLI's.
    expect(errorOf(dispatch(core, null, 'setup.restore', { file: backup })).code).toBe('RESTORE_NEEDS_ADMIN');
    core.close();

    // --key into a folder that holds data under another key: refused, nothing touched.
    const other = join(tmp.dir, 'other');
    const seeded = new Core({ dataDir: other });
    initDemoIfEmpty(seeded, { households: 2 });
    seeded.close();
    const otherKey = readFileSync(join(other, 'secret.key'), 'utf8');
    vi.stubEnv('STORE_PIN', '9999');
    expect(await restoreCli(['--data', other, backup, '--key', keyFile, '--operator', '演示管理员'])).toBe(EXIT.CANNOT_RUN);
    expect(readFileSync(join(other, 'secret.key'), 'utf8')).toBe(otherKey);

    // A new computer: the folder does not exist yet; no operator, so no login.
    vi.unstubAllEnvs();
    const fresh = join(tmp.dir, 'new-computer', 'data');
    expect(await restoreCli(['--data', fresh, backup, '--key', keyFile])).toBe(EXIT.DONE);
    const db = new Database(join(fresh, DB_FILE), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM households').pluck().get()).toBe(households);
      expect(db.prepare("SELECT operator_id FROM audit_log WHERE action = 'backup.restore'").pluck().all()).toEqual([null]);
    } finally {
      db.close();
    }
    expect(readFileSync(join(fresh, 'secret.key'), 'utf8')).toBe(readFileSync(keyFile, 'utf8'));
  }, 60_000);
});

describe('no CLI command decides a role itself', () => {
  it('no file under hosts/ reads an operator role: dispatch does', () => {
    const root = join(import.meta.dirname, '../../hosts');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const found = files.filter((f) => /\.role\s*[!=]==|role\s*===\s*'(keeper|accountant|admin)'/.test(readFileSync(join(root, f), 'utf8')));
    expect(found).toEqual([]);
  });
});
