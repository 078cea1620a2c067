#!/usr/bin/env node
/**
 * The township hub's command line.
 *   npm run hub -- serve [--port N] [--no-open]   the dashboard and the push endpoint
 *   npm run hub -- register FILE                  a store's registration file
 *   npm run hub -- import PATH                    a report file or a folder of them
 *   npm run hub -- villages --json | alerts --json | totals [--from D --to D] --json
 *   npm run hub -- --demo                         a demo township, then serve it
 * Every command takes --db postgres://… (a server) or --data DIR (the embedded engine).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Engine } from '../db/engine.js';
import { openHub } from '../db/open-hub.js';
import { importPath } from '../ingest/import-path.js';
import { alerts } from '../queries/alerts.js';
import { totals } from '../queries/totals.js';
import { villages } from '../queries/villages.js';
import { HubRefusal, registerStore } from '../registry.js';
import { hubToday, OVERDUE_AFTER_DAYS } from '../queries/today.js';
import { serveHub } from '../server/serve.js';
import { loadDemoTownship } from './demo.js';

const USAGE = `乡镇积分汇总 / Township points hub

  npm run hub -- serve [--port N] [--host H] [--no-open]
  npm run hub -- register FILE
  npm run hub -- import PATH
  npm run hub -- villages [--json]
  npm run hub -- alerts [--json]
  npm run hub -- totals [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]
  npm run hub -- --demo [--port N] [--no-open]
  npm run hub -- user --name NAME --role viewer|administrator   (password from HUB_PASSWORD)

Every command: --db postgres://user@host/db (a PostgreSQL server) or --data DIR (the embedded engine; default a per-user folder).`;

function print(json: boolean, value: unknown, text: () => void): void {
  if (json) console.log(JSON.stringify(value, null, 1));
  else text();
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      db: { type: 'string' },
      data: { type: 'string' },
      json: { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'no-open': { type: 'boolean' },
      demo: { type: 'boolean' },
      name: { type: 'string' },
      role: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, arg] = positionals;
  if (values.help || (!command && !values.demo)) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  for (const d of [values.from, values.to]) {
    if (d !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(d)) {
      console.error(`日期应为 YYYY-MM-DD：${d} / a date is YYYY-MM-DD`);
      return 2;
    }
  }
  const json = values.json ?? false;
  const engine: Engine = await openHub({ db: values.db, data: values.data });
  let keepOpen = false;
  try {
    if (values.demo || command === 'serve') {
      if (values.demo) {
        const made = await loadDemoTownship(engine);
        console.log(
          made
            ? `已生成演示乡镇：${made.villages} 个村，${made.reports} 份日报 / demo township made`
            : '已有数据，未生成演示乡镇 / data present, demo not made',
        );
      }
      const port = values.port ? Number(values.port) : values.demo ? 0 : 7480;
      const server = await serveHub(engine, { port, host: values.host ?? '127.0.0.1', open: !values['no-open'], demo: values.demo ?? false });
      console.log(server.url);
      keepOpen = true;
      return 0;
    }
    switch (command) {
      case 'register': {
        if (!arg) throw new HubRefusal('USAGE', '用法：register FILE / usage: register FILE');
        const r = await registerStore(engine, readFileSync(arg, 'utf8'));
        print(json, r, () =>
          console.log(
            `${r.outcome === 'known' ? '已登记过' : '已登记'} / ${r.outcome}: ${r.registration.villageName} ${r.registration.villageCode}  指纹 ${r.registration.fingerprint}`,
          ),
        );
        return 0;
      }
      case 'import': {
        if (!arg) throw new HubRefusal('USAGE', '用法：import PATH / usage: import PATH');
        const results = await importPath(engine, arg);
        const refused = results.filter((r) => r.outcome === 'refused' || r.outcome === 'fork');
        print(json, results, () => {
          for (const r of results) {
            if (r.outcome === 'refused') console.log(`✗ ${r.file}: 拒收 / refused — ${r.reason}`);
            else if (r.outcome === 'fork')
              console.log(
                `✗ ${r.file}: 分叉告警 / fork alert — ${r.reason}${r.difference ? ` (${r.difference.table} #${String(r.difference.rowId)} ${r.difference.column ?? ''})` : ''}`,
              );
            else
              console.log(
                `✓ ${r.file}: ${{ accepted: '已接收 / accepted', known: '已有 / already known', held: '暂存，等待缺失的日报 / held for a missing day' }[r.outcome]}`,
              );
          }
          const count = (o: string) => results.filter((r) => r.outcome === o).length;
          console.log(
            `共 ${results.length} 份：接收 ${count('accepted')}，已有 ${count('known')}，暂存 ${count('held')}，分叉 ${count('fork')}，拒收 ${count('refused')}`,
          );
        });
        return refused.length > 0 ? 1 : 0;
      }
      case 'villages': {
        const v = await villages(engine, { today: hubToday(), overdueAfterDays: OVERDUE_AFTER_DAYS });
        print(json, v, () => {
          for (const x of v)
            console.log(`${x.code}  ${x.name}  最后上报 ${x.lastDay ?? '—'}${x.overdue ? '  逾期 / overdue' : ''}${x.held ? `  暂存 ${x.held}` : ''}`);
        });
        return 0;
      }
      case 'alerts': {
        const a = await alerts(engine, { limit: 10_000 });
        print(json, a.rows, () => {
          for (const x of a.rows) console.log(`${x.date}  ${x.code} ${x.name}  ${x.kind}  ${JSON.stringify(x.detail)}`);
        });
        return 0;
      }
      case 'totals': {
        const t = await totals(engine, { from: values.from ?? null, to: values.to ?? null });
        print(json, t, () => {
          for (const v of [...t.villages, { code: '合计', name: 'total', ...t.total }]) {
            console.log(
              `${v.code} ${v.name}  最后 ${v.lastDay ?? '—'}  户 ${v.households}  奖 ${v.awarded}  扣 ${v.deducted}  兑 ${v.redeemed}  余 ${v.outstanding}  单 ${v.receipts}  作废 ${v.voids}  库存 ${v.stockPoints ?? '—'} 积分 / ${v.stockYuan ?? '—'} 元`,
            );
          }
        });
        return 0;
      }
      case 'user': {
        const password = process.env.HUB_PASSWORD;
        if (!values.name || (values.role !== 'viewer' && values.role !== 'administrator') || !password) {
          throw new HubRefusal('USAGE', '用法：user --name NAME --role viewer|administrator（密码取自 HUB_PASSWORD）');
        }
        const { setUser } = await import('../server/users.js');
        await setUser(engine, values.name, values.role, password);
        console.log(`已设置用户 / user set: ${values.name} (${values.role})`);
        return 0;
      }
      default:
        console.error(`未知命令 / unknown command: ${command}\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof HubRefusal) {
      console.error(e.message);
      return 1;
    }
    throw e;
  } finally {
    if (!keepOpen) await engine.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  },
);
