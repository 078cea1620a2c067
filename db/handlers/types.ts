import type { OpName, OpParsed, OpResult } from '../contract/index.js';
import type { Core } from '../core.js';
import type { DisplayCredential } from '../books/display-credentials.js';
import type { Session } from '../books/sessions.js';
import type { PreRead } from '../platform/spreadsheet/read-off-thread.js';

export interface HandlerContext {
  core: Core;
  /** The caller's session; null only for 'public' operations. */
  session: Session | null;
  token: string | null;
  /** The display credential, for 'display' operations only (null everywhere else). */
  display: DisplayCredential | null;
  /** An import's file, already read on a worker thread by dispatchAsync; absent under dispatch. */
  preRead?: PreRead | undefined;
}

/** A logged-in context: what every non-public handler receives. */
export interface AuthedContext extends HandlerContext {
  session: Session;
}

export type Handler<K extends OpName> = (ctx: AuthedContext, input: OpParsed<K>) => OpResult<K>;
export type HandlerMap<K extends OpName> = { [P in K]: Handler<P> };
