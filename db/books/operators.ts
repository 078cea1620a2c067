import { AppError } from '../contract/errors.js';
import type { Role } from '../contract/define.js';
import type { LoginTileView, OperatorView } from '../contract/views.js';
import { checkPin, hashPin } from '../platform/crypto/pin.js';
import type { SessionsContext, StoreContext } from './context.js';
import { localDateTime } from '../domain/clock.js';
import { audit } from './audit.js';
import type { Session } from './sessions.js';
import { query } from '../platform/query.js';

export const MAX_PIN_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;

interface OperatorRow {
  id: number;
  name: string;
  role: Role;
  pin_hash: string;
  failed_attempts: number;
  locked_until: string | null;
  active: number;
}

export function createOperator(ctx: StoreContext, name: string, role: Role, pin: string, byOperatorId: number | null): number {
  const { createdAt } = ctx.stamp();
  const info = query(ctx.db).run('INSERT INTO operators (name, role, pin_hash, created_at) VALUES (?, ?, ?, ?)', name, role, hashPin(pin), createdAt);
  const id = Number(info.lastInsertRowid);
  audit(ctx.db, createdAt, byOperatorId ?? id, 'operator.create', `operator:${id}`, { name, role });
  return id;
}

/** The login screen's tiles: names, roles, and whether (and until when) each is locked. */
export function listOperators(ctx: StoreContext): LoginTileView[] {
  const rows = ctx.db.prepare('SELECT id, name, role, locked_until FROM operators WHERE active = 1 ORDER BY role DESC, id').all() as {
    id: number;
    name: string;
    role: Role;
    locked_until: string | null;
  }[];
  const now = ctx.clock.now();
  const zone = ctx.settings().timeZone;
  return rows.map((r) => {
    const lockedUntil = r.locked_until && new Date(r.locked_until) > now ? r.locked_until : null;
    return { id: r.id, name: r.name, role: r.role, lockedUntil, lockedUntilTime: lockedUntil ? localDateTime(lockedUntil, zone).slice(11, 16) : null };
  });
}

/** Wrong approval PINs (a void's administrator PIN, a PIN re-entered as a signature) one session may try. */
export const MAX_APPROVAL_FAILURES = 5;

interface Reservation {
  row: OperatorRow;
  failures: number;
  lock: string | null;
}

/**
 * Counts a login attempt as a failure BEFORE the slow scrypt check, in an IMMEDIATE
 * transaction (one writer at a time across every connection and process), so that any
 * number of parallel clients together get at most MAX_PIN_FAILURES checks: the fifth
 * reservation already sets the lock, and a right PIN clears it again. A crash during the
 * check leaves the attempt counted, which errs on the safe side.
 */
function reserveLoginAttempt(ctx: StoreContext, operatorId: number, createdAt: string): Reservation | { locked: string } {
  return ctx.db
    .transaction((): Reservation | { locked: string } => {
      const row = query(ctx.db).get<OperatorRow>('SELECT * FROM operators WHERE id = ? AND active = 1', operatorId);
      if (!row) throw new AppError('OPERATOR_NOT_FOUND');
      const now = ctx.clock.now();
      let prior = row.failed_attempts;
      if (row.locked_until) {
        if (new Date(row.locked_until) > now) {
          audit(ctx.db, createdAt, row.id, 'login.locked', `operator:${row.id}`);
          return { locked: row.locked_until };
        }
        prior = 0; // the lock has run out: a fresh set of tries
      }
      const failures = prior + 1;
      const lock = failures >= MAX_PIN_FAILURES ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
      query(ctx.db).run('UPDATE operators SET failed_attempts = ?, locked_until = ? WHERE id = ?', failures, lock, row.id);
      return { row, failures, lock };
    })
    .immediate();
}

function lockedError(ctx: StoreContext, until: string): AppError {
  return new AppError('PIN_LOCKED', { until: localDateTime(until, ctx.settings().timeZone).slice(11, 16) });
}

