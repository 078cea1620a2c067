/**
 * import households FILE --data DIR [--dry-run] [--operator NAME]
 * template households --out FILE
 *
 * The same row-by-row validation and all-or-nothing import as the screen, through the same
 * contract operations (role and session checked), so the audit log names who imported.
 */
import { EXIT, existingDataDir, refused } from './exit-codes.js';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Core } from '../../db/core.js';
import type { RosterImported, RosterPreview } from '../../db/contract/index.js';
import { dispatch } from '../../db/dispatch.js';
import { previewRoster, rosterTemplateBytes } from '../../db/households/roster.js';
import { readGoodsFile } from '../../db/stock/import.js';
import { parse } from './args.js';
import { cliLogin } from './operator-login.js';

/** The browser host takes 1 MB per request; the screen and the CLI accept the same files. */
const MAX_FILE_BYTES = 700 * 1024;

function printRoster(p: RosterPreview): void {
  for (const r of p.rows) for (const problem of r.problems) console.error(`第 ${r.row} 行 / row ${r.row}: ${problem}`);
  console.log(`共 ${p.members} 人 ${p.households} 户：${p.errors} 行有误 / ${p.members} people in ${p.households} households, ${p.errors} rows with errors`);
  if (p.newGroups.length) console.log(`将新建村民小组 / new groups: ${p.newGroups.join('、')}`);
}

export async function importHouseholds(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    data: { type: 'string' },
    'dry-run': { type: 'boolean' },
    operator: { type: 'string' },
    'pin-env': { type: 'string' },
  });
  const fileArg = positionals[0];
  if (!fileArg) {
    console.error('请指定花名册文件 / give the file: import households FILE --data DIR [--dry-run] [--operator NAME]');
    return EXIT.CANNOT_RUN;
  }
  const file = resolve(fileArg);
  let bytes: Buffer;
  try {
    if (statSync(file).size > MAX_FILE_BYTES) {
      console.error(`文件太大（最多 ${MAX_FILE_BYTES / 1024} KB），请分成几个文件导入 / file too large; split it`);
      return EXIT.CANNOT_RUN;
    }
    bytes = readFileSync(file);
  } catch {
    console.error(`无法读取文件 / cannot read: ${file}`);
    return EXIT.CANNOT_RUN;
  }
  const source = { kind: 'file' as const, fileName: basename(file), base64: bytes.toString('base64') };
  const core = new Core({ dataDir: existingDataDir(values.data) });
  try {
    let token: string | null = null;
    let logout = () => undefined as void;
    if (!values['dry-run']) {
      // The same login as every accountant's command; the contract checks the role.
      const login = await cliLogin(core, values.operator, values['pin-env']);
      if (!login) return EXIT.CANNOT_RUN;
      token = login.token;
      logout = login.logout;
    } else {
      // A dry run writes nothing, so it needs no operator: it runs the service directly.
      try {
        const p = previewRoster(core, readGoodsFile(source.fileName, bytes));
        printRoster(p);
        console.log(
          p.errors === 0 ? '检查通过，未导入（--dry-run）/ all rows valid; nothing imported (--dry-run)' : '有错误，未导入 / errors found; nothing imported',
        );
        return p.errors === 0 ? EXIT.DONE : EXIT.INPUT_ERRORS;
      } catch (e) {
        console.error(e instanceof Error ? e.message : String(e));
        return EXIT.INPUT_ERRORS;
      }
    }
    const preview = dispatch(core, token, 'households.importPreview', { source });
    if (!preview.ok) {
      return refused(preview.error);
    }
    printRoster(preview.value as RosterPreview);
    const res = dispatch(core, token, 'households.import', { source });
    logout();
    if (!res.ok) {
      return refused(res.error);
    }
    const v = res.value as RosterImported;
    console.log(
      `已导入 ${v.households} 户 ${v.members} 人，期初积分共 ${v.openingPoints} 分 / imported ${v.households} households, ${v.members} people, ${v.openingPoints} opening points`,
    );
    return EXIT.DONE;
  } finally {
    core.close();
  }
}

export function writeHouseholdsTemplate(outArg: string | undefined, force: boolean): number {
  if (!outArg) {
    console.error('请用 --out 指定文件 / --out FILE is required');
    return EXIT.CANNOT_RUN;
  }
  const out = resolve(outArg);
  const lower = out.toLowerCase();
  if (!lower.endsWith('.xlsx') && !lower.endsWith('.csv')) {
    console.error('文件名应以 .xlsx 或 .csv 结尾 / the file must end in .xlsx or .csv');
    return EXIT.CANNOT_RUN;
  }
  if (existsSync(out) && !force) {
    console.error(`文件已存在，不覆盖（加 --force 覆盖）/ will not overwrite without --force: ${out}`);
    return EXIT.CANNOT_RUN;
  }
  writeFileSync(out, rosterTemplateBytes(lower.endsWith('.csv') ? 'csv' : 'xlsx'));
  console.log(`已写出花名册模板 / roster template written: ${out}`);
  return EXIT.DONE;
}
