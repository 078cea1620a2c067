import type { StockReport } from '../../../../../db/contract/index.js';
import { useI18n } from '../../../i18n/index.js';
import { useStockT } from '../../../i18n/stock.js';
import { formatDateTime, formatPoints } from '../../../lib/format.js';
import { useSession } from '../../../session/SessionContext.js';
import { yuan } from '../money.js';
import { doc } from './docStyle.js';

/** Stock on hand, by category, as it prints for the committee or the township. */
export function ReportDoc({ report }: { report: StockReport }) {
  const st = useStockT();
  const { lang } = useI18n();
  const { settings } = useSession();
  const categories = report.byCategory.map((c) => c.category);
  return (
    <div style={doc.root}>
      <h1 style={doc.title}>
        {settings.storeName || settings.villageName} {st('report.title')}
      </h1>
      <div style={doc.meta}>
        <span>{st('report.asOf', { time: formatDateTime(report.asOf, settings.timeZone, lang) })}</span>
        <span>
          {st('report.points')} {formatPoints(report.totals.points)} · {st('report.yuan')} {yuan(report.totals.fen)}
        </span>
      </div>
      <table style={doc.table}>
        <thead>
          <tr>
            <th style={doc.th}>{st('goods.category')}</th>
            <th style={doc.th}>{st('goods.name')}</th>
            <th style={doc.th}>{st('goods.unit')}</th>
            <th style={{ ...doc.th, textAlign: 'right' }}>{st('goods.stock')}</th>
            <th style={{ ...doc.th, textAlign: 'right' }}>{st('goods.points')}</th>
            <th style={{ ...doc.th, textAlign: 'right' }}>{st('report.stockPoints')}</th>
            <th style={{ ...doc.th, textAlign: 'right' }}>{st('report.stockYuan')}</th>
          </tr>
        </thead>
        <tbody>
          {categories.map((c) => {
            const cat = report.byCategory.find((x) => x.category === c)!;
            return [
              ...report.lines
                .filter((l) => l.category === c)
                .map((l) => (
                  <tr key={l.goodsId}>
                    <td style={doc.td}>{l.category}</td>
                    <td style={doc.td}>
                      {l.name}
                      {l.low ? ' ⚠' : ''}
                    </td>
                    <td style={doc.td}>{l.unit}</td>
                    <td style={doc.num}>{l.stock}</td>
                    <td style={doc.num}>{formatPoints(l.pointsPrice)}</td>
                    <td style={doc.num}>{formatPoints(l.stockPoints)}</td>
                    <td style={doc.num}>{yuan(l.stockFen)}</td>
                  </tr>
                )),
              <tr key={`sum-${c}`} style={{ fontWeight: 600 }}>
                <td style={doc.td} colSpan={3}>
                  {c} {st('report.total')}
                </td>
                <td style={doc.num}>{cat.units}</td>
                <td style={doc.num} />
                <td style={doc.num}>{formatPoints(cat.points)}</td>
                <td style={doc.num}>{yuan(cat.fen)}</td>
              </tr>,
            ];
          })}
        </tbody>
        <tfoot>
          <tr style={{ fontWeight: 700 }}>
            <td style={doc.td} colSpan={3}>
              {st('report.total')}（{st('goods.count', { count: report.totals.goods })}）
            </td>
            <td style={doc.num}>{report.totals.units}</td>
            <td style={doc.num} />
            <td style={doc.num}>{formatPoints(report.totals.points)}</td>
            <td style={doc.num}>{yuan(report.totals.fen)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
