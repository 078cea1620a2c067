/**
 * A real PostgreSQL server for the hub's tests: a throwaway cluster made with Debian's
 * server binaries (initdb into a temporary folder, listening only on a Unix socket in
 * it, fsync off), stopped and deleted afterwards. As root, the server runs as the
 * `postgres` user (PostgreSQL refuses to run as root). HUB_TEST_PG_URL points the tests
 * at an existing server instead (a fresh database is made in it).
 *
 * Without PostgreSQL the tests say so; under CI (CI=true) that is a failure, never a
 * silent skip (HUB_REQUIRE_POSTGRES=1 too): .ci/run installs Debian's postgresql package.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

function binDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : null;
}

/** Why the server tests cannot run here, or null when they can. */
export function postgresUnavailable(): string | null {
  if (process.env.HUB_TEST_PG_URL) return null;
  if (!binDir()) return 'PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)';
  if (process.getuid?.() === 0 && spawnSync('id', ['postgres']).status !== 0) return 'running as root and there is no postgres user to run the server as';
  return null;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.HUB_TEST_PG_URL;
  if (given) {
    const name = `hub_test_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: given });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(given);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      stop: async () => {
        const c = new pg.Client({ connectionString: given });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const why = postgresUnavailable();
  if (why) throw new Error(why);
  const bin = binDir()!;
  const dir = mkdtempSync(join(tmpdir(), 'hub-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  // The server's user must be able to reach the folder (mkdtemp makes it 0700).
  chmodSync(dir, 0o777);
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: 'pipe', timeout: 120_000 });
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  run(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-w',
    '-t',
    '120',
    '-l',
    join(dir, 'log'),
    '-o',
    `-k ${dir} -p ${port} -c listen_addresses='' -c fsync=off -c synchronous_commit=off`,
    'start',
  ]);
  return {
    url: `postgresql://postgres@localhost:${port}/postgres?host=${encodeURIComponent(dir)}`,
    stop: () => {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      return Promise.resolve();
    },
  };
}
