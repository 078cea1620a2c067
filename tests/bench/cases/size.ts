/**
 * Database size per million ledger rows: the whole file (with the redemptions, lines and
 * stock movements that come with a real ledger), and the ledger's own share (table plus
 * indexes), from SQLite's dbstat table.
 */
import Database from 'better-sqlite3';
import type { BenchDb } from '../build/database.js';
import { mb, type CaseResult } from '../result.js';

const LIMIT_PER_MILLION = 250 * 1024 * 1024;

export function sizeCase(bench: BenchDb): CaseResult {
  const db = new Database(bench.file, { readonly: true });
  let byTable: { name: string; bytes: number }[] = [];
  try {
    byTable = db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC').all() as { name: string; bytes: number }[];
  } catch {
    // dbstat is a compile-time option; without it only the file size is known.
  }
  const indexOwner = db.prepare("SELECT name, tbl_name FROM sqlite_schema WHERE type = 'index'").all() as { name: string; tbl_name: string }[];
  db.close();
  const owner = new Map(indexOwner.map((i) => [i.name, i.tbl_name]));
  const perTable = new Map<string, number>();
  for (const t of byTable) {
    const table = owner.get(t.name) ?? t.name;
    perTable.set(table, (perTable.get(table) ?? 0) + t.bytes);
  }
  const millions = bench.ledgerRows / 1e6;
  const perMillion = bench.build.fileBytes / millions;
  const ledgerPerMillion = (perTable.get('ledger') ?? NaN) / millions;
  const top = [...perTable].sort((a, b) => b[1] - a[1]).slice(0, 6);
  return {
    id: 'size',
    title: 'Database size per 1M ledger rows',
    size: `${bench.ledgerRows.toLocaleString('en')} ledger rows, file ${mb(bench.build.fileBytes)}`,
    target: '≤ 250 MB per 1M rows',
    figure: `${mb(perMillion)} per 1M (whole file); ledger alone ${mb(ledgerPerMillion)}`,
    met: perMillion <= LIMIT_PER_MILLION,
    // Bytes per ledger row make sizes of different runs comparable at a glance.
    note: `${Math.round(perMillion / 1e6)} bytes per ledger row in all, ${Math.round(ledgerPerMillion / 1e6)} for the ledger itself; largest (table + its indexes): ${top.map(([n, b]) => `${n} ${mb(b)}`).join(', ')}`,
    data: {
      fileBytes: bench.build.fileBytes,
      perMillionBytes: perMillion,
      ledgerPerMillionBytes: ledgerPerMillion,
      byObject: byTable,
      byTable: Object.fromEntries(perTable),
    },
  };
}
