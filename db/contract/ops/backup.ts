import { z } from 'zod';
import { ADMIN, ALL, op, pin, text } from '../define.js';
import type {
  BackupConfig,
  BackupPreview,
  BackupStatus,
  DownloadFile,
  IntegrityReport,
  IntegrityStatus,
  RestoreStatus,
  WitnessCheckView,
} from '../views-trust.js';

/** A path on this computer, typed or pasted by the administrator (checked by the core). */
const filePath = text(1000).pipe(z.string().min(1));

/** Tamper evidence and backups. */
export const backupOps = {
  /** The start-up check's result, for the banner every role sees when it failed. */
  'integrity.status': op<IntegrityStatus>()({ access: ALL, passive: true, input: z.object({}) }),
  /** Full verify: every row, cache and chain. Seconds on a big database. */
  'integrity.verify': op<IntegrityReport>()({ access: ADMIN, writes: true, input: z.object({}) }),
  /**
   * Witness codes from paper (receipts, day-close slip, A4 day sheet), one result per code:
   * do the books still hold the history each one saw? Read-only; checks one row each.
   */
  'integrity.witness': op<WitnessCheckView[]>()({
    access: ADMIN,
    input: z.object({
      codes: z
        .array(text(40).pipe(z.string().min(1, 'empty code')))
        .min(1)
        .max(20),
    }),
  }),
  'backup.status': op<BackupStatus>()({ access: ADMIN, passive: true, input: z.object({}) }),
  'backup.configure': op<BackupConfig>()({
    access: ADMIN,
    writes: true,
    input: z.object({
      folder: filePath.nullable(),
      keepDaily: z.number().int().min(1).max(60),
      keepMonthly: z.number().int().min(0).max(120),
      auto: z.boolean(),
    }),
  }),
  /**
   * Starts a backup now into the backup folder; poll backup.status for the outcome. With
   * `out` (the command line's `backup --out FILE`), into that new file instead, outside
   * the folder's rotation.
   */
  'backup.run': op<{ started: true }>()({ access: ADMIN, writes: true, input: z.object({ out: filePath.optional() }) }),
  /** What a backup file holds, and whether it verifies: shown before a restore. */
  'backup.inspect': op<BackupPreview>()({ access: ADMIN, input: z.object({ file: filePath }) }),
  /** Replaces all data with the backup's (a copy of the current data is kept first). Everyone is logged out. */
  'backup.restore': op<{ started: true }>()({ access: ADMIN, writes: true, input: z.object({ file: filePath, pin }) }),
  'restore.status': op<RestoreStatus>()({ access: ADMIN, passive: true, input: z.object({}) }),
  /** The installation key, to keep apart from the backups; needs the administrator's PIN again. */
  'backup.exportKey': op<DownloadFile>()({ access: ADMIN, writes: true, input: z.object({ pin }) }),
};
