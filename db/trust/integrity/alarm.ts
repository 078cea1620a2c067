import { AppError } from '../../contract/errors.js';
import { formatProblem } from '../../contract/problems.js';
import type { OpName } from '../../contract/index.js';
import type { IntegrityAlarm, IntegrityReport } from '../../contract/views-trust.js';
import type { TrustContext } from '../../books/context.js';
import { integrityState } from './state.js';

/**
 * Operations that stay open while the books are in alarm: logging in, looking at the
 * damage and getting out of it (a full verify again, a restore, the key, an export of
 * the books or the audit log to take to the township), and leaving the app. Every other
 * operation that writes is refused: a sale or an award written on top of history that
 * does not verify would only bury the problem.
 */
export const OPEN_DURING_ALARM: ReadonlySet<OpName> = new Set<OpName>([
  'session.login',
  'setup.createAdmin',
  'integrity.verify',
  'backup.restore',
  'backup.configure',
  'backup.exportKey',
  'audit.export',
  'export.start',
  'export.cancel',
  'host.exit',
]);

function alarmParams(r: IntegrityReport): { detail: string; detailEn: string } {
  const first = r.problems[0];
  if (!first) return { detail: '校验失败', detailEn: 'the check failed' };
  const more = r.problems.length > 1;
  return {
    // The same lines `npm run cli -- verify` prints for the first problem.
    detail: `${first.message}${more ? `（共 ${r.problems.length} 处）` : ''}`,
    detailEn: `${first.table} row ${first.rowId}: ${formatProblem(first, 'en')}${more ? ` (${r.problems.length} problems in all)` : ''}`,
  };
}

/** Puts the books in alarm after a check failed; the first failure's report is kept. */
export function raiseAlarm(ctx: TrustContext, source: IntegrityAlarm['source'], report: IntegrityReport): void {
  const s = integrityState(ctx);
  if (report.ok) return;
  // A later check with the same finding does not move the time the alarm began, but the
  // newer report (a full verify lists more than the start-up's fast path) replaces it.
  s.alarm = { since: s.alarm?.since ?? report.checkedAt, source, message: new AppError('BOOKS_ALARM', alarmParams(report)).message, report };
}

/** Only a full verify that passed (on demand, or after a restore) ends the alarm. */
export function clearAlarm(ctx: TrustContext): boolean {
  const s = integrityState(ctx);
  const had = s.alarm !== null;
  s.alarm = null;
  return had;
}

/** The core's gate (db/dispatch.ts): a write while the books are in alarm is refused. */
export function refuseWhileAlarm(ctx: TrustContext, op: OpName, writes: boolean): void {
  if (!writes || OPEN_DURING_ALARM.has(op)) return;
  const alarm = integrityState(ctx).alarm;
  if (alarm) throw new AppError('BOOKS_ALARM', alarmParams(alarm.report));
}
