/**
 * backup --data DIR --out FILE --operator NAME [--pin-env VAR]
 * An online backup (the app may keep running) through the same contract operation as the
 * screen's 立即备份 (`backup.run`, here with the file to write): an administrator's login,
 * the role checked by the core, the backup audited with the administrator's name. The copy
 * is checked (integrity check + verify with the key) before it counts as written.
 */
import { EXIT, existingDataDir, refused } from './exit-codes.js';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Core, DB_FILE } from '../../db/core.js';
import { dispatch } from '../../db/dispatch.js';
import { backupToFileSettled } from '../../db/trust/backup/service.js';
import { readPlainSecret } from '../../db/platform/crypto/secret.js';
import { parse, type Command } from './args.js';
import { cliLogin } from './operator-login.js';

export const backupCommand: Command = {
  name: 'backup',
  usage: 'backup --data DIR --out FILE --operator NAME [--pin-env VAR]',
  summary: '在线备份数据库到 FILE（管理员登录；应用可以同时运行），写完后做完整性检查和校验；密钥不在备份里，请另行保管。',
  async run(argv) {
    const { values } = parse(argv, { data: { type: 'string' }, out: { type: 'string' }, operator: { type: 'string' }, 'pin-env': { type: 'string' } });
    const dataDir = existingDataDir(values.data);
    if (!values.out) {
      console.error('请用 --out 指定备份文件 / --out FILE is required');
      return EXIT.CANNOT_RUN;
    }
    const out = resolve(values.out);
    if (!existsSync(join(dataDir, DB_FILE))) {
      console.error(`找不到数据库 / no database: ${join(dataDir, DB_FILE)}`);
      return EXIT.CANNOT_RUN;
    }
    // Opening the store without its key would make a new one: say so instead.
    if (!readPlainSecret(dataDir)) {
      console.error('账本用本机密钥签名，找不到明文密钥文件 secret.key，无法校验备份 / the books are keyed and no plain key file was found');
      return EXIT.CANNOT_RUN;
    }
    const core = new Core({ dataDir });
    try {
      const login = await cliLogin(core, values.operator, values['pin-env']);
      if (!login) return EXIT.CANNOT_RUN;
      let started: ReturnType<typeof dispatch>;
      try {
        started = dispatch(core, login.token, 'backup.run', { out });
      } finally {
        login.logout();
      }
      if (!started.ok) return refused(started.error);
      const outcome = await backupToFileSettled(core);
      if (!outcome?.ok) {
        console.error(`备份失败 / backup failed: ${outcome?.error ?? ''}`);
        return EXIT.CANNOT_RUN;
      }
      console.log(`备份完成并已校验 / backup written and verified: ${outcome.file} (${outcome.bytes} bytes)`);
      console.log('注意：身份证号哈希所需的密钥不在备份里，请单独保管密钥文件 / the key is not in the backup: keep the key file separately');
      return EXIT.DONE;
    } finally {
      core.close();
    }
  },
};
