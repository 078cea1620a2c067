#!/usr/bin/env node
// `npm start`: the desktop app when the Electron runtime is installed; otherwise the
// browser host (the same app over loopback HTTP) opened in Chromium/Chrome/Edge app
// mode. Builds what is missing first, so it works straight after `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// The runtime is installed when the electron package has written path.txt and the binary
// it names exists. Requiring 'electron' itself would try to download it (Electron >= 45),
// which fails without internet and only delays the fallback.
function electronBinary() {
  try {
    const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const exe = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
  console.log('首次启动：构建界面… / building the interface…');
  run(npm, ['run', 'build']);
}

const electron = process.env.POINTS_STORE_BROWSER === '1' ? null : electronBinary();
let child;
if (electron) {
  run(npm, ['run', 'build:electron']);
  child = spawn(electron, [join(root, 'dist', 'app', 'main.mjs'), ...args], { cwd: root, stdio: 'inherit' });
} else {
  console.log('未找到 Electron 运行时，使用浏览器模式 / Electron runtime not found: starting the browser host');
  child = spawn(process.execPath, ['--import', 'tsx', join(root, 'hosts', 'cli', 'main.ts'), 'serve', ...args], {
    cwd: root,
    stdio: 'inherit',
  });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
