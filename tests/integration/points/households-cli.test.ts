import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Core } from '../../../db/core.js';
import { seededRandom, withWrongCheckChar } from '../../../db/demo/village.js';
import { generateResidentId } from '../../../db/domain/resident-id.js';
import { initDemoIfEmpty } from '../../../db/setup.js';
import { importCommand } from '../../../hosts/cli/import.js';
import { templateCommand } from '../../../hosts/cli/template.js';
import { tempDir } from '../../helpers/core.js';

let tmp: ReturnType<typeof tempDir>;
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  tmp?.cleanup();
});

describe('CLI: template households, import households', () => {
  it('writes the template, reports a wrong check character with its row number, and imports as a named administrator', async () => {
    tmp = tempDir();
    const data = join(tmp.dir, 'data');
    const seed = new Core({ dataDir: data });
    initDemoIfEmpty(seed, { households: 3 });
    seed.close();
    const logs: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));

    // The template: an Excel file an independent reader (exceljs) opens, with a notes sheet.
    const xlsx = join(tmp.dir, '花名册模板.xlsx');
    expect(await templateCommand.run(['households', '--out', xlsx])).toBe(0);
    expect(await templateCommand.run(['households', '--out', xlsx])).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 4)).toEqual(['户号*', '村民小组*', '姓名*', '与户主关系*']);
    expect(wb.worksheets[1]!.name).toBe('填写说明');
    const csvTemplate = join(tmp.dir, 'template.csv');
    expect(await templateCommand.run(['households', '--out', csvTemplate])).toBe(0);

    // Fill the template in Excel (exceljs), with one wrong check character on row 3.
    const rand = seededRandom(99);
    const ws = wb.worksheets[0]!;
    ws.addRow(['05-101', '五组', '蒋一', '户主', generateResidentId(rand), '五组 3 号', '', '30']);
    ws.addRow(['05-101', '五组', '蒋二', '配偶', withWrongCheckChar(generateResidentId(rand)), '', '', '']);
    const bad = join(tmp.dir, 'bad.xlsx');
    writeFileSync(bad, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(await importCommand.run(['households', bad, '--data', data, '--dry-run'])).toBe(1);
    expect(logs.some((l) => l.includes('第 3 行') && l.includes('身份证号校验位错误'))).toBe(true);

    ws.getRow(3).getCell(5).value = generateResidentId(rand);
    const good = join(tmp.dir, 'good.xlsx');
    writeFileSync(good, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(await importCommand.run(['households', good, '--data', data, '--dry-run'])).toBe(0);
    expect(await importCommand.run(['households', good, '--data', data])).toBe(2); // no operator named
    vi.stubEnv('STORE_PIN', '5678');
    expect(await importCommand.run(['households', good, '--data', data, '--operator', '演示会计'])).toBe(2); // only the committee
    vi.stubEnv('STORE_PIN', '9999');
    expect(await importCommand.run(['households', good, '--data', data, '--operator', '演示管理员'])).toBe(0);

    const after = new Core({ dataDir: data });
    try {
      expect(after.db.prepare("SELECT count(*) FROM members m JOIN households h ON h.id = m.household_id WHERE h.number = '05-101'").pluck().get()).toBe(2);
      expect(after.db.prepare("SELECT a.balance FROM accounts a JOIN households h ON h.id = a.household_id WHERE h.number = '05-101'").pluck().get()).toBe(30);
      const row = after.db
        .prepare("SELECT o.name, a.detail FROM audit_log a JOIN operators o ON o.id = a.operator_id WHERE a.action = 'households.import'")
        .get() as { name: string; detail: string };
      expect(row.name).toBe('演示管理员');
      expect(JSON.parse(row.detail)).toMatchObject({ households: 1, members: 2 });
    } finally {
      after.close();
    }
  });
});
