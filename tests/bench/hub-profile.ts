/**
 * Where a report's ingest time goes: the checks before anything is stored (parse,
 * signature, schema, summary) against the whole ingest, per engine, at a small size.
 * `npx tsx tests/bench/hub-profile.ts [villages] [days]`; BENCH_HUB_ENGINES as in bench:hub.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHub } from '../../hub/db/open-hub.js';
import { dateRange, DemoVillage, demoVillageCode } from '../../hub/demo/generate.js';
import { ingestText } from '../../hub/ingest/ingest.js';
import { readReport } from '../../hub/ingest/read.js';
import { registerStore } from '../../hub/registry.js';
import { postgresUnavailable, startTestPostgres } from '../helpers/postgres.js';

const villages = Number(process.argv[2] ?? 40);
const days = Number(process.argv[3] ?? 10);
const concurrency = Number(process.env.BENCH_HUB_CONCURRENCY ?? 4);
for (const kind of (process.env.BENCH_HUB_ENGINES ?? 'postgres,pglite').split(',')) {
  if (kind === 'postgres' && postgresUnavailable()) continue;
  const dir = mkdtempSync(join(tmpdir(), 'hub-prof-'));
  const server = kind === 'postgres' ? await startTestPostgres() : null;
  const engine = await openHub(server ? { db: server.url } : { data: join(dir, 'hub') });
  const gen = Array.from({ length: villages }, (_v, i) => new DemoVillage(demoVillageCode(1, 1 + i), `村${i + 1}`, '镇', 300, 9000 + i));
  for (const v of gen) await registerStore(engine, v.registrationText);
  // Statements sent per report, and this process's CPU per report: figures that a loaded,
  // shared machine does not blur the way it blurs wall time (PGlite's work is all in-process).
  let statements = 0;
  const q = engine.query.bind(engine);
  const t = engine.transaction.bind(engine);
  engine.query = (text, params) => (statements++, q(text, params));
  engine.transaction = (fn) =>
    t((tx) => fn({ query: (text, params) => (statements++, tx.query(text, params)), exec: (text) => (statements++, tx.exec(text)) }));
  let cpu = 0;
  let sent = 0;
  let read = 0;
  let ingest = 0;
  let n = 0;
  const months = new Set<string>();
  for (const date of dateRange('2025-01-01', days)) {
    const texts = gen.map((v) => v.report(date));
    let t0 = performance.now();
    for (const t of texts) await readReport(engine, t);
    read += performance.now() - t0;
    t0 = performance.now();
    const c0 = process.cpuUsage();
    const s0 = statements;
    const c = kind === 'postgres' ? concurrency : 1;
    let next = 0;
    await Promise.all(
      Array.from({ length: c }, async () => {
        while (next < texts.length) {
          const out = await ingestText(engine, texts[next++]!, months);
          if (out.outcome !== 'accepted') throw new Error(JSON.stringify(out));
        }
      }),
    );
    ingest += performance.now() - t0;
    const c1 = process.cpuUsage(c0);
    cpu += (c1.user + c1.system) / 1000;
    sent += statements - s0;
    n += texts.length;
  }
  console.log(
    `${kind}: ${n} reports, ingest ${(n / (ingest / 1000)).toFixed(0)} reports/s (${(ingest / n).toFixed(1)} ms each), checks alone ${(read / n).toFixed(1)} ms each; node CPU ${(cpu / n).toFixed(1)} ms and ${(sent / n).toFixed(1)} statements (+ BEGIN/COMMIT) per report; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  await engine.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}
