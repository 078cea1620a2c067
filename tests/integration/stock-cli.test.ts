import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Core } from '../../db/core.js';
import { initDemoIfEmpty } from '../../db/setup.js';
import { importCommand } from '../../hosts/cli/import.js';
import { templateCommand } from '../../hosts/cli/template.js';
import { tempDir } from '../helpers/core.js';

let tmp: ReturnType<typeof tempDir>;
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  tmp?.cleanup();
});

describe('CLI: template goods, import goods', () => {
  it('writes the template, checks a file with --dry-run, and imports as a named operator', async () => {
    tmp = tempDir();
    const data = join(tmp.dir, 'data');
    const seed = new Core({ dataDir: data });
    initDemoIfEmpty(seed, { households: 3 });
    const goodsBefore = seed.db.prepare('SELECT count(*) FROM goods').pluck().get() as number;
    seed.close();
    const logs: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));

    const csv = join(tmp.dir, 'template.csv');
    expect(await templateCommand.run(['goods', '--out', csv])).toBe(0);
    expect(await templateCommand.run(['goods', '--out', csv])).toBe(2); // never overwrites silently
    const header = readFileSync(csv, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim();
    expect(await templateCommand.run(['goods', '--out', join(tmp.dir, 'template.xlsx')])).toBe(0);

    const bad = join(tmp.dir, 'bad.csv');
    writeFileSync(bad, `${header}\n盐 400g,调味品,袋,3,,,,10\n酱油,调味品,瓶,abc,,,,\n`);
    expect(await importCommand.run(['goods', bad, '--data', data, '--dry-run'])).toBe(1);
    expect(logs.some((l) => l.includes('第 3 行') && l.includes('兑换积分'))).toBe(true);

    const good = join(tmp.dir, 'good.csv');
    writeFileSync(good, `${header}\n盐 400g 加碘,调味品,袋,3,2.5,,,10\n`);
    expect(await importCommand.run(['goods', good, '--data', data, '--dry-run'])).toBe(0);
    expect(await importCommand.run(['goods', good, '--data', data])).toBe(2); // no operator named
    vi.stubEnv('STORE_PIN', '1234');
    expect(await importCommand.run(['goods', good, '--data', data, '--operator', '演示店员'])).toBe(2); // a keeper may not: could not run (the file is fine)
    vi.stubEnv('STORE_PIN', '5678');
    expect(await importCommand.run(['goods', good, '--data', data, '--operator', '演示会计'])).toBe(0);

    const after = new Core({ dataDir: data });
    try {
      expect(after.db.prepare('SELECT count(*) FROM goods').pluck().get()).toBe(goodsBefore + 1);
      expect(after.db.prepare("SELECT stock FROM goods WHERE name = '盐 400g 加碘'").pluck().get()).toBe(10);
      const who = after.db.prepare("SELECT o.name FROM audit_log a JOIN operators o ON o.id = a.operator_id WHERE a.action = 'goods.import'").pluck().get();
      expect(who).toBe('演示会计');
    } finally {
      after.close();
    }
  });
});
