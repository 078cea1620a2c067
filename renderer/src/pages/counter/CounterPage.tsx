import { App, Button, Card } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GoodsItem } from '../../../../db/contract/index.js';
import { useCardReader } from '../../hardware/useCardReader.js';
import { useCustomerDisplayFeed } from '../../hardware/useCustomerDisplayFeed.js';
import { WebcamScan } from '../../hardware/WebcamScan.js';
import { call } from '../../api/client.js';
import { useCounterT } from '../../i18n/counter.js';
import { useOfficeT } from '../../i18n/office.js';
import { useI18n } from '../../i18n/index.js';
import { reportCartPieces } from '../../session/cartGuard.js';
import type { PageProps } from '../PageProps.js';
import { CartPanel } from './CartPanel.js';
import { ClaimDialog } from './ClaimDialog.js';
import { pieceCount } from './cart.js';
import { KeyHint } from './KeyHint.js';
import { SwitchHouseholdDialog } from './SwitchHouseholdDialog.js';
import { useCounterKeys } from './useCounterKeys.js';
import { Feedback } from './Feedback.js';
import { ClosedDayBanner, useClosedDay, useRecheckOnRefusal } from './ClosedDayBanner.js';
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
 * and the cart; the key map in one line at the bottom. Side columns narrow at 1024 px
 * and widen from 1600 px (global.css), the goods grid takes the rest.
 */
