/**
 * Types for the one part of `qrcode` the renderer uses: its pure encoder (lib/core), which
 * has no Node dependencies. The package's own types reference Node's `stream`, which the
 * renderer's type check deliberately does not include.
 */
declare module 'qrcode/lib/core/qrcode.js' {
  export interface QrSymbol {
    modules: { size: number; data: Uint8Array };
  }
  export function create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): QrSymbol;
}
