// A namespace import: bundles for child processes declare their own createRequire.
import * as nodeModule from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts a worker thread that runs one of the core's modules. In the app the module is
 * compiled JavaScript beside its caller; under tsx or vitest (the caller is .ts) the
 * worker first registers tsx's ESM loader, as a worker does not inherit its parent's
 * loader hooks. The module reads `workerData.data` and answers on `parentPort`; if it
 * cannot even be loaded, the worker posts `{ kind: 'failed', error }`.
 */
const BOOT = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  if (workerData.tsxApi) (await import(workerData.tsxApi)).register();
  await import(workerData.entry);
})().catch((e) => parentPort.postMessage({ kind: 'failed', error: String((e && e.stack) || e) }));
`;

/**
 * Where a worker finds a module beside its caller (`relative`: its path from the caller,
 * without extension), and tsx's ESM register API when the caller runs as TypeScript
 * (the API's CommonJS twin cannot register hooks from a worker). The module has its
 * caller's extension: .ts under tsx and vitest, .mjs in the desktop bundle (every worker
 * is bundled beside main.mjs, build/bundle-app.mjs), .js when compiled by tsc.
 */
export function workerEntry(callerUrl: string, relative: string): { entry: string; tsxApi: string | null } {
  const ext = /\.[cm]?[jt]s$/.exec(new URL(callerUrl).pathname)?.[0] ?? '.js';
  const ts = ext === '.ts';
  return {
    entry: outsideAsar(new URL(`${relative}${ext}`, callerUrl).href),
    tsxApi: ts
      ? pathToFileURL(
          nodeModule
            .createRequire(callerUrl)
            .resolve('tsx/esm/api')
            .replace(/\.cjs$/, '.mjs'),
        ).href
      : null,
  };
}

/**
 * In the installed desktop app the code sits in resources/app.asar; the worker modules
 * (and the native module they open) are unpacked beside it (package.json
 * build.asarUnpack), so that a worker loads plain files with Node's own ESM loader
 * instead of depending on Electron's asar support reaching into worker threads.
 */
export function outsideAsar(url: string): string {
  return url.replace(/\/app\.asar\//, '/app.asar.unpacked/');
}

/** `callerUrl`: the caller's import.meta.url; `relative`: the module's path from it, without extension. */
export function startModuleWorker(callerUrl: string, relative: string, data: unknown, resourceLimits?: ResourceLimits): Worker {
  return new Worker(BOOT, { eval: true, workerData: { ...workerEntry(callerUrl, relative), data }, ...(resourceLimits ? { resourceLimits } : {}) });
}
