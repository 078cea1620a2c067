/**
 * Measures what issue 12 asks about hostile imports (a script, not a timed test):
 *   1. counter lookups over the browser host, p50/p99, alone and while hostile imports
 *      are read one after another (the crafted unclosed-tag file, a zip bomb, a sheet
 *      just under the unpack cap);
 *   2. the peak memory (maxRSS, main thread and reading thread together) of a fresh
 *      process that reads each hostile file the way the host does (dispatchAsync), on
 *      the core compiled to JavaScript as the app ships it (under tsx every thread
 *      would also carry the TypeScript compiler).
 *
 *   npx tsx tests/bench/import-hostile.ts        (compiles the core first, about a minute)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../db/core.js';
import { dispatch } from '../../db/dispatch.js';
import { SHEET_LIMITS } from '../../db/platform/spreadsheet/sheet-limits.js';
import { initDemoIfEmpty } from '../../db/setup.js';
import { startBrowserHost } from '../../hosts/browser/browser-host.js';
import { paddedSheetXlsx, sharedStringFanOutXlsx, unclosedTagsXlsx, zipBombXlsx } from '../helpers/hostile-xlsx.js';

const DEMO_ACCOUNTANT = { name: '演示会计', pin: '5678' };
const DEMO_KEEPER = { name: '演示店员', pin: '1234' };

function loginAs(core: Core, who: { name: string; pin: string }): string {
  const ops = dispatch(core, null, 'session.operators', {}) as { ok: true; value: { id: number; name: string }[] };
  const r = dispatch(core, null, 'session.login', { operatorId: ops.value.find((o) => o.name === who.name)!.id, pin: who.pin }) as {
    ok: true;
    value: { token: string };
  };
  return r.value.token;
}

async function hostileFiles(): Promise<Record<string, Buffer>> {
  return {
    'crafted unclosed tags (1.3 KB)': unclosedTagsXlsx(),
    'crafted unclosed tags ×8': unclosedTagsXlsx(13_000 * 8),
    'sheet just under the unpack cap': paddedSheetXlsx(SHEET_LIMITS.partBytes - 4096),
    'sheet just over the unpack cap': paddedSheetXlsx(SHEET_LIMITS.partBytes + 4096),
    'zip bomb, 512 MB in one part': await zipBombXlsx(512),
    'one 30,000-character shared string in 5,000 cells': sharedStringFanOutXlsx(),
  };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const ROOT = join(import.meta.dirname, '..', '..');
const COMPILED = join(ROOT, 'node_modules', '.cache', 'vps-js');

/** The measuring child, plain JavaScript over the compiled core: <compiled> <dataDir> <file>. */
const CHILD = `
import { readFileSync } from 'node:fs';
const [compiled, dir, file] = process.argv.slice(2);
const { Core } = await import(compiled + '/db/core.js');
const { dispatch, dispatchAsync } = await import(compiled + '/db/dispatch.js');
const core = new Core({ dataDir: dir, secret: Buffer.alloc(32, 7) });
const ops = dispatch(core, null, 'session.operators', {}).value;
const token = dispatch(core, null, 'session.login', { operatorId: ops.find((o) => o.name === '${DEMO_ACCOUNTANT.name}').id, pin: '${DEMO_ACCOUNTANT.pin}' }).value.token;
const base = process.memoryUsage().rss;
const r = await dispatchAsync(core, token, 'stock.importPreview', { fileName: 'goods.xlsx', base64: readFileSync(file).toString('base64') });
const outcome = r.ok ? (r.value.fileIssues.map((i) => i.code).join(',') || 'read, ' + r.value.rows.length + ' rows') : r.error.code;
process.stdout.write(JSON.stringify({ baseRssMb: base / 1048576, maxRssMb: process.resourceUsage().maxRSS / 1024, outcome }) + '\\n');
core.close();
`;

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'vps-hostile-'));
  try {
    const core = new Core({ dataDir: join(tmp, 'data'), secret: Buffer.alloc(32, 7) });
    initDemoIfEmpty(core, { households: 300 });
    const files = await hostileFiles();

    // 1. Lookups, alone and while hostile files are read.
    const host = await startBrowserHost({ dataDir: join(tmp, 'data'), core, port: 0, staticDir: join(tmp, 'no-ui') });
    const keeper = loginAs(core, DEMO_KEEPER);
    const acc = loginAs(core, DEMO_ACCOUNTANT);
    const post = async (op: string, token: string, body: unknown) =>
      (
        await fetch(`${host.url}/api/${op}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-session': token },
          body: JSON.stringify(body),
        })
      ).json() as Promise<{ ok: boolean }>;
    const lookup = async () => {
      const t = performance.now();
      const r = await post('counter.lookup', keeper, { query: `01-0${String(1 + Math.floor(Math.random() * 20)).padStart(2, '0')}` });
      if (!r.ok) throw new Error('lookup failed');
      return performance.now() - t;
    };
    for (let i = 0; i < 50; i++) await lookup(); // warm up
    const alone: number[] = [];
    for (let i = 0; i < 400; i++) alone.push(await lookup());
    const during: number[] = [];
    let imports = 0;
    let stop = false;
    const importer = (async () => {
      const list = [files['crafted unclosed tags ×8']!, files['zip bomb, 512 MB in one part']!, files['sheet just under the unpack cap']!];
      while (!stop) {
        await post('stock.importPreview', acc, { fileName: 'goods.xlsx', base64: list[imports % list.length]!.toString('base64') });
        imports++;
      }
    })();
    while (during.length < 400 || imports < 3) during.push(await lookup());
    stop = true;
    await importer;
    await host.close();
    core.close();
    const ms = (x: number) => `${x.toFixed(2)} ms`;
    console.log(`lookups alone: p50 ${ms(pct(alone, 50))}, p99 ${ms(pct(alone, 99))} (${alone.length})`);
    console.log(
      `lookups while hostile imports are read: p50 ${ms(pct(during, 50))}, p99 ${ms(pct(during, 99))} (${during.length} lookups during ${imports} imports)`,
    );

    // 2. Peak memory, one fresh process per file, on the compiled core.
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        join(ROOT, 'hosts', 'desktop', 'tsconfig.build.json'),
        '--outDir',
        COMPILED,
        '--sourceMap',
        'false',
      ],
      { stdio: 'inherit' },
    );
    const childFile = join(COMPILED, 'measure-import-child.mjs');
    writeFileSync(childFile, CHILD);
    for (const [name, bytes] of Object.entries(files)) {
      const f = join(tmp, 'file.xlsx');
      writeFileSync(f, bytes);
      const out = spawnSync(process.execPath, [childFile, COMPILED, join(tmp, 'data'), f], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(out.stderr);
      const r = JSON.parse(out.stdout.trim().split('\n').pop() ?? '{}') as { baseRssMb: number; maxRssMb: number; outcome: string };
      console.log(
        `${name} (${bytes.length} bytes): ${r.outcome}; peak RSS ${r.maxRssMb.toFixed(0)} MB (process ${r.baseRssMb.toFixed(0)} MB before the import)`,
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
