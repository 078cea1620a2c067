/** Yuan shown from fen (integers end to end; only the display has a decimal point). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/** "12", "12.5", "¥12.50" → fen; anything else (three decimals, letters) → null. */
export function parseYuanInput(s: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(
    s
      .trim()
      .replace(/^[¥￥]/, '')
      .replace(/,/g, ''),
  );
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
