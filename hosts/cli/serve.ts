import { join } from 'node:path';
import { EXIT } from './exit-codes.js';
import { DEMO_OPERATORS } from '../../db/demo/village.js';
import { demoCardCode } from '../../db/setup.js';
import { startBrowserHost } from '../browser/browser-host.js';
import { openInAppMode } from '../browser/open-browser.js';
import { dataDirFrom, parse, type Command } from './args.js';
import type { BackgroundVerifyStatus } from '../../db/contract/views-trust.js';

/** One line a script can match: `完整校验 / full verify: passed|failed|cancelled …`. */
function backgroundLine(b: BackgroundVerifyStatus): string {
  const problems = b.report?.problems ?? [];
  const first = problems[0] ? `; ${problems[0].message}` : '';
  return `完整校验 / full verify: ${b.state} (${problems.length} problems${first})`;
}

export const serveCommand: Command = {
  name: 'serve',
  usage: 'serve [--data DIR] [--demo] [--port N] [--host ADDR] [--no-open] [--kiosk]',
  summary: '浏览器模式：在 127.0.0.1 上提供界面与接口（npm start 在没有 Electron 运行时时使用）。',
  async run(argv) {
    const { values } = parse(argv, {
      data: { type: 'string' },
      demo: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      'no-open': { type: 'boolean' },
      kiosk: { type: 'boolean' },
    });
    const dataDir = dataDirFrom(values.data);
    const port = values.port === undefined ? 5178 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      console.error(`端口无效 / invalid port: ${values.port}`);
      return EXIT.CANNOT_RUN;
    }
    const host = await startBrowserHost({ dataDir, port, host: values.host ?? '127.0.0.1', demo: values.demo === true });
    console.log(`积分超市已启动 / points store running (data: ${dataDir})`);
    if (values.demo) {
      console.log(`演示账号 / demo: ${DEMO_OPERATORS.map((o) => `${o.name} PIN ${o.pin}`).join('，')}`);
      // A household card to try without a printer: typed or pasted into the scan box, it opens 01-001.
      const card = demoCardCode(host.core);
      if (card) console.log(`演示户卡 / demo card ${card.number}: ${card.code}`);
    }
    // The address alone on its own line: scripts and tests read it.
    console.log(host.url);
    // The second screen facing the villager opens this, full screen (F11 or --kiosk).
    console.log(`客显地址 / customer display: ${host.displayUrl('customer')}`);
    // The full verify after start-up runs while the counter is already usable; its outcome
    // goes on the console too, so whoever watches the terminal (and scripts) sees it.
    void host.backgroundVerified.then((b) => console.log(backgroundLine(b)));
    if (!values['no-open'] && !openInAppMode(host.url, join(dataDir, 'browser-profile'), values.kiosk === true)) {
      console.log('未找到 Chromium/Chrome/Edge，请在浏览器中打开上面的地址 / open the address above in a browser');
    }
    await new Promise<void>((done) => {
      const stop = () => {
        void host.close().then(done);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return EXIT.DONE;
  },
};
