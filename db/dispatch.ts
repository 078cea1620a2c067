import { SqliteError } from 'better-sqlite3';
import { contract, isOpName, type OpName } from './contract/index.js';
import { AppError, type Result } from './contract/errors.js';
import type { Core } from './core.js';
import { handlers } from './handlers/index.js';
import type { Handler } from './handlers/types.js';
import type { DisplayCredential } from './books/display-credentials.js';
import type { Session } from './books/sessions.js';

const ROLE_NAMES = { keeper: '店员', accountant: '会计', admin: '管理员' } as const;

/**
 * The single entry point both hosts call: finds the operation, checks the session and
 * the role (in the core, not only in the UI), validates the input with the contract's
 * schema, runs the handler, and wraps the outcome as ok/error. Anything that is not an
 * AppError is a bug: it is reported as INTERNAL without details (no ID numbers or SQL
 * in messages) and the transaction it was in has already rolled back.
 */
export function dispatch(core: Core, token: string | null, name: string, rawInput: unknown): Result<unknown> {
  try {
    if (!isOpName(name)) throw new AppError('UNKNOWN_OPERATION', { op: name.slice(0, 60) });
    const spec = contract[name];
    let session: Session | null = null;
    let display: DisplayCredential | null = null;
    if (spec.access === 'display') {
      // Only a display credential; an operator's session is refused here (it has its own
      // screens), and a display credential is unknown to the session store everywhere else.
      display = token ? core.displays.get(token) : null;
      if (!display) {
        const operator = token ? core.sessions.touch(token, true) : null;
        if (operator && operator !== 'expired') throw new AppError('FORBIDDEN', { role: ROLE_NAMES[operator.role] });
        throw new AppError('NOT_LOGGED_IN');
      }
    } else if (spec.access !== 'public') {
      if (!token) throw new AppError('NOT_LOGGED_IN');
      const s = core.sessions.touch(token, spec.passive);
      if (s === null) throw new AppError('NOT_LOGGED_IN');
      if (s === 'expired') throw new AppError('SESSION_EXPIRED');
      if (!spec.access.includes(s.role)) throw new AppError('FORBIDDEN', { role: ROLE_NAMES[s.role] });
      session = s;
    } else if (token) {
      const s = core.sessions.touch(token);
      session = s === null || s === 'expired' ? null : s;
    }
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path.join('.') ?? '';
      throw new AppError('BAD_INPUT', { detail: `${path ? path + ': ' : ''}${issue?.message ?? 'invalid'}`.slice(0, 200) });
    }
    const handler = handlers[name] as Handler<OpName>;
    // Public and display handlers never read ctx.session; the cast keeps one handler signature.
    const value = handler({ core, session: session as Session, token, display }, parsed.data as never);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: e.toBody() };
    if (e instanceof SqliteError && e.code === 'SQLITE_FULL') return { ok: false, error: new AppError('DISK_FULL').toBody() };
    if (e instanceof SqliteError && e.code.startsWith('SQLITE_BUSY')) return { ok: false, error: new AppError('DATABASE_BUSY').toBody() };
    console.error(`[core] ${name} failed:`, e instanceof Error ? e.stack : e);
    return { ok: false, error: new AppError('INTERNAL').toBody() };
  }
}

