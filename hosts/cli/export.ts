/**
 * export --data DIR --kind ledger|redemptions|stock|balances|stats
 *        (--from D --to D | --date D | --month YYYY-MM | --year YYYY)
 *        --format xlsx|csv --out FILE --operator NAME [--pin-env VAR]
 * Streams straight to FILE (never holding the range in memory) and audits the export
 * with its operator, row count and SHA-256, like an export from the screen.
 */
import { EXIT, existingDataDir } from './exit-codes.js';
import { join, resolve } from 'node:path';
import { AppError } from '../../db/contract/errors.js';
import type { ExportFormat, ExportKind } from '../../db/contract/index.js';
import { Core, DB_FILE } from '../../db/core.js';
import { resolveRange } from '../../db/accounting/exports/ranges.js';
import { exportToFile } from '../../db/accounting/exports/run.js';
import { ExportCancelled } from '../../db/accounting/exports/write.js';
import { audit } from '../../db/books/audit.js';
import { parse, type Command } from './args.js';
import { cliLogin } from './operator-login.js';

const KINDS: readonly ExportKind[] = ['ledger', 'redemptions', 'stock', 'balances', 'stats'];
const FORMATS: readonly ExportFormat[] = ['xlsx', 'csv'];

export const exportCommand: Command = {
  name: 'export',
  usage: 'export --data DIR --kind ledger|redemptions|stock|balances|stats --from DATE --to DATE (或 --date / --month YYYY-MM / --year YYYY) --format xlsx|csv --out FILE --operator NAME [--pin-env VAR]',
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
    const dataDir = existingDataDir(values.data);
    const core = new Core({ dataDir });
    try {
      const login = await cliLogin(core, values.operator, values['pin-env']);
      if (!login) return EXIT.CANNOT_RUN;
      // The same role rule as the screen: accountants and administrators export.
      if (login.operator.role === 'keeper') {
        console.error('店员不能导出台账 / keepers may not export');
        login.logout();
        return EXIT.CANNOT_RUN;
      }
      const req = { kind, format, ...range };
      audit(core.db, core.stamp().createdAt, login.operator.id, 'export.start', `file:${out}`, { ...req, via: 'cli' });
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      let last = 0;
      try {
        const res = await exportToFile({
          dbFile: join(dataDir, DB_FILE),
          ...req,
          out,
          timeZone: core.settings().timeZone,
          pointValueFen: core.settings().pointValueFen,
          signal: controller.signal,
          onProgress: (p) => {
            const pct = p.totalRows === 0 ? 100 : Math.floor((p.rows / p.totalRows) * 100);
            if (process.stderr.isTTY && pct !== last) process.stderr.write(`\r${pct}%  ${p.rows}/${p.totalRows}`);
            last = pct;
          },
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        audit(core.db, core.stamp().createdAt, login.operator.id, 'export.done', `file:${out}`, { ...req, rows: res.rows, bytes: res.bytes, sha256: res.sha256, via: 'cli' });
        console.log(`已导出 ${res.rows} 行 / exported ${res.rows} rows: ${out}`);
        console.log(`SHA-256 ${res.sha256}`);
        return EXIT.DONE;
      } catch (e) {
        const cancelled = e instanceof ExportCancelled;
        audit(core.db, core.stamp().createdAt, login.operator.id, cancelled ? 'export.cancelled' : 'export.failed', `file:${out}`, { ...req, via: 'cli' });
        console.error(cancelled ? '\n已取消，未留下不完整的文件 / cancelled; no partial file left' : `导出失败 / export failed: ${e instanceof Error ? e.message : String(e)}`);
        return EXIT.CANNOT_RUN;
      } finally {
        process.off('SIGINT', onSigint);
        login.logout();
      }
    } finally {
      core.close();
    }
  },
};
