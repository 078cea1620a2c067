import type { CountSheet } from '../../../../../db/contract/index.js';
import { useI18n } from '../../../i18n/index.js';
import { useStockT } from '../../../i18n/stock.js';
import { formatDateTime } from '../../../lib/format.js';
import { useSession } from '../../../session/SessionContext.js';
import { doc } from './docStyle.js';

/** 盘点表 to carry to the shelves: book figures, and an empty column to write the count in. */
export function CountSheetDoc({ sheet }: { sheet: CountSheet }) {
  const st = useStockT();
  const { lang } = useI18n();
  const { settings } = useSession();
  return (
    <div style={doc.root}>
      <h1 style={doc.title}>
        {settings.storeName || settings.villageName} {st('stocktake.sheetTitle')}
      </h1>
      <div style={doc.meta}>
        <span>{st('stocktake.asOf', { time: formatDateTime(sheet.asOf, settings.timeZone, lang) })}</span>
        <span>#{sheet.basedOnMovementId}</span>
      </div>
      <table style={doc.table}>
        <thead>
          <tr>
            <th style={doc.th}>#</th>
            <th style={doc.th}>{st('goods.category')}</th>
            <th style={doc.th}>{st('goods.name')}</th>
            <th style={doc.th}>{st('goods.unit')}</th>
            <th style={{ ...doc.th, textAlign: 'right' }}>{st('stocktake.book')}</th>
            <th style={{ ...doc.th, width: 90 }}>{st('stocktake.counted')}</th>
            <th style={{ ...doc.th, width: 120 }}>{st('common.note')}</th>
          </tr>
        </thead>
        <tbody>
          {sheet.lines.map((l, i) => (
            <tr key={l.goodsId}>
              <td style={doc.td}>{i + 1}</td>
              <td style={doc.td}>{l.category}</td>
              <td style={doc.td}>{l.name}</td>
              <td style={doc.td}>{l.unit}</td>
              <td style={doc.num}>{l.bookQty}</td>
              <td style={doc.td} />
              <td style={doc.td} />
            </tr>
          ))}
        </tbody>
      </table>
      <p style={doc.sign}>{st('stocktake.sheetSign')}</p>
    </div>
  );
}
