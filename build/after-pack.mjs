// electron-builder's afterPack hook (package.json build.afterPack): flips Electron's fuses
// in the packaged binary, after the app is packed and before it is signed.
//
// Fuses are switches compiled into the Electron executable; flipping them turns off ways
// to make the installed app run code that is not ours:
//   RunAsNode off                  ELECTRON_RUN_AS_NODE=1 would make it a plain Node.js
//   NodeOptions off                NODE_OPTIONS=--require evil.js would run before our code
//   NodeCliInspect off             --inspect would open a debugger port into the main process
//   OnlyLoadAppFromAsar on         an app folder placed beside app.asar would be loaded instead
//   EmbeddedAsarIntegrity on       app.asar is checked against the hash electron-builder embeds
//   GrantFileProtocolExtraPrivileges off   the page is served on app://, file:// needs nothing extra
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** The fuse settings, by platform (a Mac's ad-hoc signature must be redone after flipping). */
export function fuseConfig(platformName) {
  return {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: platformName === 'darwin',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

export async function afterPack(context) {
  // electron-builder finds the executable for the platform and calls @electron/fuses.
  const flipped = await context.packager.addElectronFuses(context, fuseConfig(context.electronPlatformName));
  if (typeof flipped === 'number' && flipped < 1) throw new Error('no Electron fuse was flipped: is this an Electron binary?');
}
