/**
 * Issue 15, item 7: one exit-code table for every command (0 done, 1 the file or input has
 * errors, 2 could not run), printed by every command's --help, and kept by the commands on
 * a real data folder: a valid roster into a closed day is 2 (the file was fine), a file
 * with errors is 1, the wrong role is 2, a locked database is 2, a missing folder is 2.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Core, DB_FILE } from '../../../db/core.js';
import { seededRandom, withWrongCheckChar } from '../../../db/demo/village.js';
import { generateResidentId } from '../../../db/domain/resident-id.js';
import { commands } from '../../../hosts/cli/commands.js';
import { EXIT, EXIT_CODES_HELP, exitFor, runCommand } from '../../../hosts/cli/exit-codes.js';
import { commandHelp, overviewHelp } from '../../../hosts/cli/help.js';
import { importCommand } from '../../../hosts/cli/import.js';
import { templateCommand } from '../../../hosts/cli/template.js';
import { login } from '../../helpers/core.js';
import { closeCliFolder, openCliFolder, type CliFolder } from '../../helpers/cli.js';

let cli: CliFolder;
let tmp: CliFolder['tmp'];
let data: string;
let logs: string[];

beforeEach(() => {
  cli = openCliFolder(3);
  ({ tmp, data, logs } = cli);
});
afterEach(() => closeCliFolder(cli));

/** A roster CSV from the CLI's own template, with one household; `wrong` puts a bad check character in. */
async function roster(name: string, wrong: boolean): Promise<string> {
  const template = join(tmp.dir, `${name}-template.csv`);
  expect(await templateCommand.run(['households', '--out', template])).toBe(EXIT.DONE);
  const header = readFileSync(template, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)[0]!;
  const rand = seededRandom(name.length * 7);
  const id = generateResidentId(rand);
  const row = ['05-201', '五组', '蒋一', '户主', wrong ? withWrongCheckChar(id) : id, '五组 9 号', '', '10'];
  const file = join(tmp.dir, `${name}.csv`);
  writeFileSync(file, `${header}\r\n${row.join(',')}\r\n`);
  return file;
}

const run = (argv: string[]) => runCommand(importCommand.run.bind(importCommand), argv);

describe('CLI exit codes', () => {
  it('every command prints the one table in --help, and so does the overview', () => {
    expect(EXIT_CODES_HELP).toContain('0  完成 / done');
    expect(EXIT_CODES_HELP).toContain('1  文件或输入有错');
    expect(EXIT_CODES_HELP).toContain('2  无法运行：当天已日结、角色或 PIN 不对、数据库被占用、数据文件夹不存在');
    for (const c of commands) expect(commandHelp(c)).toContain(EXIT_CODES_HELP);
    expect(overviewHelp(commands)).toContain(EXIT_CODES_HELP);
  });

  it('no command returns a bare number: every exit goes through the table', () => {
    const dir = join(import.meta.dirname, '../../../hosts/cli');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && n !== 'exit-codes.ts')) {
      const src = readFileSync(join(dir, f), 'utf8');
      expect({ f, bare: src.match(/return [12];|Promise\.resolve\([12]\)|\? [01] : [12]\b/g) }).toEqual({ f, bare: null });
    }
  });

  it('a valid roster into a closed day is 2, not 1; a file with errors is 1; the role is 2; done is 0', async () => {
    const good = await roster('good', false);
    const bad = await roster('bad', true);

    // Close today as the accountant, through the core.
    const core = new Core({ dataDir: data });
    const today = core.stamp().businessDate;
    login(core, 'accountant').call('dayClose.close', { date: today, pin: '5678' });
    core.close();

    vi.stubEnv('STORE_PIN', '9999');
    expect(await run(['households', good, '--data', data, '--operator', '演示管理员'])).toBe(EXIT.CANNOT_RUN);
    expect(logs.some((l) => l.includes('已日结'))).toBe(true);
    expect(exitFor('DAY_CLOSED')).toBe(EXIT.CANNOT_RUN);

    expect(await run(['households', bad, '--data', data, '--operator', '演示管理员'])).toBe(EXIT.INPUT_ERRORS);
    expect(await run(['households', bad, '--data', data, '--dry-run'])).toBe(EXIT.INPUT_ERRORS);

    vi.stubEnv('STORE_PIN', '5678');
    expect(await run(['households', good, '--data', data, '--operator', '演示会计'])).toBe(EXIT.CANNOT_RUN); // only the committee

    // Reopened by an administrator, the same file goes in: 0.
    const again = new Core({ dataDir: data });
    login(again, 'admin').call('dayClose.reopen', { date: today, reason: '补录花名册' });
    again.close();
    vi.stubEnv('STORE_PIN', '9999');
    expect(await run(['households', good, '--data', data, '--operator', '演示管理员'])).toBe(EXIT.DONE);
  });

  it('a missing data folder and a wrong command line are 2', async () => {
    const good = await roster('good', false);
    expect(await run(['households', good, '--data', join(tmp.dir, 'no-such-folder'), '--dry-run'])).toBe(EXIT.CANNOT_RUN);
    expect(logs.some((l) => l.includes('数据文件夹不存在'))).toBe(true);
    expect(await run(['households', good, '--data', data, '--no-such-option'])).toBe(EXIT.CANNOT_RUN);
    expect(await run(['nothing-like-this'])).toBe(EXIT.CANNOT_RUN);
  });

  it('a database locked by another writer is 2 (after the core’s own wait)', async () => {
    const good = await roster('good', false);
    const holder = new Database(join(data, DB_FILE));
    holder.exec('BEGIN IMMEDIATE');
    try {
      vi.stubEnv('STORE_PIN', '9999');
      // The core waits busy_timeout (5 s) for the lock, then says the database is busy.
      expect(await run(['households', good, '--data', data, '--operator', '演示管理员'])).toBe(EXIT.CANNOT_RUN);
      expect(exitFor('DATABASE_BUSY')).toBe(EXIT.CANNOT_RUN);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  }, 60_000);
});
