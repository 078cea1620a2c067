/**
 * Issue 15, item 8: the monthly evaluation sheet on a real data folder. The template comes
 * from the CLI (current rule book × roster) and is read back by SheetJS; the filled sheet is
 * written by SheetJS (XLSX) and as GB18030 CSV (iconv-lite), never by our own writer. A
 * sheet with bad cells imports nothing and exits 1 naming the rows; a good one becomes
 * pending entries, one batch per rule item; the same file twice records once.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as XLSX from 'xlsx';
import { Core } from '../../../db/core.js';
import { initDemoIfEmpty } from '../../../db/setup.js';
import { EXIT, runCommand } from '../../../hosts/cli/exit-codes.js';
import { importCommand } from '../../../hosts/cli/import.js';
import { templateCommand } from '../../../hosts/cli/template.js';
import { login, tempDir, TestClock } from '../../helpers/core.js';

let tmp: ReturnType<typeof tempDir>;
let data: string;
let logs: string[];
const MONTH = '2026-11';

beforeEach(() => {
  tmp = tempDir();
  data = join(tmp.dir, 'data');
  const seed = new Core({ dataDir: data, clock: new TestClock() });
  initDemoIfEmpty(seed, { households: 5 });
  seed.close();
  logs = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
  vi.stubEnv('STORE_PIN', '5678');
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  tmp.cleanup();
});

const entries = () => {
  const core = new Core({ dataDir: data, clock: new TestClock() });
  try {
    return core.db
      .prepare(
        'SELECT e.rule_code, e.points, e.status, h.number, b.source FROM point_entries e JOIN households h ON h.id = e.household_id JOIN entry_batches b ON b.id = e.batch_id ORDER BY e.id',
      )
      .all() as { rule_code: string; points: number; status: string; number: string; source: string }[];
  } finally {
    core.close();
  }
};

describe('the monthly evaluation sheet', () => {
  it('template from the rule book; bad cells import nothing (exit 1, rows named); a good sheet becomes pending entries once', async () => {
    const template = join(tmp.dir, '评比表.xlsx');
    expect(await runCommand(templateCommand.run.bind(templateCommand), ['evaluation', '--data', data, '--month', MONTH, '--out', template])).toBe(EXIT.DONE);
    const book = XLSX.read(readFileSync(template), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1, defval: '' });
    const header = rows[0]!;
    expect(header.slice(0, 3)).toEqual(['户号*', '户主', '村民小组']);
    const col = (code: string) => header.findIndex((h) => h.startsWith(`【${code}】`));
    expect(col('A01')).toBeGreaterThan(2); // fixed 10
    expect(col('B01')).toBeGreaterThan(2); // 5–20, cap 40 a month
    expect(col('D02')).toBeGreaterThan(2); // deduction 10–20
    expect(rows.length - 1).toBe(5); // every active household

    const fill = (cells: Record<string, [string, string][]>) =>
      rows.map((r, i) => {
        if (i === 0) return r;
        const out = [...r];
        for (const [code, value] of cells[r[0]!] ?? []) out[col(code)] = value;
        return out;
      });
    const [h1, h2, h3] = rows.slice(1).map((r) => r[0]!);

    // Bad: ✓ on a range item, 25 for 5–20, text; written by SheetJS.
    const bad = join(tmp.dir, 'bad.xlsx');
    const badBook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      badBook,
      XLSX.utils.aoa_to_sheet(
        fill({
          [h1!]: [
            ['A01', '✓'],
            ['B01', '✓'],
          ],
          [h2!]: [['B01', '25']],
          [h3!]: [['A01', '十']],
        }),
      ),
      '评比',
    );
    writeFileSync(bad, XLSX.write(badBook, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const run = (file: string, extra: string[] = []) =>
      runCommand(importCommand.run.bind(importCommand), ['evaluation', file, '--month', MONTH, '--data', data, '--operator', '演示会计', ...extra]);
    expect(await run(bad)).toBe(EXIT.INPUT_ERRORS);
    expect(logs.some((l) => l.startsWith('第 2 行') && l.includes('不能只打 ✓'))).toBe(true);
    expect(logs.some((l) => l.startsWith('第 3 行') && l.includes('25'))).toBe(true);
    expect(logs.some((l) => l.startsWith('第 4 行') && l.includes('“十”'))).toBe(true);
    expect(entries()).toEqual([]);

    // Good, as GB18030 CSV the way Chinese Excel saves it.
    const good = join(tmp.dir, 'good.csv');
    const csv = fill({
      [h1!]: [
        ['A01', '✓'],
        ['B01', '15'],
      ],
      [h2!]: [['D02', '12']],
      [h3!]: [['A01', '10']],
    })
      .map((r) => r.map((c) => (/[,"\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','))
      .join('\r\n');
    writeFileSync(good, iconv.encode(csv, 'gb18030'));
    const dry = await run(good, ['--dry-run']);
    expect(dry).toBe(EXIT.DONE);
    expect(entries()).toEqual([]);
    const imported = await run(good);
    expect(imported).toBe(EXIT.DONE);
    const made = entries();
    expect(made.map((e) => [e.number, e.rule_code, e.points]).sort()).toEqual(
      [
        [h1, 'A01', 10],
        [h1, 'B01', 15],
        [h2, 'D02', 12],
        [h3, 'A01', 10],
      ].sort(),
    );
    expect(new Set(made.map((e) => e.status))).toEqual(new Set(['pending']));
    expect(new Set(made.map((e) => e.source))).toEqual(new Set(['import']));

    // The same file again records nothing new.
    expect(await run(good)).toBe(EXIT.DONE);
    expect(entries()).toHaveLength(4);

    // A cap counts what is already recorded: 20 more of B01 for h1 fits (15 + 20 ≤ 40), then 10 more does not.
    const core = new Core({ dataDir: data });
    try {
      const acc = login(core, 'accountant');
      const sheet = (points: string) =>
        iconv
          .encode(
            fill({ [h1!]: [['B01', points]] })
              .map((r) => r.join(','))
              .join('\r\n'),
            'gb18030',
          )
          .toString('base64');
      const ok = acc.call('points.evaluationPreview', { month: MONTH, fileName: 'cap.csv', base64: sheet('20') });
      expect(ok.rows.flatMap((r) => r.problems)).toEqual([]);
      acc.call('points.importEvaluation', { month: MONTH, fileName: 'cap.csv', base64: sheet('20') });
      // 15 + 20 recorded; 10 more would make 45 > 40.
      const over = acc.call('points.evaluationPreview', { month: MONTH, fileName: 'cap.csv', base64: sheet('10') });
      expect(over.errors).toBe(1);
      expect(over.rows.find((r) => r.number === h1)!.problems.join()).toContain('40');
    } finally {
      core.close();
    }
  });
});
