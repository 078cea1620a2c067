import { AppError } from '../contract/errors.js';
import type { GoodsAdminItem, GoodsDetail, PriceHistoryEntry } from '../contract/views-stock.js';
import type { StoreContext } from '../books/context.js';
import { searchKeys } from '../domain/pinyin.js';
import type { Db } from '../platform/open.js';
import { audit } from '../books/audit.js';
import type { Session } from '../books/sessions.js';
import { query } from '../platform/query.js';

interface AdminRow {
  id: number;
  name: string;
  category: string;
  unit: string;
  points_price: number;
  value_fen: number;
  low_stock: number;
  stock: number;
  active: number;
  created_at: string;
  barcodes: string | null;
  used: number;
}

const SELECT = `SELECT g.id, g.name, g.category, g.unit, g.points_price, g.value_fen, g.low_stock, g.stock, g.active, g.created_at,
  (SELECT group_concat(b.barcode, ',') FROM goods_barcodes b WHERE b.goods_id = g.id) AS barcodes,
  (EXISTS (SELECT 1 FROM stock_movements m WHERE m.goods_id = g.id)
    OR EXISTS (SELECT 1 FROM redemption_lines r WHERE r.goods_id = g.id)) AS used
  FROM goods g`;

function toItem(r: AdminRow): GoodsAdminItem {
  return {
    id: r.id,
    name: r.name,
    category: r.category,
    unit: r.unit,
    pointsPrice: r.points_price,
    valueFen: r.value_fen,
    lowStock: r.low_stock,
    stock: r.stock,
    active: r.active === 1,
    barcodes: r.barcodes ? r.barcodes.split(',').sort() : [],
    used: r.used === 1,
  };
}

export function listGoods(ctx: StoreContext, includeRetired: boolean): GoodsAdminItem[] {
  const where = includeRetired ? '' : 'WHERE g.active = 1';
  return query(ctx.db).all<AdminRow>(`${SELECT} ${where} ORDER BY g.active DESC, g.category, g.name, g.id`).map(toItem);
}

export function goodsItem(db: Db, goodsId: number): GoodsAdminItem {
  const r = query(db).get<AdminRow>(`${SELECT} WHERE g.id = ?`, goodsId);
  if (!r) throw new AppError('GOODS_NOT_FOUND');
  return toItem(r);
}

export function goodsDetail(ctx: StoreContext, goodsId: number): GoodsDetail {
  const r = query(ctx.db).get<AdminRow>(`${SELECT} WHERE g.id = ?`, goodsId);
  if (!r) throw new AppError('GOODS_NOT_FOUND');
  const prices = (
    ctx.db
      .prepare(
        `SELECT p.points_price, p.value_fen, p.effective_at, o.name AS operator_name, p.note
         FROM goods_prices p LEFT JOIN operators o ON o.id = p.operator_id WHERE p.goods_id = ? ORDER BY p.id DESC`,
      )
      .all(goodsId) as { points_price: number; value_fen: number; effective_at: string; operator_name: string | null; note: string | null }[]
  ).map((p): PriceHistoryEntry => ({
    pointsPrice: p.points_price,
    valueFen: p.value_fen,
    effectiveAt: p.effective_at,
    operatorName: p.operator_name,
    note: p.note,
  }));
  return { ...toItem(r), createdAt: r.created_at, prices };
}

/** Refuses a barcode that belongs to another good, naming that good so the user can find it. */
export function assertBarcodesFree(db: Db, barcodes: readonly string[], exceptGoodsId: number | null): void {
  const seen = new Set<string>();
  const owner = db.prepare('SELECT g.id, g.name FROM goods_barcodes b JOIN goods g ON g.id = b.goods_id WHERE b.barcode = ?');
  for (const b of barcodes) {
    if (seen.has(b)) throw new AppError('BARCODE_DUPLICATE', { barcode: b, name: '' });
    seen.add(b);
    const o = owner.get(b) as { id: number; name: string } | undefined;
    if (o && o.id !== exceptGoodsId) throw new AppError('BARCODE_DUPLICATE', { barcode: b, name: o.name });
  }
}

/** Two active goods with the same name and unit would be indistinguishable at the counter. */
export function assertNameFree(db: Db, name: string, unit: string, exceptGoodsId: number | null): void {
  const other = query(db).value('SELECT id FROM goods WHERE name = ? AND unit = ? AND active = 1 AND id IS NOT ?', name, unit, exceptGoodsId);
  if (other !== undefined) throw new AppError('GOODS_NAME_DUPLICATE', { name, unit });
}

export interface NewGoods {
  name: string;
  category: string;
  unit: string;
  pointsPrice: number;
  valueFen: number;
  lowStock: number;
  barcodes: string[];
}

