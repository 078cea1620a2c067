#!/usr/bin/env node
// Renders build/resources/icon.svg (the app's mark, drawn for this project) into the
// icon files electron-builder packages: icon.png (1024 px: macOS, and the source it
// converts from), icon.ico (Windows: 16–256 px in one file) and icons/NxN.png (Linux).
// Uses the system Chromium through playwright-core; the output is committed, so a build
// machine needs neither. Run: node build/make-icons.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'resources');
const svg = readFileSync(join(dir, 'icon.svg'), 'utf8');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** An ICO file holding PNG images (allowed since Windows Vista, and what electron-builder accepts). */
export function icoFromPngs(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2);
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const render = async (size) => {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${svg.replace('width="512" height="512"', `width="${size}" height="${size}"`)}</body></html>`,
      );
      return page.locator('svg').screenshot({ omitBackground: true });
    };
    writeFileSync(join(dir, 'icon.png'), await render(1024));
    mkdirSync(join(dir, 'icons'), { recursive: true });
    for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(join(dir, 'icons', `${size}x${size}.png`), await render(size));
    const ico = [];
    for (const size of [16, 24, 32, 48, 64, 128, 256]) ico.push({ size, png: await render(size) });
    writeFileSync(join(dir, 'icon.ico'), icoFromPngs(ico));
  } finally {
    await browser.close();
  }
  console.log(`icons written to ${dir}`);
}
