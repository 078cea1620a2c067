/**
 * The customer display's feed (客显): the counter publishes what it is doing (a household
 * and a cart, a finished receipt, or nothing), and the display reads it back through its
 * own credential. The ctx keeps only ids and quantities and builds what the villager
 * sees from the database at read time, so the page cannot put anything on the screen the
 * ctx did not (an unmasked name, a made-up balance).
 */
import { AppError } from '../contract/errors.js';
import type { CustomerDisplayView, DisplayLine } from '../contract/views-hardware.js';
import type { StoreContext } from '../books/context.js';
import { receiptView } from '../books/receipts.js';
import { query } from '../platform/query.js';

export type PublishedSale =
  | { kind: 'idle' }
  | { kind: 'sale'; householdId: number; passbookId: number | null; lines: { goodsId: number; quantity: number }[] }
  | { kind: 'done'; redemptionId: number };

/**
 * A sale nobody touched for this long is no longer shown: a counter closed mid-sale (or
 * locked by its idle timer) must not leave a household's balance on the screen all day.
 * The counter re-publishes a live sale every minute.
 */
export const SALE_STALE_MS = 3 * 60_000;

/** 张三 → 张*, 欧阳娜娜 → 欧***: enough for the villager to know it is theirs. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

interface Published {
  sale: PublishedSale;
  at: number;
}

export class CustomerDisplayFeed {
  private readonly byCounter = new Map<string, Published>();

  constructor(private readonly ctx: StoreContext) {}

  publish(counter: string, sale: PublishedSale): void {
    if (sale.kind === 'sale') {
      const h = query(this.ctx.db).get('SELECT 1 FROM households WHERE id = ?', sale.householdId);
      if (!h) throw new AppError('HOUSEHOLD_NOT_FOUND');
    }
    if (sale.kind === 'done') {
      // Throws REDEMPTION_NOT_FOUND for a receipt that does not exist.
      receiptView(this.ctx, sale.redemptionId);
    }
    this.byCounter.set(counter, { sale, at: this.ctx.clock.now().getTime() });
  }

  view(counter: string): CustomerDisplayView {
    const { storeName, villageName } = this.ctx.settings();
    const idle: CustomerDisplayView = { kind: 'idle', storeName, villageName };
    const p = this.byCounter.get(counter);
    if (!p || this.ctx.clock.now().getTime() - p.at > SALE_STALE_MS) return idle;
    const sale = p.sale;
    if (sale.kind === 'idle') return idle;
    if (sale.kind === 'done') {
      const r = receiptView(this.ctx, sale.redemptionId);
      return {
        kind: 'done',
        storeName,
        villageName,
        householdName: maskName(r.household.headName),
        passbookName: r.passbook.name,
        balance: r.balanceBefore,
        lines: r.lines.map(({ name, unit, unitPoints, quantity, linePoints }) => ({ name, unit, unitPoints, quantity, linePoints })),
        total: r.total,
        balanceAfter: r.balanceAfter,
      };
    }
    const h = query(this.ctx.db).get<{ head_name: string }>('SELECT head_name FROM households WHERE id = ?', sale.householdId);
    if (!h) return idle;
    const account = query(this.ctx.db).get<{ name: string; balance: number }>(
      `SELECT p.name, COALESCE(a.balance, 0) AS balance FROM passbooks p
         LEFT JOIN accounts a ON a.passbook_id = p.id AND a.household_id = ? WHERE p.id = ?`,
      sale.householdId,
      sale.passbookId ?? -1,
    );
    const goods = this.ctx.db.prepare('SELECT name, unit, points_price FROM goods WHERE id = ?');
    const lines: DisplayLine[] = [];
    for (const l of sale.lines) {
      const g = goods.get(l.goodsId) as { name: string; unit: string; points_price: number } | undefined;
      if (g) lines.push({ name: g.name, unit: g.unit, unitPoints: g.points_price, quantity: l.quantity, linePoints: g.points_price * l.quantity });
    }
    const total = lines.reduce((s, l) => s + l.linePoints, 0);
    const balance = account?.balance ?? 0;
    return {
      kind: 'sale',
      storeName,
      villageName,
      householdName: maskName(h.head_name),
      passbookName: account?.name ?? '',
      balance,
      lines,
      total,
      balanceAfter: balance - total,
    };
  }
}
