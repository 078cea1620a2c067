/**
 * The afterPack hook's fuses, flipped by the real @electron/fuses in a stand-in binary: a
 * file holding the fuse wire the way an Electron executable does (the sentinel, a version
 * byte, a length byte, one '0'/'1' byte per fuse), here with Electron's defaults.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FuseState, FuseV1Options, flipFuses, getCurrentFuseWire, type FuseConfig } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/core.js';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on,
// asar integrity off, only-from-asar off, V8 snapshot off, file:// privileges on, wasm traps on.
const DEFAULT_WIRE = '101100011';

interface Hook {
  fuseConfig(platform: string): FuseConfig;
  afterPack(context: { electronPlatformName: string; packager: { addElectronFuses(ctx: unknown, fuses: FuseConfig): Promise<number> } }): Promise<void>;
}

describe('Electron fuses at packaging time', () => {
  const dir = tempDir('vps-fuses-');
  afterAll(() => dir.cleanup());

  const fakeBinary = (name: string) => {
    const file = join(dir.dir, name);
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.alloc(4096, 0x90),
        Buffer.from(SENTINEL),
        Buffer.from([1, DEFAULT_WIRE.length]),
        Buffer.from(DEFAULT_WIRE),
        Buffer.alloc(4096, 0x90),
      ]),
    );
    return file;
  };

  it('the afterPack hook turns off running as Node, NODE_OPTIONS and --inspect, and turns on asar-only loading and asar integrity', async () => {
    const hook = (await import(pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'build', 'after-pack.mjs')).href)) as Hook;
    const exe = fakeBinary('electron');
    // electron-builder's packager.addElectronFuses locates the executable and calls flipFuses.
    await hook.afterPack({ electronPlatformName: 'linux', packager: { addElectronFuses: (_ctx, fuses) => flipFuses(exe, fuses) } });
    const wire = await getCurrentFuseWire(exe);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    // Fuses the hook leaves alone keep Electron's setting.
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(FuseState.ENABLE);
    // Only the wire changed, not a byte around it.
    expect(
      readFileSync(exe)
        .subarray(0, 4096)
        .every((b) => b === 0x90),
    ).toBe(true);
  });

  it('asks for a fresh ad-hoc signature on a Mac only', async () => {
    const hook = (await import(pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'build', 'after-pack.mjs')).href)) as Hook;
    expect(hook.fuseConfig('darwin').resetAdHocDarwinSignature).toBe(true);
    expect(hook.fuseConfig('win32').resetAdHocDarwinSignature).toBe(false);
  });
});