/**
 * A login: at most MAX_PIN_FAILURES wrong PINs are ever checked per operator (across
 * processes and connections) before the operator is locked for LOCKOUT_MINUTES, or until
 * an administrator unlocks them. Every success and failure is audited.
 */
export function verifyLoginPin(ctx: StoreContext, operatorId: number, pin: string): OperatorView {
  const { createdAt } = ctx.stamp();
  const r = reserveLoginAttempt(ctx, operatorId, createdAt);
  if ('locked' in r) throw lockedError(ctx, r.locked);
  const { row, failures, lock } = r;
  if (!checkPin(pin, row.pin_hash)) {
    ctx.db.transaction(() => audit(ctx.db, createdAt, row.id, 'login.failed', `operator:${row.id}`, { failures })).immediate();
    if (lock) throw lockedError(ctx, lock);
    throw new AppError('PIN_WRONG', { left: MAX_PIN_FAILURES - failures });
  }
  ctx.db
    .transaction(() => {
      query(ctx.db).run('UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = ?', row.id);
      audit(ctx.db, createdAt, row.id, 'login.ok', `operator:${row.id}`);
    })
    .immediate();
  return { id: row.id, name: row.name, role: row.role };
}

const detailOf = (row: OperatorRow, purpose: string) => ({ approver: row.id, approverName: row.name, purpose });

/** The session that reached its limit of wrong approval PINs ends; audited, actor = that session's operator. */
function endForApprovals(ctx: SessionsContext, session: Session, target: string, detail: ReturnType<typeof detailOf>): AppError {
  ctx.sessions.end(session.token);
  ctx.db.transaction(() => audit(ctx.db, ctx.stamp().createdAt, session.operatorId, 'approve.limit', target, detail)).immediate();
  return new AppError('APPROVAL_LIMIT', { max: MAX_APPROVAL_FAILURES });
}

/**
 * An approval inside a session: an administrator's PIN for a void, or the operator's own
 * PIN re-entered as a signature (day close, restore, key export). It never touches the
 * approver's login counter or lock, so nobody can lock an administrator out by approving
 * with wrong PINs; instead each session has its own limit, counted before the check, and
 * the session that reaches it is ended (the operator must log in again, which their own
 * login lockout guards). The audit names the session's operator as the actor and the
 * approver beside them.
 */
export function verifyApproverPin(ctx: SessionsContext, session: Session, approverId: number, pin: string, purpose: string): OperatorView {
  const { createdAt } = ctx.stamp();
  const row = query(ctx.db).get<OperatorRow>('SELECT * FROM operators WHERE id = ? AND active = 1', approverId);
  if (!row) throw new AppError('OPERATOR_NOT_FOUND');
  const target = `operator:${row.id}`;
  if (session.approvalFailures >= MAX_APPROVAL_FAILURES) throw endForApprovals(ctx, session, target, detailOf(row, purpose));
  session.approvalFailures += 1;
  const failures = session.approvalFailures;
  const detail = detailOf(row, purpose);
  if (!checkPin(pin, row.pin_hash)) {
    ctx.db.transaction(() => audit(ctx.db, createdAt, session.operatorId, 'approve.failed', target, { ...detail, failures })).immediate();
    if (failures >= MAX_APPROVAL_FAILURES) throw endForApprovals(ctx, session, target, detail);
    // The same words as a login's wrong PIN; the tries left are this session's.
    throw new AppError('PIN_WRONG', { left: MAX_APPROVAL_FAILURES - failures });
  }
  session.approvalFailures = 0;
  ctx.db.transaction(() => audit(ctx.db, createdAt, session.operatorId, 'approve.ok', target, detail)).immediate();
  return { id: row.id, name: row.name, role: row.role };
}

export function operatorCount(ctx: StoreContext): number {
  return query(ctx.db).scalar<number>('SELECT count(*) FROM operators');
}