export function CounterPage({ active }: PageProps) {
  const closedDay = useClosedDay(active);
  const c = useCounter(closedDay.date);
  useRecheckOnRefusal(c.feedback, closedDay.recheck);
  const { errorText } = useI18n();
  const ct = useCounterT();
  const ot = useOfficeT();
  const { modal, message } = App.useApp();
  const scanInput = useRef<HTMLInputElement | null>(null);
  const [query, setQuery] = useState('');
  const [asking, setAsking] = useState(false);
  const [claiming, setClaiming] = useState(false);
  const modalOpen = c.receipt !== null || c.pendingSwitch !== null || asking || claiming;
  const { loadCatalog, refresh } = c;
  const pieces = pieceCount(c.lines);

  // The shell asks before logging out or switching operator while goods wait here.
  useEffect(() => reportCartPieces(pieces), [pieces]);
  useEffect(() => () => reportCartPieces(0), []);

  // Stable across renders (the listeners below must not re-subscribe mid-scan), yet always
  // calling the latest lookup.
  const lookup = useRef(c.lookup);
  useEffect(() => {
    lookup.current = c.lookup;
  }, [c.lookup]);
  // With a match list shown, Enter picks: the highlighted row on an empty box, or row n
  // after typing its digit 1–9.
  const pickMatch = useRef(c.pickMatch);
  const matchState = useRef({ count: 0, index: 0 });
  useEffect(() => {
    pickMatch.current = c.pickMatch;
    matchState.current = { count: c.matches?.length ?? 0, index: c.matchIndex };
  }, [c.pickMatch, c.matches, c.matchIndex]);
  const setFeedbackRef = useRef(c.setFeedback);
  useEffect(() => {
    setFeedbackRef.current = c.setFeedback;
  }, [c.setFeedback]);
  const submit = useCallback((text: string) => {
    setQuery('');
    const { count, index } = matchState.current;
    if (count > 0) {
      const typed = text.trim();
      if (typed === '') return pickMatch.current(index);
      if (/^[1-9]$/.test(typed)) {
        const n = Number(typed);
        if (n <= count) return pickMatch.current(n - 1);
        return setFeedbackRef.current({ type: 'warning', key: 'scan.notFound', params: { query: typed } });
      }
    }
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

  const focusScan = useCallback(() => scanInput.current?.focus(), []);

  /** Esc on an empty box: the next customer; goods in the cart are never dropped without asking. */
  const askNext = useCallback(() => {
    if (c.lines.length === 0) return c.nextCustomer();
    setAsking(true);
    void modal.confirm({
      title: ct('next.title'),
      content: <span data-testid="next-confirm-body">{ct('next.body', { count: pieces })}</span>,
      okText: ct('next.ok'),
      cancelText: ct('next.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'next-confirm-ok' },
      cancelButtonProps: { 'data-testid': 'next-confirm-cancel' },
      autoFocusButton: 'cancel',
      onOk: () => c.nextCustomer(),
      afterClose: () => {
        setAsking(false);
        window.setTimeout(focusScan, 0);
      },
    });
  }, [c, modal, ct, pieces, focusScan]);

  /** F8: the slip of the receipt on screen, or of the last sale (打印 first, 重印 after, decided by the core). */
  const printLast = useCallback(async () => {
    const r = c.receipt ?? c.lastReceipt();
    if (!r) return void message.info(ct('print.lastNone'));
    const res = await call('receipt.print', { redemptionId: r.id });
    if (res.ok) void message.success(ct('print.lastSent', { no: r.receiptNo }));
    else void message.error(errorText(res.error));
  }, [c, message, ct, errorText]);

  useCounterKeys(scanInput, active && c.receipt === null && c.pendingSwitch === null && !asking && !claiming, {
    query,
    clearQuery: () => setQuery(''),
    hasMatches: c.matches !== null && c.matches.length > 0,
    moveMatch: c.moveMatch,
    closeMatches: c.closeMatches,
    hasLines: c.lines.length > 0,
    moveLine: c.moveLine,
    stepLine: c.stepSelected,
    removeLine: c.removeSelected,
    next: askNext,
    confirm: () => void c.confirm(),
    print: () => void printLast(),
  });

  // F8 while the receipt is up prints it (the modal owns the other keys).
  useEffect(() => {
    if (!active || c.receipt === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F8') return;
      e.preventDefault();
      void printLast();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active, c.receipt, printLast]);
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
    if (!active || c.receipt === null) return;
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
  }, [active, c.receipt, nextCustomer, submit, focusScan]);

  return (
    <div style={{ height: '100%', display: 'flex', flexDirection: 'column', gap: 10, padding: 12, boxSizing: 'border-box' }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: 12, alignItems: 'center' }}>
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <ScanBox inputRef={scanInput} value={query} onChange={setQuery} onSubmit={submit} busy={c.looking} />
          </div>
          <WebcamScan onCode={submit} disabled={modalOpen} />
          <Button size="large" disabled={!c.household} onClick={() => setClaiming(true)} data-testid="claim-open">
            {ot('claim.open')}
          </Button>
        </div>
        <Feedback feedback={c.feedback} />
      </div>
      <ClosedDayBanner date={closedDay.date} />
      <div
        className="counter-columns"
        // minmax(0, 1fr): without it the row grows to fit its content and the page scrolls away.
        style={{ flex: 1, minHeight: 0, display: 'grid', gridTemplateRows: 'minmax(0, 1fr)', gap: 12 }}
      >
        <Card styles={{ root: panel, body: panelBody }}>
          {c.matches ? (
            <MatchList matches={c.matches} activeIndex={c.matchIndex} onPick={c.pickMatch} />
          ) : (
            <HouseholdPanel
              household={c.household}
              passbookId={c.passbookId}
              onPassbook={c.setPassbookId}
              onClear={c.clearHousehold}
              collectorId={c.collectorId}
              onCollector={c.setCollectorId}
            />
          )}
        </Card>
        <Card styles={{ root: panel, body: { ...panelBody, overflowY: 'hidden', paddingTop: 4 } }}>
          <GoodsGrid catalog={c.catalog} onPick={pickGoods} onDone={focusScan} />
        </Card>
        <Card styles={{ root: panel, body: { ...panelBody, overflowY: 'hidden' } }}>
          <CartPanel
            lines={c.lines}
            selected={c.selectedLine}
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
      <KeyHint />
      <SwitchHouseholdDialog
        pending={c.pendingSwitch}
        owner={c.cartOwner}
        pieces={pieces}
        onChoose={(choice) => {
          c.resolveSwitch(choice);
          window.setTimeout(focusScan, 0);
        }}
      />
      {claiming && c.household && (
        <ClaimDialog
          household={c.household}
          onClose={(recorded) => {
            setClaiming(false);
            if (recorded) void message.success(ot('claim.done'));
            window.setTimeout(focusScan, 0);
          }}
        />
      )}
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
