import { Core } from '../../db/core.js';
import { EXIT } from './exit-codes.js';
import { DEMO_OPERATORS } from '../../db/demo/village.js';
import { initDemoIfEmpty, setupStatus } from '../../db/setup.js';
import { dataDirFrom, parse, type Command } from './args.js';

export const initCommand: Command = {
  name: 'init',
  usage: 'init --data DIR [--demo]',
  summary: '创建数据目录（数据库与密钥）；--demo 在空目录中载入演示村并打印演示账号的 PIN。',
  run(argv) {
    const { values } = parse(argv, { data: { type: 'string' }, demo: { type: 'boolean' } });
    const dataDir = dataDirFrom(values.data);
    const core = new Core({ dataDir });
    try {
      if (values.demo) {
        const r = initDemoIfEmpty(core);
        console.log(
          r.loaded ? `已载入演示村 / demo village loaded: ${dataDir}` : `数据目录已有数据，未载入演示村 / data folder not empty, demo not loaded: ${dataDir}`,
        );
        console.log('演示账号 / demo operators:');
        for (const o of DEMO_OPERATORS) console.log(`  ${o.name} (${o.role})  PIN ${o.pin}`);
      } else {
        const s = setupStatus(core);
        console.log(`数据目录已就绪 / data folder ready: ${dataDir}`);
        if (!s.initialized) console.log('首次启动时在界面中创建管理员 / create the first administrator in the app on first start');
      }
      return Promise.resolve(EXIT.DONE);
    } finally {
      core.close();
    }
  },
};
