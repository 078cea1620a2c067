#!/usr/bin/env node
// The package's bin: runs the TypeScript CLI through tsx (installed with the dev tools by npm ci;
// the desktop package bundles what it needs and ships none of them).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'hosts', 'cli', 'main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
