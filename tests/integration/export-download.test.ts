/**
 * The browser host's download route for finished exports: streams the file with its
 * Chinese name, only while the session that started the export is logged in.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportJobView, SessionView } from '../../db/contract/index.js';
import { exportJobs } from '../../db/accounting/exports/jobs.js';
import { startBrowserHost, type BrowserHost } from '../../hosts/browser/browser-host.js';
import { tempDir } from '../helpers/core.js';

describe('GET /download/export/<id>', () => {
  let host: BrowserHost;
  const tmp = tempDir();
  async function post<T>(op: string, body: unknown, token?: string): Promise<T> {
    const r = await fetch(`${host.url}/api/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { 'x-session': token } : {}) },
      body: JSON.stringify(body),
    });
    const j = (await r.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!j.ok) throw new Error(j.error?.message);
    return j.value;
  }

  beforeAll(async () => {
    const staticDir = join(tmp.dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>积分超市</title>');
    host = await startBrowserHost({ dataDir: join(tmp.dir, 'data'), port: 0, demo: true, staticDir });
  });
  afterAll(async () => {
    await host.close();
    tmp.cleanup();
  });

  it('streams the finished file with its Chinese name, and stops once the session ends', async () => {
    const ops = await post<{ id: number; name: string }[]>('session.operators', {});
    const accountant = ops.find((o) => o.name === '演示会计')!;
    const session = await post<SessionView>('session.login', { operatorId: accountant.id, pin: '5678' });
    const job = await post<ExportJobView>('export.start', { kind: 'ledger', format: 'csv', from: '2026-01-01', to: '2026-12-31' }, session.token);
    const done = (await exportJobs(host.core).settled(job.id))!;
    expect(done.state).toBe('done');

    const r = await fetch(host.url + done.downloadPath!);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('积分台账_2026-01-01_2026-12-31.csv')}`);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const body = Buffer.from(await r.arrayBuffer());
    const dl = exportJobs(host.core).download(job.id)!;
    expect(body.equals(readFileSync(dl.file))).toBe(true);
    expect(body.subarray(0, 3).toString('hex')).toBe('efbbbf');

    expect((await fetch(`${host.url}/download/export/${'A'.repeat(24)}`)).status).toBe(404);
    expect((await fetch(`${host.url}/download/export/..%2f..%2fstore.sqlite`)).status).toBe(404);
    await post('session.logout', {}, session.token);
    const after = await fetch(host.url + done.downloadPath!);
    expect(after.status).toBe(404);
    expect(await after.text()).toContain('请重新导出');
  });
});
