/**
 * 设置 → 读卡器, stored in the settings table:
 *
 *   reader.profile      'keyboard' (the reader types, today's behaviour) | 'cvr' | 'sdtapi'
 *   reader.libraryPath  the maker's library, an absolute path ('' for keyboard)
 *   reader.port         the port number as the maker's library counts it
 *
 * Only an administrator may change these: the host loads the named library into its own
 * process, which is running code from that file.
 */
import { z } from 'zod';
import type { ReaderSettingsView } from '../contract/views-hardware.js';
import type { Db } from '../platform/open.js';
import { getSetting, setSetting } from '../books/settings.js';

export const READER_PROFILES = ['keyboard', 'cvr', 'sdtapi'] as const;

/** The first USB reader: CVR's and SDTAPI's libraries both number USB ports from 1001. */
export const DEFAULT_READER_PORT = 1001;

export const DEFAULT_READER_SETTINGS: ReaderSettingsView = { profile: 'keyboard', libraryPath: '', port: DEFAULT_READER_PORT };

const absolutePath = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

export const readerSettingsSchema = z
  .object({
    profile: z.enum(READER_PROFILES),
    libraryPath: z
      .string()
      .trim()
      .max(500)
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: 'control characters are not allowed' }),
    port: z.number().int().min(0).max(9999),
  })
  .superRefine((s, ctx) => {
    if (s.profile === 'keyboard') return;
    if (s.libraryPath === '') ctx.addIssue({ code: 'custom', path: ['libraryPath'], message: '请填写读卡器库文件的完整路径' });
    else if (!absolutePath.test(s.libraryPath))
      ctx.addIssue({ code: 'custom', path: ['libraryPath'], message: '库文件路径必须是完整路径（如 C:\\CVR100\\termb.dll）' });
  });

export function readReaderSettings(db: Db): ReaderSettingsView {
  const profile = getSetting<string>(db, 'reader.profile', DEFAULT_READER_SETTINGS.profile);
  return {
    profile: (READER_PROFILES as readonly string[]).includes(profile) ? (profile as ReaderSettingsView['profile']) : 'keyboard',
    libraryPath: getSetting(db, 'reader.libraryPath', DEFAULT_READER_SETTINGS.libraryPath),
    port: getSetting(db, 'reader.port', DEFAULT_READER_SETTINGS.port),
  };
}

export function writeReaderSettings(db: Db, s: ReaderSettingsView): void {
  db.transaction(() => {
    setSetting(db, 'reader.profile', s.profile);
    setSetting(db, 'reader.libraryPath', s.profile === 'keyboard' ? '' : s.libraryPath);
    setSetting(db, 'reader.port', s.port);
  })();
}
