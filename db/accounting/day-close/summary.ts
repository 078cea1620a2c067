import type { LedgerKind } from '../../contract/views.js';
import type { ClosingStock, DaySummary } from '../../contract/views-accounting.js';
import { dayBoundsUtc } from '../../domain/day-bounds.js';
import type { Db } from '../../platform/open.js';
import type { Keyring } from '../../platform/crypto/secret.js';
import { dayDigestOf, readDayRows, type DayRows } from '../../books/day-digest.js';
import { otherDayVoidLines, reconcileDay, type VoidLine } from './reconcile.js';
import { query } from '../../platform/query.js';

/**
 * The day close summary (日结): what happened on one business day, computed from the
 * append-only rows only (never from the caches), with the reconciliation that proves it
 * adds up and the digest that later proves it is unchanged.
 *
 * Each of the day's tables is read once (readDayRows) and the summary, the
 * reconciliation and the digest are all derived from those rows: at a busy day the
 * dozen grouped queries over the same rows cost more than the rows' one read. The
 * result is the one the grouped queries gave, field for field and in the same order
 * (tests/integration/day-close-one-pass.test.ts compares them).
 */
export function computeDaySummary(db: Db, date: string, opts: { now: Date; timeZone: string; keyring?: Keyring }): DaySummary {
  const day = readDayRows(db, date);
  const otherLines = otherDayVoidLines(db, date);
  const summary = summarize(db, date, day, otherLines);
  return {
    businessDate: date,
    generatedAt: opts.now.toISOString(),
    timeZone: opts.timeZone,
    ...summary,
    reconciliation: reconcileDay(db, date, opts.keyring, { day, otherLines }),
    digest: dayDigestOf(day),
    closingStock: closingStock(db, date, opts.timeZone),
  };
}

type Figures = Omit<DaySummary, 'businessDate' | 'generatedAt' | 'timeZone' | 'reconciliation' | 'digest'>;

/** Adds `v` to the number kept under `k` (a missing key counts as 0). */
function addTo<K>(m: Map<K, number>, k: K, v: number): void {
  m.set(k, (m.get(k) ?? 0) + v);
}

