import { AppError } from '../contract/errors.js';
import type { Role } from '../contract/define.js';
import type { OperatorAdminView } from '../contract/views-trust.js';
import { hashPin } from '../platform/crypto/pin.js';
import type { TrustContext } from '../books/context.js';
import { audit } from '../books/audit.js';
import { createOperator } from '../books/operators.js';
import { query } from '../platform/query.js';

/**
 * The administrator's operator management. Operators are never deleted (their names
 * stay on every receipt and ledger row they made); they are deactivated, and at least
 * one active administrator always remains, or nobody could manage the store.
 */
export function listOperatorsForAdmin(ctx: TrustContext): OperatorAdminView[] {
  const rows = ctx.db
    .prepare(
      `SELECT o.id, o.name, o.role, o.active, o.locked_until, o.created_at,
         (SELECT MAX(a.created_at) FROM audit_log a WHERE a.action = 'login.ok' AND a.target = 'operator:' || o.id) AS last_login
       FROM operators o ORDER BY o.active DESC, CASE o.role WHEN 'admin' THEN 0 WHEN 'accountant' THEN 1 ELSE 2 END, o.id`,
    )
    .all() as { id: number; name: string; role: Role; active: number; locked_until: string | null; created_at: string; last_login: string | null }[];
  const now = ctx.clock.now();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    active: r.active === 1,
    lockedUntil: r.locked_until && new Date(r.locked_until) > now ? r.locked_until : null,
    createdAt: r.created_at,
    lastLoginAt: r.last_login,
  }));
}

function operatorRow(ctx: TrustContext, id: number): { id: number; name: string; role: Role; active: number } {
  const r = query(ctx.db).get<{ id: number; name: string; role: Role; active: number }>('SELECT id, name, role, active FROM operators WHERE id = ?', id);
  if (!r) throw new AppError('OPERATOR_NOT_FOUND');
  return r;
}

function assertNameFree(ctx: TrustContext, name: string, exceptId: number | null): void {
  const other = query(ctx.db).get('SELECT id FROM operators WHERE name = ? AND active = 1 AND id IS NOT ?', name, exceptId);
  if (other) throw new AppError('OPERATOR_NAME_TAKEN', { name });
}

export function addOperator(ctx: TrustContext, byOperatorId: number, input: { name: string; role: Role; pin: string }): OperatorAdminView {
  const id = ctx.db
    .transaction(() => {
      assertNameFree(ctx, input.name, null);
      return createOperator(ctx, input.name, input.role, input.pin, byOperatorId);
    })
    .immediate();
  return listOperatorsForAdmin(ctx).find((o) => o.id === id)!;
}

/** A new PIN for someone who forgot theirs; also lifts a lockout. Their sessions end. */
export function resetOperatorPin(ctx: TrustContext, byOperatorId: number, operatorId: number, pin: string): OperatorAdminView {
  ctx.db
    .transaction(() => {
      const r = operatorRow(ctx, operatorId);
      if (r.active !== 1) throw new AppError('OPERATOR_INACTIVE', { name: r.name });
      query(ctx.db).run('UPDATE operators SET pin_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?', hashPin(pin), operatorId);
      audit(ctx.db, ctx.stamp().createdAt, byOperatorId, 'operator.resetPin', `operator:${operatorId}`, { name: r.name });
    })
    .immediate();
  if (operatorId !== byOperatorId) ctx.sessions.endAllFor(operatorId);
  return listOperatorsForAdmin(ctx).find((o) => o.id === operatorId)!;
}

/** Lifts a lockout after wrong PINs; the PIN stays. Audited with the administrator as actor. */
export function unlockOperator(ctx: TrustContext, byOperatorId: number, operatorId: number): OperatorAdminView {
  ctx.db
    .transaction(() => {
      const r = operatorRow(ctx, operatorId);
      query(ctx.db).run('UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = ?', operatorId);
      audit(ctx.db, ctx.stamp().createdAt, byOperatorId, 'operator.unlock', `operator:${operatorId}`, { name: r.name });
    })
    .immediate();
  return listOperatorsForAdmin(ctx).find((o) => o.id === operatorId)!;
}

export function setOperatorActive(ctx: TrustContext, byOperatorId: number, operatorId: number, active: boolean): OperatorAdminView {
  ctx.db
    .transaction(() => {
      const r = operatorRow(ctx, operatorId);
      if ((r.active === 1) === active) return;
      if (!active) {
        if (operatorId === byOperatorId) throw new AppError('OPERATOR_SELF_DEACTIVATE');
        if (r.role === 'admin') {
          const others = query(ctx.db).scalar<number>("SELECT count(*) FROM operators WHERE role = 'admin' AND active = 1 AND id <> ?", operatorId);
          if (others === 0) throw new AppError('LAST_ADMIN');
        }
      } else assertNameFree(ctx, r.name, operatorId);
      query(ctx.db).run('UPDATE operators SET active = ? WHERE id = ?', active ? 1 : 0, operatorId);
      audit(ctx.db, ctx.stamp().createdAt, byOperatorId, active ? 'operator.activate' : 'operator.deactivate', `operator:${operatorId}`, {
        name: r.name,
        role: r.role,
      });
    })
    .immediate();
  if (!active) ctx.sessions.endAllFor(operatorId);
  return listOperatorsForAdmin(ctx).find((o) => o.id === operatorId)!;
}
