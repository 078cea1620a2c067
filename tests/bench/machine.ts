/** What the numbers were measured on: they mean little without it. */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import Database from 'better-sqlite3';

export interface Machine {
  nproc: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  sqlite: string;
  platform: string;
  loadAvgAtStart: number[];
  date: string;
}

export function describeMachine(): Machine {
  const db = new Database(':memory:');
  const sqlite = db.prepare('SELECT sqlite_version()').pluck().get() as string;
  db.close();
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    sqlite,
    platform: `${process.platform} ${process.arch}`,
    loadAvgAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
    date: new Date().toISOString(),
  };
}
