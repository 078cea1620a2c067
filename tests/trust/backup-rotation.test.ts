import { describe, expect, it } from 'vitest';
import { backupFileName, isBackupName, planRotation, safetyFileName } from '../../db/trust/backup/rotation.js';

const name = (day: string, time = '120000', reason = 'daily') => `points-store-${day}-${time}-${reason}.sqlite`;

describe('backup rotation', () => {
  it('names sort by time and are recognised; other files are never ours', () => {
    const n = backupFileName(new Date(2026, 10, 29, 18, 30, 5), 'day-close');
    expect(n).toBe('points-store-20261129-183005-day-close.sqlite');
    expect(isBackupName(n)).toBe(true);
    expect(isBackupName(safetyFileName(new Date()))).toBe(true);
    expect(isBackupName('家庭照片.jpg')).toBe(false);
  });

  it('keeps the newest of each of the last N days and of the last M months', () => {
    const names = [
      name('20260115'),
      name('20260131'),
      name('20260210'),
      name('20260228', '090000'),
      name('20260228', '180000', 'day-close'),
      name('20260301'),
      name('20260302'),
      name('20260303'),
      name('20260303', '200000', 'manual'),
      'notes.txt',
      safetyFileName(new Date(2026, 0, 1)),
    ];
    const del = planRotation(names, 2, 2);
    // Days kept: 03-03 (newest), 03-02. Months kept: 2026-03 (03-03 newest), 2026-02 (02-28 18:00).
    expect(new Set(names.filter((n) => !del.includes(n)))).toEqual(
      new Set([
        name('20260303', '200000', 'manual'),
        name('20260302'),
        name('20260228', '180000', 'day-close'),
        'notes.txt',
        safetyFileName(new Date(2026, 0, 1)),
      ]),
    );
    expect(del).not.toContain('notes.txt');
  });

  it('never deletes the newest backup, even when told to keep none', () => {
    const names = [name('20260101'), name('20260102')];
    expect(planRotation(names, 0, 0)).toEqual([name('20260101')]);
  });
});
