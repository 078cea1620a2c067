import type { Settings } from '../contract/views.js';
import { fen } from '../domain/amounts.js';
import type { Db } from '../platform/open.js';
import { query } from '../platform/query.js';

export const DEFAULT_SETTINGS: Settings = {
  villageName: '示范村',
  storeName: '积分超市',
  receiptFooter: '积分来自文明实践，兑换请妥善保管小票',
  idleLockSeconds: 300,
  pointValueFen: fen(100),
  exportsKeepDays: 30,
  timeZone: 'Asia/Shanghai',
};

/** Settings live as JSON values in a key/value table so feature areas can add their own keys. */
export function getSetting<T>(db: Db, key: string, fallback: T): T {
  const row = query(db).get<{ value: string }>('SELECT value FROM settings WHERE key = ?', key);
  return row ? (JSON.parse(row.value) as T) : fallback;
}

export function setSetting(db: Db, key: string, value: unknown): void {
  query(db).run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', key, JSON.stringify(value));
}

export function readSettings(db: Db): Settings {
  const out = { ...DEFAULT_SETTINGS };
  for (const k of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    (out as Record<string, unknown>)[k] = getSetting(db, `store.${k}`, DEFAULT_SETTINGS[k]);
  }
  // The rate turns points into money in statistics and exports: a stored value that is not a
  // whole number of fen (an edit behind the app) fails here, not in a total later.
  out.pointValueFen = fen(out.pointValueFen);
  return out;
}
