import { createPortal } from 'react-dom';
import type { DayStatusView } from '../../../../db/contract/index.js';
import { DAY_LINE_LABELS, dayPointLines, signedPoints } from '../../../../db/contract/day-lines.js';
import { useI18n } from '../../i18n/index.js';
import { useOfficeT } from '../../i18n/office.js';
import { formatDateTime, formatPoints } from '../../lib/format.js';
import { useSession } from '../../session/SessionContext.js';
import { useKindName } from './kindName.js';
import './print.css';

/**
 * The A4 page of a day close: plain tables in black on white, shown only when printing
 * (window.print() / Ctrl+P). Rendered beside the app in <body> so the print stylesheet
 * can hide the whole app and keep just this sheet.
 */
export function DayPrintSheet({ status }: { status: DayStatusView }) {
  const { t, lang, scopeText, problemLine } = useI18n();
  const { settings } = useSession();
  const kindName = useKindName();
  const o = useOfficeT();
  const s = status.summary;
  const lines = dayPointLines(s.points.byKind);
  const signed = status.closed ? status.history.at(-1) : undefined;
  const when = (iso: string) => formatDateTime(iso, settings.timeZone, lang);

  return createPortal(
    <div className="print-sheet" data-testid="print-sheet">
      <h1>
        {settings.villageName}
        {settings.storeName} · {t('dayClose.sheetTitle')}
      </h1>
      <p className="print-meta">
        {t('dayClose.businessDate')}：<b>{s.businessDate}</b>
        {'\u3000'}
        {status.closed ? t('dayClose.closed') : t('dayClose.draft')}
        {'\u3000'}
        {t('dayClose.generatedAt')}：{when(s.generatedAt)}
        {status.witness && (
          <>
            {'\u3000'}
            {t('dayClose.witness')}：<b data-testid="print-sheet-witness">{status.witness}</b>
          </>
        )}
      </p>

      <table>
        <tbody>
          <tr>
            <th>{t('dayClose.receipts')}</th>
            <td>{s.redemptions.count}</td>
            <th>{t('dayClose.receiptRange')}</th>
            <td>{s.receipts.first ? `${s.receipts.first} – ${s.receipts.last ?? ''}` : '—'}</td>
          </tr>
          <tr>
            <th>{t('dayClose.redeemedGross')}</th>
            <td>{formatPoints(s.redemptions.points)}</td>
            <th>{t('dayClose.voidedOfShort')}</th>
            <td>
              {s.redemptions.voidedCount} / {formatPoints(s.redemptions.voidedPoints)}
            </td>
          </tr>
          <tr>
            <th>{DAY_LINE_LABELS.award[lang]}</th>
            <td>{signedPoints(lines.find((l) => l.kind === 'award')?.points ?? 0)}</td>
            <th>{DAY_LINE_LABELS.deduction[lang]}</th>
            <td>{signedPoints(lines.find((l) => l.kind === 'deduction')?.points ?? 0)}</td>
          </tr>
        </tbody>
      </table>

      <h2>{t('dayClose.byPassbook')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('dayClose.passbook')}</th>
            <th>{t('dayClose.receipts')}</th>
            <th>{t('dayClose.points')}</th>
          </tr>
        </thead>
        <tbody>
          {s.redemptions.byPassbook.map((p) => (
            <tr key={p.passbookId}>
              <td>{p.name}</td>
              <td className="num">{p.count}</td>
              <td className="num">{formatPoints(p.points)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('dayClose.pointsByKind')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('dayClose.kind')}</th>
            <th>{t('dayClose.count')}</th>
            <th>{t('dayClose.points')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((k) => (
            <tr key={k.kind}>
              <td>{DAY_LINE_LABELS[k.kind][lang]}</td>
              <td className="num">{k.count}</td>
              <td className="num">{signedPoints(k.points)}</td>
            </tr>
          ))}
          <tr>
            <th>{o('dayLine.net')}</th>
            <td className="num">{s.points.rows}</td>
            <td className="num">{signedPoints(s.points.net)}</td>
          </tr>
        </tbody>
      </table>

      <h2>{t('dayClose.goodsOut')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('dayClose.goods')}</th>
            <th>{t('dayClose.out')}</th>
            <th>{t('dayClose.returned')}</th>
            <th>{t('dayClose.net')}</th>
            <th>{t('dayClose.points')}</th>
          </tr>
        </thead>
        <tbody>
          {s.goodsOut.map((g) => (
            <tr key={g.goodsId}>
              <td>{g.name}</td>
              <td className="num">{g.out}</td>
              <td className="num">{g.returned}</td>
              <td className="num">
                {g.net} {g.unit}
              </td>
              <td className="num">{formatPoints(g.points)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {(s.stockIn.length > 0 || s.adjustments.length > 0) && (
        <>
          <h2>{t('dayClose.stockMoves')}</h2>
          <table>
            <thead>
              <tr>
                <th>{t('dayClose.kind')}</th>
                <th>{t('dayClose.goods')}</th>
                <th>{t('dayClose.quantity')}</th>
                <th>{t('dayClose.note')}</th>
              </tr>
            </thead>
            <tbody>
              {s.stockIn.map((r) => (
                <tr key={`in-${r.goodsId}-${r.kind}`}>
                  <td>{kindName(r.kind)}</td>
                  <td>{r.name}</td>
                  <td className="num">
                    {r.quantity} {r.unit}
                  </td>
                  <td />
                </tr>
              ))}
              {s.adjustments.map((r, i) => (
                <tr key={`adj-${i}`}>
                  <td>{kindName(r.kind)}</td>
                  <td>{r.name}</td>
                  <td className="num">
                    {r.quantity} {r.unit}
                  </td>
                  <td>{r.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {s.voids.length > 0 && (
        <>
          <h2>{t('dayClose.voidList')}</h2>
          <table>
            <thead>
              <tr>
                <th>{t('dayClose.receiptNo')}</th>
                <th>{t('dayClose.points')}</th>
                <th>{t('dayClose.reason')}</th>
                <th>{t('dayClose.approvedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {s.voids.map((v) => (
                <tr key={v.receiptNo}>
                  <td>{v.receiptNo}</td>
                  <td className="num">{formatPoints(v.points)}</td>
                  <td>{v.reason}</td>
                  <td>{v.approvedByName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h2>{t('dayClose.perKeeper')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('dayClose.keeper')}</th>
            <th>{t('dayClose.receipts')}</th>
            <th>{t('dayClose.points')}</th>
            <th>{t('dayClose.voids')}</th>
          </tr>
        </thead>
        <tbody>
          {s.perKeeper.map((k) => (
            <tr key={k.operatorId}>
              <td>{k.name}</td>
              <td className="num">{k.redemptions}</td>
              <td className="num">{formatPoints(k.points)}</td>
              <td className="num">{k.voids}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('dayClose.reconciliationTitle')}</h2>
      <ul className="print-checks">
        {s.reconciliation.checks.map((c) => (
          <li key={c.key}>
            {c.ok ? '✔' : '✘'} {t(`dayClose.check.${c.key}`)}（{scopeText(c.checked)}）
            {c.problems.map((p, i) => (
              <div key={i} className="problem">
                {problemLine(p)}
              </div>
            ))}
          </li>
        ))}
      </ul>

      <div className="print-sign">
        <div>
          {t('dayClose.accountantSign')}：{signed ? `${signed.operatorName}（${when(signed.createdAt)}）` : '________________'}
        </div>
        <div>{t('dayClose.reviewerSign')}：________________</div>
      </div>
      <p className="print-hash">
        {t('dayClose.digest')}：{s.digest}
        {signed?.summaryHash && (
          <>
            <br />
            {t('dayClose.summaryHash')}：{signed.summaryHash}
          </>
        )}
      </p>
    </div>,
    document.body,
  );
}
