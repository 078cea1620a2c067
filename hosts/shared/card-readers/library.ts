/**
 * Opening a maker's reader library with koffi (FFI with prebuilt binaries in its npm
 * package): a missing file or a file that is not a library becomes a clear refusal, and
 * calls run on koffi's worker threads so a slow reader (a read takes ~0.5 s on real
 * hardware) never freezes the host's event loop.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ReaderUnavailable } from '../../../db/hardware/card-reader.js';

type Koffi = typeof import('koffi');
export type LibraryHandle = ReturnType<Koffi['load']>;
export type NativeFunction = ReturnType<LibraryHandle['func']>;

let koffi: Koffi | null = null;

/**
 * koffi is loaded on first use, not at start-up: a counter with a keyboard reader (or a
 * platform koffi has no binary for) must start as before.
 */
function loadKoffi(): Koffi {
  if (!koffi) {
    try {
      koffi = createRequire(import.meta.url)('koffi') as Koffi;
    } catch (e) {
      throw new ReaderUnavailable('READER_LIBRARY_BROKEN', { detail: 'koffi: ' + shortReason(e) });
    }
  }
  return koffi;
}

export function openLibrary(path: string): LibraryHandle {
  if (!existsSync(path) || !statSync(path).isFile()) throw new ReaderUnavailable('READER_LIBRARY_MISSING', { path });
  const ffi = loadKoffi();
  try {
    return ffi.load(path);
  } catch (e) {
    throw new ReaderUnavailable('READER_LIBRARY_BROKEN', { detail: shortReason(e) });
  }
}

/** A function the profile needs: a library without it is the wrong library for the profile. */
export function bind(lib: LibraryHandle, definition: string): NativeFunction {
  try {
    return lib.func(definition);
  } catch (e) {
    throw new ReaderUnavailable('READER_LIBRARY_BROKEN', { detail: shortReason(e) });
  }
}

/** Calls `fn` on koffi's worker thread. */
export function callAsync(fn: NativeFunction, ...args: unknown[]): Promise<number> {
  return new Promise((resolve, reject) => {
    fn.async(...args, (err: unknown, result: unknown) => {
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve(Number(result));
    });
  });
}

function shortReason(e: unknown): string {
  // The loader's message names the file and the missing symbol; nothing personal in it.
  return (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').slice(0, 120);
}

/**
 * Several makers' libraries write what they read beside themselves or into the working
 * folder (wz.txt with the text, zp.bmp / xp.wlt with the photo). The store keeps neither
 * the photo nor the address, so such files are removed after every read.
 */
const LEFTOVERS = ['wz.txt', 'zp.bmp', 'zp.wlt', 'xp.wlt', 'photo.bmp', 'fp.dat'];

export function removeLeftovers(libraryPath: string): void {
  for (const dir of new Set([dirname(libraryPath), process.cwd()])) {
    for (const name of LEFTOVERS) rmSync(join(dir, name), { force: true });
  }
}
