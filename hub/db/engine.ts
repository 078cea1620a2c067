/**
 * The hub's storage: PostgreSQL, either a real server (`--db postgres://…`) or PGlite, the
 * PostgreSQL build that runs in-process (`--data DIR`, the default). Both take the same
 * SQL; this is the one seam between them. Queries are written to return only text, int4,
 * float8, boolean and jsonb, which both drivers hand back the same way (pg gives int8 and
 * numeric as strings, PGlite as numbers; dates differ too), so callers never see a
 * difference.
 */
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

export type Row = Record<string, unknown>;

export interface Sql {
  query<T extends Row = Row>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Engine extends Sql {
  readonly kind: 'postgres' | 'pglite';
  /** Runs fn in one transaction: everything or nothing. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

class PostgresEngine implements Engine {
  readonly kind = 'postgres' as const;
  constructor(private readonly pool: pg.Pool) {}

  async query<T extends Row>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(text, params)).rows as T[];
  }

  async exec(text: string): Promise<void> {
    await this.pool.query(text);
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const tx: Sql = {
        query: async <R extends Row>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[],
        exec: async (text: string) => {
          await client.query(text);
        },
      };
      const out = await fn(tx);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

class PgliteEngine implements Engine {
  readonly kind = 'pglite' as const;
  constructor(private readonly db: PGlite) {}

  async query<T extends Row>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query<T>(text, params)).rows;
  }

  async exec(text: string): Promise<void> {
    await this.db.exec(text);
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.db.transaction(async (t) => {
      const tx: Sql = {
        query: async <R extends Row>(text: string, params: unknown[] = []) => (await t.query<R>(text, params)).rows,
        exec: async (text: string) => {
          await t.exec(text);
        },
      };
      return fn(tx);
    });
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

export async function openEngine(opts: { url?: string; dataDir?: string }): Promise<Engine> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 4 });
    // Fail now with the server's own message rather than at the first import.
    await pool.query('SELECT 1');
    return new PostgresEngine(pool);
  }
  if (!opts.dataDir) throw new Error('the embedded engine needs a data folder (--data DIR)');
  const db = new PGlite(opts.dataDir);
  await db.waitReady;
  return new PgliteEngine(db);
}
