/**
 * A 3-line cart at the counter, synchronous=FULL: the core's redemption through
 * dispatch() (session, role, schema, then redeem()), against raw better-sqlite3 doing
 * the same reads, inserts and updates with statements prepared once, on its own
 * connection with the same pragmas. The two run interleaved in blocks so that the other
 * load on a shared machine falls on both alike. The raw rows are real, valid rows too
 * (hash chain included), dated the day before, so today holds exactly the core's
 * redemptions: the busy day that the day-close case then closes.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Core } from '../../../db/core.js';
import { dispatch } from '../../../db/dispatch.js';
import { chainKeyFrom, GENESIS, keyedChainHash } from '../../../db/books/hash-chain.js';
import { installBooksKey } from '../../../db/books/seals.js';
import { loadOrCreateSecret } from '../../../db/platform/crypto/secret.js';
import { storedInstant, storedRequestId } from '../../../db/platform/compact-columns.js';
import { ledgerFields, storedLedgerFields, type LedgerRowForHash } from '../../../db/books/ledger.js';
import { moveStock } from '../../../db/books/stock-moves.js';
import { login } from '../../helpers/core.js';
import type { BenchDb } from '../build/database.js';
import type { BenchConfig } from '../config.js';
import { ms, type CaseResult } from '../result.js';
import { summarize, timeSync } from '../stats.js';

/** The renderer's form of a request id: 32 hex digits (renderer/src/lib/requestId.ts). */
const newRequestId = () => randomUUID().replaceAll('-', '');

interface Cart {
  householdId: number;
  lines: { goodsId: number; quantity: number }[];
}