function summarize(db: Db, date: string, day: DayRows, otherLines: VoidLine[]): Figures {
  // The small tables, whole: what the grouped queries joined row by row.
  const goods = new Map(
    (db.prepare('SELECT id, name, unit, value_fen FROM goods').raw().all() as [number, string, string, number][]).map((g) => [
      g[0],
      { name: g[1], unit: g[2], valueFen: g[3] },
    ]),
  );
  const operators = new Map(db.prepare('SELECT id, name FROM operators').raw().all() as [number, string][]);
  const passbooks = new Map(
    (db.prepare('SELECT id, name, sort FROM passbooks').raw().all() as [number, string, number][]).map((p) => [p[0], { name: p[1], sort: p[2] }]),
  );
  // Receipts of the day voided on any day (a void may be dated later than its receipt).
  const voided = new Set(
    query(db).column<number>('SELECT v.redemption_id FROM voids v JOIN redemptions r ON r.id = v.redemption_id WHERE r.business_date = ?', date),
  );

  // Receipts: id, receipt_no, request_id, household_id, passbook_id, member_id, operator_id, total, …
  let points = 0;
  let voidedCount = 0;
  let voidedPoints = 0;
  let first: string | null = null;
  let last: string | null = null;
  const byPassbook = new Map<number, { count: number; points: number }>();
  const keepers = new Map<number, { redemptions: number; points: number; voids: number; voidedPoints: number }>();
  const keeper = (id: number) => {
    let k = keepers.get(id);
    if (k === undefined) {
      k = { redemptions: 0, points: 0, voids: 0, voidedPoints: 0 };
      keepers.set(id, k);
    }
    return k;
  };
  const receiptTotal = new Map<number, number>();
  for (const r of day.redemptions) {
    const [id, receiptNo, , , passbookId, , operatorId, total] = r as [number, string, unknown, number, number, number | null, number, number];
    receiptTotal.set(id, total);
    points += total;
    if (voided.has(id)) {
      voidedCount++;
      voidedPoints += total;
    }
    if (first === null || receiptNo < first) first = receiptNo;
    if (last === null || receiptNo > last) last = receiptNo;
    const p = byPassbook.get(passbookId);
    if (p) {
      p.count++;
      p.points += total;
    } else byPassbook.set(passbookId, { count: 1, points: total });
    const k = keeper(operatorId);
    k.redemptions++;
    k.points += total;
  }

  // Voids of the day: id, redemption_id, request_id, reason, operator_id, approved_by, created_at, ledger_id, receipt_no, total, …
  const voids: DaySummary['voids'] = [];
  const voidedReceipts: number[] = [];
  for (const v of day.voids) {
    const [, redemptionId, , reason, operatorId, approvedBy, createdAt, , receiptNo, total] = v as [
      number,
      number,
      unknown,
      string,
      number,
      number,
      string,
      number,
      string | null,
      number | null,
    ];
    voidedReceipts.push(redemptionId);
    const k = keeper(operatorId);
    k.voids++;
    if (receiptNo === null || total === null) continue;
    k.voidedPoints += total;
    const operatorName = operators.get(operatorId);
    const approvedByName = operators.get(approvedBy);
    if (operatorName === undefined || approvedByName === undefined) continue;
    voids.push({ receiptNo, points: total, reason, operatorName, approvedByName, createdAt });
  }

  // Points per good from the receipt lines (snapshotted prices): the day's receipts, and
  // the receipts voided this day (whose lines are today's or, rarely, another day's).
  const redeemedPoints = new Map<number, number>();
  const linePointsByReceipt = new Map<number, [number, number][]>();
  for (const l of day.lines) {
    const [redemptionId, , goodsId, , , , , linePoints] = l as [number, number, number, string, string, number, number, number];
    addTo(redeemedPoints, goodsId, linePoints);
    const list = linePointsByReceipt.get(redemptionId);
    if (list) list.push([goodsId, linePoints]);
    else linePointsByReceipt.set(redemptionId, [[goodsId, linePoints]]);
  }
  for (const l of otherLines) {
    const list = linePointsByReceipt.get(l.redemptionId);
    if (list) list.push([l.goodsId, l.points]);
    else linePointsByReceipt.set(l.redemptionId, [[l.goodsId, l.points]]);
  }
  const voidedPointsOf = new Map<number, number>();
  for (const id of voidedReceipts) for (const [goodsId, p] of linePointsByReceipt.get(id) ?? []) addTo(voidedPointsOf, goodsId, p);

  // Stock: id, goods_id, kind, quantity, stock_after, created_at, operator_id, ref_type, ref_id, note
  const moved = new Map<number, { out: number; returned: number }>();
  const stockIn = new Map<string, { goodsId: number; kind: 'purchase' | 'donation' | 'opening'; quantity: number }>();
  const adjustments: DaySummary['adjustments'] = [];
  for (const m of day.stock) {
    const [, goodsId, kind, quantity, , , operatorId, , , note] = m as [
      number,
      number,
      string,
      number,
      number,
      string,
      number,
      string | null,
      number | null,
      string | null,
    ];
    const g = goods.get(goodsId);
    if (g === undefined) continue;
    if (kind === 'redemption' || kind === 'void') {
      let t = moved.get(goodsId);
      if (t === undefined) {
        t = { out: 0, returned: 0 };
        moved.set(goodsId, t);
      }
      if (kind === 'redemption') t.out -= quantity;
      else t.returned += quantity;
    } else if (kind === 'purchase' || kind === 'donation' || kind === 'opening') {
      const key = `${kind}\u0000${goodsId}`;
      const s = stockIn.get(key);
      if (s) s.quantity += quantity;
      else stockIn.set(key, { goodsId, kind, quantity });
    } else if (kind === 'adjustment' || kind === 'stocktake') {
      const operatorName = operators.get(operatorId);
      if (operatorName === undefined) continue;
      adjustments.push({ goodsId, name: g.name, unit: g.unit, kind, quantity, note, operatorName });
    }
  }
  const goodsOut = [...moved]
    .map(([goodsId, t]) => ({ goodsId, out: t.out, returned: t.returned }))
    .sort((a, b) => b.out - a.out || a.goodsId - b.goodsId)
    .map(({ goodsId, out, returned }) => {
      const g = goods.get(goodsId)!;
      // 0 - x rather than -x: no negative zero in a summary that is stored and hashed as JSON.
      return {
        goodsId,
        name: g.name,
        unit: g.unit,
        out: 0 + out,
        returned,
        net: out - returned,
        points: (redeemedPoints.get(goodsId) ?? 0) - (voidedPointsOf.get(goodsId) ?? 0),
      };
    });

  // Ledger: id, hash, kind, amount, …
  const byKind = new Map<LedgerKind, { count: number; points: number }>();
  let posted = 0;
  let deducted = 0;
  for (const l of day.ledger) {
    const kind = l[2] as LedgerKind;
    const amount = l[3] as number;
    const k = byKind.get(kind);
    if (k) {
      k.count++;
      k.points += amount;
    } else byKind.set(kind, { count: 1, points: amount });
    if (amount > 0) posted += amount;
    else if (amount < 0) deducted -= amount;
  }

  return {
    redemptions: {
      count: day.redemptions.length,
      points,
      voidedCount,
      voidedPoints,
      byPassbook: [...byPassbook]
        .flatMap(([passbookId, p]) => {
          const pb = passbooks.get(passbookId);
          return pb ? [{ passbookId, name: pb.name, sort: pb.sort, count: p.count, points: p.points }] : [];
        })
        .sort((a, b) => a.sort - b.sort || a.passbookId - b.passbookId)
        .map(({ passbookId, name, count, points: pts }) => ({ passbookId, name, count, points: pts })),
    },
    voids,
    goodsOut,
    stockIn: [...stockIn.values()]
      .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.goodsId - b.goodsId))
      .map((s) => {
        const g = goods.get(s.goodsId)!;
        return { goodsId: s.goodsId, name: g.name, unit: g.unit, kind: s.kind, quantity: s.quantity, valueFen: s.quantity * g.valueFen };
      }),
    adjustments,
    points: {
      byKind: [...byKind].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([kind, k]) => ({ kind, count: k.count, points: k.points })),
      posted,
      deducted,
      net: posted - deducted,
      rows: day.ledger.length,
    },
    perKeeper: [...keepers]
      .filter(([id]) => operators.has(id))
      .sort((a, b) => a[0] - b[0])
      .map(([operatorId, k]) => ({
        operatorId,
        name: operators.get(operatorId)!,
        redemptions: k.redemptions,
        points: k.points,
        voids: k.voids,
        voidedPoints: k.voidedPoints,
      })),
    receipts: { first, last, count: day.redemptions.length },
  };
}

