import type { GoodsCatalog, GoodsItem } from '../contract/views.js';
import type { Core } from '../core.js';

interface GoodsRow {
  id: number;
  name: string;
  name_initials: string;
  category: string;
  unit: string;
  points_price: number;
  stock: number;
  low_stock: number;
  barcodes: string | null;
}

const SELECT = `SELECT g.id, g.name, g.name_initials, g.category, g.unit, g.points_price, g.stock, g.low_stock,
  (SELECT group_concat(b.barcode, ',') FROM goods_barcodes b WHERE b.goods_id = g.id) AS barcodes
  FROM goods g`;

function toItem(r: GoodsRow): GoodsItem {
  return {
    id: r.id,
    name: r.name,
    category: r.category,
    unit: r.unit,
    pointsPrice: r.points_price,
    stock: r.stock,
    lowStock: r.low_stock,
    barcodes: r.barcodes ? r.barcodes.split(',') : [],
    initials: r.name_initials,
  };
}

/** Active goods for the counter's grid, by category then name. */
export function catalog(core: Core): GoodsCatalog {
  const goods = (core.db.prepare(`${SELECT} WHERE g.active = 1 ORDER BY g.category, g.id`).all() as GoodsRow[]).map(toItem);
  const categories = [...new Set(goods.map((g) => g.category))];
  return { categories, goods };
}

export function goodsByBarcode(core: Core, barcode: string): GoodsItem | null {
  const r = core.db.prepare(`${SELECT} JOIN goods_barcodes gb ON gb.goods_id = g.id WHERE gb.barcode = ?`).get(barcode) as GoodsRow | undefined;
  return r ? toItem(r) : null;
}
