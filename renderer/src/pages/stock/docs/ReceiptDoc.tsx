import type { StockReceiptView } from '../../../../../db/contract/index.js';
import { useStockT } from '../../../i18n/stock.js';
import { useI18n } from '../../../i18n/index.js';
import { formatDateTime } from '../../../lib/format.js';
import { useSession } from '../../../session/SessionContext.js';
import { yuan } from '../money.js';
import { doc } from './docStyle.js';

/** 入库单: one page for the file, with who received it and room for signatures. */
export function ReceiptDoc({ receipt }: { receipt: StockReceiptView }) {
  const st = useStockT();
  const { lang } = useI18n();
  const { settings } = useSession();
  return (
    <div style={doc.root} data-testid="stock-receipt-doc">
      <h1 style={doc.title}>
        {settings.storeName || settings.villageName} {st('receive.docTitle')}
      </h1>
      <div style={doc.meta}>
        <span>
          {st('receive.no')}：<b>{receipt.receiptNo}</b>
        </span>
        <span>{formatDateTime(receipt.createdAt, settings.timeZone, lang)}</span>
        <span>
          {st('common.operator')}：{receipt.operatorName}
        </span>
      </div>
      <table style={doc.table}>
        <thead>
          <tr>
            <th style={doc.th}>#</th>
            <th style={doc.th}>{st('receive.goods')}</th>
            <th style={doc.th}>{st('goods.unit')}</th>
            <th style={{ ...doc.th, textAlign: 'right' }}>{st('receive.quantity')}</th>
            <th style={doc.th}>{st('receive.source')}</th>
            <th style={{ ...doc.th, textAlign: 'right' }}>{st('receive.totalCost')}</th>
            <th style={doc.th}>
              {st('receive.supplier')} / {st('receive.donor')}
            </th>
          </tr>
        </thead>
        <tbody>
          {receipt.lines.map((l) => (
            <tr key={l.lineNo}>
              <td style={doc.td}>{l.lineNo}</td>
              <td style={doc.td}>{l.name}</td>
              <td style={doc.td}>{l.unit}</td>
              <td style={doc.num}>{l.quantity}</td>
              <td style={doc.td}>{st(l.source === 'purchase' ? 'receive.purchase' : 'receive.donation')}</td>
              <td style={doc.num}>{l.costFen === null ? '—' : yuan(l.costFen)}</td>
              <td style={doc.td}>{l.source === 'purchase' ? (l.supplier ?? '') : l.donor}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td style={doc.td} colSpan={7}>
              <b>{st('receive.docTotal', { units: receipt.totalQuantity, yuan: yuan(receipt.totalCostFen) })}</b>
            </td>
          </tr>
        </tfoot>
      </table>
      {receipt.note && (
        <p>
          {st('common.note')}：{receipt.note}
        </p>
      )}
      <p style={doc.sign}>{st('receive.sign')}</p>
    </div>
  );
}
