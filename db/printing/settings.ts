/**
 * Printer settings, stored by the core in the `settings` key/value table:
 *
 *   printer.uri        '' (not set up) or a printer address, see transports/uri.ts
 *   printer.width      '58' | '80'           (paper width in mm)
 *   printer.autoPrint  'true' | 'false'      (print every redemption and void by itself)
 *
 * Values are stored JSON-encoded like every other setting (db/books/settings.ts:
 * '"tcp://…"', '80', 'true'); reading also accepts bare strings.
 */
import { z } from 'zod';
import type { Db } from '../platform/open.js';
import { AppError } from '../contract/errors.js';
import { parsePrinterUri } from './transports/uri.js';
import { query } from '../platform/query.js';

export const PRINTER_SETTING_KEYS = {
  uri: 'printer.uri',
  width: 'printer.width',
  autoPrint: 'printer.autoPrint',
} as const;

export const printerUriSchema = z
  .string()
  .trim()
  .max(300)
  .superRefine((s, ctx) => {
    if (s === '') return;
    try {
      parsePrinterUri(s);
    } catch (e) {
      // The parser's own refusal (code and Chinese message) reaches the user through dispatch.
      if (e instanceof AppError) ctx.addIssue({ code: 'custom', message: e.message, params: { code: e.code, ...e.params } });
      else ctx.addIssue({ code: 'custom', message: '打印机地址格式不正确' });
    }
  });

export const paperWidthSchema = z.union([z.literal(58), z.literal(80)]);

/** The input schema for saving printer settings (the administrator's settings screen). */
export const printerSettingsSchema = z.object({
  uri: printerUriSchema,
  width: paperWidthSchema,
  autoPrint: z.boolean(),
});

export type PrinterSettings = z.infer<typeof printerSettingsSchema>;

export const DEFAULT_PRINTER_SETTINGS: PrinterSettings = { uri: '', width: 58, autoPrint: true };

function unjson(raw: string | null | undefined): unknown {
  if (raw === null || raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/**
 * Printer settings from raw stored values (missing or invalid values fall back to the
 * defaults, so a bad value never stops the counter; the settings screen validates).
 */
export function parsePrinterSettings(raw: Readonly<Record<string, string | null | undefined>>): PrinterSettings {
  const uri = unjson(raw[PRINTER_SETTING_KEYS.uri]);
  const width = Number(unjson(raw[PRINTER_SETTING_KEYS.width]));
  const auto = unjson(raw[PRINTER_SETTING_KEYS.autoPrint]);
  const parsedUri = printerUriSchema.safeParse(typeof uri === 'string' ? uri : '');
  return {
    uri: parsedUri.success ? parsedUri.data : '',
    width: width === 80 ? 80 : 58,
    autoPrint: auto === undefined ? DEFAULT_PRINTER_SETTINGS.autoPrint : auto === true || auto === 1 || auto === '1' || auto === 'true',
  };
}

/** The key/value rows to store for `s` (JSON-encoded values). */
export function printerSettingRows(s: PrinterSettings): Array<[key: string, value: string]> {
  const v = printerSettingsSchema.parse(s);
  return [
    [PRINTER_SETTING_KEYS.uri, JSON.stringify(v.uri)],
    [PRINTER_SETTING_KEYS.width, JSON.stringify(v.width)],
    [PRINTER_SETTING_KEYS.autoPrint, JSON.stringify(v.autoPrint)],
  ];
}

/** Reads printer settings straight from the `settings` table. */
export function readPrinterSettings(db: Db): PrinterSettings {
  const rows = query(db).all<{ key: string; value: string }>("SELECT key, value FROM settings WHERE key LIKE 'printer.%'");
  return parsePrinterSettings(Object.fromEntries(rows.map((r) => [r.key, r.value])));
}

/** Stores printer settings (validated) in the `settings` table. */
export function writePrinterSettings(db: Db, s: PrinterSettings): void {
  const stmt = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const rows = printerSettingRows(s);
  db.transaction(() => {
    for (const [k, v] of rows) stmt.run(k, v);
  })();
}
