/**
 * Raw TCP (port 9100). A job counts as printed only when every byte was sent, our side
 * half-closed, and the printer closed its side in turn — i.e. it read up to the end of the
 * data (CUPS's socket backend waits the same way). A printer that accepts the connection
 * but stops reading (out of paper, lid open, a black hole) runs into the write timeout and
 * the job stays queued.
 */
import net from 'node:net';
import { AppError, type ErrorCode } from '../../contract/errors.js';
import type { PrinterTransport, PrintPayload, ProbeResult } from './types.js';
import { describeTarget, type TcpTarget } from './uri.js';

function errorCode(err: NodeJS.ErrnoException, connected: boolean): ErrorCode {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'PRINTER_REFUSED';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return 'PRINTER_HOST_NOT_FOUND';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
      return connected ? 'PRINTER_WRITE_TIMEOUT' : 'PRINTER_CONNECT_TIMEOUT';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return 'PRINTER_DISCONNECTED';
    default:
      return connected ? 'PRINTER_DISCONNECTED' : 'PRINTER_REFUSED';
  }
}

export class TcpTransport implements PrinterTransport {
  readonly description: string;

  constructor(private readonly target: TcpTarget) {
    this.description = describeTarget(target);
  }

  send(payload: PrintPayload): Promise<void> {
    return this.run(payload.bytes);
  }

  async probe(): Promise<ProbeResult> {
    try {
      await this.run(null);
      return { reachable: true, error: null };
    } catch (err) {
      return { reachable: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Connects and sends `bytes` (or only connects, for a probe). */
  private run(bytes: Buffer | null): Promise<void> {
    const t = this.target;
    const where = `${t.host}:${t.port}`;
    return new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host: t.host, port: t.port });
      let connected = false;
      let finished = false;
      let peerEnded = false;
      let settled = false;
      let timer: NodeJS.Timeout;
      const settle = (err: AppError | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.removeAllListeners('data');
        if (err) {
          socket.destroy();
          reject(err);
        } else {
          socket.destroy();
          resolve();
        }
      };
      const fail = (code: ErrorCode) => settle(new AppError(code, { target: where }));
      timer = setTimeout(() => fail('PRINTER_CONNECT_TIMEOUT'), t.connectTimeoutMs);
      const maybeDone = () => {
        if (finished && (peerEnded || !t.waitForEof)) settle(null);
      };
      socket.once('connect', () => {
        connected = true;
        clearTimeout(timer);
        if (bytes === null) {
          settle(null);
          return;
        }
        timer = setTimeout(() => fail('PRINTER_WRITE_TIMEOUT'), t.writeTimeoutMs);
        socket.end(bytes);
      });
      // Printers may send status bytes back; read and drop them so that 'end' arrives.
      socket.on('data', () => undefined);
      socket.once('finish', () => {
        finished = true;
        maybeDone();
      });
      socket.once('end', () => {
        peerEnded = true;
        if (!finished) {
          // The printer closed before taking all the data.
          fail('PRINTER_DISCONNECTED');
          return;
        }
        maybeDone();
      });
      socket.on('error', (err: NodeJS.ErrnoException) => fail(errorCode(err, connected)));
      socket.once('close', () => {
        if (!settled) fail(connected ? 'PRINTER_DISCONNECTED' : 'PRINTER_REFUSED');
      });
    });
  }
}
