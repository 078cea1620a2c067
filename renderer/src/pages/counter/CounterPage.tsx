import { Card } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GoodsItem } from '../../../../db/contract/index.js';
import { useCardReader } from '../../hardware/useCardReader.js';
import { useCustomerDisplayFeed } from '../../hardware/useCustomerDisplayFeed.js';
import { WebcamScan } from '../../hardware/WebcamScan.js';
import type { PageProps } from '../PageProps.js';
import { CartPanel } from './CartPanel.js';
import { Feedback } from './Feedback.js';
import { GoodsGrid } from './GoodsGrid.js';
import { HouseholdPanel } from './HouseholdPanel.js';
import { MatchList } from './MatchList.js';
import { ReceiptModal } from './ReceiptModal.js';
import { ScanBox } from './ScanBox.js';
import { useCounter } from './useCounter.js';
import { useKeepFocus } from './useKeepFocus.js';
import { useScanBurst } from './useScanBurst.js';

const panel = { height: '100%', minHeight: 0, overflow: 'hidden', display: 'flex', flexDirection: 'column' } as const;
const panelBody = { flex: 1, minHeight: 0, overflowY: 'auto', padding: 16 } as const;

/**
 * The main screen. Scan box and message on top; below, who is being served, the goods,
 * and the cart. Laid out for 1366×768 first; wider screens get wider side columns.
 */
export function CounterPage({ active }: PageProps) {
  const c = useCounter();
  const scanInput = useRef<HTMLInputElement | null>(null);
  const [query, setQuery] = useState('');
  const modalOpen = c.receipt !== null;
  const { loadCatalog, refresh } = c;

  // Stable across renders (the listeners below must not re-subscribe mid-scan), yet always
  // calling the latest lookup.
  const lookup = useRef(c.lookup);
  useEffect(() => {
    lookup.current = c.lookup;
  }, [c.lookup]);
  const submit = useCallback((text: string) => {
    setQuery('');
    void lookup.current(text);
  }, []);

  // The ID card reader's card and the customer display: components of their own.
  useCardReader(active, (ticket) => {
    if (c.receipt) c.nextCustomer();
    submit(ticket);
  });
  useCustomerDisplayFeed(c);

  useKeepFocus(scanInput, active && !modalOpen);
  useScanBurst(scanInput, active && !modalOpen, submit);

  // First show, then every return to this page (a void may have returned points and stock).
  const wasActive = useRef(false);
  useEffect(() => {
    if (active && !wasActive.current) void (c.catalog ? refresh() : loadCatalog());
    wasActive.current = active;
  }, [active, c.catalog, loadCatalog, refresh]);

  // F9 or Ctrl+Enter confirms from anywhere on the page.
  const { confirm } = c;
  useEffect(() => {
    if (!active || modalOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F9' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
        e.preventDefault();
        void confirm();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active, modalOpen, confirm]);

  const focusScan = useCallback(() => scanInput.current?.focus(), []);
  // The goods grid gets one callback for its whole life (it is memoised), which always
  // adds to the current household's cart.
  const addGoods = useRef(c.addGoods);
  useEffect(() => {
    addGoods.current = c.addGoods;
  }, [c.addGoods]);
  const pickGoods = useCallback((g: GoodsItem) => addGoods.current(g), []);

  // The next villager's card scanned while the last receipt is still up: the characters
  // are collected here (focus is on the modal's button, so they would be lost) and Enter
  // starts the next customer with that lookup — the queue need not wait for 下一位.
  // Enter with nothing collected is the button's own Enter (下一位).
  const { nextCustomer } = c;
  useEffect(() => {
    if (!active || !modalOpen) return;
    let pending = '';
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Enter' && pending) {
        e.preventDefault();
        e.stopPropagation();
        const text = pending;
        pending = '';
        nextCustomer();
        submit(text);
        window.setTimeout(focusScan, 0);
      } else if (e.key.length === 1 && e.key !== ' ') {
        e.preventDefault();
        pending += e.key;
      }
    };
    document.addEventListener('keydown', onKey, { capture: true });
    return () => document.removeEventListener('keydown', onKey, { capture: true });
  }, [active, modalOpen, nextCustomer, submit, focusScan]);

  return (
    <div style={{ height: '100%', display: 'flex', flexDirection: 'column', gap: 10, padding: 12, boxSizing: 'border-box' }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: 12, alignItems: 'center' }}>
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <ScanBox inputRef={scanInput} value={query} onChange={setQuery} onSubmit={submit} busy={c.looking} />
          </div>
          <WebcamScan onCode={submit} disabled={modalOpen} />
        </div>
        <Feedback feedback={c.feedback} />
      </div>
      <div
        className="counter-columns"
        // minmax(0, 1fr): without it the row grows to fit its content and the page scrolls away.
        style={{ flex: 1, minHeight: 0, display: 'grid', gridTemplateRows: 'minmax(0, 1fr)', gap: 12 }}
      >
        <Card styles={{ root: panel, body: panelBody }}>
          {c.matches ? (
            <MatchList matches={c.matches} onPick={(id) => void c.openHousehold(id)} />
          ) : (
            <HouseholdPanel
              household={c.household}
              passbookId={c.passbookId}
              onPassbook={c.setPassbookId}
              onClear={c.clearHousehold}
            />
          )}
        </Card>
        <Card styles={{ root: panel, body: { ...panelBody, overflowY: 'hidden', paddingTop: 4 } }}>
          <GoodsGrid catalog={c.catalog} onPick={pickGoods} onDone={focusScan} />
        </Card>
        <Card styles={{ root: panel, body: { ...panelBody, overflowY: 'hidden' } }}>
          <CartPanel
            lines={c.lines}
            balance={c.balance}
            submitting={c.submitting}
            canConfirm={c.canConfirm}
            onQuantity={c.setQuantity}
            onRemove={c.removeLine}
            onClear={c.clearCart}
            onConfirm={() => void c.confirm()}
          />
        </Card>
      </div>
      <ReceiptModal
        receipt={c.receipt}
        onNext={() => {
          c.nextCustomer();
          // The modal is closing; give focus back once it has released it.
          window.setTimeout(focusScan, 0);
        }}
      />
    </div>
  );
}
