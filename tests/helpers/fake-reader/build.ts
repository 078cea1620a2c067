/**
 * Builds the fake ID card reader library (fake-reader.c) with the system's C compiler into
 * a test's folder, and "places" or "removes" a card by writing or deleting the file the
 * library looks for.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SOURCE = resolve(import.meta.dirname, 'fake-reader.c');

export interface FakeReader {
  libraryPath: string;
  cardFile: string;
  place(card: { name: string; idNumber: string }): void;
  remove(): void;
}

export function buildFakeReader(dir: string): FakeReader {
  const cardFile = join(dir, 'card-on-reader.txt');
  const libraryPath = join(dir, process.platform === 'win32' ? 'fake-termb.dll' : 'libfake-termb.so');
  execFileSync('cc', ['-shared', '-fPIC', '-O1', '-Wall', '-Werror', `-DCARD_FILE=${JSON.stringify(cardFile)}`, '-o', libraryPath, SOURCE], {
    stdio: 'pipe',
  });
  return {
    libraryPath,
    cardFile,
    place: (card) => writeFileSync(cardFile, `${card.name}\n${card.idNumber}\n`),
    remove: () => rmSync(cardFile, { force: true }),
  };
}
