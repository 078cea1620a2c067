/**
 * export --data DIR --kind ledger|redemptions|stock|balances|stats
 *        (--from D --to D | --date D | --month YYYY-MM | --year YYYY)
 *        --format xlsx|csv --out FILE --operator NAME [--pin-env VAR]
 * The screen's export through the contract (`export.start`: the role is checked and the
 * export audited by the core, with its operator, row count and SHA-256); the rows stream
 * to disk, never held in memory, and the finished file is moved to FILE.
 */
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, existingDataDir, refused } from './exit-codes.js';
import { AppError } from '../../db/contract/errors.js';
import type { ExportFormat, ExportJobView, ExportKind, OpInput } from '../../db/contract/index.js';
import { Core } from '../../db/core.js';
import { dispatch } from '../../db/dispatch.js';
import { exportJobs } from '../../db/accounting/exports/jobs.js';
import { resolveRange } from '../../db/accounting/exports/ranges.js';
import { parse, type Command } from './args.js';
import { cliLogin } from './operator-login.js';

const KINDS: readonly ExportKind[] = ['ledger', 'redemptions', 'stock', 'balances', 'stats'];
const FORMATS: readonly ExportFormat[] = ['xlsx', 'csv'];

export const exportCommand: Command = {
  name: 'export',
  usage:
    'export --data DIR --kind ledger|redemptions|stock|balances|stats --from DATE --to DATE (或 --date / --month YYYY-MM / --year YYYY) --format xlsx|csv --out FILE --operator NAME [--pin-env VAR]',
  summary: '导出积分台账、兑换明细、库存流水、农户余额或统计数据（XLSX 或带 BOM 的 UTF-8 CSV），边读边写，可导出很大的范围；每次导出记入审计日志。',
  async run(argv) {
    const { values } = parse(argv, {
      data: { type: 'string' },
      kind: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      date: { type: 'string' },
      month: { type: 'string' },
      year: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      operator: { type: 'string' },
      'pin-env': { type: 'string' },
    });
    const kind = values.kind as ExportKind;
    const format = (values.format ?? (values.out?.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx')) as ExportFormat;
    if (!KINDS.includes(kind)) {
      console.error(`--kind 应为 ${KINDS.join(' | ')}`);
      return EXIT.CANNOT_RUN;
    }
    if (!FORMATS.includes(format)) {
      console.error('--format 应为 xlsx 或 csv');
      return EXIT.CANNOT_RUN;
    }
    if (!values.out) {
      console.error('请用 --out FILE 指明输出文件 / give the output file: --out FILE');
      return EXIT.CANNOT_RUN;
    }
    let range: { from: string; to: string };
    try {
      range = resolveRange(values);
    } catch (e) {
      console.error(e instanceof AppError ? e.message : String(e));
      return EXIT.CANNOT_RUN;
    }
    const out = resolve(values.out);
    const core = new Core({ dataDir: existingDataDir(values.data) });
    try {
      const login = await cliLogin(core, values.operator, values['pin-env']);
      if (!login) return EXIT.CANNOT_RUN;
      try {
        return await runExport(core, login.token, { kind, format, ...range }, out);
      } finally {
        login.logout();
      }
    } finally {
      core.close();
    }
  },
};

/**
 * The screen's export, run to its end: `export.start` checks the role and audits the start,
 * the job streams into <data>/exports, `export.cancel` stops it on Ctrl+C, and the finished
 * file is taken as the screen's download takes it (audited as a download) and moved to FILE.
 */
async function runExport(core: Core, token: string, input: OpInput<'export.start'>, out: string): Promise<number> {
  const started = dispatch(core, token, 'export.start', input);
  if (!started.ok) return refused(started.error);
  const { id } = started.value as ExportJobView;
  const onSigint = () => void dispatch(core, token, 'export.cancel', { id });
  process.once('SIGINT', onSigint);
  const progress = process.stderr.isTTY ? setInterval(() => printProgress(core, token, id), 250) : null;
  try {
    const job = await exportJobs(core).settled(id);
    if (progress) process.stderr.write('\n');
    if (job?.state === 'cancelled') {
      console.error('已取消，未留下不完整的文件 / cancelled; no partial file left');
      return EXIT.CANNOT_RUN;
    }
    const file = job?.state === 'done' ? exportJobs(core).download(id) : null;
    if (!job || !file) {
      console.error(`导出失败 / export failed: ${job?.error ?? ''}`);
      return EXIT.CANNOT_RUN;
    }
    moveFile(file.file, out);
    console.log(`已导出 ${job.rows} 行 / exported ${job.rows} rows: ${out}`);
    console.log(`SHA-256 ${job.sha256 ?? ''}`);
    return EXIT.DONE;
  } finally {
    if (progress) clearInterval(progress);
    process.off('SIGINT', onSigint);
  }
}

function printProgress(core: Core, token: string, id: string): void {
  const s = dispatch(core, token, 'export.status', { id });
  if (!s.ok) return;
  const p = s.value as ExportJobView;
  const pct = p.totalRows === 0 ? 100 : Math.floor((p.rows / p.totalRows) * 100);
  process.stderr.write(`\r${pct}%  ${p.rows}/${p.totalRows}`);
}

/**
 * Moves the finished file to FILE. Another disk (a USB stick) cannot take a rename: the
 * copy goes to a temporary name beside FILE first, so FILE is never half-written.
 */
function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
    return;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
  }
  const partial = `${to}.partial-${process.pid}`;
  try {
    copyFileSync(from, partial);
    renameSync(partial, to);
  } finally {
    rmSync(partial, { force: true });
  }
  rmSync(from, { force: true });
}
