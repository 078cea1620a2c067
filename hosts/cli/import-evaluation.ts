/**
 * import evaluation FILE --month YYYY-MM --data DIR [--dry-run] [--operator NAME]
 * template evaluation --data DIR [--month YYYY-MM] --out FILE
 *
 * The monthly evaluation sheet through the same contract operations as the screen (role
 * and session checked, audit names the operator): the same row-by-row preview, all or
 * nothing, entries awaiting review.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { EvaluationImported, EvaluationPreview } from '../../db/contract/index.js';
import { Core } from '../../db/core.js';
import { dispatch } from '../../db/dispatch.js';
import { evaluationTemplate } from '../../db/points/evaluation.js';
import { parse } from './args.js';
import { EXIT, existingDataDir, refused } from './exit-codes.js';
import { cliLogin } from './operator-login.js';

const MAX_FILE_BYTES = 700 * 1024;

function printPreview(p: EvaluationPreview): void {
  for (const r of p.rows) for (const problem of r.problems) console.error(`第 ${r.row} 行 / row ${r.row}（${r.number}）: ${problem}`);
  console.log(`${p.month} 月评比表（细则第 ${p.ruleBookVersion} 版，记为 ${p.eventDate}）：${p.rows.length} 户，${p.entries} 条记录，${p.errors} 行有误`);
  for (const i of p.byItem) if (i.households > 0) console.log(`  【${i.code}】${i.title}  ${i.households} 户  ${i.points > 0 ? '+' : ''}${i.points} 分`);
}

function monthOf(v: string | boolean | undefined): string | null {
  return typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? v : null;
}

export async function importEvaluationCli(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    data: { type: 'string' },
    month: { type: 'string' },
    'dry-run': { type: 'boolean' },
    operator: { type: 'string' },
    'pin-env': { type: 'string' },
  });
  const fileArg = positionals[0];
  const month = monthOf(values.month);
  if (!fileArg || !month) {
    console.error('用法 / usage: import evaluation FILE --month YYYY-MM --data DIR [--dry-run] [--operator NAME]');
    return EXIT.CANNOT_RUN;
  }
  const file = resolve(fileArg);
  let bytes: Buffer;
  try {
    if (statSync(file).size > MAX_FILE_BYTES) {
      console.error(`文件太大（最多 ${MAX_FILE_BYTES / 1024} KB）/ file too large`);
      return EXIT.INPUT_ERRORS;
    }
    bytes = readFileSync(file);
  } catch {
    console.error(`无法读取文件 / cannot read: ${file}`);
    return EXIT.CANNOT_RUN;
  }
  const input = { month, fileName: basename(file), base64: bytes.toString('base64') };
  const core = new Core({ dataDir: existingDataDir(values.data) });
  try {
    const login = await cliLogin(core, values.operator, values['pin-env']);
    if (!login) return EXIT.CANNOT_RUN;
    try {
      const preview = dispatch(core, login.token, 'points.evaluationPreview', input);
      if (!preview.ok) return refused(preview.error);
      const p = preview.value as EvaluationPreview;
      if (p.alreadyImported) {
        console.log(`此表已导入过（${p.entries} 条记录），未重复导入 / this file was imported before (${p.entries} entries); nothing recorded again`);
        return EXIT.DONE;
      }
      printPreview(p);
      if (p.errors > 0) {
        console.error('有错误，未导入 / errors found; nothing imported');
        return EXIT.INPUT_ERRORS;
      }
      if (values['dry-run']) {
        console.log('检查通过，未导入（--dry-run）/ all rows valid; nothing imported (--dry-run)');
        return EXIT.DONE;
      }
      const res = dispatch(core, login.token, 'points.importEvaluation', input);
      if (!res.ok) return refused(res.error);
      const v = res.value as EvaluationImported;
      console.log(`已导入 ${v.entries} 条记录（${v.batches} 批），等待审核 / imported ${v.entries} entries in ${v.batches} batches, awaiting review`);
      return EXIT.DONE;
    } finally {
      login.logout();
    }
  } finally {
    core.close();
  }
}

export function writeEvaluationTemplate(argv: string[]): number {
  const { values } = parse(argv, { data: { type: 'string' }, month: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } });
  if (!values.out) {
    console.error('请用 --out 指定文件 / --out FILE is required');
    return EXIT.CANNOT_RUN;
  }
  const out = resolve(values.out);
  const format = out.toLowerCase().endsWith('.csv') ? 'csv' : out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : null;
  if (!format) {
    console.error('文件名应以 .xlsx 或 .csv 结尾 / the file must end in .xlsx or .csv');
    return EXIT.CANNOT_RUN;
  }
  if (existsSync(out) && !values.force) {
    console.error(`文件已存在，不覆盖（加 --force 覆盖）/ will not overwrite without --force: ${out}`);
    return EXIT.CANNOT_RUN;
  }
  const core = new Core({ dataDir: existingDataDir(values.data) });
  try {
    const month = monthOf(values.month) ?? core.stamp().businessDate.slice(0, 7);
    // Read-only and unattended: the template needs no operator; it runs the same service the screen's download does.
    try {
      writeFileSync(out, evaluationTemplate(core, month, format).bytes);
    } catch (e) {
      console.error(e instanceof Error ? e.message : String(e));
      return EXIT.CANNOT_RUN;
    }
    console.log(`已写出 ${month} 月评比表模板 / evaluation sheet template written: ${out}`);
    return EXIT.DONE;
  } finally {
    core.close();
  }
}
