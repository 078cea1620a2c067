/**
 * The on-screen preview, drawn from the same ReceiptDocument the encoder prints, so the
 * keeper sees exactly the lines the printer gets. Also a plain-text rendering (tests, CLI)
 * and a self-contained HTML page for printing through the system driver (Electron).
 */
import QRCode from 'qrcode';
import type { PreviewLine, ReceiptPreview } from '../contract/printing.js';
import { lineColumns, type ReceiptDocument } from './layout.js';

/** QR modules as rows of '1'/'0', with the same error level the printer uses. */
export function qrModules(payload: string, errorLevel: 'L' | 'M' | 'Q' | 'H'): string[] {
  const qr = QRCode.create(payload, { errorCorrectionLevel: errorLevel });
  const { size, data } = qr.modules;
  const rows: string[] = [];
  for (let r = 0; r < size; r++) {
    let row = '';
    for (let c = 0; c < size; c++) row += data[r * size + c] ? '1' : '0';
    rows.push(row);
  }
  return rows;
}

export function previewDocument(doc: ReceiptDocument): ReceiptPreview {
  const lines: PreviewLine[] = doc.lines.map((line): PreviewLine => {
    switch (line.kind) {
      case 'text':
        return {
          kind: 'text',
          text: line.text,
          columns: lineColumns(line),
          align: line.align,
          bold: line.bold,
          size: line.size,
          separator: line.separator === true,
        };
      case 'qr':
        return { kind: 'qr', payload: line.payload, modules: qrModules(line.payload, line.errorLevel), moduleSize: line.moduleSize };
      case 'feed':
        return { kind: 'feed', lines: line.lines };
      case 'cut':
        return { kind: 'cut' };
    }
  });
  return { width: doc.width, columns: doc.columns, title: doc.title, lines };
}

/**
 * The text lines exactly as printed (double-size lines as their characters), one string
 * per printed line; a QR code shows as `[QR <payload>]`, a cut as a line of scissors.
 */
export function previewText(doc: ReceiptDocument): string[] {
  const out: string[] = [];
  for (const line of doc.lines) {
    if (line.kind === 'text') out.push(line.text);
    else if (line.kind === 'qr') out.push(`[QR ${line.payload}]`);
    else if (line.kind === 'feed') for (let i = 0; i < line.lines; i++) out.push('');
    else out.push('- - - - 8< - - - -');
  }
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function qrSvg(modules: readonly string[], mm: number): string {
  const n = modules.length;
  let path = '';
  modules.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) if (row[x] === '1') path += `M${x + 2} ${y + 2}h1v1h-1z`;
  });
  const v = n + 4;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${v} ${v}" width="${mm}mm" height="${mm}mm" shape-rendering="crispEdges"><rect width="${v}" height="${v}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}

/**
 * A standalone HTML page of the document sized to the paper (for Electron's
 * `webContents.print` through the system driver). All text is escaped; no scripts, no
 * external resources.
 */
export function documentToHtml(doc: ReceiptDocument): string {
  const preview = previewDocument(doc);
  const paperMm = doc.width;
  const printMm = doc.width === 58 ? 48 : 72;
  // One column is 1/columns of the printable width; a monospace glyph is about 0.6 em wide.
  const fontMm = (printMm / doc.columns / 0.6).toFixed(2);
  const body = preview.lines
    .map((l) => {
      switch (l.kind) {
        case 'text': {
          const style = [
            l.bold ? 'font-weight:bold' : '',
            l.size === 'double' ? 'font-size:200%' : '',
            l.size === 'tall' ? 'transform:scaleY(2);margin:0.5em 0' : '',
          ]
            .filter(Boolean)
            .join(';');
          return `<div class="l"${style ? ` style="${style}"` : ''}>${escapeHtml(l.text) || '&nbsp;'}</div>`;
        }
        case 'qr':
          return `<div class="qr">${qrSvg(l.modules, Math.min(printMm - 8, l.moduleSize * 6))}</div>`;
        case 'feed':
          return '<div class="l">&nbsp;</div>'.repeat(l.lines);
        case 'cut':
          return '';
      }
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(doc.title)}</title>
<style>
@page { size: ${paperMm}mm auto; margin: 0; }
html, body { margin: 0; padding: 0; }
body { width: ${printMm}mm; padding: 2mm ${(paperMm - printMm) / 2}mm; font-family: "SimHei", "Microsoft YaHei Mono", "Noto Sans Mono CJK SC", monospace; font-size: ${fontMm}mm; line-height: 1.25; color: #000; }
.l { white-space: pre; }
.qr { text-align: center; margin: 1mm 0; }
</style></head><body>
${body}
</body></html>
`;
}
