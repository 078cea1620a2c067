/**
 * A hub on either engine for a test: PGlite in a folder of the test's, or a throwaway
 * PostgreSQL server (tests/helpers/postgres.ts). One place for what every two-engine hub
 * test opened and closed by hand.
 */
import type { Engine } from '../../hub/db/engine.js';
import { openHub } from '../../hub/db/open-hub.js';
import { startTestPostgres } from './postgres.js';

export async function openTestHub(kind: string, dir: string): Promise<{ hub: Engine; close(): Promise<void> }> {
  const server = kind === 'postgres' ? await startTestPostgres() : null;
  const hub = await openHub(server ? { db: server.url } : { data: `${dir}/${kind}` });
  return {
    hub,
    close: async () => {
      await hub.close();
      await server?.stop();
    },
  };
}
