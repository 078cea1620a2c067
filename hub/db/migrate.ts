import type { Engine, Sql } from './engine.js';
import { HUB_MIGRATIONS, PARTITIONED } from './schema.js';

/** Applies the migrations not yet applied, each in its own transaction. */
export async function migrate(engine: Engine): Promise<number> {
  await engine.exec('CREATE TABLE IF NOT EXISTS hub_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  const done = new Set((await engine.query<{ version: number }>('SELECT version FROM hub_migrations')).map((r) => r.version));
  let applied = 0;
  for (const m of HUB_MIGRATIONS) {
    if (done.has(m.version)) continue;
    await engine.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query('INSERT INTO hub_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    });
    applied++;
  }
  return applied;
}

/**
 * Makes the month's partitions of the facts tables if they are missing, inside the
 * caller's transaction. Concurrent ingests may both find a month missing: an advisory
 * lock held to the end of the transaction lets one create it and the other then see it.
 * `committed` lists months known to exist; the caller adds a month only once its
 * transaction has committed (an uncommitted partition is invisible to the others).
 */
export async function ensureMonth(tx: Sql, date: string, committed?: Set<string>): Promise<void> {
  const month = date.slice(0, 7);
  if (committed?.has(month)) return;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  await tx.query('SELECT pg_advisory_xact_lock(7480, $1)', [y * 100 + m]);
  for (const t of PARTITIONED) {
    await tx.exec(`CREATE TABLE IF NOT EXISTS ${t}_${y}_${String(m).padStart(2, '0')} PARTITION OF ${t} FOR VALUES FROM ('${month}-01') TO ('${next}')`);
  }
}
