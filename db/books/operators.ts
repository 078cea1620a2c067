import { AppError } from '../contract/errors.js';
import type { Role } from '../contract/define.js';
import type { OperatorView } from '../contract/views.js';
import { checkPin, hashPin } from '../platform/crypto/pin.js';
import type { Core } from '../core.js';
import { localDateTime } from '../domain/clock.js';
import { audit } from './audit.js';

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

export function createOperator(core: Core, name: string, role: Role, pin: string, byOperatorId: number | null): number {
  const { createdAt } = core.stamp();
  const info = core.db
    .prepare('INSERT INTO operators (name, role, pin_hash, created_at) VALUES (?, ?, ?, ?)')
    .run(name, role, hashPin(pin), createdAt);
  const id = Number(info.lastInsertRowid);
  audit(core.db, createdAt, byOperatorId ?? id, 'operator.create', `operator:${id}`, { name, role });
  return id;
}

export function listOperators(core: Core): OperatorView[] {
  return core.db.prepare('SELECT id, name, role FROM operators WHERE active = 1 ORDER BY role DESC, id').all() as OperatorView[];
}

/**
 * Checks a PIN with lockout: after MAX_PIN_FAILURES wrong PINs in a row the operator is
 * locked for LOCKOUT_MINUTES. Every success and failure is audited. Used for logins and
 * for an administrator's approval of a void.
 */
export function verifyOperatorPin(core: Core, operatorId: number, pin: string, purpose: 'login' | 'approve'): OperatorView {
  const row = core.db.prepare('SELECT * FROM operators WHERE id = ? AND active = 1').get(operatorId) as OperatorRow | undefined;
  const { createdAt } = core.stamp();
  if (!row) throw new AppError('OPERATOR_NOT_FOUND');
  const now = core.clock.now();
  if (row.locked_until && new Date(row.locked_until) > now) {
    audit(core.db, createdAt, row.id, `${purpose}.locked`, `operator:${row.id}`);
    throw new AppError('PIN_LOCKED', { until: localDateTime(row.locked_until, core.settings().timeZone).slice(11, 16) });
  }
  if (!checkPin(pin, row.pin_hash)) {
    const failures = row.failed_attempts + 1;
    const lock = failures >= MAX_PIN_FAILURES ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
    core.db.transaction(() => {
      core.db
        .prepare('UPDATE operators SET failed_attempts = ?, locked_until = ? WHERE id = ?')
        .run(lock ? 0 : failures, lock, row.id);
      audit(core.db, createdAt, row.id, `${purpose}.failed`, `operator:${row.id}`, { failures });
    })();
    if (lock) throw new AppError('PIN_LOCKED', { until: localDateTime(lock, core.settings().timeZone).slice(11, 16) });
    throw new AppError('PIN_WRONG', { left: MAX_PIN_FAILURES - failures });
  }
  core.db.transaction(() => {
    core.db.prepare('UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(row.id);
    audit(core.db, createdAt, row.id, `${purpose}.ok`, `operator:${row.id}`);
  })();
  return { id: row.id, name: row.name, role: row.role };
}

export function operatorCount(core: Core): number {
  return core.db.prepare('SELECT count(*) FROM operators').pluck().get() as number;
}
