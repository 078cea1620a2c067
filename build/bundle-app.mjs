#!/usr/bin/env node
// `npm run build:electron`: bundles the desktop's main process, its preload and every
// worker-thread module into dist/app with esbuild, so that the package needs no
// node_modules but the native ones (package.json `dependencies`, kept external).
//
//   dist/app/main.mjs          Electron's entry (package.json "main")
//   dist/app/preload.cjs       the sandboxed preload (CommonJS, as sandboxing requires)
//   dist/app/<name>.mjs        one per worker module (workerSources below)
//
// A worker is started by workerEntry(import.meta.url, './<name>-worker') from a module
// that ends up inside main.mjs, so every worker lands beside main.mjs under its own name,
// with main's extension (db/platform/threads/module-worker.ts). The workers are unpacked
// from app.asar (package.json build.asarUnpack) and load with plain Node.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Worker modules: whatever a module under db/ or hosts/ starts with
 * workerEntry(import.meta.url, './name') or startModuleWorker(import.meta.url, './name', …).
 * Found from the calls themselves, so a new worker is bundled without being listed here.
 */
export const WORKER_CALL = /\b(?:workerEntry|startModuleWorker)\(\s*import\.meta\.url\s*,\s*'([^']+)'/g;

export function workerSources(root = ROOT) {
  const found = new Map();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) {
        for (const m of readFileSync(p, 'utf8').matchAll(WORKER_CALL)) {
          const rel = m[1];
          // Every worker lands beside main.mjs: only a module in the caller's own folder keeps its relative path.
          if (!/^\.\/[\w-]+$/.test(rel)) throw new Error(`${relative(root, p)}: a worker module must sit beside its caller ('./name'), not '${rel}'`);
          const file = join(dirname(p), rel.slice(2) + '.ts');
          const name = basename(file, '.ts');
          if (found.has(name) && found.get(name) !== file)
            throw new Error(`two worker modules named ${name}: ${relative(root, found.get(name))} and ${relative(root, file)}`);
          found.set(name, file);
        }
      }
    }
  };
  for (const top of ['db', 'hosts']) walk(join(root, top));
  return [...found.values()].sort();
}

/** What stays in node_modules: Electron itself and the package's runtime dependencies (the native ones). */
export function externals(root = ROOT) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return ['electron', ...Object.keys(pkg.dependencies ?? {})];
}

// Bundled CommonJS libraries call require(); an ES module has none of its own.
const REQUIRE_BANNER = "import { createRequire as __vpsCreateRequire } from 'node:module'; const require = __vpsCreateRequire(import.meta.url);";

/** Builds into `outdir` (default dist/app); returns esbuild's metafile for the checks in tests. */
export async function bundleApp({ root = ROOT, outdir = join(root, 'dist', 'app') } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  const common = { bundle: true, platform: 'node', target: 'node22', external: externals(root), logLevel: 'warning', metafile: true, legalComments: 'none' };
  const esm = await build({
    ...common,
    entryPoints: [{ in: join(root, 'hosts', 'desktop', 'main.ts'), out: 'main' }, ...workerSources(root).map((f) => ({ in: f, out: basename(f, '.ts') }))],
    outdir,
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    banner: { js: REQUIRE_BANNER },
  });
  const cjs = await build({ ...common, entryPoints: [join(root, 'hosts', 'desktop', 'preload.cts')], outfile: join(outdir, 'preload.cjs'), format: 'cjs' });
  return { inputs: { ...esm.metafile.inputs, ...cjs.metafile.inputs }, outputs: { ...esm.metafile.outputs, ...cjs.metafile.outputs } };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const meta = await bundleApp();
  for (const [file, o] of Object.entries(meta.outputs)) console.log(`${relative(ROOT, file).padEnd(40)} ${(o.bytes / 1024).toFixed(0).padStart(6)} KiB`);
}
