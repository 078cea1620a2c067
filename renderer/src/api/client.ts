/**
 * The renderer's one way to reach the core. Typed from the contract, so an operation name,
 * its input and its result are checked at compile time. Two transports carry the same
 * Result: Electron's preload (`window.pointsStore.call`) or HTTP to the browser host.
 */
import type { OpInput, OpName, OpResult, Result } from '../../../db/contract/index.js';
import type { ErrorBody } from '../../../db/contract/errors.js';

/** What the Electron preload exposes; nothing else crosses the process boundary. */
interface PointsStoreBridge {
  call(op: string, input: unknown, token: string | null): Promise<unknown>;
}

declare global {
  interface Window {
    pointsStore?: PointsStoreBridge;
  }
}

// Kept in memory only: a token in localStorage would outlive the counter being locked or
// the app being closed, and any page script could read it.
let sessionToken: string | null = null;
const sessionLostListeners = new Set<(code: ErrorBody['code']) => void>();

export function setSessionToken(token: string | null): void {
  sessionToken = token;
}

export function hasSession(): boolean {
  return sessionToken !== null;
}

/** Called when the core says the session is gone, so the app can show the login screen. */
export function onSessionLost(listener: (code: ErrorBody['code']) => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

function transportError(detail: string): Result<never> {
  // The core never produced this; INTERNAL's message says "nothing was changed, retry",
  // which is true for a request that did not arrive, and safe for one that did because
  // every write carries a request id.
  return { ok: false, error: { code: 'INTERNAL', message: detail, params: { detail } } };
}

function isResult(x: unknown): x is Result<unknown> {
  if (typeof x !== 'object' || x === null || !('ok' in x)) return false;
  const r = x as { ok: unknown; value?: unknown; error?: unknown };
  if (r.ok === true) return 'value' in r;
  if (r.ok !== false || typeof r.error !== 'object' || r.error === null) return false;
  return typeof (r.error as { code?: unknown }).code === 'string';
}

async function send(op: OpName, input: unknown): Promise<Result<unknown>> {
  const bridge = window.pointsStore;
  if (bridge) {
    const res = await bridge.call(op, input, sessionToken);
    return isResult(res) ? res : transportError('bad reply from the app process');
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (sessionToken) headers['x-session'] = sessionToken;
  let response: Response;
  try {
    response = await fetch(`/api/${op}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
  } catch (e) {
    return transportError(e instanceof Error ? e.message : 'network error');
  }
  const body: unknown = await response.json().catch(() => null);
  if (isResult(body)) return body;
  return transportError(`HTTP ${response.status}`);
}

export async function call<K extends OpName>(op: K, input: OpInput<K>): Promise<Result<OpResult<K>>> {
  let res: Result<unknown>;
  try {
    res = await send(op, input);
  } catch (e) {
    res = transportError(e instanceof Error ? e.message : String(e));
  }
  if (!res.ok && (res.error.code === 'SESSION_EXPIRED' || res.error.code === 'NOT_LOGGED_IN')) {
    // Login itself answers with these codes for nobody; only a lost session triggers this.
    sessionToken = null;
    for (const listener of sessionLostListeners) listener(res.error.code);
  }
  // The core built this value from the contract's result type for this very operation.
  return res as Result<OpResult<K>>;
}
