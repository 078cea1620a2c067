/**
 * The desktop package, checked without the Electron runtime: the electron-builder
 * configuration in package.json, matched with electron-builder's own file matcher, and
 * the bundle that build/bundle-app.mjs makes (what `npm run dist` packs as dist/app).
 *
 * The worker threads are run for real, in plain Node, from a copy of exactly what the
 * package unpacks beside app.asar (the worker bundles and the node_modules matched by
 * build.asarUnpack), in a folder outside the repository so that nothing else resolves:
 * that is what a worker in the installed app has to load from.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideAsar, startModuleWorker } from '../../db/platform/threads/module-worker.js';
import { IPC_CHANNEL } from '../../hosts/desktop/ipc-channel.js';
import { backupDatabase } from '../../db/trust/backup/copy.js';
import { freshCore, tempDir } from '../helpers/core.js';
import { chainKeyFrom } from '../../db/books/hash-chain.js';

const ROOT = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface Pkg {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  scripts: Record<string, string>;
  build: {
    files: string[];
    asar: boolean;
    asarUnpack: string[];
    afterPack: string;
    directories: { buildResources: string };
    win: { icon: string };
    linux: { icon: string };
    mac: { icon: string };
    nsis: { perMachine: boolean; include: string };
  };
}
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Pkg;

/** Libraries only the renderer (Vite bundles them) or the tests use: never in the app's node_modules. */
const RENDERER_OR_TEST_ONLY = ['antd', '@ant-design/icons', 'echarts', 'react', 'react-dom', 'jsqr', 'exceljs', 'xlsx', 'vite', 'vitest', 'playwright-core'];

interface BundleApi {
  bundleApp(o: { outdir: string }): Promise<{ inputs: Record<string, unknown>; outputs: Record<string, unknown> }>;
  workerSources(): string[];
  externals(): string[];
}
interface MatcherApi {
  FileMatcher: new (
    from: string,
    to: string,
    expand: (s: string) => string,
    patterns?: string[],
  ) => {
    createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean;
  };
}
const { FileMatcher } = require('app-builder-lib/out/fileMatcher.js') as MatcherApi;

/** electron-builder's matcher over `patterns`, relative to the project folder. */
function matcher(patterns: string[]): (rel: string) => boolean {
  const filter = new FileMatcher(ROOT, '/out', (s) => s, patterns).createFilter();
  const fileStat = { isDirectory: () => false };
  return (rel) => filter(join(ROOT, rel), fileStat);
}

/** The production dependency tree, resolved like Node does (nested node_modules first). */
function productionTree(): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (name: string, fromDir: string) => {
    let dir = fromDir;
    for (;;) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) {
        if (found.has(relative(ROOT, candidate))) return;
        found.set(relative(ROOT, candidate), name);
        const p = JSON.parse(readFileSync(join(candidate, 'package.json'), 'utf8')) as Partial<Pkg>;
        for (const d of Object.keys({ ...p.dependencies, ...p.optionalDependencies })) visit(d, candidate);
        return;
      }
      if (dir === ROOT) return; // an optional dependency not installed on this OS
      dir = dirname(dir);
    }
  };
  for (const d of Object.keys(pkg.dependencies)) visit(d, ROOT);
  return found;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const rel = join(dir, name);
    if (statSync(join(ROOT, rel)).isDirectory()) {
      // A nested node_modules is a package of its own, visited separately.
      if (name !== 'node_modules') out.push(...filesUnder(rel));
    } else out.push(rel);
  }
  return out;
}

