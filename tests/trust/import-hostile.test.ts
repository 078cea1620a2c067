/**
 * Issue 12, item 6: the XLSX import reads in linear time with limits per part, refuses a
 * zip bomb and a file over the unpack cap in Chinese (never Node's or a parser's English
 * words), and the hosts read the file on a worker thread, so the counter keeps answering
 * lookups while a hostile file is read. The files are built by tests/helpers/hostile-xlsx.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.js';
import { startBrowserHost } from '../../hosts/browser/browser-host.js';
import { paddedSheetXlsx, sharedStringFanOutXlsx, unclosedTagsXlsx, zipBombXlsx } from '../helpers/hostile-xlsx.js';
import { errorOf, freshCore, login } from '../helpers/core.js';

const b64 = (b: Buffer) => b.toString('base64');
/** The reader's cap on one unpacked part (PART_CAP), written out so this file also runs against the old reader. */
const PART_CAP = 8 * 1024 * 1024;
/** Chinese, and none of the English a parser, zlib or Node would say. */
function expectChinese(message: string): void {
  expect(message).toMatch(/[\u4e00-\u9fff]/);
  expect(message).not.toMatch(/error|cannot|invalid|unexpected|unclosed|buffer|range|tag|zlib|inflate/i);
}

describe('hostile spreadsheets at the import', () => {
  it('the crafted 1.3 KB file with unclosed <rPh> and <row> tags is refused at once, also 8× larger (linear, not quadratic)', () => {
    const env = freshCore({ demo: true, households: 3 });
    try {
      const acc = login(env.core, 'accountant');
      const admin = login(env.core, 'admin');
      const crafted = unclosedTagsXlsx();
      expect(crafted.length).toBeGreaterThan(1100);
      expect(crafted.length).toBeLessThan(1500);
      // The old reader needed ~10 s for this size and ~64× that for 8× the tags; the
      // test's time limit (60 s) is what shows the reader is not quadratic any more.
      for (const file of [crafted, unclosedTagsXlsx(13_000 * 8)]) {
        const preview = acc.call('stock.importPreview', { fileName: 'goods.xlsx', base64: b64(file) });
        expect(preview.ok).toBe(false);
        expect(preview.fileIssues.map((i) => i.code)).toEqual(['IMPORT_FILE_DAMAGED']);
        const e = errorOf(acc.call.raw('stock.importGoods', { fileName: 'goods.xlsx', base64: b64(file) }));
        expect(e.code).toBe('IMPORT_FILE_DAMAGED');
        expectChinese(e.message);
        // The household roster import reads through the same reader.
        const r = errorOf(admin.call.raw('households.importPreview', { source: { kind: 'file', fileName: 'roster.xlsx', base64: b64(file) } }));
        expect(r.code).toBe('IMPORT_FILE_DAMAGED');
      }
      expect(env.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'goods.import'").pluck().get()).toBe(0);
    } finally {
      env.close();
    }
  }, 60_000);

  it('a sheet just under the unpack cap is read; just over it, refused in Chinese', () => {
    const env = freshCore({ demo: true, households: 3 });
    try {
      const acc = login(env.core, 'accountant');
      const under = paddedSheetXlsx(PART_CAP - 4096);
      const preview = acc.call('stock.importPreview', { fileName: 'goods.xlsx', base64: b64(under) });
      expect(preview.fileIssues).toEqual([]);
      expect(preview.rows.map((r) => r.name)).toEqual(['挂面 1kg']);
      expect(preview.ok).toBe(true);
      const over = paddedSheetXlsx(PART_CAP + 4096);
      const refused = acc.call('stock.importPreview', { fileName: 'goods.xlsx', base64: b64(over) });
      expect(refused.fileIssues.map((i) => i.code)).toEqual(['IMPORT_ZIP_BOMB']);
      const e = errorOf(acc.call.raw('stock.importGoods', { fileName: 'goods.xlsx', base64: b64(over) }));
      expect(e.code).toBe('IMPORT_ZIP_BOMB');
      expect(e.message).toContain('压缩炸弹');
      expectChinese(e.message);
    } finally {
      env.close();
    }
  }, 60_000);

  it('a zip bomb (512 MB of one part in about 500 KB) is refused in Chinese after unpacking at most the cap', async () => {
    const env = freshCore({ demo: true, households: 3 });
    try {
      const acc = login(env.core, 'accountant');
      const bomb = await zipBombXlsx(512);
      expect(bomb.length).toBeLessThan(720_000); // within the contract's 960,000 base64 characters
      const e = errorOf(acc.call.raw('stock.importGoods', { fileName: 'goods.xlsx', base64: b64(bomb) }));
      expect(e.code).toBe('IMPORT_ZIP_BOMB');
      expectChinese(e.message);
      expect(e.message).toContain(String(PART_CAP / 1024 / 1024));
    } finally {
      env.close();
    }
  }, 60_000);

  it('one long shared string in thousands of cells is refused, not copied into every cell', () => {
    const env = freshCore({ demo: true, households: 3 });
    try {
      const acc = login(env.core, 'accountant');
      const file = sharedStringFanOutXlsx();
      expect(file.length).toBeLessThan(20_000);
      const e = errorOf(acc.call.raw('stock.importGoods', { fileName: 'goods.xlsx', base64: b64(file) }));
      expect(e.code).toBe('IMPORT_TOO_MUCH_TEXT');
      expectChinese(e.message);
    } finally {
      env.close();
    }
  });

  it('through the browser host the file is read on a worker thread: lookups are answered while a hostile import is read', async () => {
    const env = freshCore({ demo: true, households: 20 });
    const host = await startBrowserHost({ dataDir: env.dir, core: env.core, port: 0, staticDir: join(env.dir, 'no-ui') });
    try {
      const acc = login(env.core, 'accountant');
      const keeper = login(env.core, 'keeper');
      const post = (op: string, token: string, body: unknown) =>
        fetch(`${host.url}/api/${op}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-session': token },
          body: JSON.stringify(body),
        }).then((r) => r.json() as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>);
      const bomb = await zipBombXlsx(512);
      let importDone = false;
      const importing = post('stock.importPreview', acc.token, { fileName: 'goods.xlsx', base64: b64(bomb) }).finally(() => (importDone = true));
      const answeredDuring: boolean[] = [];
      // Lookups one after another for as long as the import is being read.
      while (!importDone) {
        const r = await post('counter.lookup', keeper.token, { query: '01-001' });
        expect(r.ok).toBe(true);
        answeredDuring.push(!importDone);
      }
      const preview = (await importing) as { ok: true; value: { fileIssues: { code: string }[] } };
      expect(preview.value.fileIssues.map((i) => i.code)).toEqual(['IMPORT_ZIP_BOMB']);
      // With the reading on this thread no lookup could be answered before the import's answer.
      expect(answeredDuring.filter(Boolean).length).toBeGreaterThan(0);
      // The same answer as the synchronous path.
      const direct = dispatch(env.core, acc.token, 'stock.importPreview', { fileName: 'goods.xlsx', base64: b64(bomb) }) as {
        ok: true;
        value: { fileIssues: { code: string }[] };
      };
      expect(direct.value.fileIssues).toEqual(preview.value.fileIssues);
    } finally {
      await host.close();
      env.close();
    }
  }, 90_000);
});
