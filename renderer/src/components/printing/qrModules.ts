import { create } from 'qrcode/lib/core/qrcode.js';

/**
 * QR modules as rows of '1' (dark) / '0' (light), the same shape the core sends in a
 * ReceiptPreview, so one <QrSvg> draws both. Used for the A4 card sheet, whose codes are
 * drawn in the browser from the signed payloads the core hands out.
 */
export function qrModules(payload: string, errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' = 'M'): string[] {
  const { size, data } = create(payload, { errorCorrectionLevel }).modules;
  const rows: string[] = [];
  for (let r = 0; r < size; r++) {
    let row = '';
    for (let c = 0; c < size; c++) row += data[r * size + c] ? '1' : '0';
    rows.push(row);
  }
  return rows;
}
