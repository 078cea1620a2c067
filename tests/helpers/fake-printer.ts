/**
 * A fake ESC/POS network printer on 127.0.0.1 and a decoder for what it receives.
 *
 * Modes:
 *   'print'     accept, read everything, close after the client's end (a healthy printer)
 *   'refuse'    nothing listens on the port: connection refused (printer off)
 *   'blackhole' accept and never read or close (a printer out of paper / hung)
 *   'reset'     accept and reset the connection at once
 * The port stays the same across modes, so a printer address keeps working.
 */
import net from 'node:net';
import iconv from 'iconv-lite';

export type FakePrinterMode = 'print' | 'refuse' | 'blackhole' | 'reset';

export class FakePrinter {
  /** One Buffer per completed job (connection that sent data and closed cleanly). */
  readonly jobs: Buffer[] = [];
  connections = 0;
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private mode: FakePrinterMode = 'print';
  port = 0;

  static async start(mode: FakePrinterMode = 'print'): Promise<FakePrinter> {
    const p = new FakePrinter();
    await p.listen();
    await p.setMode(mode);
    return p;
  }

  get uri(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  /** A URI with short timeouts for tests. */
  uriWith(opts: { connectTimeout?: number; writeTimeout?: number }): string {
    const q = new URLSearchParams();
    if (opts.connectTimeout) q.set('connectTimeout', String(opts.connectTimeout));
    if (opts.writeTimeout) q.set('writeTimeout', String(opts.writeTimeout));
    return `${this.uri}?${q.toString()}`;
  }

  private listen(): Promise<void> {
    const server = net.createServer((socket) => this.onConnection(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        const addr = server.address();
        if (addr && typeof addr === 'object') this.port = addr.port;
        resolve();
      });
    });
  }

  private closeServer(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  async setMode(mode: FakePrinterMode): Promise<void> {
    this.mode = mode;
    if (mode === 'refuse') await this.closeServer();
    else if (!this.server) await this.listen();
  }

  private onConnection(socket: net.Socket): void {
    this.connections++;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    if (this.mode === 'reset') {
      socket.resetAndDestroy();
      return;
    }
    if (this.mode === 'blackhole') {
      socket.pause();
      return;
    }
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => {
      const data = Buffer.concat(chunks);
      if (data.length > 0) {
        this.jobs.push(data);
        for (const w of [...this.jobWaiters]) w();
      }
      socket.end();
    });
  }

  private readonly jobWaiters = new Set<() => void>();

  /** Connections still open: 0 after a client's connection was fully handled. */
  get openSockets(): number {
    return this.sockets.size;
  }

  /**
   * Resolves when `n` jobs have arrived (woken by each arrival, not by polling). The limit
   * is only an upper bound for a loaded machine; a healthy run returns at once.
   */
  waitForJobs(n: number, timeoutMs = 30_000): Promise<void> {
    if (this.jobs.length >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.jobs.length < n) return;
        clearTimeout(timer);
        this.jobWaiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.jobWaiters.delete(check);
        reject(new Error(`expected ${n} print jobs, got ${this.jobs.length}`));
      }, timeoutMs);
      this.jobWaiters.add(check);
    });
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await this.closeServer();
  }
}

// ---------------------------------------------------------------------------------------
// Decoder

export type EscPosToken =
  { type: 'text'; text: string; bytes: Buffer } | { type: 'lf' } | { type: 'command'; name: string; bytes: Buffer } | { type: 'qr'; fn: number; data: Buffer };

export interface DecodedLine {
  text: string;
  /** GBK byte length: printer columns at normal size. */
  byteColumns: number;
  /** Printed columns counting the character size (GS !). */
  printedColumns: number;
  bold: boolean;
  widthScale: number;
  /** The line feed that ends a printed QR code (no text). */
  afterQr: boolean;
}

export interface DecodedReceipt {
  tokens: EscPosToken[];
  commands: string[];
  lines: DecodedLine[];
  /** QR payloads stored by GS ( k fn 80. */
  qrPayloads: string[];
  /** QR codes printed (fn 81). */
  qrPrints: number;
  cuts: number;
}

