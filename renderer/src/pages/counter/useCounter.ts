/**
 * The counter's state and what the keeper can do with it: look something up, pick a
 * household, add goods, confirm, start the next customer. The page component only lays
 * this out.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GoodsCatalog, GoodsItem, HouseholdView, LookupResult, ReceiptView } from '../../../../db/contract/index.js';
import { call } from '../../api/client.js';
import { newRequestId } from '../../lib/requestId.js';
import { addOne, cartTotal, MAX_LINE_QUANTITY, refreshGoods, removeLine, setQuantity, type CartLine } from './cart.js';
import type { FeedbackState } from './Feedback.js';

/** The passbook to spend from by default: the household's default one if spendable. */
function defaultPassbook(h: HouseholdView): number | null {
  const spendable = h.accounts.filter((a) => a.spendable);
  return (spendable.find((a) => a.isDefault) ?? spendable[0])?.passbookId ?? null;
}

export function useCounter() {
  const [catalog, setCatalog] = useState<GoodsCatalog | null>(null);
  const [household, setHousehold] = useState<HouseholdView | null>(null);
  const [matches, setMatches] = useState<LookupResult & { kind: 'matches' } | null>(null);
  const [passbookId, setPassbookId] = useState<number | null>(null);
  const [lines, setLines] = useState<CartLine[]>([]);
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
  }, [lines, household?.id, passbookId]);

  const loadCatalog = useCallback(async () => {
    const res = await call('goods.catalog', {});
    if (!res.ok) return setFeedback({ type: 'error', error: res.error });
    setCatalog(res.value);
    setLines((ls) => refreshGoods(ls, res.value.goods));
  }, []);

  const showHousehold = useCallback((h: HouseholdView) => {
    setHousehold(h);
    setMatches(null);
    setPassbookId((current) => (h.accounts.some((a) => a.passbookId === current && a.spendable) ? current : defaultPassbook(h)));
  }, []);

  const openHousehold = useCallback(
    async (householdId: number) => {
      const res = await call('household.get', { householdId });
      if (!res.ok) return setFeedback({ type: 'error', error: res.error });
      setFeedback(null);
      showHousehold(res.value);
    },
    [showHousehold],
  );

  /** Balances change behind our back (a void on the receipts page): reload what is shown. */
  const refresh = useCallback(async () => {
    await loadCatalog();
    if (household) {
      const res = await call('household.get', { householdId: household.id });
      if (res.ok) showHousehold(res.value);
    }
  }, [loadCatalog, household, showHousehold]);

  const addGoods = useCallback(
    (goods: GoodsItem) => {
      if (!household) return setFeedback({ type: 'warning', key: 'scan.pickHouseholdFirst' });
      const { lines: next, outcome } = addOne(lines, goods);
      setLines(next);
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
    [household, lines],
  );

  const lookup = useCallback(
    async (raw: string) => {
      const query = raw.trim();
      if (!query) return;
      setLooking(true);
      const res = await call('counter.lookup', { query });
      setLooking(false);
      if (!res.ok) return setFeedback({ type: 'error', error: res.error });
      const found = res.value;
      switch (found.kind) {
        case 'household':
          setFeedback(null);
          showHousehold(found.household);
          break;
        case 'matches':
          setFeedback(null);
          setMatches(found);
          break;
        case 'goods':
          addGoods(found.goods);
          break;
        case 'none':
          setFeedback({ type: 'warning', key: 'scan.notFound', params: { query: found.query } });
          break;
      }
    },
    [showHousehold, addGoods],
  );

  const balance = household?.accounts.find((a) => a.passbookId === passbookId)?.balance ?? null;
  const total = cartTotal(lines);
  const canConfirm = household !== null && passbookId !== null && lines.length > 0 && balance !== null && balance >= total;

  const confirm = useCallback(async () => {
    if (inFlight.current || !canConfirm || !household || passbookId === null) return;
    inFlight.current = true;
    setSubmitting(true);
    requestId.current ??= newRequestId();
    const res = await call('redemption.create', {
      requestId: requestId.current,
      householdId: household.id,
      passbookId,
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
    // Behind the receipt, show the new balance and stock.
    await refresh();
  }, [canConfirm, household, passbookId, lines, refresh]);

  const clearHousehold = useCallback(() => {
    setHousehold(null);
    setMatches(null);
    setPassbookId(null);
    setFeedback(null);
  }, []);

  const nextCustomer = useCallback(() => {
    clearHousehold();
    setLines([]);
    setReceipt(null);
    requestId.current = null;
  }, [clearHousehold]);

  return {
    catalog,
    household,
    matches: matches?.matches ?? null,
    passbookId,
    lines,
    feedback,
    receipt,
    looking,
    submitting,
    balance,
    canConfirm,
    loadCatalog,
    refresh,
    lookup,
    openHousehold,
    addGoods,
    setPassbookId,
    setQuantity: (goodsId: number, quantity: number) => setLines((ls) => setQuantity(ls, goodsId, quantity)),
    removeLine: (goodsId: number) => setLines((ls) => removeLine(ls, goodsId)),
    clearCart: () => setLines([]),
    clearHousehold,
    confirm,
    nextCustomer,
  };
}
