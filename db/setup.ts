import { AppError } from './contract/errors.js';
import type { SetupStatus } from './contract/views.js';
import type { Core } from './core.js';
import { loadDemoRules } from './demo/rules.js';
import { demoPlan, DEMO_OPERATORS, type DemoPlan } from './demo/village.js';
import { businessDate } from './domain/clock.js';
import { searchKeys } from './domain/pinyin.js';
import { makeCardCode } from './domain/card-code.js';
import { audit } from './books/audit.js';
import { defaultPassbookId, ensurePassbook, insertHousehold, openingBalance } from './households/write.js';
import { postToLedger } from './books/ledger.js';
import { createOperator, operatorCount } from './books/operators.js';
import { redeem } from './counter/redemption.js';
import { getSetting, setSetting } from './books/settings.js';
import { moveStock } from './books/stock-moves.js';
import { points as toPoints } from './domain/amounts.js';
import { query } from './platform/query.js';

export function setupStatus(core: Core): SetupStatus {
  const s = core.settings();
  return {
    initialized: operatorCount(core) > 0,
    households: query(core.db).scalar<number>('SELECT count(*) FROM households'),
    villageName: s.villageName,
    storeName: s.storeName,
  };
}

/** First run: the first administrator. Refused once any operator exists. */
export function createFirstAdmin(core: Core, name: string, pin: string, villageName?: string): number {
  return core.db
    .transaction(() => {
      if (operatorCount(core) > 0) throw new AppError('ALREADY_INITIALIZED');
      const id = createOperator(core, name, 'admin', pin, null);
      if (villageName) {
        setSetting(core.db, 'store.villageName', villageName);
        core.settingsChanged();
      }
      ensurePassbook(core, 'main', '积分存折', true);
      return id;
    })
    .immediate();
}

const DAY = 86_400_000;

/**
 * Loads the demo village into an installation that has no households yet: groups,
 * households with members (ID numbers hashed), goods received into stock, opening
 * balances, two months of awards and deductions, and a week of redemptions.
 */
