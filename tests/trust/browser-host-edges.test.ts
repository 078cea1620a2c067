/**
 * Issue 12, item 7: the browser host answers only to its own loopback names as `Host:`
 * (a DNS-rebinding page gets 421, not the counter), says 400 for bad %-encoding (never
 * 500), and answers an oversized body with 413 instead of resetting the connection.
 * Every request here is written byte by byte on a raw socket, so the headers are exactly
 * what an attacker would send.
 */
import { connect } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../hosts/browser/browser-host.js';
import { tempDir } from '../helpers/core.js';

interface RawReply {
  status: number;
  head: string;
  body: string;
  /** The socket ended in an error (a reset) rather than a clean close. */
  reset: boolean;
}

/** Writes `head` (+ `body`, streamed in chunks) on a fresh socket and reads until the server closes. */
function raw(port: number, head: string, body: Buffer | null = null): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let reset = false;
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => (reset = true));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [h = '', ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(h)?.[1] ?? 0);
      resolve({ status, head: h, body: rest.join('\r\n\r\n'), reset });
    });
    socket.write(head);
    if (body) {
      // Streamed the way a client uploads: the server may answer before it is all sent.
      let off = 0;
      const pump = () => {
        while (off < body.length) {
          const next = body.subarray(off, off + 1024 * 1024);
          off += next.length;
          if (!socket.write(next)) return void socket.once('drain', pump);
        }
      };
      socket.on('error', () => (off = body.length));
      pump();
    }
  });
}

const get = (path: string, host: string) => `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
const post = (op: string, host: string, length: number) =>
  `POST /api/${op} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`;

describe('the browser host at its edges', () => {
  let host: BrowserHost;
  let port: number;
  const tmp = tempDir();

  beforeAll(async () => {
    const staticDir = join(tmp.dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>积分超市</title>');
    host = await startBrowserHost({ dataDir: join(tmp.dir, 'data'), port: 0, demo: true, staticDir });
    port = Number(new URL(host.url).port);
  });
  afterAll(async () => {
    await host.close();
    tmp.cleanup();
  });

  it('answers 127.0.0.1:PORT and localhost:PORT', async () => {
    for (const name of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      const r = await raw(port, get('/', name));
      expect(r.status, name).toBe(200);
      expect(r.body).toContain('积分超市');
    }
  });

  it('refuses any other Host (DNS rebinding) with 421, and a missing Host with 400', async () => {
    for (const name of [
      'evil.example',
      `evil.example:${port}`,
      '127.0.0.1',
      `127.0.0.1:${port + 1}`,
      `localhost.evil.example:${port}`,
      `[::1]:${port}`,
      `0.0.0.0:${port}`,
    ]) {
      const ui = await raw(port, get('/', name));
      expect(ui.status, name).toBe(421);
      expect(ui.body).not.toContain('积分超市');
      const api = await raw(port, `${post('setup.status', name, 2)}{}`);
      expect(api.status, name).toBe(421);
      expect(api.body).not.toContain('"ok":true');
    }
    const none = await raw(port, 'GET / HTTP/1.0\r\n\r\n');
    expect(none.status).toBe(400);
  });

  it('says 400 for bad %-encoding, never 500', async () => {
    const name = `127.0.0.1:${port}`;
    for (const path of ['/%E0%A4%A', '/%', '/assets/%zz.js', '/api/%E0%A4%A', '/download/export/%ff%']) {
      const r = path.startsWith('/api/') ? await raw(port, `${post(path.slice(5), name, 2)}{}`) : await raw(port, get(path, name));
      expect(r.status, path).toBe(400);
      expect(r.body).toContain('编码有误');
    }
  });

  it('answers a 50 MB body with 413 (declared or chunked), without a reset; the host keeps serving', async () => {
    const name = `127.0.0.1:${port}`;
    const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
    const declared = await raw(port, post('counter.lookup', name, big.length), big);
    expect(declared.status).toBe(413);
    expect(declared.reset).toBe(false);
    expect(declared.body).toContain('请求内容过大');

    const chunkedHead = `POST /api/counter.lookup HTTP/1.1\r\nHost: ${name}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`;
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const framed = Buffer.concat([
      ...Array.from({ length: 8 }, () => Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])),
      Buffer.from('0\r\n\r\n'),
    ]);
    const chunked = await raw(port, chunkedHead, framed);
    expect(chunked.status).toBe(413);
    expect(chunked.reset).toBe(false);

    const after = await raw(port, `${post('setup.status', name, 2)}{}`);
    expect(after.status).toBe(200);
    expect(after.body).toContain('"ok":true');
  }, 60_000);
});
