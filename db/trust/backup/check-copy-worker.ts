/** Worker thread: checks one backup copy (see checkCopyOffThread). */
import { parentPort, workerData } from 'node:worker_threads';
import { checkCopyFile, type CheckCopyMessage } from './check-copy.js';

const { file, secret } = (workerData as { data: { file: string; secret: Uint8Array } }).data;
let message: CheckCopyMessage;
try {
  message = { kind: 'done', problem: checkCopyFile(file, Buffer.from(secret)) };
} catch (e) {
  message = { kind: 'failed', error: e instanceof Error ? e.message : String(e) };
}
parentPort!.postMessage(message);
