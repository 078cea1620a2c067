/**
 * A zip archive streamed to a file: fflate's `Zip` writes the container (local headers,
 * data descriptors, central directory) and each part is deflated by Node's zlib, which
 * is native and runs on libuv's thread pool, so compression overlaps with making the
 * rows on the main thread. (fflate's own deflate is plain JavaScript: on sheet XML it
 * managed about 70 MB/s, zlib level 1 over 300 MB/s.) Parts are written one after the
 * other; memory stays bounded because the caller waits at chunk boundaries until the
 * compressor and the disk have caught up (`drained`).
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { constants, crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';
// fflate's plain build: the same Zip class without the Node build's top-level
// `createRequire` (only its worker-based functions need it, and we use none), which
// clashes with the `require` shim of the child-process bundles (tests/helpers/bundle.ts).
import { Zip, type AsyncFlateStreamHandler, type ZipInputFile } from 'fflate/browser';

/** Bytes the compressor or the file may hold before the writer waits. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;
const DEFLATE = 8;

/** One file in the archive, deflated by zlib (fflate's documented custom-compression hook). */
class DeflatedPart implements ZipInputFile {
  readonly compression = DEFLATE;
  /** DEFLATE option bits 1–2 in the zip header: 0 = normal; we do not claim a level. */
  readonly flag = 0 as const;
  readonly mtime = new Date();
  size = 0;
  crc = 0;
  ondata: AsyncFlateStreamHandler = () => undefined;
  readonly ended: Promise<void>;
  private readonly z: DeflateRaw;

  constructor(
    readonly filename: string,
    level: number,
    onError: (e: Error) => void,
  ) {
    this.z = createDeflateRaw({ level, memLevel: 8, strategy: constants.Z_DEFAULT_STRATEGY });
    // zlib's buffers sit on plain ArrayBuffers (never shared memory), which fflate's type wants.
    this.z.on('data', (chunk: Buffer) => this.ondata(null, chunk as Uint8Array<ArrayBuffer>, false));
    this.z.on('error', onError);
    this.ended = new Promise((resolve) => {
      this.z.on('end', () => {
        // fflate reads size and crc when the final chunk arrives, for the data descriptor.
        this.ondata(null, new Uint8Array(0), true);
        resolve();
      });
      this.z.on('close', () => resolve());
    });
  }

  write(bytes: Buffer): void {
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    this.z.write(bytes);
  }

  end(): void {
    this.z.end();
  }

  async drained(): Promise<void> {
    while (this.z.writableLength > MAX_PENDING_BYTES && !this.z.destroyed) await once(this.z, 'drain');
  }

  destroy(): void {
    this.z.destroy();
  }
}

export class ZipFile {
  private readonly out: WriteStream;
  private readonly closed: Promise<unknown>;
  private readonly zip: Zip;
  private readonly parts: DeflatedPart[] = [];
  private failure: Error | null = null;
  private ended = false;

  constructor(
    file: string,
    private readonly level: number,
    onBytes?: (bytes: Uint8Array) => void,
  ) {
    this.out = createWriteStream(file, { mode: 0o600 }); // exports hold households' data: private (issue 12)
    this.closed = once(this.out, 'close');
    this.out.on('error', this.fail);
    this.zip = new Zip((err, chunk, final) => {
      if (err) this.fail(err);
      else if (chunk.length) {
        onBytes?.(chunk);
        this.out.write(chunk);
      }
      if (final) this.out.end();
    });
  }

  private readonly fail = (e: Error) => {
    this.failure ??= e;
  };

  /** Starts the next file of the archive; the previous one must have been ended. */
  open(path: string): DeflatedPart {
    const part = new DeflatedPart(path, this.level, this.fail);
    this.zip.add(part);
    this.parts.push(part);
    return part;
  }

  /** A whole small file at once. */
  add(path: string, text: string): void {
    const part = this.open(path);
    part.write(Buffer.from(text, 'utf8'));
    part.end();
  }

  /** Waits while the compressor or the disk is behind (call between chunks of rows). */
  async drained(part: DeflatedPart): Promise<void> {
    if (this.failure) throw this.failure;
    await part.drained();
    while (this.out.writableLength > MAX_PENDING_BYTES && !this.out.destroyed) await once(this.out, 'drain');
    if (this.failure) throw this.failure;
  }

  async finish(): Promise<void> {
    await Promise.all(this.parts.map((p) => p.ended));
    if (this.failure) throw this.failure;
    this.ended = true;
    this.zip.end();
    await this.closed;
    if (this.failure) throw this.failure;
  }

  /** After a failure or a cancel: stop compressing and close the file (the caller removes it). */
  async abandon(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    for (const p of this.parts) p.destroy();
    this.zip.terminate();
    if (!this.out.writableEnded) this.out.end();
    await this.closed;
  }
}