describe('the electron-builder configuration', () => {
  it('runs the bundle, flips the fuses after packing, and ships icons and the per-machine installer step', () => {
    expect(pkg.main).toBe('dist/app/main.mjs');
    expect(pkg.scripts['build:electron']).toBe('node build/bundle-app.mjs');
    expect(pkg.scripts.dist).toMatch(/build:electron.*electron-builder/);
    expect(pkg.build.asar).toBe(true);
    expect(existsSync(join(ROOT, pkg.build.afterPack))).toBe(true);
    for (const icon of [
      pkg.build.win.icon,
      pkg.build.mac.icon,
      join(pkg.build.linux.icon, '256x256.png'),
      join(pkg.build.directories.buildResources, 'icon.svg'),
    ]) {
      expect(existsSync(join(ROOT, icon)), icon).toBe(true);
    }
    // The ICO holds a 256 px image (Windows Explorer's largest) and is well formed.
    const ico = readFileSync(join(ROOT, pkg.build.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toContain(256);
    expect(sizes).toContain(16);
    expect(pkg.build.nsis.perMachine).toBe(true);
    const nsh = readFileSync(join(ROOT, pkg.build.nsis.include), 'utf8');
    expect(nsh).toMatch(/!macro customInstall[\s\S]*SetShellVarContext all[\s\S]*icacls[\s\S]*S-1-5-32-545[\s\S]*machine-wide\.txt[\s\S]*!macroend/);
  });

  it('keeps renderer and test libraries out of the dependencies and their whole tree', () => {
    const tree = [...productionTree().values()];
    for (const lib of RENDERER_OR_TEST_ONLY) {
      expect(pkg.dependencies, lib).not.toHaveProperty(lib);
      expect(tree, lib).not.toContain(lib);
    }
    expect(tree).toContain('better-sqlite3');
    // Small: a native module and its loader, not a second copy of the app's libraries.
    expect(tree.length).toBeLessThan(60);
  });

  it('ships the native module without its sources, and unpacks what must load from disk', () => {
    const ships = matcher(['**/*', ...pkg.build.files.filter((f) => f.startsWith('!'))]);
    const unpacked = matcher(pkg.build.asarUnpack);
    const shipped: string[] = [];
    for (const dir of productionTree().keys()) shipped.push(...filesUnder(dir).filter(ships));
    const bs = 'node_modules/better-sqlite3/'.split('/').join(sep);
    const bsShipped = shipped.filter((f) => f.startsWith(bs)).map((f) => f.slice(bs.length).split(sep).join('/'));
    expect(bsShipped).toContain('build/Release/better_sqlite3.node');
    expect(bsShipped).toContain('lib/index.js');
    expect(bsShipped.filter((f) => /^(deps|src)\/|\.(c|cpp|h|hpp|gyp|gypi|mk|a|o)$|Makefile$/.test(f))).toEqual([]);
    // The native module and its loader are unpacked: a worker thread requires them from disk.
    // koffi (the ID-card readers' FFI) loads its native part from its own folder too.
    for (const f of [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/better-sqlite3/lib/index.js',
      'node_modules/bindings/bindings.js',
      'node_modules/koffi/index.cjs',
    ]) {
      expect(unpacked(f), f).toBe(true);
    }
    const bytes = shipped.reduce((n, f) => n + statSync(join(ROOT, f)).size, 0);
    console.log(`desktop package: ${shipped.length} files, ${(bytes / 1048576).toFixed(1)} MiB from node_modules`);
    expect(bytes).toBeLessThan(25 * 1048576);
  });
});

describe('the bundle in dist/app', () => {
  const out = tempDir('vps-dist-');
  // Where the app's files sit in an installed package: inside resources/app.asar, an
  // archive that plain Node cannot read; it is left out here (never created), so that
  // only what is unpacked beside it can be loaded.
  const asarApp = join(out.dir, 'resources', 'app.asar', 'dist', 'app');
  const built = join(out.dir, 'build', 'dist', 'app');
  const unpackedRoot = join(out.dir, 'resources', 'app.asar.unpacked');
  let meta: Awaited<ReturnType<BundleApi['bundleApp']>>;
  let bundle: BundleApi;

  beforeAll(async () => {
    bundle = (await import(pathToFileURL(join(ROOT, 'build', 'bundle-app.mjs')).href)) as BundleApi;
    meta = await bundle.bundleApp({ outdir: built });
    // Lay out resources/app.asar.unpacked as electron-builder does: what asarUnpack
    // matches among the app's files and the production node_modules.
    const unpacked = matcher(pkg.build.asarUnpack);
    const place = (from: string, rel: string) => {
      if (!unpacked(rel)) return;
      mkdirSync(dirname(join(unpackedRoot, rel)), { recursive: true });
      copyFileSync(from, join(unpackedRoot, rel));
    };
    for (const f of readdirSync(built)) place(join(built, f), join('dist', 'app', f));
    const ships = matcher(['**/*', ...pkg.build.files.filter((f) => f.startsWith('!'))]);
    for (const dir of productionTree().keys()) for (const f of filesUnder(dir).filter(ships)) place(join(ROOT, f), f);
  }, 120_000);
  afterAll(() => out.cleanup());

  it('has the entry points: main and the sandboxed preload', () => {
    for (const f of ['main.mjs', 'preload.cjs']) expect(existsSync(join(built, f)), f).toBe(true);
    expect(pkg.main).toBe('dist/app/main.mjs');
    expect(matcher(pkg.build.files)(pkg.main)).toBe(true);
    expect(matcher(pkg.build.files)('dist/app/preload.cjs')).toBe(true);
    const main = readFileSync(join(built, 'main.mjs'), 'utf8');
    expect(main).toMatch(/["']preload\.cjs["']/);
    // The sandboxed preload is CommonJS and needs nothing but electron.
    const preload = readFileSync(join(built, 'preload.cjs'), 'utf8');
    expect(preload).toContain('exposeInMainWorld("pointsStore"');
    // The preload keeps its own copy of the channel name (it cannot import the ESM module).
    expect(preload).toContain(JSON.stringify(IPC_CHANNEL));
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  });

  it('imports from node_modules only the package dependencies (and electron)', () => {
    const bare = new Set<string>();
    for (const f of readdirSync(built)) {
      const text = readFileSync(join(built, f), 'utf8');
      // Static imports (esbuild puts them at the start of a line), import() and require().
      for (const m of text.matchAll(/(?:^import\s[^;]*?from\s*|^import\s*|\bimport\(\s*|\brequire\(\s*)["']([@a-z][\w@/.:-]*)["']/gm)) {
        const spec = m[1]!;
        if (spec.startsWith('node:') || require('node:module').builtinModules.includes(spec)) continue;
        bare.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    expect([...bare].sort()).toEqual(['better-sqlite3', 'electron']);
    for (const b of bare) if (b !== 'electron') expect(pkg.dependencies).toHaveProperty(b);
  });

  it('bundles no renderer library and no native module', () => {
    const pkgsIn = new Set(
      Object.keys(meta.inputs)
        .map((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i)?.[1])
        .filter((x): x is string => x !== undefined),
    );
    for (const lib of RENDERER_OR_TEST_ONLY) expect(pkgsIn.has(lib), lib).toBe(false);
    for (const p of pkgsIn) expect(existsSync(join(ROOT, 'node_modules', p, 'binding.gyp')), `${p} is native: list it in dependencies`).toBe(false);
    // The core's own libraries are inside the bundle, not in node_modules.
    for (const lib of ['zod', 'iconv-lite', 'pinyin-pro']) expect(pkgsIn.has(lib), lib).toBe(true);
  });

  it('has a bundle for every worker the core starts, unpacked beside app.asar', () => {
    const workers = bundle.workerSources().map((f) => relative(ROOT, f));
    expect(workers).toEqual(
      expect.arrayContaining([join('db', 'trust', 'integrity', 'verify-worker.ts'), join('db', 'trust', 'backup', 'check-copy-worker.ts')]),
    );
    for (const w of workers) {
      const name = w.split(sep).pop()!.replace(/\.ts$/, '.mjs');
      expect(existsSync(join(built, name)), name).toBe(true);
      expect(existsSync(join(unpackedRoot, 'dist', 'app', name)), `${name} unpacked`).toBe(true);
    }
    // The app's own start-up code is not unpacked (it loads from app.asar, checked by the integrity fuse).
    expect(existsSync(join(unpackedRoot, 'dist', 'app', 'main.mjs'))).toBe(false);
    expect(outsideAsar(pathToFileURL(join(asarApp, 'verify-worker.mjs')).href)).toBe(
      pathToFileURL(join(unpackedRoot, 'dist', 'app', 'verify-worker.mjs')).href,
    );
  });

  describe('the workers run in plain Node from the unpacked files', () => {
    let env: ReturnType<typeof freshCore>;
    let copy: string;
    beforeAll(async () => {
      env = freshCore({ demo: true, households: 10 });
      copy = join(out.dir, 'copy.sqlite');
      await backupDatabase(env.core.db, copy, env.core.keyring);
    });
    afterAll(() => env.close());

    it('the backup check worker, started as the bundled main starts it', async () => {
      const mainUrl = pathToFileURL(join(asarApp, 'main.mjs')).href;
      const run = (file: string) =>
        new Promise<unknown>((resolve, reject) => {
          const w = startModuleWorker(mainUrl, './check-copy-worker', { file, secret: Buffer.alloc(32, 7) });
          w.once('message', (m) => {
            resolve(m);
            void w.terminate();
          });
          w.once('error', reject);
        });
      expect(await run(copy)).toEqual({ kind: 'done', problem: null });
      const bad = join(out.dir, 'bad.sqlite');
      copyFileSync(copy, bad);
      const db = new Database(bad);
      const id = db.prepare("SELECT id FROM ledger WHERE kind = 'award' ORDER BY id LIMIT 1").pluck().get() as number;
      db.exec('DROP TRIGGER ledger_no_update');
      db.prepare('UPDATE ledger SET amount = amount + 100 WHERE id = ?').run(id);
      db.close();
      expect(await run(bad)).toMatchObject({ kind: 'done', problem: expect.stringContaining(`ledger #${id}:`) as string });
    }, 60_000);

    it('the import reader worker reads a spreadsheet (fflate and saxes inside its bundle)', async () => {
      const book = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(
        book,
        XLSX.utils.aoa_to_sheet([
          ['名称', '积分'],
          ['大米 5kg', 120],
          ['酱油', 15],
        ]),
        '商品',
      );
      const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
      const m = await new Promise<{ kind: string; rows?: unknown[] }>((resolve, reject) => {
        const w = startModuleWorker(pathToFileURL(join(asarApp, 'main.mjs')).href, './sheet-file-worker', {
          fileName: 'goods.xlsx',
          bytes: new Uint8Array(bytes),
        });
        w.once('message', (x: { kind: string; rows?: unknown[] }) => {
          resolve(x);
          void w.terminate();
        });
        w.once('error', reject);
      });
      expect(m.kind).toBe('rows');
      expect(JSON.stringify(m.rows)).toContain('酱油');
    }, 60_000);

    it('the verify helper walks the ledger chain', async () => {
      const entry = outsideAsar(pathToFileURL(join(asarApp, 'verify-worker.mjs')).href);
      const key = chainKeyFrom(Buffer.alloc(32, 7));
      const ids = new Database(copy, { readonly: true }).prepare('SELECT MIN(id), MAX(id) FROM ledger').raw().get() as [number, number];
      const control = new SharedArrayBuffer(12);
      const { port1, port2 } = new MessageChannel();
      const messages: { kind: string; result?: string; problems?: unknown[] }[] = [];
      port1.on('message', (m: (typeof messages)[number]) => messages.push(m));
      const chunks = 3;
      const chunkRows = Math.ceil((ids[1] - ids[0] + 1) / chunks);
      const w = new Worker(`const { workerData } = require('node:worker_threads'); import(workerData.entry).then((m) => m.runVerifyHelper(workerData));`, {
        eval: true,
        // The books are keyed: the helper walks the chain with the store's key (freshCore's secret).
        workerData: {
          file: copy,
          control,
          port: port2,
          minId: ids[0],
          chunkRows,
          chunks,
          limit: 10,
          entry,
          tsxApi: null,
          keyInner: key.inner,
          keyOuter: key.outer,
        },
        transferList: [port2],
      });
      await new Promise((resolve, reject) => {
        w.once('exit', resolve);
        w.once('error', reject);
      });
      await new Promise((r) => setImmediate(r));
      port1.close();
      expect(messages[0]).toEqual({ kind: 'quick', result: 'ok' });
      const done = messages.filter((m) => m.kind === 'chunk');
      expect(done).toHaveLength(chunks);
      for (const c of done) expect(c.problems).toEqual([]);
      expect(new Int32Array(control)[1]).toBe(2); // DONE
    }, 60_000);
  });
});
