/**
 * Turning a physical key (KeyboardEvent.code) back into the ASCII character a US-layout
 * scanner meant. Needed when a Chinese IME is active: it reports key === 'Process' for
 * every keystroke and composes pinyin from the scanner's letters, so the text itself is
 * lost, but the key codes survive.
 */
const SHIFTED_DIGITS = ')!@#$%^&*(';

const PUNCTUATION: Record<string, [string, string]> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Backquote: ['`', '~'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Space: [' ', ' '],
  NumpadDecimal: ['.', '.'],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
};

export function charFromCode(code: string, shift: boolean): string | null {
  let m = /^Key([A-Z])$/.exec(code);
  if (m) return shift ? m[1]! : m[1]!.toLowerCase();
  m = /^Digit([0-9])$/.exec(code);
  if (m) return shift ? SHIFTED_DIGITS[Number(m[1])]! : m[1]!;
  m = /^Numpad([0-9])$/.exec(code);
  if (m) return m[1]!;
  const p = PUNCTUATION[code];
  return p ? p[shift ? 1 : 0] : null;
}

/** Keystrokes closer together than this are a machine (scanner, ID reader), not a person. */
export const BURST_GAP_MS = 35;
/** Shorter bursts are more likely a fast typist than a scan. */
export const BURST_MIN_LENGTH = 4;

export interface BurstKey {
  key: string;
  code: string;
  shiftKey: boolean;
  timeStamp: number;
}

/**
 * Accumulates keystrokes and says when a fast burst ended with Enter while an IME was
 * swallowing keys. Pure (no DOM), so it is unit-testable.
 */
export class BurstBuffer {
  private chars = '';
  private last = -Infinity;
  private sawProcess = false;

  /** Feed one keydown; returns the reconstructed text when a swallowed burst just ended. */
  feed(e: BurstKey): string | null {
    if (e.timeStamp - this.last > BURST_GAP_MS) this.reset();
    this.last = e.timeStamp;
    if (e.code === 'Enter' || e.code === 'NumpadEnter' || e.key === 'Enter') {
      const text = this.sawProcess && this.chars.length >= BURST_MIN_LENGTH ? this.chars : null;
      this.reset();
      return text;
    }
    if (e.key === 'Shift' || e.code.startsWith('Shift')) return null;
    const ch = e.key === 'Process' ? charFromCode(e.code, e.shiftKey) : e.key.length === 1 ? e.key : null;
    if (e.key === 'Process') this.sawProcess = true;
    if (ch === null) this.reset();
    else this.chars += ch;
    return null;
  }

  reset(): void {
    this.chars = '';
    this.sawProcess = false;
    this.last = -Infinity;
  }
}
