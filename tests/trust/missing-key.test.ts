/**
 * Books that were keyed, opened without their key file: refused with words that say what to
 * do, and nothing is written (no new key beside the books, the database untouched). Before,
 * the core quietly made a new key, which signed none of the books. A store from before keyed
 * books (no fingerprint recorded) and a brand-new folder still get their first key.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Core } from '../../db/core.js';
import { DB_FILE } from '../../db/books/context.js';
import { SECRET_FILE } from '../../db/platform/crypto/secret.js';
import { initDemoIfEmpty } from '../../db/setup.js';
import { EXIT, runCommand } from '../../hosts/cli/exit-codes.js';
import { commands } from '../../hosts/cli/commands.js';
import { tempDir } from '../helpers/core.js';

const dirs: { cleanup(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

function keyedStore(): string {
  const tmp = tempDir('missing-key-');
  dirs.push(tmp);
  const core = new Core({ dataDir: tmp.dir });
  initDemoIfEmpty(core, { households: 5 });
  core.close();
  return tmp.dir;
}

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

it('the core refuses keyed books whose key file is gone, and writes nothing', () => {
  const dir = keyedStore();
  rmSync(join(dir, SECRET_FILE));
  const before = digest(join(dir, DB_FILE));
  expect(() => new Core({ dataDir: dir })).toThrow(/secret\.key/);
  expect(existsSync(join(dir, SECRET_FILE))).toBe(false);
  expect(digest(join(dir, DB_FILE))).toBe(before);
});

it('a command line on that folder says so and exits 2; with the key put back it runs', async () => {
  const dir = keyedStore();
  const key = readFileSync(join(dir, SECRET_FILE));
  rmSync(join(dir, SECRET_FILE));
  const stats = commands.find((c) => c.name === 'stats')!;
  const printed: string[] = [];
  const err = console.error;
  const log = console.log;
  console.error = (...a: unknown[]) => void printed.push(a.join(' '));
  console.log = (...a: unknown[]) => void printed.push(a.join(' '));
  try {
    expect(await runCommand(stats.run.bind(stats), ['--data', dir, '--year', '2026'])).toBe(EXIT.CANNOT_RUN);
    expect(printed.join('\n')).toContain('请把导出的密钥放回');
    expect(existsSync(join(dir, SECRET_FILE))).toBe(false);
    writeFileSync(join(dir, SECRET_FILE), key, { mode: 0o600 });
    expect(await runCommand(stats.run.bind(stats), ['--data', dir, '--year', '2026'])).toBe(EXIT.DONE);
  } finally {
    console.error = err;
    console.log = log;
  }
});

it('a new folder still gets its first key', () => {
  const tmp = tempDir('missing-key-new-');
  dirs.push(tmp);
  const core = new Core({ dataDir: tmp.dir });
  core.close();
  expect(existsSync(join(tmp.dir, SECRET_FILE))).toBe(true);
});
