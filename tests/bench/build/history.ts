/**
 * Years of counter history, written in bulk. The rows are exactly what the app's own
 * paths write (postToLedger, redeem, moveStock): same columns, same values, the ledger's
 * hash chain computed with the same keyed hash (the connection's books key) over the same
 * fields, the row seals and chain heads written by the schema's own triggers, balances and stock
 * levels kept as running totals and stored as caches at the end. Only the mechanics
 * differ: prepared statements reused across rows, one transaction per business day, and
 * synchronous=OFF while building (set back to FULL before any case is measured).
 */
import { randomUUID } from 'node:crypto';
import { storedInstant, storedRequestId } from '../../../db/platform/compact-columns.js';
import type { Db } from '../../../db/platform/open.js';
import { GENESIS, keyedChainHash, requireBooksKey } from '../../../db/books/hash-chain.js';
import { ledgerFields, storedLedgerFields, type LedgerRowForHash } from '../../../db/books/ledger.js';
import { AWARDS, DEDUCTIONS } from '../../../db/demo/village.js';

export interface BulkGoods {
  id: number;
  name: string;
  unit: string;
  price: number;
}

export interface HistoryInput {
  db: Db;
  householdIds: readonly number[];
  passbookId: number;
  goods: readonly BulkGoods[];
  adminId: number;
  keeperId: number;
  ledgerRows: number;
  /** Business dates, oldest first; the first carries every opening balance. */
  dates: readonly string[];
  rand: () => number;
  /** Called after each day with rows written so far (progress). */
  onDay?: (rowsSoFar: number) => void;
}

export interface HistoryOutcome {
  kinds: Record<string, number>;
  redemptions: number;
  redemptionLines: number;
  stockMovements: number;
  rowsPerDate: Map<string, number>;
}

const OPENING_NOTE = '期初余额（纸质台账结转）';
const RESTOCK = 1_000;
/** The store is open 08:00–18:00 Beijing time, i.e. 00:00–10:00 UTC on the same date. */
const OPEN_MS = 10 * 3600_000;

