import { CheckCircleFilled } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import type { CustomerDisplayView } from '../../../db/contract/index.js';
import type { ErrorBody } from '../../../db/contract/errors.js';
import { call } from '../api/client.js';
import { useHardwareT } from '../i18n/hardware.js';
import { BoardPager } from './BoardPager.js';
import { pageSeconds } from './displayKey.js';
import { DisplayMessage } from './DisplayMessage.js';
import { usePublicBoard } from './usePublicBoard.js';
import { useViewport } from './useViewport.js';
import { formatPoints } from '../lib/format.js';

const POLL_MS = 600;

/**
 * 客显 (/display): what the villager at the counter sees. During a sale their household
 * (name masked), the balance, each line as it is scanned, the total and the balance after;
 * then 兑换成功; between customers the honour board and the notices in publicity. Large
 * type, read from a metre away.
 */
export function CustomerDisplay() {
  const t = useHardwareT();
  const [sale, setSale] = useState<CustomerDisplayView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer = 0;
    const poll = async () => {
      const r = await call('display.sale', {});
      if (stopped) return;
      if (r.ok) {
        setSale(r.value);
        setError(null);
      } else setError(r.error);
      // A credential that is gone stays gone: stop asking.
      if (r.ok || r.error.code !== 'NOT_LOGGED_IN') timer = window.setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, []);
  const idle = sale === null || sale.kind === 'idle';
  const board = usePublicBoard(idle && !error);

  if (error) return <DisplayMessage text={error.code === 'NOT_LOGGED_IN' ? t('display.lost') : error.message} />;
  if (!sale) return null;
  if (sale.kind === 'idle') {
    return (
      <div data-testid="customer-display" data-state="idle">
        {board.view ? <BoardPager view={board.view} pageSeconds={pageSeconds()} /> : <DisplayMessage text={`${sale.storeName} ${t('display.welcome')}`} />}
      </div>
    );
  }
  return <SaleScreen sale={sale} />;
}

function SaleScreen({ sale }: { sale: Extract<CustomerDisplayView, { kind: 'sale' | 'done' }> }) {
  const t = useHardwareT();
  const { height } = useViewport();
  const font = Math.max(24, Math.min(56, Math.round(height / 22)));
  const listEnd = useRef<HTMLDivElement>(null);
  // Each line as it is scanned: the newest stays in view.
  // (Braces: newer Chromium's scrollIntoView returns a promise, which React would take for a clean-up.)
  useEffect(() => {
    listEnd.current?.scrollIntoView({ block: 'end' });
  }, [sale.lines.length]);
  const short = sale.kind === 'sale' && sale.balanceAfter < 0;
  return (
    <div
      data-testid="customer-display"
      data-state={sale.kind}
      style={{
        height: '100vh',
        boxSizing: 'border-box',
        padding: font * 0.6,
        display: 'flex',
        flexDirection: 'column',
        gap: font * 0.4,
        fontSize: font,
        background: '#fffdf5',
        color: '#222',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', borderBottom: '3px solid #c62828', paddingBottom: font * 0.2 }}>
        <span>
          {t('display.household')}：<b data-testid="display-household">{sale.householdName}</b>
          <span style={{ fontSize: font * 0.6, marginLeft: font / 2, color: '#666' }}>{sale.passbookName}</span>
        </span>
        <span>
          {t('display.balance')}：<b data-testid="display-balance">{formatPoints(sale.balance)}</b>
        </span>
      </div>
      <div style={{ flex: 1, minHeight: 0, overflowY: 'auto' }} data-testid="display-lines">
        {sale.lines.length === 0 && <div style={{ color: '#888', fontSize: font * 0.7 }}>{t('display.noLines')}</div>}
        {sale.lines.map((l, i) => (
          <div
            key={i}
            data-testid="display-line"
            style={{ display: 'flex', justifyContent: 'space-between', gap: font, fontSize: font * 0.85, lineHeight: 1.5 }}
          >
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {l.name} × {l.quantity}
            </span>
            <span>{formatPoints(l.linePoints)}</span>
          </div>
        ))}
        <div ref={listEnd} />
      </div>
      <div style={{ borderTop: '3px solid #c62828', paddingTop: font * 0.2, display: 'flex', justifyContent: 'space-between' }}>
        <span>
          {t('display.total')}：<b data-testid="display-total">{formatPoints(sale.total)}</b>
        </span>
        <span style={{ color: short ? '#c62828' : undefined }}>
          {t('display.after')}：<b data-testid="display-after">{formatPoints(sale.balanceAfter)}</b>
          {short && <span style={{ fontSize: font * 0.6 }}>（{t('display.short')}）</span>}
        </span>
      </div>
      {sale.kind === 'done' && (
        <div data-testid="display-done" style={{ textAlign: 'center', fontSize: font * 1.6, color: '#2e7d32', fontWeight: 700 }}>
          <CheckCircleFilled /> {t('display.done')}
          <div style={{ fontSize: font * 0.6, color: '#555', fontWeight: 400 }}>{t('display.thanks')}</div>
        </div>
      )}
    </div>
  );
}
