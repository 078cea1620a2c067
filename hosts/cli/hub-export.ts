/**
 * hub-export --data DIR --out FOLDER [--all]
 * Writes every closed day's report not yet exported into a folder (a USB stick, usually)
 * and prints how many. --all writes every report again (a lost stick).
 */
import { EXIT, existingDataDir, exitFor } from './exit-codes.js';
import { resolve } from 'node:path';
import { Core } from '../../db/core.js';
import { formatMessage } from '../../db/contract/errors.js';
import { AppError } from '../../db/contract/errors.js';
import { buildPendingReports } from '../../db/reporting/build.js';
import { reportingState, writeReportFiles } from '../../db/reporting/outbox.js';
import { parse, type Command } from './args.js';

export const hubExportCommand: Command = {
  name: 'hub-export',
  usage: 'hub-export --data DIR --out FOLDER [--all]',
  summary: '把尚未导出的日报写入文件夹（U 盘），交乡镇导入；打印写出的份数。--all 全部重写。',
  run(argv) {
    const { values } = parse(argv, { data: { type: 'string' }, out: { type: 'string' }, all: { type: 'boolean' } });
    if (!values.out) {
      console.error('请用 --out 指明文件夹 / give the folder: --out FOLDER');
      return Promise.resolve(EXIT.CANNOT_RUN);
    }
    const core = new Core({ dataDir: existingDataDir(values.data) });
    try {
      buildPendingReports(core);
      const { written } = writeReportFiles(core, resolve(values.out), { all: values.all ?? false });
      const state = reportingState(core);
      console.log(`已导出 ${written.length} 份日报 / ${written.length} reports exported`);
      if (state.lastReportedDay) console.log(`最后上报日 / last reported day: ${state.lastReportedDay}`);
      return Promise.resolve(EXIT.DONE);
    } catch (e) {
      if (e instanceof AppError) {
        console.error(`${e.message} / ${formatMessage(e.code, 'en', e.params)}`);
        return Promise.resolve(exitFor(e.code));
      }
      throw e;
    } finally {
      core.close();
    }
  },
};