export function generateHistory(inp: HistoryInput): HistoryOutcome {
  const { db, rand } = inp;
  const maxId = (table: string) => db.prepare(`SELECT COALESCE(MAX(id), 0) FROM ${table}`).pluck().get() as number;
  let ledgerId = maxId('ledger');
  let redemptionId = maxId('redemptions');
  let movementId = maxId('stock_movements');
  // Balances below start at zero, so the history must be the ledger's first rows.
  if (ledgerId !== 0) throw new Error('generateHistory expects an empty ledger');
  let prev: Buffer = GENESIS;
  // The books are keyed: the connection must be the core's (the key installed), as the
  // seal and head triggers that fire on these inserts also need it.
  const key = requireBooksKey(db);

  const insLedger = db.prepare(
    `INSERT INTO ledger (id, household_id, passbook_id, kind, amount, balance_after, honour_delta, business_date, created,
       operator_id, ref_type, ref_id, corrects_id, note, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insRedemption = db.prepare(
    `INSERT INTO redemptions (id, receipt_no, request_id, household_id, passbook_id, member_id, operator_id, total,
       balance_before, balance_after, business_date, created, ledger_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insLine = db.prepare(
    'INSERT INTO redemption_lines (redemption_id, line_no, goods_id, name, unit, unit_points, quantity, line_points) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insMove = db.prepare(
    `INSERT INTO stock_movements (id, goods_id, kind, quantity, stock_after, business_date, created, operator_id, ref_type, ref_id, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const n = inp.householdIds.length;
  const balance = new Int32Array(n);
  const honour = new Int32Array(n);
  const touched = new Uint8Array(n);
  const stock = new Map<number, number>(inp.goods.map((g) => [g.id, db.prepare('SELECT stock FROM goods WHERE id = ?').pluck().get(g.id) as number]));
  const out: HistoryOutcome = { kinds: {}, redemptions: 0, redemptionLines: 0, stockMovements: 0, rowsPerDate: new Map() };
  const cheapest = [...inp.goods].sort((a, b) => a.price - b.price)[0]!;

  const ledger = (hi: number, r: Omit<LedgerRowForHash, 'household_id' | 'passbook_id' | 'corrects_id'>): number => {
    const row: LedgerRowForHash = { ...r, household_id: inp.householdIds[hi]!, passbook_id: inp.passbookId, corrects_id: null };
    const hash = keyedChainHash(key, prev, ledgerFields(row));
    insLedger.run(++ledgerId, ...storedLedgerFields(row), hash);
    prev = hash;
    touched[hi] = 1;
    out.kinds[r.kind] = (out.kinds[r.kind] ?? 0) + 1;
    return ledgerId;
  };
  const move = (
    goodsId: number,
    kind: 'purchase' | 'redemption',
    quantity: number,
    date: string,
    at: string,
    opId: number,
    refId: number | null,
    note: string | null,
  ) => {
    const after = stock.get(goodsId)! + quantity;
    stock.set(goodsId, after);
    insMove.run(++movementId, goodsId, kind, quantity, after, date, storedInstant(at), opId, refId === null ? null : 'redemption', refId, note);
    out.stockMovements++;
  };
  const award = (hi: number, date: string, at: string) => {
    const [pts, note] = AWARDS[Math.floor(rand() * AWARDS.length)]!;
    balance[hi]! += pts;
    honour[hi]! += pts;
    ledger(hi, {
      kind: 'award',
      amount: pts,
      balance_after: balance[hi]!,
      honour_delta: pts,
      business_date: date,
      created_at: at,
      operator_id: inp.adminId,
      ref_type: null,
      ref_id: null,
      note,
    });
  };

  const openingsOnFirstDay = n;
  const rest = Math.max(0, inp.ledgerRows - openingsOnFirstDay);
  let written = 0;
  const writeDay = (date: string, d: number): void => {
    const target = Math.floor((rest * (d + 1)) / inp.dates.length) - Math.floor((rest * d) / inp.dates.length);
    const count = target + (d === 0 ? openingsOnFirstDay : 0);
    const dayStart = Date.parse(`${date}T00:00:00Z`);
    const ymd = date.replaceAll('-', '');
    let receiptSeq = 0;
    {
      for (let i = 0; i < count; i++) {
        const at = new Date(dayStart + Math.floor((i * OPEN_MS) / count)).toISOString();
        if (d === 0 && i < openingsOnFirstDay) {
          const pts = 50 + Math.floor(rand() * 12) * 25;
          balance[i]! += pts;
          honour[i]! += pts;
          ledger(i, {
            kind: 'opening',
            amount: pts,
            balance_after: balance[i]!,
            honour_delta: pts,
            business_date: date,
            created_at: at,
            operator_id: inp.adminId,
            ref_type: null,
            ref_id: null,
            note: OPENING_NOTE,
          });
          continue;
        }
        const hi = Math.floor(rand() * n);
        const r = rand();
        // About 70% awards, 5% deductions, 25% redemptions: households earn through the
        // month and come to the store now and then.
        if (r < 0.7) {
          award(hi, date, at);
        } else if (r < 0.75) {
          const [negative, note] = DEDUCTIONS[Math.floor(rand() * DEDUCTIONS.length)]!;
          // A deduction never takes a balance below zero (DOMAIN.md).
          const amount = Math.min(-negative, balance[hi]!);
          if (amount === 0) {
            award(hi, date, at);
            continue;
          }
          balance[hi]! -= amount;
          ledger(hi, {
            kind: 'deduction',
            amount: -amount,
            balance_after: balance[hi]!,
            honour_delta: 0,
            business_date: date,
            created_at: at,
            operator_id: inp.adminId,
            ref_type: null,
            ref_id: null,
            note,
          });
        } else {
          // A 1–3 line cart; a household that cannot afford it takes the cheapest good,
          // or earns points instead (the row count stays what was asked for).
          const lineCount = 1 + Math.floor(rand() * 3);
          const picked = new Map<number, BulkGoods>();
          while (picked.size < lineCount) {
            const g = inp.goods[Math.floor(rand() * inp.goods.length)]!;
            picked.set(g.id, g);
          }
          let lines = [...picked.values()].map((g) => ({ g, q: rand() < 0.2 ? 2 : 1 }));
          let total = lines.reduce((s, l) => s + l.g.price * l.q, 0);
          if (total > balance[hi]!) {
            lines = [{ g: cheapest, q: 1 }];
            total = cheapest.price;
          }
          if (total > balance[hi]!) {
            award(hi, date, at);
            continue;
          }
          for (const l of lines) if (stock.get(l.g.id)! < l.q) move(l.g.id, 'purchase', RESTOCK, date, at, inp.adminId, null, '采购入库');
          const rid = ++redemptionId;
          const receiptNo = `${ymd}-${String(++receiptSeq).padStart(4, '0')}`;
          const before = balance[hi]!;
          balance[hi]! -= total;
          const lid = ledger(hi, {
            kind: 'redemption',
            amount: -total,
            balance_after: balance[hi]!,
            honour_delta: 0,
            business_date: date,
            created_at: at,
            operator_id: inp.keeperId,
            ref_type: 'redemption',
            ref_id: rid,
            note: receiptNo,
          });
          // The renderer's request id: 32 hex digits (renderer/src/lib/requestId.ts).
          const requestId = randomUUID().replaceAll('-', '');
          insRedemption.run(
            rid,
            receiptNo,
            storedRequestId(requestId),
            inp.householdIds[hi]!,
            inp.passbookId,
            null,
            inp.keeperId,
            total,
            before,
            balance[hi]!,
            date,
            storedInstant(at),
            lid,
          );
          out.redemptions++;
          lines.forEach((l, k) => {
            insLine.run(rid, k + 1, l.g.id, l.g.name, l.g.unit, l.g.price, l.q, l.g.price * l.q);
            out.redemptionLines++;
            move(l.g.id, 'redemption', -l.q, date, at, inp.keeperId, rid, null);
          });
        }
      }
    }
    written += count;
    out.rowsPerDate.set(date, count);
    inp.onDay?.(written);
  };
  // Commit every ~50k rows: fewer, bigger transactions are what makes a bulk load fast.
  const daysPerCommit = Math.max(1, Math.floor(50_000 / Math.max(1, rest / inp.dates.length)));
  for (let d0 = 0; d0 < inp.dates.length; d0 += daysPerCommit) {
    db.transaction(() => {
      for (let d = d0; d < Math.min(inp.dates.length, d0 + daysPerCommit); d++) writeDay(inp.dates[d]!, d);
    })();
  }

  // The caches, exactly as the row-by-row path would have left them.
  db.transaction(() => {
    const acc = db.prepare(
      `INSERT INTO accounts (household_id, passbook_id, balance, honour_total) VALUES (?, ?, ?, ?)
       ON CONFLICT (household_id, passbook_id) DO UPDATE SET balance = excluded.balance, honour_total = excluded.honour_total`,
    );
    for (let i = 0; i < n; i++) if (touched[i]) acc.run(inp.householdIds[i]!, inp.passbookId, balance[i]!, honour[i]!);
    const upd = db.prepare('UPDATE goods SET stock = ? WHERE id = ?');
    for (const [id, s] of stock) upd.run(s, id);
  })();
  return out;
}
