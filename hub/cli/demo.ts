/**
 * `hub --demo`: a township of 20 generated villages with about three months of day
 * reports, registered and ingested through the real paths, plus demo logins. Two
 * villages stop reporting early (overdue) and one misses a day (a gap). Does nothing
 * when stores are already registered.
 */
import type { Engine } from '../db/engine.js';
import { dateRange, DemoVillage, demoVillageCode } from '../demo/generate.js';
import { ingestText } from '../ingest/ingest.js';
import { hubToday } from '../queries/today.js';
import { registerStore } from '../registry.js';
import { setUser } from '../server/users.js';

export const DEMO_USERS = [
  { name: '乡镇管理员', role: 'administrator' as const, password: 'demo-admin' },
  { name: '乡镇查看员', role: 'viewer' as const, password: 'demo-viewer' },
];

const VILLAGE_NAMES = [
  '东湖',
  '西岭',
  '南坪',
  '北塘',
  '上庄',
  '下湾',
  '前进',
  '红星',
  '新华',
  '光明',
  '石桥',
  '柳林',
  '桃源',
  '青山',
  '白沙',
  '金田',
  '杏花',
  '枫树',
  '马鞍',
  '龙泉',
];

export async function loadDemoTownship(engine: Engine, opts: { days?: number; villages?: number } = {}): Promise<{ villages: number; reports: number } | null> {
  const [n] = await engine.query<{ n: number }>('SELECT count(*)::int AS n FROM stores');
  if ((n?.n ?? 0) > 0) return null;
  const days = opts.days ?? 90;
  const today = hubToday();
  const start = new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  const dates = dateRange(start, days);
  const count = opts.villages ?? VILLAGE_NAMES.length;
  let reports = 0;
  const months = new Set<string>();
  for (let i = 0; i < count; i++) {
    const v = new DemoVillage(demoVillageCode(1, i + 1), `${VILLAGE_NAMES[i % VILLAGE_NAMES.length]}村`, '演示镇', 80 + ((i * 37) % 160), 1000 + i, 0.6);
    await registerStore(engine, v.registrationText);
    // Village 3 and 7 stopped reporting a week ago; village 5 lost one stick (a gap).
    const last = i === 2 || i === 6 ? dates.length - 8 : dates.length - 1;
    for (let d = 0; d <= last; d++) {
      const text = v.report(dates[d]!);
      if (i === 4 && d === last - 3) continue;
      await ingestText(engine, text, months);
      reports++;
    }
  }
  for (const u of DEMO_USERS) await setUser(engine, u.name, u.role, u.password);
  return { villages: count, reports };
}