const FIXED: ReadonlyArray<[prefix: number[], extra: number, name: string]> = [
  [[0x1b, 0x40], 0, 'ESC @'],
  [[0x1c, 0x26], 0, 'FS &'],
  [[0x1c, 0x2e], 0, 'FS .'],
  [[0x1c, 0x21], 1, 'FS !'],
  [[0x1b, 0x61], 1, 'ESC a'],
  [[0x1b, 0x45], 1, 'ESC E'],
  [[0x1b, 0x21], 1, 'ESC !'],
  [[0x1b, 0x2d], 1, 'ESC -'],
  [[0x1b, 0x64], 1, 'ESC d'],
  [[0x1b, 0x4a], 1, 'ESC J'],
  [[0x1b, 0x32], 0, 'ESC 2'],
  [[0x1b, 0x33], 1, 'ESC 3'],
  [[0x1b, 0x74], 1, 'ESC t'],
  [[0x1d, 0x21], 1, 'GS !'],
  [[0x10, 0x04], 1, 'DLE EOT'],
];

function startsWith(buf: Buffer, at: number, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => buf[at + i] === b);
}

/** Splits an ESC/POS stream into commands and text; text is decoded as GB18030. */
export function tokenize(buf: Buffer): EscPosToken[] {
  const out: EscPosToken[] = [];
  let i = 0;
  let textStart = -1;
  const flushText = () => {
    if (textStart >= 0 && textStart < i) {
      const bytes = buf.subarray(textStart, i);
      out.push({ type: 'text', text: iconv.decode(bytes, 'gb18030'), bytes: Buffer.from(bytes) });
    }
    textStart = -1;
  };
  while (i < buf.length) {
    const b = buf[i]!;
    if (b >= 0x20 && b !== 0x7f) {
      if (textStart < 0) textStart = i;
      i++;
      continue;
    }
    flushText();
    if (b === 0x0a) {
      out.push({ type: 'lf' });
      i++;
      continue;
    }
    const fixed = FIXED.find(([p]) => startsWith(buf, i, p));
    if (fixed) {
      const len = fixed[0].length + fixed[1];
      out.push({ type: 'command', name: fixed[2], bytes: Buffer.from(buf.subarray(i, i + len)) });
      i += len;
      continue;
    }
    if (startsWith(buf, i, [0x1d, 0x56])) {
      const m = buf[i + 2] ?? 0;
      const len = m === 65 || m === 66 || m === 97 || m === 98 ? 4 : 3;
      out.push({ type: 'command', name: 'GS V', bytes: Buffer.from(buf.subarray(i, i + len)) });
      i += len;
      continue;
    }
    if (startsWith(buf, i, [0x1d, 0x28, 0x6b])) {
      const n = (buf[i + 3] ?? 0) + (buf[i + 4] ?? 0) * 256;
      const body = buf.subarray(i + 5, i + 5 + n);
      const fn = body[1] ?? 0;
      out.push({ type: 'qr', fn, data: Buffer.from(fn === 0x50 ? body.subarray(3) : body.subarray(2)) });
      i += 5 + n;
      continue;
    }
    throw new Error(`unknown ESC/POS byte 0x${b.toString(16)} at ${i}`);
  }
  flushText();
  return out;
}

/** Decodes a job into printed lines (with their widths), QR payloads and cuts. */
export function decode(buf: Buffer): DecodedReceipt {
  const tokens = tokenize(buf);
  const lines: DecodedLine[] = [];
  const commands: string[] = [];
  const qrPayloads: string[] = [];
  let qrPrints = 0;
  let cuts = 0;
  let bold = false;
  let scale = 1;
  let text = '';
  let bytes = 0;
  let pending = false;
  let afterQr = false;
  for (const t of tokens) {
    if (t.type === 'text') {
      text += t.text;
      bytes += t.bytes.length;
      pending = true;
    } else if (t.type === 'lf') {
      lines.push({ text, byteColumns: bytes, printedColumns: bytes * scale, bold, widthScale: scale, afterQr: afterQr && !pending });
      text = '';
      bytes = 0;
      pending = false;
      afterQr = false;
    } else if (t.type === 'qr') {
      commands.push(`GS ( k ${t.fn}`);
      if (t.fn === 0x50) qrPayloads.push(t.data.toString('latin1'));
      if (t.fn === 0x51) {
        qrPrints++;
        afterQr = true;
      }
    } else {
      commands.push(t.name);
      if (t.name === 'ESC E') bold = (t.bytes[2] ?? 0) % 2 === 1;
      if (t.name === 'GS !') scale = ((t.bytes[2] ?? 0) >> 4) + 1;
      if (t.name === 'GS V') cuts++;
    }
  }
  if (pending) lines.push({ text, byteColumns: bytes, printedColumns: bytes * scale, bold, widthScale: scale, afterQr: false });
  return { tokens, commands, lines, qrPayloads, qrPrints, cuts };
}
