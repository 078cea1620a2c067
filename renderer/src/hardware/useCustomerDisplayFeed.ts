import { useEffect, useMemo } from 'react';
import type { HouseholdView, ReceiptView } from '../../../db/contract/index.js';
import { call, hasSession } from '../api/client.js';
import type { CartLine } from '../pages/counter/cart.js';

/** A live sale is said again this often, so the core knows it is still live (see SALE_STALE_MS). */
const HEARTBEAT_MS = 60_000;

/**
 * Tells the core what the customer display should show: the household and cart being
 * served, the receipt just made, or nothing. Only ids and quantities go; the core builds
 * what the villager sees (masked name, balance) itself.
 */
export function useCustomerDisplayFeed(s: {
  household: HouseholdView | null;
  passbookId: number | null;
  lines: CartLine[];
  receipt: ReceiptView | null;
}): void {
  const { household, passbookId, lines, receipt } = s;
  const sale = useMemo(() => {
    if (receipt) return { kind: 'done' as const, redemptionId: receipt.id };
    if (household)
      return {
        kind: 'sale' as const,
        householdId: household.id,
        passbookId,
        lines: lines.map((l) => ({ goodsId: l.goods.id, quantity: l.quantity })),
      };
    return { kind: 'idle' as const };
  }, [household, passbookId, lines, receipt]);

  useEffect(() => {
    const publish = () => {
      // Locked or logged out: nothing to say, and a call without a session would end the
      // lock screen's state.
      if (hasSession()) void call('display.publish', { sale });
    };
    const soon = window.setTimeout(publish, 100);
    const heartbeat = sale.kind === 'idle' ? null : window.setInterval(publish, HEARTBEAT_MS);
    return () => {
      window.clearTimeout(soon);
      if (heartbeat !== null) window.clearInterval(heartbeat);
    };
  }, [sale]);
}
