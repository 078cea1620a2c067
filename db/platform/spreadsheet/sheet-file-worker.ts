/**
 * Worker thread: reads one import file (sheet-file.ts) and posts its rows, or the code
 * and params of the refusal. Started by read-off-thread.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../contract/errors.js';
import { readSheetFile } from './sheet-file.js';

const { fileName, bytes } = (workerData as { data: { fileName: string; bytes: Uint8Array } }).data;
try {
  const rows = readSheetFile(fileName, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  parentPort!.postMessage({ kind: 'rows', rows });
} catch (e) {
  if (e instanceof AppError) parentPort!.postMessage({ kind: 'refused', code: e.code, params: e.params });
  else parentPort!.postMessage({ kind: 'failed', error: e instanceof Error ? e.message : String(e) });
}