export function loadDemo(
  core: Core,
  byOperatorId: number,
  opts: { households?: number; seed?: number } = {},
): { households: number; goods: number; plan: DemoPlan } {
  const plan = demoPlan(opts);
  core.db
    .transaction(() => {
      if (query(core.db).scalar<number>('SELECT count(*) FROM households') > 0) throw new AppError('DEMO_NOT_EMPTY');
      const existing = new Set(query(core.db).column<string>('SELECT name FROM operators'));
      for (const o of DEMO_OPERATORS) if (!existing.has(o.name)) createOperator(core, o.name, o.role, o.pin, byOperatorId);
      // Keep the village name typed at first run; the demo's name only fills a blank.
      if (getSetting<string | null>(core.db, 'store.villageName', null) === null) {
        setSetting(core.db, 'store.villageName', plan.villageName);
        core.settingsChanged();
      }
      const tz = core.settings().timeZone;
      const now = core.clock.now().getTime();
      const at = (daysAgo: number, minute = 0) => {
        const d = new Date(now - daysAgo * DAY + minute * 60_000);
        return { createdAt: d.toISOString(), businessDate: businessDate(d, tz) };
      };
      const passbook = defaultPassbookId(core);
      const start = at(62);

      const goodsIds: number[] = [];
      for (const g of plan.goods) {
        const info = query(core.db).run(
          'INSERT INTO goods (name, name_initials, category, unit, points_price, value_fen, low_stock, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          g.name,
          searchKeys(g.name).initials,
          g.category,
          g.unit,
          g.pointsPrice,
          g.valueFen,
          g.lowStock,
          start.createdAt,
        );
        const goodsId = Number(info.lastInsertRowid);
        goodsIds.push(goodsId);
        query(core.db).run('INSERT INTO goods_barcodes (barcode, goods_id) VALUES (?, ?)', g.barcode, goodsId);
        // One good starts out of stock on purpose, so the counter shows what that looks like.
        if (g.stock === 0) continue;
        moveStock(core.db, {
          goodsId,
          kind: g.donor ? 'donation' : 'purchase',
          quantity: g.stock,
          operatorId: byOperatorId,
          note: g.donor ? `捐赠：${g.donor}` : '演示数据：采购入库',
          ...start,
        });
      }

      // The rule book the demo's past awards were made under (issue 5).
      loadDemoRules(core, byOperatorId, start.businessDate);

      const householdIds: number[] = [];
      for (const h of plan.households) {
        const id = insertHousehold(core, h, start.createdAt);
        householdIds.push(id);
        // The demo's paper ledgers recorded earned points, so its openings count as honour.
        openingBalance(core, id, passbook, h.openingPoints, byOperatorId, start, true);
        for (const [daysAgo, points, note] of h.history) {
          const bal = query(core.db).scalar<number>('SELECT balance FROM accounts WHERE household_id = ? AND passbook_id = ?', id, passbook);
          // A deduction never takes a balance below zero (DOMAIN.md).
          const amount = points < 0 ? -Math.min(-points, bal) : points;
          if (amount === 0) continue;
          postToLedger(core.db, {
            householdId: id,
            passbookId: passbook,
            kind: amount > 0 ? 'award' : 'deduction',
            amount: toPoints(amount),
            honourDelta: toPoints(amount > 0 ? amount : 0),
            operatorId: byOperatorId,
            note,
            ...at(daysAgo),
          });
        }
      }

      // A week of counter traffic, through the real redemption path.
      const keeper = query(core.db).one<{ id: number; name: string }>("SELECT id, name FROM operators WHERE role = 'keeper' ORDER BY id LIMIT 1");
      const session = { token: 'demo', operatorId: keeper.id, name: keeper.name, role: 'keeper' as const, lastSeen: 0, approvalFailures: 0 };
      let n = 0;
      for (let daysAgo = 7; daysAgo >= 1; daysAgo--) {
        for (let k = 0; k < 5; k++) {
          const hIdx = (daysAgo * 37 + k * 53) % householdIds.length;
          const g1 = (daysAgo + k) % goodsIds.length;
          const g2 = (daysAgo * 3 + k * 5 + 1) % goodsIds.length;
          // Whole days back, then earlier still: never dated into today.
          const past = core.backdated({ now: () => new Date(now - daysAgo * DAY - (k + 1) * 17 * 60_000) });
          const lines = [...new Set([g1, g2])].map((gi) => ({ goodsId: goodsIds[gi]!, quantity: 1 }));
          try {
            redeem(past, session, { requestId: `demo-${daysAgo}-${k}-${++n}`, householdId: householdIds[hIdx]!, passbookId: passbook, lines });
          } catch (e) {
            // A demo household may not afford the cart, or a demo good may be out: skip it,
            // exactly as the counter would refuse it.
            if (!(e instanceof AppError)) throw e;
          }
        }
      }
      audit(core.db, core.stamp().createdAt, byOperatorId, 'setup.loadDemo', null, { households: plan.households.length, goods: plan.goods.length });
    })
    .immediate();
  return { households: plan.households.length, goods: plan.goods.length, plan };
}

/**
 * `--demo` on an empty data folder: the demo administrator (PIN printed by the CLI)
 * plus the demo village. Does nothing when the folder already has data, so restarting
 * with `--demo` never touches a real store.
 */
export function initDemoIfEmpty(core: Core, opts: { households?: number; seed?: number } = {}): { loaded: boolean; adminPin: string } {
  const admin = DEMO_OPERATORS.find((o) => o.role === 'admin')!;
  const hasHouseholds = query(core.db).scalar<number>('SELECT count(*) FROM households') > 0;
  if (hasHouseholds) return { loaded: false, adminPin: admin.pin };
  let adminId = query(core.db).value<number>("SELECT id FROM operators WHERE role = 'admin' ORDER BY id LIMIT 1");
  adminId ??= createFirstAdmin(core, admin.name, admin.pin);
  loadDemo(core, adminId, opts);
  return { loaded: true, adminPin: admin.pin };
}

/**
 * A household card's code to try by hand, for the demo guide: the current card of the
 * demo's first household (01-001, 张三). Card codes are signed with this installation's
 * own key, so no fixed code can be written in the README; `serve --demo` prints this one
 * at start-up instead. Null when there is no active 01-001.
 */
export function demoCardCode(core: Core): { number: string; code: string } | null {
  const row = query(core.db).get<{ number: string; cardVersion: number }>(
    "SELECT number, card_version AS cardVersion FROM households WHERE number = '01-001' AND status = 'active'",
  );
  return row ? { number: row.number, code: makeCardCode(core.keyring, row.number, row.cardVersion) } : null;
}
