import { AppError } from '../contract/errors.js';
import type { Role } from '../contract/define.js';
import type { OperatorAdminView } from '../contract/views-trust.js';
import { hashPin } from '../platform/crypto/pin.js';
import type { Core } from '../core.js';
import { audit } from '../books/audit.js';
import { createOperator } from '../books/operators.js';
import { query } from '../platform/query.js';

/**
 * The administrator's operator management. Operators are never deleted (their names
 * stay on every receipt and ledger row they made); they are deactivated, and at least
 * one active administrator always remains, or nobody could manage the store.
 */
export function listOperatorsForAdmin(core: Core): OperatorAdminView[] {
  const rows = core.db
    .prepare(
      `SELECT o.id, o.name, o.role, o.active, o.locked_until, o.created_at,
         (SELECT MAX(a.created_at) FROM audit_log a WHERE a.action = 'login.ok' AND a.target = 'operator:' || o.id) AS last_login
       FROM operators o ORDER BY o.active DESC, CASE o.role WHEN 'admin' THEN 0 WHEN 'accountant' THEN 1 ELSE 2 END, o.id`,
    )
    .all() as { id: number; name: string; role: Role; active: number; locked_until: string | null; created_at: string; last_login: string | null }[];
  const now = core.clock.now();
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

function operatorRow(core: Core, id: number): { id: number; name: string; role: Role; active: number } {
  const r = query(core.db).get<{ id: number; name: string; role: Role; active: number }>('SELECT id, name, role, active FROM operators WHERE id = ?', id);
  if (!r) throw new AppError('OPERATOR_NOT_FOUND');
  return r;
}

function assertNameFree(core: Core, name: string, exceptId: number | null): void {
  const other = query(core.db).get('SELECT id FROM operators WHERE name = ? AND active = 1 AND id IS NOT ?', name, exceptId);
  if (other) throw new AppError('OPERATOR_NAME_TAKEN', { name });
}

export function addOperator(core: Core, byOperatorId: number, input: { name: string; role: Role; pin: string }): OperatorAdminView {
  const id = core.db
    .transaction(() => {
      assertNameFree(core, input.name, null);
      return createOperator(core, input.name, input.role, input.pin, byOperatorId);
    })
    .immediate();
  return listOperatorsForAdmin(core).find((o) => o.id === id)!;
}

/** A new PIN for someone who forgot theirs; also lifts a lockout. Their sessions end. */
export function resetOperatorPin(core: Core, byOperatorId: number, operatorId: number, pin: string): OperatorAdminView {
  core.db
    .transaction(() => {
      const r = operatorRow(core, operatorId);
      if (r.active !== 1) throw new AppError('OPERATOR_INACTIVE', { name: r.name });
      query(core.db).run('UPDATE operators SET pin_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?', hashPin(pin), operatorId);
      audit(core.db, core.stamp().createdAt, byOperatorId, 'operator.resetPin', `operator:${operatorId}`, { name: r.name });
    })
    .immediate();
  if (operatorId !== byOperatorId) core.sessions.endAllFor(operatorId);
  return listOperatorsForAdmin(core).find((o) => o.id === operatorId)!;
}

/** Lifts a lockout after wrong PINs; the PIN stays. Audited with the administrator as actor. */
export function unlockOperator(core: Core, byOperatorId: number, operatorId: number): OperatorAdminView {
  core.db
    .transaction(() => {
      const r = operatorRow(core, operatorId);
      query(core.db).run('UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = ?', operatorId);
      audit(core.db, core.stamp().createdAt, byOperatorId, 'operator.unlock', `operator:${operatorId}`, { name: r.name });
    })
    .immediate();
  return listOperatorsForAdmin(core).find((o) => o.id === operatorId)!;
}

export function setOperatorActive(core: Core, byOperatorId: number, operatorId: number, active: boolean): OperatorAdminView {
  core.db
    .transaction(() => {
      const r = operatorRow(core, operatorId);
      if ((r.active === 1) === active) return;
      if (!active) {
        if (operatorId === byOperatorId) throw new AppError('OPERATOR_SELF_DEACTIVATE');
        if (r.role === 'admin') {
          const others = query(core.db).scalar<number>("SELECT count(*) FROM operators WHERE role = 'admin' AND active = 1 AND id <> ?", operatorId);
          if (others === 0) throw new AppError('LAST_ADMIN');
        }
      } else assertNameFree(core, r.name, operatorId);
      query(core.db).run('UPDATE operators SET active = ? WHERE id = ?', active ? 1 : 0, operatorId);
      audit(core.db, core.stamp().createdAt, byOperatorId, active ? 'operator.activate' : 'operator.deactivate', `operator:${operatorId}`, {
        name: r.name,
        role: r.role,
      });
    })
    .immediate();
  if (!active) core.sessions.endAllFor(operatorId);
  return listOperatorsForAdmin(core).find((o) => o.id === operatorId)!;
}