/** Inserts one good inside the caller's transaction (the first price row comes from a trigger). */
export function insertGoods(db: Db, g: NewGoods, createdAt: string): number {
  assertNameFree(db, g.name, g.unit, null);
  assertBarcodesFree(db, g.barcodes, null);
  const info = query(db).run(
    'INSERT INTO goods (name, name_initials, category, unit, points_price, value_fen, low_stock, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    g.name,
    searchKeys(g.name).initials,
    g.category,
    g.unit,
    g.pointsPrice,
    g.valueFen,
    g.lowStock,
    createdAt,
  );
  const goodsId = Number(info.lastInsertRowid);
  const ins = db.prepare('INSERT INTO goods_barcodes (barcode, goods_id) VALUES (?, ?)');
  for (const b of g.barcodes) ins.run(b, goodsId);
  return goodsId;
}

export function createGoods(ctx: StoreContext, session: Session, g: NewGoods): GoodsDetail {
  const goodsId = ctx.db
    .transaction(() => {
      const { createdAt } = ctx.stamp();
      const id = insertGoods(ctx.db, g, createdAt);
      audit(ctx.db, createdAt, session.operatorId, 'goods.create', `goods:${id}`, g);
      return id;
    })
    .immediate();
  return goodsDetail(ctx, goodsId);
}

export interface GoodsEdit {
  goodsId: number;
  name: string;
  category: string;
  unit: string;
  lowStock: number;
  barcodes: string[];
}

/**
 * Catalogue fields only. Renaming is safe for history: receipts and stocktakes carry the
 * name they were made with. Barcodes are replaced as a set.
 */
export function updateGoods(ctx: StoreContext, session: Session, e: GoodsEdit): GoodsDetail {
  ctx.db
    .transaction(() => {
      const before = goodsItem(ctx.db, e.goodsId);
      if (before.active) assertNameFree(ctx.db, e.name, e.unit, e.goodsId);
      assertBarcodesFree(ctx.db, e.barcodes, e.goodsId);
      query(ctx.db).run(
        'UPDATE goods SET name = ?, name_initials = ?, category = ?, unit = ?, low_stock = ? WHERE id = ?',
        e.name,
        searchKeys(e.name).initials,
        e.category,
        e.unit,
        e.lowStock,
        e.goodsId,
      );
      query(ctx.db).run('DELETE FROM goods_barcodes WHERE goods_id = ?', e.goodsId);
      const ins = ctx.db.prepare('INSERT INTO goods_barcodes (barcode, goods_id) VALUES (?, ?)');
      for (const b of e.barcodes) ins.run(b, e.goodsId);
      const pick = (x: GoodsAdminItem | GoodsEdit) => ({
        name: x.name,
        category: x.category,
        unit: x.unit,
        lowStock: x.lowStock,
        barcodes: [...x.barcodes].sort(),
      });
      audit(ctx.db, ctx.stamp().createdAt, session.operatorId, 'goods.update', `goods:${e.goodsId}`, { before: pick(before), after: pick(e) });
    })
    .immediate();
  return goodsDetail(ctx, e.goodsId);
}

/** A new price from now on: a price-history row plus the current-price cache, together. */
export function setGoodsPrice(
  ctx: StoreContext,
  session: Session,
  p: { goodsId: number; pointsPrice: number; valueFen: number; note?: string | undefined },
): GoodsDetail {
  ctx.db
    .transaction(() => {
      const before = goodsItem(ctx.db, p.goodsId);
      if (before.pointsPrice === p.pointsPrice && before.valueFen === p.valueFen) return;
      const { createdAt } = ctx.stamp();
      query(ctx.db).run(
        'INSERT INTO goods_prices (goods_id, points_price, value_fen, effective_at, operator_id, note) VALUES (?, ?, ?, ?, ?, ?)',
        p.goodsId,
        p.pointsPrice,
        p.valueFen,
        createdAt,
        session.operatorId,
        p.note || null,
      );
      query(ctx.db).run('UPDATE goods SET points_price = ?, value_fen = ? WHERE id = ?', p.pointsPrice, p.valueFen, p.goodsId);
      audit(ctx.db, createdAt, session.operatorId, 'goods.setPrice', `goods:${p.goodsId}`, {
        before: { pointsPrice: before.pointsPrice, valueFen: before.valueFen },
        after: { pointsPrice: p.pointsPrice, valueFen: p.valueFen },
        note: p.note ?? null,
      });
    })
    .immediate();
  return goodsDetail(ctx, p.goodsId);
}

/** Retire (下架) or bring back. A retired good keeps its stock and history; the counter hides it. */
export function setGoodsActive(ctx: StoreContext, session: Session, goodsId: number, active: boolean): GoodsDetail {
  ctx.db
    .transaction(() => {
      const before = goodsItem(ctx.db, goodsId);
      if (before.active === active) return;
      if (active) assertNameFree(ctx.db, before.name, before.unit, goodsId);
      query(ctx.db).run('UPDATE goods SET active = ? WHERE id = ?', active ? 1 : 0, goodsId);
      audit(ctx.db, ctx.stamp().createdAt, session.operatorId, active ? 'goods.reactivate' : 'goods.retire', `goods:${goodsId}`, { stock: before.stock });
    })
    .immediate();
  return goodsDetail(ctx, goodsId);
}
