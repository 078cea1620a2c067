import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { CardCodeView } from '../../../../db/contract/ops/printing.js';
import type { PrintTranslate } from '../../i18n/printing.js';
import { usePrintWith } from '../PrintArea.js';
import { qrModules } from './qrModules.js';
import { QrSvg } from './QrSvg.js';

/**
 * Household cards on A4, 2 × 5 a page (each 90 × 52.5 mm, a little larger than a bank
 * card), dashed edges to cut along. The same markup is shown on screen and printed; the QR
 * codes are drawn here from the signed payloads the core made (card.codes).
 */
export const CARDS_PER_PAGE = 10;

export const CARD_SHEET_CSS = `
.card-sheet .sheet-page { box-sizing: content-box; width: 180mm; display: grid; grid-template-columns: 90mm 90mm; grid-auto-rows: 52.5mm; break-after: page; }
.card-sheet .sheet-page:last-child { break-after: auto; }
.card-sheet .hh-card { box-sizing: border-box; border: 0.3mm dashed #999; padding: 4mm 4mm 3mm 5mm; display: flex; gap: 3mm; overflow: hidden; background: #fff; color: #000;
  font-family: 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif; }
.card-sheet .hh-card .info { flex: 1; min-width: 0; display: flex; flex-direction: column; }
.card-sheet .hh-card .title { font-size: 9pt; font-weight: bold; border-bottom: 0.3mm solid #000; padding-bottom: 1mm; margin-bottom: 2mm; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.card-sheet .hh-card .row { font-size: 10pt; line-height: 1.5; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.card-sheet .hh-card .row b { font-size: 15pt; }
.card-sheet .hh-card .label { display: inline-block; width: 10mm; color: #444; font-size: 8.5pt; }
.card-sheet .hh-card .foot { margin-top: auto; font-size: 7pt; color: #444; display: flex; justify-content: space-between; }
.card-sheet .hh-card .qr { width: 34mm; align-self: center; }
@media screen {
  .card-sheet .sheet-page { background: #fff; padding: 15mm; margin: 0 auto 16px; box-shadow: 0 1px 6px rgba(0,0,0,0.2); }
}`;

function HouseholdCard({ card, village, store, pt }: { card: CardCodeView; village: string; store: string; pt: PrintTranslate }) {
  return (
    <div className="hh-card" data-testid="sheet-card">
      <div className="info">
        <div className="title">
          {village} {store || pt('cards.cardTitle')}
        </div>
        <div className="row">
          <span className="label">{pt('cards.head')}</span>
          <b>{card.headName}</b>
        </div>
        <div className="row">
          <span className="label">{pt('cards.number')}</span>
          {card.number}
        </div>
        <div className="row">
          <span className="label">{pt('cards.groupLabel')}</span>
          {card.groupName}
        </div>
        <div className="foot">
          <span>{pt('cards.scanHint')}</span>
          <span>{pt('cards.version', { v: card.cardVersion })}</span>
        </div>
      </div>
      <div className="qr">
        <QrSvg modules={qrModules(card.payload)} size="34mm" title={card.payload} />
      </div>
    </div>
  );
}

export function CardSheet({ cards, village, store, pt }: { cards: readonly CardCodeView[]; village: string; store: string; pt: PrintTranslate }) {
  const pages: CardCodeView[][] = [];
  for (let i = 0; i < cards.length; i += CARDS_PER_PAGE) pages.push(cards.slice(i, i + CARDS_PER_PAGE));
  return (
    <div className="card-sheet" data-testid="card-sheet">
      <style>{CARD_SHEET_CSS}</style>
      {pages.map((page, i) => (
        <div className="sheet-page" key={i}>
          {page.map((c) => (
            <HouseholdCard key={c.householdId} card={c} village={village} store={store} pt={pt} />
          ))}
        </div>
      ))}
    </div>
  );
}

/**
 * Printing the sheet: while mounted, printing shows only this. A <section> straight under
 * <body>, because print rules elsewhere hide every other `body > div` when printing.
 */
const PRINT_CSS = `
.cards-print { display: none; }
@media print {
  @page { size: A4; margin: 14mm 15mm; }
  body:has(> .cards-print) > *:not(.cards-print) { display: none !important; }
  body:has(> .cards-print) { background: #fff !important; }
  .cards-print { display: block; }
}`;

const inCardsPrint = (sheet: ReactNode) =>
  createPortal(
    <section className="cards-print" data-testid="cards-print-area">
      <style>{PRINT_CSS}</style>
      {sheet}
    </section>,
    document.body,
  );

/** `print(sheet)` shows the print dialog for `sheet` alone; render `printArea` in the page. */
export function useCardSheetPrint(): { print: (sheet: ReactNode) => void; printArea: ReactNode } {
  return usePrintWith(inCardsPrint);
}
