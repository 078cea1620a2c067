/** Worker thread: the full verify after start-up (see background-verify.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { verifyLiveFile, type SnapshotVerify } from './verify-snapshot.js';

export type BackgroundVerifyMessage = { kind: 'done'; result: SnapshotVerify } | { kind: 'failed'; error: string };

const { file, secret } = (workerData as { data: { file: string; secret: Uint8Array } }).data;
let message: BackgroundVerifyMessage;
try {
  message = { kind: 'done', result: verifyLiveFile(file, Buffer.from(secret)) };
} catch (e) {
  message = { kind: 'failed', error: e instanceof Error ? e.message : String(e) };
}
parentPort!.postMessage(message);
