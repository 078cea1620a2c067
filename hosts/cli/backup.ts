import { existsSync } from 'node:fs';
import { EXIT, existingDataDir } from './exit-codes.js';
import { basename, join, resolve } from 'node:path';
import { backupDatabase } from '../../db/trust/backup/copy.js';
import { DB_FILE } from '../../db/core.js';
import { Keyring, readPlainSecret } from '../../db/platform/crypto/secret.js';
import { chainKeyFrom } from '../../db/books/hash-chain.js';
import { installBooksKey } from '../../db/books/seals.js';
import { openDatabase } from '../../db/platform/open.js';
import { audit } from '../../db/books/audit.js';
import { parse, type Command } from './args.js';

export const backupCommand: Command = {
  name: 'backup',
  usage: 'backup --data DIR --out FILE',
  summary: '在线备份数据库到 FILE（应用可以同时运行），写完后做完整性检查和校验；密钥不在备份里，请另行保管。',
  async run(argv) {
    const { values } = parse(argv, { data: { type: 'string' }, out: { type: 'string' } });
    const dataDir = existingDataDir(values.data);
    const file = join(dataDir, DB_FILE);
    if (!values.out) {
      console.error('请用 --out 指定备份文件 / --out FILE is required');
      return EXIT.CANNOT_RUN;
    }
    const out = resolve(values.out);
    if (!existsSync(file)) {
      console.error(`找不到数据库 / no database: ${file}`);
      return EXIT.CANNOT_RUN;
    }
    if (existsSync(out)) {
      console.error(`备份文件已存在，不覆盖 / will not overwrite: ${out}`);
      return EXIT.CANNOT_RUN;
    }
    const secret = readPlainSecret(dataDir);
    if (!secret) {
      console.error('账本用本机密钥签名，找不到明文密钥文件 secret.key，无法校验备份 / the books are keyed and no plain key file was found');
      return 2;
    }
    const keyring = new Keyring(secret);
    const db = openDatabase(file, { migrate: false });
    installBooksKey(db, chainKeyFrom(secret));
    try {
      const { bytes } = await backupDatabase(db, out, keyring);
      audit(db, new Date().toISOString(), null, 'backup.create', basename(out), { reason: 'cli', bytes });
      console.log(`备份完成并已校验 / backup written and verified: ${out} (${bytes} bytes)`);
      console.log('注意：身份证号哈希所需的密钥不在备份里，请单独保管密钥文件 / the key is not in the backup: keep the key file separately');
      return EXIT.DONE;
    } catch (e) {
      console.error(`备份失败 / backup failed: ${e instanceof Error ? e.message : String(e)}`);
      return EXIT.CANNOT_RUN;
    } finally {
      db.close();
    }
  },
};
