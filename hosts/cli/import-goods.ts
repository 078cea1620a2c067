import { readFileSync, statSync } from 'node:fs';
import { EXIT, existingDataDir, refused } from './exit-codes.js';
import { basename, resolve } from 'node:path';
import { Core } from '../../db/core.js';
import { formatMessage } from '../../db/contract/errors.js';
import type { ImportPreview } from '../../db/contract/index.js';
import { dispatch } from '../../db/dispatch.js';
import { previewGoodsFile } from '../../db/stock/import.js';
import { parse } from './args.js';
import { cliLogin } from './operator-login.js';

/** The browser host takes 1 MB per request; the screen and the CLI accept the same files. */
const MAX_FILE_BYTES = 700 * 1024;

export function printPreview(p: ImportPreview): void {
  for (const i of p.fileIssues) console.error(`文件 / file: ${formatMessage(i.code, 'zh', i.params)}`);
  for (const r of p.rows) {
    for (const i of r.issues) console.error(`第 ${r.rowNo} 行 / row ${r.rowNo}: ${formatMessage(i.code, 'zh', i.params)}`);
  }
  if (p.fileIssues.length === 0)
    console.log(`共 ${p.rows.length} 行：${p.validRows} 行正确，${p.badRows} 行有误 / ${p.rows.length} rows: ${p.validRows} valid, ${p.badRows} with errors`);
}

/**
 * import goods FILE --data DIR [--dry-run] [--operator NAME]: the same preview and the
 * same all-or-nothing import as the screen, through the same contract operations (role
 * and session checked), so the audit log names who imported.
 */
export async function importGoods(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    data: { type: 'string' },
    'dry-run': { type: 'boolean' },
    operator: { type: 'string' },
    'pin-env': { type: 'string' },
  });
  const fileArg = positionals[0];
  if (!fileArg) {
    console.error('请指定要导入的文件 / give the file: import goods FILE --data DIR [--dry-run] [--operator NAME]');
    return EXIT.CANNOT_RUN;
  }
  const file = resolve(fileArg);
  let bytes: Buffer;
  try {
    if (statSync(file).size > MAX_FILE_BYTES) {
      console.error(`文件太大（最多 ${MAX_FILE_BYTES / 1024} KB）/ file too large`);
      return EXIT.CANNOT_RUN;
    }
    bytes = readFileSync(file);
  } catch {
    console.error(`无法读取文件 / cannot read: ${file}`);
    return EXIT.CANNOT_RUN;
  }
  const fileName = basename(file);
  const core = new Core({ dataDir: existingDataDir(values.data) });
  try {
    if (values['dry-run']) {
      const p = previewGoodsFile(core, fileName, bytes);
      printPreview(p);
      console.log(p.ok ? '检查通过，未导入（--dry-run）/ all rows valid; nothing imported (--dry-run)' : '有错误，未导入 / errors found; nothing imported');
      return p.ok ? EXIT.DONE : EXIT.INPUT_ERRORS;
    }
    // The same login as every accountant's command: named operator, PIN from STORE_PIN
    // (or --pin-env) or a hidden prompt; the role is checked by the contract.
    const login = await cliLogin(core, values.operator, values['pin-env']);
    if (!login) return EXIT.CANNOT_RUN;
    const token = login.token;
    const base64 = bytes.toString('base64');
    const preview = dispatch(core, token, 'stock.importPreview', { fileName, base64 });
    if (!preview.ok) {
      return refused(preview.error);
    }
    printPreview(preview.value as ImportPreview);
    const res = dispatch(core, token, 'stock.importGoods', { fileName, base64 });
    login.logout();
    if (!res.ok) {
      return refused(res.error);
    }
    const v = res.value as { imported: number; openingUnits: number };
    console.log(`已导入 ${v.imported} 种商品，期初库存共 ${v.openingUnits} 件 / imported ${v.imported} goods, ${v.openingUnits} opening units`);
    return EXIT.DONE;
  } finally {
    core.close();
  }
}
