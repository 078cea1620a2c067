/**
 * Backup file names and which ones to keep. Names sort by time and carry the reason:
 *   points-store-20261129-183005-daily.sqlite
 * Copies made just before a restore use another prefix and are never rotated away.
 */
export const BACKUP_PREFIX = 'points-store-';
export const SAFETY_PREFIX = 'points-store-before-restore-';
const NAME = /^points-store-(\d{8})-(\d{6})-(manual|daily|day-close)\.sqlite$/;

function stamp(at: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  // Local wall-clock time of the machine: the name is for people looking at a USB stick.
  return `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
}

export function backupFileName(at: Date, reason: 'manual' | 'daily' | 'day-close'): string {
  return `${BACKUP_PREFIX}${stamp(at)}-${reason}.sqlite`;
}

export function safetyFileName(at: Date): string {
  return `${SAFETY_PREFIX}${stamp(at)}.sqlite`;
}

export function isRotatedBackup(name: string): boolean {
  return NAME.test(name);
}

export function isBackupName(name: string): boolean {
  return isRotatedBackup(name) || (name.startsWith(SAFETY_PREFIX) && name.endsWith('.sqlite'));
}

/**
 * Keeps the newest backup of each of the `keepDaily` most recent days that have one, and
 * the newest of each of the `keepMonthly` most recent months; returns the names to
 * delete. Names that are not ours are never touched.
 */
export function planRotation(names: readonly string[], keepDaily: number, keepMonthly: number): string[] {
  const ours = names.filter(isRotatedBackup).sort().reverse(); // newest first
  const keep = new Set<string>();
  const days = new Set<string>();
  const months = new Set<string>();
  for (const n of ours) {
    const day = NAME.exec(n)![1]!;
    const month = day.slice(0, 6);
    if (!days.has(day) && days.size < keepDaily) {
      days.add(day);
      keep.add(n);
    }
    if (!months.has(month) && months.size < keepMonthly) {
      months.add(month);
      keep.add(n);
    }
  }
  // Never delete the newest one, whatever the settings say.
  if (ours[0]) keep.add(ours[0]);
  return ours.filter((n) => !keep.has(n));
}
