/** Worker thread: checks one backup copy (see checkCopyOffThread). */
import { parentPort, workerData } from 'node:worker_threads';
import { checkCopyFile, type CheckCopyMessage } from './check-copy.js';

const { file } = (workerData as { data: { file: string } }).data;
let message: CheckCopyMessage;
try {
  message = { kind: 'done', problem: checkCopyFile(file) };
} catch (e) {
  message = { kind: 'failed', error: e instanceof Error ? e.message : String(e) };
}
parentPort!.postMessage(message);
