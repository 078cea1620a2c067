/**
 * hub-export --data DIR --out FOLDER [--all] --operator NAME [--pin-env VAR]
 * Writes every closed day's report not yet exported into a folder (a USB stick, usually)
 * and prints how many. --all writes every report again (a lost stick). Through the
 * contract (`hub.exportReports`): an accountant's or administrator's login, the role
 * checked by the core, the export audited with the operator's name.
 */
import { EXIT, existingDataDir, refused } from './exit-codes.js';
import { resolve } from 'node:path';
import { Core } from '../../db/core.js';
import { dispatch } from '../../db/dispatch.js';
import type { HubExportView } from '../../db/contract/views-reporting.js';
import { parse, type Command } from './args.js';
import { cliLogin } from './operator-login.js';

export const hubExportCommand: Command = {
  name: 'hub-export',
  usage: 'hub-export --data DIR --out FOLDER [--all] --operator NAME [--pin-env VAR]',
  summary: '把尚未导出的日报写入文件夹（U 盘），交乡镇导入；打印写出的份数（会计或管理员登录）。--all 全部重写。',
  async run(argv) {
    const { values } = parse(argv, {
      data: { type: 'string' },
      out: { type: 'string' },
      all: { type: 'boolean' },
      operator: { type: 'string' },
      'pin-env': { type: 'string' },
    });
    if (!values.out) {
      console.error('请用 --out 指明文件夹 / give the folder: --out FOLDER');
      return EXIT.CANNOT_RUN;
    }
    const core = new Core({ dataDir: existingDataDir(values.data) });
    try {
      const login = await cliLogin(core, values.operator, values['pin-env']);
      if (!login) return EXIT.CANNOT_RUN;
      let res: ReturnType<typeof dispatch>;
      try {
        res = dispatch(core, login.token, 'hub.exportReports', { folder: resolve(values.out), all: values.all ?? false });
      } finally {
        login.logout();
      }
      if (!res.ok) return refused(res.error);
      const state = res.value as HubExportView;
      console.log(`已导出 ${state.written.length} 份日报 / ${state.written.length} reports exported`);
      if (state.lastReportedDay) console.log(`最后上报日 / last reported day: ${state.lastReportedDay}`);
      return EXIT.DONE;
    } finally {
      core.close();
    }
  },
};
