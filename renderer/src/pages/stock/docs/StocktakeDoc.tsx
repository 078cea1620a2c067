import type { StocktakeView } from '../../../../../db/contract/index.js';
import { useI18n } from '../../../i18n/index.js';
import { useStockT } from '../../../i18n/stock.js';
import { formatDateTime, formatSignedPoints } from '../../../lib/format.js';
import { useSession } from '../../../session/SessionContext.js';
import { signed, yuan } from '../money.js';
import { doc } from './docStyle.js';

/** The variance report of one posted stocktake: differing goods first, with their value. */
export function StocktakeDoc({ stocktake, onlyDiffering = false }: { stocktake: StocktakeView; onlyDiffering?: boolean }) {
  const st = useStockT();
  const { lang } = useI18n();
  const { settings } = useSession();
  const lines = onlyDiffering ? stocktake.lines.filter((l) => l.difference !== 0) : stocktake.lines;
  return (
    <div style={doc.root} data-testid="stocktake-doc">
      <h1 style={doc.title}>{st('stocktake.reportTitle', { no: stocktake.stocktakeNo })}</h1>
      <div style={doc.meta}>
        <span>{formatDateTime(stocktake.createdAt, settings.timeZone, lang)}</span>
        <span>
          {st('common.operator')}：{stocktake.operatorName}
        </span>
      </div>
      <p data-testid="stocktake-summary">
        <b>
          {st('stocktake.summary', {
            counted: stocktake.countedGoods,
            differing: stocktake.differingGoods,
            points: formatSignedPoints(stocktake.differencePoints),
            yuan: yuan(stocktake.differenceFen),
          })}
        </b>
      </p>
      <table style={doc.table}>
        <thead>
          <tr>
            <th style={doc.th}>{st('goods.name')}</th>
            <th style={doc.th}>{st('goods.unit')}</th>
            <th style={{ ...doc.th, textAlign: 'right' }}>{st('stocktake.book')}</th>
            <th style={{ ...doc.th, textAlign: 'right' }}>{st('stocktake.counted')}</th>
            <th style={{ ...doc.th, textAlign: 'right' }}>{st('stocktake.difference')}</th>
            <th style={{ ...doc.th, textAlign: 'right' }}>{st('stocktake.diffPoints')}</th>
            <th style={{ ...doc.th, textAlign: 'right' }}>{st('report.stockYuan')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.goodsId} style={l.difference !== 0 ? { fontWeight: 600 } : undefined}>
              <td style={doc.td}>{l.name}</td>
              <td style={doc.td}>{l.unit}</td>
              <td style={doc.num}>{l.bookQty}</td>
              <td style={doc.num}>{l.countedQty}</td>
              <td style={{ ...doc.num, color: l.difference < 0 ? '#cf1322' : l.difference > 0 ? '#389e0d' : undefined }}>
                {l.difference === 0 ? '0' : signed(l.difference)}
              </td>
              <td style={doc.num}>{l.difference === 0 ? '' : formatSignedPoints(l.difference * l.pointsPrice)}</td>
              <td style={doc.num}>{l.difference === 0 ? '' : yuan(l.difference * l.valueFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {stocktake.note && (
        <p>
          {st('common.note')}：{stocktake.note}
        </p>
      )}
      <p style={doc.sign}>{st('stocktake.sheetSign')}</p>
    </div>
  );
}
