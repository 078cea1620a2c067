/**
 * The counter's state and what the keeper can do with it: look something up, pick a
 * household, add goods, confirm, start the next customer. The page component only lays
 * this out.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GoodsCatalog, GoodsItem, HouseholdView, LookupResult, ReceiptView } from '../../../../db/contract/index.js';
import { call } from '../../api/client.js';
import { newRequestId } from '../../lib/requestId.js';
import { addOne, cartTotal, MAX_LINE_QUANTITY, moveSelection, refreshGoods, removeLine, selectionAfterRemove, setQuantity, type CartLine } from './cart.js';
import type { FeedbackState } from './Feedback.js';

/** The household a cart was picked for, named so the keeper can be asked before it moves. */
export interface CartOwner {
  id: number;
  headName: string;
  number: string;
}

/** A household found while the cart holds another household's goods: the keeper decides. */
export interface PendingSwitch {
  household: HouseholdView;
  collectorId: number | null;
}

/** The passbook to spend from by default: the household's default one if spendable. */
function defaultPassbook(h: HouseholdView): number | null {
  const spendable = h.accounts.filter((a) => a.spendable);
  return (spendable.find((a) => a.isDefault) ?? spendable[0])?.passbookId ?? null;
}

/** `closedDay`: today's date while it is closed (the counter's banner); nothing can be added or sold. */
export function useCounter(closedDay: string | null = null) {
  const [catalog, setCatalog] = useState<GoodsCatalog | null>(null);
  const [household, setHousehold] = useState<HouseholdView | null>(null);
  const [matches, setMatches] = useState<(LookupResult & { kind: 'matches' }) | null>(null);
  const [passbookId, setPassbookId] = useState<number | null>(null);
  const [lines, setLinesState] = useState<CartLine[]>([]);
  // Every change to the cart goes through `changeLines`, a functional update applied to the
  // latest lines (a ref, updated at once), never to the `lines` a callback closed over:
  // two lookups that resolve back to back (two barcodes scanned quickly) both land.
  const linesRef = useRef<CartLine[]>([]);
  const cartOwner = useRef<CartOwner | null>(null);
  const changeLines = useCallback((update: (current: CartLine[]) => CartLine[]) => {
    const next = update(linesRef.current);
    linesRef.current = next;
    setLinesState(next);
    if (next.length === 0) cartOwner.current = null;
    return next;
  }, []);
  const [selectedLine, setSelectedLine] = useState<number | null>(null);
  const [matchIndex, setMatchIndex] = useState(0);
  const [collectorId, setCollectorId] = useState<number | null>(null);
  const [pendingSwitch, setPendingSwitch] = useState<PendingSwitch | null>(null);
  const lastReceipt = useRef<ReceiptView | null>(null);
  const [feedback, setFeedback] = useState<FeedbackState | null>(null);
  const [receipt, setReceipt] = useState<ReceiptView | null>(null);
  const [looking, setLooking] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  // One request id per cart: made at the first confirm, reused for every retry or second
  // click of the same cart, dropped as soon as the cart changes. Refs, not state, because
  // a double click delivers both clicks before React re-renders.
  const requestId = useRef<string | null>(null);
  const inFlight = useRef(false);
  useEffect(() => {
    requestId.current = null;
  }, [lines, household?.id, passbookId, collectorId]);

  const loadCatalog = useCallback(async () => {
    const res = await call('goods.catalog', {});
    if (!res.ok) return setFeedback({ type: 'error', error: res.error });
    setCatalog(res.value);
    changeLines((ls) => refreshGoods(ls, res.value.goods));
  }, [changeLines]);

  const displayHousehold = useCallback((h: HouseholdView, collector: number | null) => {
    setHousehold(h);
    setMatches(null);
    setCollectorId(collector);
    setPassbookId((current) => (h.accounts.some((a) => a.passbookId === current && a.spendable) ? current : defaultPassbook(h)));
  }, []);

  /**
   * Shows a household found by a lookup. If the cart holds goods picked for another
   * household, nothing moves silently: the keeper is asked (keep them for the new one,
   * clear, or stay).
   */
  const showHousehold = useCallback(
    (h: HouseholdView, collector: number | null = h.matchedMemberId) => {
      const owner = cartOwner.current;
      if (linesRef.current.length > 0 && owner && owner.id !== h.id) {
        setMatches(null);
        setPendingSwitch({ household: h, collectorId: collector });
        return;
      }
      displayHousehold(h, collector);
    },
    [displayHousehold],
  );

  const resolveSwitch = useCallback(
    (choice: 'keep' | 'clear' | 'cancel') => {
      const pending = pendingSwitch;
      setPendingSwitch(null);
      if (!pending || choice === 'cancel') return;
      const h = pending.household;
      if (choice === 'clear') {
        changeLines(() => []);
        setSelectedLine(null);
      } else cartOwner.current = { id: h.id, headName: h.headName, number: h.number };
      displayHousehold(h, pending.collectorId);
    },
    [pendingSwitch, changeLines, displayHousehold],
  );

  const openHousehold = useCallback(
    async (householdId: number, collector: number | null = null) => {
      const res = await call('household.get', { householdId });
      if (!res.ok) return setFeedback({ type: 'error', error: res.error });
      setFeedback(null);
      showHousehold(res.value, collector);
    },
    [showHousehold],
  );

  /** Balances change behind our back (a void on the receipts page): reload what is shown. */
  const refresh = useCallback(async () => {
    await loadCatalog();
    if (household) {
      const res = await call('household.get', { householdId: household.id });
      // The same household again: keep whom the keeper named as collecting.
      if (res.ok)
        setHousehold({ ...res.value, matchedMember: household.matchedMember, matchedMemberId: household.matchedMemberId, matchedBy: household.matchedBy });
    }
  }, [loadCatalog, household]);

  const addGoods = useCallback(
    (goods: GoodsItem) => {
      if (!household) return setFeedback({ type: 'warning', key: 'scan.pickHouseholdFirst' });
      if (closedDay !== null) return setFeedback({ type: 'error', error: { code: 'DAY_CLOSED', message: '', params: { date: closedDay } } });
      let outcome: ReturnType<typeof addOne>['outcome'] = 'added';
      changeLines((current) => {
        const r = addOne(current, goods);
        outcome = r.outcome;
        return r.lines;
      });
      cartOwner.current ??= { id: household.id, headName: household.headName, number: household.number };
      // The line just changed is the one ↑/↓, +/− and Delete act on next.
      setSelectedLine(goods.id);
      if (outcome === 'added') setFeedback({ type: 'success', key: 'scan.addedGoods', params: { name: goods.name } });
      else if (outcome === 'out_of_stock')
        setFeedback({ type: 'error', error: { code: 'OUT_OF_STOCK', message: '', params: { name: goods.name, need: 1, have: goods.stock } } });
      else
        setFeedback({
          type: 'warning',
          key: 'cart.maxReached',
          params: { name: goods.name, max: Math.min(MAX_LINE_QUANTITY, goods.stock), unit: goods.unit },
        });
    },
    [household, changeLines, closedDay],
  );

  const lookup = useCallback(
    async (raw: string) => {
      const query = raw.trim();
      if (!query) return;
      setLooking(true);
      const res = await call('counter.lookup', { query });
      setLooking(false);
      // A failed lookup never leaves the open household looking current: the message says
      // it is still the one being served.
      const stillOpen = household ? { head: household.headName, number: household.number } : undefined;
      if (!res.ok) return setFeedback({ type: 'error', error: res.error, stillOpen });
      const found = res.value;
      switch (found.kind) {
        case 'household':
          setFeedback(null);
          showHousehold(found.household);
          break;
        case 'matches':
          setFeedback(null);
          setMatches(found);
          setMatchIndex(0);
          break;
        case 'goods':
          addGoods(found.goods);
          break;
        case 'none':
          setFeedback({ type: 'warning', key: 'scan.notFound', params: { query: found.query }, stillOpen });
          break;
      }
    },
    [showHousehold, addGoods, household],
  );

  /** Opens the match at `index` (0-based), carrying over which member's name matched. */
  const pickMatch = useCallback(
    (index: number) => {
      const m = matches?.matches[index];
      if (m) void openHousehold(m.id, m.matchedMemberId);
    },
    [matches, openHousehold],
  );

  const balance = household?.accounts.find((a) => a.passbookId === passbookId)?.balance ?? null;
  const total = cartTotal(lines);
  const canConfirm = closedDay === null && household !== null && passbookId !== null && lines.length > 0 && balance !== null && balance >= total;

  const confirm = useCallback(async () => {
    if (inFlight.current || !canConfirm || !household || passbookId === null) return;
    inFlight.current = true;
    setSubmitting(true);
    requestId.current ??= newRequestId();
    const res = await call('redemption.create', {
      requestId: requestId.current,
      householdId: household.id,
      passbookId,
      memberId: collectorId,
      lines: lines.map((l) => ({ goodsId: l.goods.id, quantity: l.quantity })),
    });
    inFlight.current = false;
    setSubmitting(false);
    if (!res.ok) {
      setFeedback({ type: 'error', error: res.error });
      // Points or stock moved since we loaded them: show the truth so the keeper can adjust.
      if (res.error.code === 'INSUFFICIENT_POINTS' || res.error.code === 'OUT_OF_STOCK') await refresh();
      return;
    }
    setFeedback(null);
    setReceipt(res.value);
    lastReceipt.current = res.value;
    // Behind the receipt, show the new balance and stock.
    await refresh();
  }, [canConfirm, household, passbookId, collectorId, lines, refresh]);

  const clearHousehold = useCallback(() => {
    setHousehold(null);
    setMatches(null);
    setPassbookId(null);
    setCollectorId(null);
    setFeedback(null);
  }, []);

  const nextCustomer = useCallback(() => {
    clearHousehold();
    changeLines(() => []);
    setSelectedLine(null);
    setPendingSwitch(null);
    setReceipt(null);
    requestId.current = null;
  }, [clearHousehold, changeLines]);

  const changeQuantity = useCallback(
    (goodsId: number, quantity: number) => {
      changeLines((ls) => setQuantity(ls, goodsId, quantity));
      setSelectedLine(goodsId);
    },
    [changeLines],
  );
  /** +1 / −1 on the selected line (keyboard + and −); never below 1: Delete removes. */
  const stepSelected = useCallback(
    (delta: 1 | -1) => {
      const line = linesRef.current.find((l) => l.goods.id === selectedLine);
      if (line) changeQuantity(line.goods.id, line.quantity + delta);
    },
    [selectedLine, changeQuantity],
  );
  const removeGoods = useCallback(
    (goodsId: number) => {
      setSelectedLine(selectionAfterRemove(linesRef.current, goodsId));
      changeLines((ls) => removeLine(ls, goodsId));
    },
    [changeLines],
  );

  return {
    catalog,
    household,
    matches: matches?.matches ?? null,
    matchIndex,
    moveMatch: (step: number) => setMatchIndex((i) => (matches ? Math.min(matches.matches.length - 1, Math.max(0, i + step)) : 0)),
    pickMatch,
    closeMatches: () => setMatches(null),
    selectedLine,
    moveLine: (step: number) => setSelectedLine((sel) => moveSelection(linesRef.current, sel, step)),
    stepSelected,
    removeSelected: () => {
      if (selectedLine !== null) removeGoods(selectedLine);
    },
    collectorId,
    setCollectorId,
    pendingSwitch,
    cartOwner: cartOwner.current,
    resolveSwitch,
    lastReceipt: () => lastReceipt.current,
    passbookId,
    lines,
    feedback,
    receipt,
    looking,
    submitting,
    balance,
    canConfirm,
    setFeedback,
    loadCatalog,
    refresh,
    lookup,
    openHousehold,
    addGoods,
    setPassbookId,
    setQuantity: changeQuantity,
    removeLine: removeGoods,
    clearCart: () => {
      changeLines(() => []);
      setSelectedLine(null);
    },
    clearHousehold,
    confirm,
    nextCustomer,
  };
}
