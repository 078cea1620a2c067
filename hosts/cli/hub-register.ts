/**
 * hub-register --data DIR --village-code CODE --village NAME --township NAME --out FILE --operator NAME
 * Registers the store with its township: makes the signing key (kept beside the database,
 * never exported) and writes the registration file the township imports.
 */
import { EXIT, existingDataDir, refused } from './exit-codes.js';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Core } from '../../db/core.js';
import type { HubRegisterView } from '../../db/contract/index.js';
import { dispatch } from '../../db/dispatch.js';
import { parse, type Command } from './args.js';
import { cliLogin } from './operator-login.js';

export const hubRegisterCommand: Command = {
  name: 'hub-register',
  usage: 'hub-register --data DIR --village-code CODE --village NAME --township NAME --out FILE --operator NAME [--pin-env VAR]',
  summary: '向乡镇登记本店：生成签名密钥，写出乡镇导入的登记文件，并显示密钥指纹（管理员）。',
  async run(argv) {
    const { values } = parse(argv, {
      data: { type: 'string' },
      'village-code': { type: 'string' },
      village: { type: 'string' },
      township: { type: 'string' },
      out: { type: 'string' },
      operator: { type: 'string' },
      'pin-env': { type: 'string' },
    });
    if (!values['village-code'] || !values.village || !values.township || !values.out) {
      console.error('需要 --village-code、--village、--township 和 --out / give --village-code, --village, --township and --out');
      return EXIT.CANNOT_RUN;
    }
    const core = new Core({ dataDir: existingDataDir(values.data) });
    try {
      const login = await cliLogin(core, values.operator, values['pin-env']);
      if (!login) return EXIT.CANNOT_RUN;
      try {
        const res = dispatch(core, login.token, 'hub.register', {
          villageCode: values['village-code'],
          villageName: values.village,
          townshipName: values.township,
        });
        if (!res.ok) {
          return refused(res.error);
        }
        const { registration, file } = res.value as HubRegisterView;
        const out = resolve(values.out);
        writeFileSync(out, file);
        console.log(`登记文件 / registration file: ${out}`);
        console.log(`${registration.villageName}（${registration.villageCode}），${registration.townshipName}`);
        console.log(`密钥指纹 / key fingerprint: ${registration.fingerprint}`);
        return EXIT.DONE;
      } finally {
        login.logout();
      }
    } finally {
      core.close();
    }
  },
};
