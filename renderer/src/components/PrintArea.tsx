import { useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * A print-only document: while mounted, printing (window.print) shows only this, on plain
 * A4 paper, and the screen never shows it. Thermal receipts are another path; this is for
 * paper documents the accountant files or posts (stock receipts, count sheets, reports).
 */
const CSS = `
@media screen { .print-area { display: none; } }
@media print {
  body > #root { display: none !important; }
  .print-area { display: block; font-family: 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif; color: #000; font-size: 12pt; }
  .print-area h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
  .print-area .meta { display: flex; justify-content: space-between; flex-wrap: wrap; gap: 4mm; margin-bottom: 3mm; }
  .print-area table { width: 100%; border-collapse: collapse; }
  .print-area th, .print-area td { border: 1px solid #000; padding: 1.5mm 2mm; text-align: left; }
  .print-area td.num, .print-area th.num { text-align: right; }
  .print-area td.blank { min-width: 25mm; }
  .print-area tfoot td { font-weight: bold; }
  .print-area .sign { margin-top: 10mm; }
  .print-area tr { page-break-inside: avoid; }
  @page { size: A4; margin: 15mm; }
}`;

export function PrintArea({ children }: { children: ReactNode }) {
  return createPortal(
    <div className="print-area" data-testid="print-area">
      <style>{CSS}</style>
      {children}
    </div>,
    document.body,
  );
}

/**
 * Print one document: `print(<Doc/>)` mounts it (through `mount`, which places it where
 * print rules show it alone), opens the print dialog, and unmounts it afterwards. Render
 * `printArea` somewhere in the page.
 */
export function usePrintWith(mount: (document: ReactNode) => ReactNode): { print: (document: ReactNode) => void; printArea: ReactNode } {
  const [pending, setPending] = useState<ReactNode>(null);
  useEffect(() => {
    if (pending === null) return;
    // Let the portal render before the dialog snapshots the page.
    const timer = setTimeout(() => {
      window.print();
      setPending(null);
    }, 50);
    return () => clearTimeout(timer);
  }, [pending]);
  return { print: setPending, printArea: pending === null ? null : mount(pending) };
}

const inPrintArea = (document: ReactNode) => <PrintArea>{document}</PrintArea>;

/** A paper document on plain A4 (see PrintArea). */
export function usePrint(): { print: (document: ReactNode) => void; printArea: ReactNode } {
  return usePrintWith(inPrintArea);
}
