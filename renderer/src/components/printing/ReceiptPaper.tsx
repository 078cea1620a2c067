import type { CSSProperties, ReactNode } from 'react';
import type { PreviewLine, PreviewTextLine, ReceiptPreview } from '../../../../db/contract/printing.js';
import { usePrintT } from '../../i18n/printing.js';
import { QrSvg } from './QrSvg.js';

/**
 * The receipt on screen, drawn line by line from the core's ReceiptPreview: the same
 * document the printer gets, so this is what prints. Columns are exact whatever font the
 * computer has: every ASCII run takes 1ch per character and every other character (Chinese,
 * or the 〓 that stands for what the printer cannot print) a 2ch box, as on the printer.
 */
const MONO = "'Noto Sans Mono CJK SC', 'Sarasa Mono SC', 'NSimSun', 'SimSun', 'Courier New', monospace";
const LINE = 1.4; // em
/** Printer dots per column at normal size: 384 dots / 32 columns (58 mm), 576 / 48 (80 mm). */
const DOTS_PER_COLUMN = 12;

function segments(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let ascii = '';
  const flush = () => {
    if (ascii === '') return;
    out.push(
      <span key={out.length} style={{ display: 'inline-block', width: `${ascii.length}ch` }}>
        {ascii}
      </span>,
    );
    ascii = '';
  };
  for (const ch of text) {
    if (ch.codePointAt(0)! < 0x80) {
      ascii += ch;
      continue;
    }
    flush();
    out.push(
      <span key={out.length} style={{ display: 'inline-block', width: '2ch', textAlign: 'center' }}>
        {ch}
      </span>,
    );
  }
  flush();
  return out;
}

/**
 * The layout pads centred and right-aligned text with spaces itself and the printer prints
 * every line left-aligned, so the preview does the same (`line.align` is only a hint).
 */
function TextRow({ line }: { line: PreviewTextLine }) {
  const big = line.size !== 'normal';
  const height = `${big ? LINE * 2 : LINE}em`;
  // double: twice as wide and tall (a bigger font, so 1ch doubles too); tall: stretched up.
  const inner: CSSProperties | undefined =
    line.size === 'double'
      ? { display: 'inline-block', verticalAlign: 'top', fontSize: '2em', lineHeight: LINE }
      : line.size === 'tall'
        ? { display: 'inline-block', verticalAlign: 'top', lineHeight: `${LINE}em`, transform: 'scaleY(2)', transformOrigin: 'top' }
        : undefined;
  return (
    <div
      data-testid="paper-line"
      style={{
        textAlign: 'left',
        fontWeight: line.bold ? 700 : 400,
        height,
        lineHeight: height,
        whiteSpace: 'pre',
        color: line.separator ? '#555' : undefined,
      }}
    >
      <span style={inner}>{segments(line.text)}</span>
    </div>
  );
}

function Row({ line, cutLabel }: { line: PreviewLine; cutLabel: string }) {
  switch (line.kind) {
    case 'text':
      return <TextRow line={line} />;
    case 'qr': {
      const size = ((line.modules.length + 8) * line.moduleSize) / DOTS_PER_COLUMN;
      return (
        <div style={{ display: 'flex', justifyContent: 'center', margin: '0.3em 0' }}>
          <QrSvg modules={line.modules} size={`${size}ch`} title={line.payload} />
        </div>
      );
    }
    case 'feed':
      return <div style={{ height: `${line.lines * LINE}em` }} />;
    case 'cut':
      return (
        <div data-testid="paper-cut" style={{ borderTop: '1px dashed #999', margin: '0.6em -12px 0', position: 'relative', height: 0 }}>
          <span style={{ position: 'absolute', left: 6, top: '-0.75em', background: '#fff', color: '#999', fontSize: 12, padding: '0 4px' }}>✂ {cutLabel}</span>
        </div>
      );
  }
}

/** One receipt on paper of the right width, monospaced, with its QR code and cut line. */
export function ReceiptPaper({ preview }: { preview: ReceiptPreview }) {
  const pt = usePrintT();
  return (
    <div
      data-testid="receipt-paper"
      data-width={preview.width}
      style={{
        fontFamily: MONO,
        fontSize: preview.width === 58 ? 14 : 13,
        width: `${preview.columns}ch`,
        padding: '14px 12px 18px',
        background: '#fff',
        color: '#111',
        boxShadow: '0 1px 4px rgba(0,0,0,0.18)',
        margin: '0 auto',
        boxSizing: 'content-box',
        overflow: 'hidden',
      }}
    >
      {preview.lines.map((line, i) => (
        <Row key={i} line={line} cutLabel={pt('paper.cut')} />
      ))}
    </div>
  );
}