/** The SQL work of redeem(), nothing else: what SQLite itself costs per redemption. */
function rawRedeemer(file: string, bench: BenchDb, date: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // The books are keyed: the ledger row's hash needs the installation's key, and the seal
  // and head triggers that fire on these inserts need the SQL functions the core installs.
  const key = chainKeyFrom(loadOrCreateSecret(bench.dataDir));
  installBooksKey(db, key);
  const s = {
    byRequest: db.prepare('SELECT id FROM redemptions WHERE request_id = ?').pluck(),
    household: db.prepare('SELECT status FROM households WHERE id = ?'),
    passbook: db.prepare('SELECT spendable FROM passbooks WHERE id = ?'),
    goods: db.prepare('SELECT id, name, unit, points_price, active, stock FROM goods WHERE id = ?'),
    maxId: db.prepare('SELECT COALESCE(MAX(id), 0) FROM redemptions').pluck(),
    daySeq: db.prepare('SELECT count(*) FROM redemptions WHERE business_date = ?').pluck(),
    dayClosed: db.prepare('SELECT action FROM day_closes WHERE business_date = ? ORDER BY id DESC LIMIT 1').pluck(),
    createAccount: db.prepare('INSERT OR IGNORE INTO accounts (household_id, passbook_id) VALUES (?, ?)'),
    account: db.prepare('SELECT balance, honour_total FROM accounts WHERE household_id = ? AND passbook_id = ?'),
    lastHash: db.prepare('SELECT hash FROM ledger ORDER BY id DESC LIMIT 1').pluck(),
    insLedger: db.prepare(
      `INSERT INTO ledger (household_id, passbook_id, kind, amount, balance_after, honour_delta, business_date, created,
         operator_id, ref_type, ref_id, corrects_id, note, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updAccount: db.prepare('UPDATE accounts SET balance = ?, honour_total = ? WHERE household_id = ? AND passbook_id = ?'),
    insRedemption: db.prepare(
      `INSERT INTO redemptions (id, receipt_no, request_id, household_id, passbook_id, member_id, operator_id, total,
         balance_before, balance_after, business_date, created, ledger_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insLine: db.prepare(
      'INSERT INTO redemption_lines (redemption_id, line_no, goods_id, name, unit, unit_points, quantity, line_points) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    goodsStock: db.prepare('SELECT name, stock FROM goods WHERE id = ?'),
    insMove: db.prepare(
      `INSERT INTO stock_movements (goods_id, kind, quantity, stock_after, business_date, created, operator_id, ref_type, ref_id, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updGoods: db.prepare('UPDATE goods SET stock = ? WHERE id = ?'),
  };
  const pb = bench.passbookId;
  const op = bench.keeperId;
  const redeem = (cart: Cart, at: string) =>
    db
      .transaction(() => {
        s.household.get(cart.householdId);
        s.passbook.get(pb);
        const goods = cart.lines.map((l) => s.goods.get(l.goodsId) as { id: number; name: string; unit: string; points_price: number });
        const total = cart.lines.reduce((sum, l, i) => sum + goods[i]!.points_price * l.quantity, 0);
        const id = (s.maxId.get() as number) + 1;
        const receiptNo = `${date.replaceAll('-', '')}-${String((s.daySeq.get(date) as number) + 1).padStart(4, '0')}`;
        s.dayClosed.get(date);
        s.createAccount.run(cart.householdId, pb);
        const acc = s.account.get(cart.householdId, pb) as { balance: number; honour_total: number };
        const row: LedgerRowForHash = {
          household_id: cart.householdId,
          passbook_id: pb,
          kind: 'redemption',
          amount: -total,
          balance_after: acc.balance - total,
          honour_delta: 0,
          business_date: date,
          created_at: at,
          operator_id: op,
          ref_type: 'redemption',
          ref_id: id,
          corrects_id: null,
          note: receiptNo,
        };
        const prev = (s.lastHash.get() as Buffer | undefined) ?? GENESIS;
        const ledgerId = Number(s.insLedger.run(...storedLedgerFields(row), keyedChainHash(key, prev, ledgerFields(row))).lastInsertRowid);
        s.updAccount.run(row.balance_after, acc.honour_total, cart.householdId, pb);
        s.insRedemption.run(
          id,
          receiptNo,
          storedRequestId(newRequestId()),
          cart.householdId,
          pb,
          null,
          op,
          total,
          acc.balance,
          row.balance_after,
          date,
          storedInstant(at),
          ledgerId,
        );
        cart.lines.forEach((l, i) => {
          const g = goods[i]!;
          s.insLine.run(id, i + 1, g.id, g.name, g.unit, g.points_price, l.quantity, g.points_price * l.quantity);
          s.dayClosed.get(date);
          const level = (s.goodsStock.get(g.id) as { stock: number }).stock;
          s.insMove.run(g.id, 'redemption', -l.quantity, level - l.quantity, date, storedInstant(at), op, 'redemption', id, null);
          s.updGoods.run(level - l.quantity, g.id);
        });
      })
      .immediate();
  return {
    redeem: (cart: Cart, at: string) => {
      // redeem() first asks whether the request id was seen before.
      s.byRequest.get(storedRequestId(newRequestId()));
      redeem(cart, at);
    },
    close: () => db.close(),
  };
}

/** Households that can afford their carts, each used once; carts of 3 distinct goods. */
function makeCarts(core: Core, bench: BenchDb, count: number, rand: () => number): Cart[] {
  const cheap = bench.goods.filter((g) => g.price <= 30);
  const rich = core.db
    .prepare('SELECT household_id FROM accounts WHERE passbook_id = ? AND balance >= 100 ORDER BY household_id')
    .pluck()
    .all(bench.passbookId) as number[];
  if (rich.length < count) throw new Error(`only ${rich.length} households can afford a cart; need ${count}`);
  const carts: Cart[] = [];
  const used = new Set<number>();
  while (carts.length < count) {
    const hid = rich[Math.floor(rand() * rich.length)]!;
    if (used.has(hid)) continue;
    used.add(hid);
    const goods = new Set<number>();
    while (goods.size < 3) goods.add(cheap[Math.floor(rand() * cheap.length)]!.id);
    carts.push({ householdId: hid, lines: [...goods].map((goodsId) => ({ goodsId, quantity: 1 })) });
  }
  return carts;
}

export function redemptionCase(core: Core, bench: BenchDb, cfg: BenchConfig, rand: () => number): CaseResult {
  const n = cfg.redemptions;
  const carts = makeCarts(core, bench, 2 * n, rand);
  const coreCarts = carts.slice(0, n);
  const rawCarts = carts.slice(n);
  // Enough stock for both runs, received the way the store receives it.
  const yesterdayMorning = `${bench.baselineDate}T00:00:00.000Z`;
  core.db.transaction(() => {
    for (const g of bench.goods)
      moveStock(core.db, {
        goodsId: g.id,
        kind: 'purchase',
        quantity: 4 * n,
        businessDate: bench.baselineDate,
        createdAt: yesterdayMorning,
        operatorId: bench.adminId,
        note: '采购入库',
      });
  })();

  const keeper = login(core, 'keeper');
  const raw = rawRedeemer(bench.file, bench, bench.baselineDate);
  const coreTimes: number[] = [];
  const coreCpu: number[] = [];
  const rawTimes: number[] = [];
  const rawCpu: number[] = [];
  let coreTotal = 0;
  let rawTotal = 0;
  const BLOCK = 250;
  const dayStart = Date.parse(yesterdayMorning);
  try {
    for (let i = 0; i < n; i += BLOCK) {
      const rawBlock = timeSync(() => {
        for (let k = i; k < Math.min(n, i + BLOCK); k++) {
          const at = new Date(dayStart + 3600_000 + k * 5_000).toISOString();
          const t = timeSync(() => raw.redeem(rawCarts[k]!, at));
          rawTimes.push(t.ms);
          rawCpu.push(t.cpuMs);
        }
      });
      rawTotal += rawBlock.ms;
      const coreBlock = timeSync(() => {
        for (let k = i; k < Math.min(n, i + BLOCK); k++) {
          const c = coreCarts[k]!;
          const t = timeSync(() =>
            dispatch(core, keeper.token, 'redemption.create', {
              requestId: newRequestId(),
              householdId: c.householdId,
              passbookId: bench.passbookId,
              lines: c.lines,
            }),
          );
          if (!t.value.ok) throw new Error(`redemption refused: ${t.value.error.code} ${t.value.error.message}`);
          coreTimes.push(t.ms);
          coreCpu.push(t.cpuMs);
        }
      });
      coreTotal += coreBlock.ms;
    }
  } finally {
    raw.close();
  }
  const c = summarize(coreTimes);
  const cc = summarize(coreCpu);
  const r = summarize(rawTimes);
  const coreRate = (n / coreTotal) * 1000;
  const rawRate = (n / rawTotal) * 1000;
  const share = coreRate / rawRate;
  return {
    id: 'redemption',
    title: 'Redemption of a 3-line cart, synchronous=FULL (dispatch → redeem)',
    size: `${n.toLocaleString('en')} redemptions on the county database`,
    target: 'throughput ≥ 90% of raw; p99 ≤ 1.2× raw p99; CPU p99 ≤ 2 ms',
    figure: `p99 ${ms(c.p99)}, median ${ms(c.median)}; ${coreRate.toFixed(0)}/s`,
    met: share >= 0.9 && c.p99 <= 1.2 * r.p99,
    cpuFigure: `p99 ${ms(cc.p99)}, median ${ms(cc.median)} (without the wait for fsync)`,
    metOnCpu: share >= 0.9 && cc.p99 <= 2,
    // The raw CPU p99 beside the core's: the tail of a sale's CPU time is mostly the kernel's
    // part of the commit's fsync (system time), which the raw writes pay as well.
    vsRaw: `throughput ${(share * 100).toFixed(0)}% of raw (${rawRate.toFixed(0)}/s; raw p99 ${ms(r.p99)}, raw CPU p99 ${ms(summarize(rawCpu).p99)})`,
    data: { core: c, coreCpu: cc, raw: r, rawCpu: summarize(rawCpu), coreRatePerS: coreRate, rawRatePerS: rawRate, throughputShare: share },
  };
}