/**
 * Stock on hand at the end of a day, valued at the prices in force then. Both come from
 * append-only rows: each good's last movement dated up to the day (its stock_after), and
 * its last price row effective before the day ended. A catch-up closing last week's days
 * thus values each at last week's stock and prices; a close of today (nothing later
 * moved or repriced) equals the stock report (db/stock/report.ts). Two indexed look-ups
 * per good, through stock_movements(goods_id) and goods_prices(goods_id, id).
 */
export function closingStock(db: Db, date: string, timeZone: string): ClosingStock {
  const { end } = dayBoundsUtc(date, timeZone);
  const rows = db
    .prepare(
      `SELECT s.stock, p.points_price, p.value_fen FROM (
         SELECT g.id,
           (SELECT m.stock_after FROM stock_movements m WHERE m.goods_id = g.id AND m.business_date <= @d ORDER BY m.id DESC LIMIT 1) AS stock,
           (SELECT max(p.id) FROM goods_prices p WHERE p.goods_id = g.id AND p.effective_at < @end) AS price_id
         FROM goods g) s
       LEFT JOIN goods_prices p ON p.id = s.price_id
       WHERE s.stock > 0`,
    )
    .all({ d: date, end }) as { stock: number; points_price: number | null; value_fen: number | null }[];
  const out: ClosingStock = { goods: rows.length, units: 0, points: 0, fen: 0 };
  for (const r of rows) {
    out.units += r.stock;
    out.points += r.stock * (r.points_price ?? 0);
    out.fen += r.stock * (r.value_fen ?? 0);
  }
  return out;
}
