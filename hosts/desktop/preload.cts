/**
 * The preload: exposes exactly one function, call(op, input, token), to the page.
 * Never ipcRenderer itself. Sandboxed preloads must be CommonJS, hence .cts.
 */
import { contextBridge, ipcRenderer } from 'electron';

const IPC_CHANNEL = 'points-store:call'; // keep in step with ipc-channel.ts (a sandboxed preload cannot import it)

contextBridge.exposeInMainWorld('pointsStore', {
  call: (op: string, input: unknown, token: string | null): Promise<unknown> => ipcRenderer.invoke(IPC_CHANNEL, op, input, token),
});
