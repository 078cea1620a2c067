import { SqliteError } from 'better-sqlite3';
import { contract, isOpName, type OpName, type OpParsed } from './contract/index.js';
import { AppError, isErrorCode, type ErrorParams, type Result } from './contract/errors.js';
import type { Core } from './core.js';
import { handlers } from './handlers/index.js';
import type { Handler } from './handlers/types.js';
import type { DisplayCredential } from './books/display-credentials.js';
import type { Session } from './books/sessions.js';
import { readSheetOffThread, type PreRead } from './platform/spreadsheet/read-off-thread.js';
import { bytesFromBase64 } from './stock/import.js';
import { refuseWhileAlarm } from './trust/integrity/alarm.js';

const ROLE_NAMES = { keeper: '店员', accountant: '会计', admin: '管理员（村两委）' } as const;
const ROLE_NAMES_EN = { keeper: 'keeper', accountant: 'accountant', admin: 'administrator (village committee)' } as const;

interface Admitted {
  name: OpName;
  session: Session | null;
  display: DisplayCredential | null;
  input: unknown;
}

/** Finds the operation, checks the session and the role, validates the input; throws AppError. */
function admit(core: Core, token: string | null, name: string, rawInput: unknown): Admitted {
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
      if (operator && operator !== 'expired') {
        throw new AppError('FORBIDDEN', {
          role: ROLE_NAMES[operator.role],
          roleEn: ROLE_NAMES_EN[operator.role],
          allowed: '客显或公示屏',
          allowedEn: 'customer display or public board',
        });
      }
      throw new AppError('NOT_LOGGED_IN');
    }
  } else if (spec.access !== 'public') {
    if (!token) throw new AppError('NOT_LOGGED_IN');
    const s = core.sessions.touch(token, spec.passive);
    if (s === null) throw new AppError('NOT_LOGGED_IN');
    if (s === 'expired') throw new AppError('SESSION_EXPIRED');
    if (!spec.access.includes(s.role)) {
      // Says who may, so a refusal tells the operator whom to ask (e.g. notices are the committee's).
      throw new AppError('FORBIDDEN', {
        role: ROLE_NAMES[s.role],
        roleEn: ROLE_NAMES_EN[s.role],
        allowed: spec.access.map((r) => ROLE_NAMES[r]).join('或'),
        allowedEn: spec.access.map((r) => ROLE_NAMES_EN[r]).join(' or '),
      });
    }
    session = s;
  } else if (token) {
    const s = core.sessions.touch(token);
    session = s === null || s === 'expired' ? null : s;
  }
  // Books that failed a check (start-up, the full verify after it, or on demand) take no
  // more writes: the counter and every change are refused, naming the first problem.
  refuseWhileAlarm(core, name, spec.writes);
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // A refinement that names an error code (params.code) is refused with that code and
    // its own Chinese/English message rather than the generic BAD_INPUT.
    const named = issue?.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined;
    if (named && isErrorCode(named['code'])) throw new AppError(named['code'], refusalParams(named));
    const path = issue?.path.join('.') ?? '';
    throw new AppError('BAD_INPUT', { detail: `${path ? path + ': ' : ''}${issue?.message ?? 'invalid'}`.slice(0, 200) });
  }
  return { name, session, display, input: parsed.data };
}

function run(core: Core, token: string | null, a: Admitted, preRead: PreRead | undefined): unknown {
  const handler = handlers[a.name] as Handler<OpName>;
  // Public and display handlers never read ctx.session; the cast keeps one handler signature.
  return handler({ core, session: a.session as Session, token, display: a.display, preRead }, a.input as never);
}

function failure(name: string, e: unknown): Result<unknown> {
  if (e instanceof AppError) return { ok: false, error: e.toBody() };
  if (e instanceof SqliteError && e.code === 'SQLITE_FULL') return { ok: false, error: new AppError('DISK_FULL').toBody() };
  if (e instanceof SqliteError && e.code.startsWith('SQLITE_BUSY')) return { ok: false, error: new AppError('DATABASE_BUSY').toBody() };
  console.error(`[core] ${name} failed:`, e instanceof Error ? e.stack : e);
  return { ok: false, error: new AppError('INTERNAL').toBody() };
}

/**
 * The single entry point both hosts call: finds the operation, checks the session and
 * the role (in the core, not only in the UI), validates the input with the contract's
 * schema, runs the handler, and wraps the outcome as ok/error. Anything that is not an
 * AppError is a bug: it is reported as INTERNAL without details (no ID numbers or SQL
 * in messages) and the transaction it was in has already rolled back.
 */
export function dispatch(core: Core, token: string | null, name: string, rawInput: unknown): Result<unknown> {
  try {
    return { ok: true, value: run(core, token, admit(core, token, name, rawInput), undefined) };
  } catch (e) {
    return failure(name, e);
  }
}

/**
 * What the hosts call: dispatch(), except that an import's file is first read on a worker
 * thread (after the session, the role and the input were checked), so that a slow or
 * hostile spreadsheet never holds up the counter's lookups on this thread. Everything
 * else runs exactly as dispatch() runs it.
 */
export async function dispatchAsync(core: Core, token: string | null, name: string, rawInput: unknown): Promise<Result<unknown>> {
  try {
    const first = admit(core, token, name, rawInput);
    const file = importFileOf(first.name, first.input);
    if (!file) return { ok: true, value: run(core, token, first, undefined) };
    const preRead = await readSheetOffThread(file.fileName, file.bytes);
    // Checked again: the session may have ended while the file was read.
    return { ok: true, value: run(core, token, admit(core, token, name, rawInput), preRead) };
  } catch (e) {
    return failure(name, e);
  }
}

/** The file an import operation carries, if it carries one. */
function importFileOf(name: OpName, input: unknown): { fileName: string; bytes: Buffer } | null {
  if (name === 'stock.importPreview' || name === 'stock.importGoods') {
    const i = input as OpParsed<'stock.importPreview'>;
    return { fileName: i.fileName, bytes: bytesFromBase64(i.base64) };
  }
  if (name === 'households.importPreview' || name === 'households.import') {
    const { source } = input as OpParsed<'households.import'>;
    return source.kind === 'file' ? { fileName: source.fileName, bytes: bytesFromBase64(source.base64) } : null;
  }
  return null;
}

function refusalParams(p: Record<string, unknown>): ErrorParams {
  const out: ErrorParams = {};
  for (const [k, v] of Object.entries(p)) if (k !== 'code' && (typeof v === 'string' || typeof v === 'number')) out[k] = v;
  return out;
}
