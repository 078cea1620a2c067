import type { GoodsCatalog, GoodsItem } from '../contract/views.js';
import type { StoreContext } from '../books/context.js';
import { getSetting, setSetting } from '../books/settings.js';
import type { Db } from '../platform/open.js';
import { query } from '../platform/query.js';

const CATEGORY_ORDER_KEY = 'counter.categoryOrder';
/**
 * What a village store sells most comes first on the counter (staples and seasoning,
 * then daily goods); a store sets its own order, and categories it did not list follow
 * in Chinese collation order.
 */
export const DEFAULT_CATEGORY_ORDER: readonly string[] = ['粮油', '调味品', '日用品', '洗护', '生鲜', '文具', '小家电'];

export function categoryOrder(db: Db): string[] {
  return getSetting<string[]>(db, CATEGORY_ORDER_KEY, [...DEFAULT_CATEGORY_ORDER]);
}

/** Stores the counter's category order (duplicates and blanks dropped). */
export function setCategoryOrder(db: Db, categories: readonly string[]): string[] {
  const clean = [...new Set(categories.map((c) => c.trim()).filter((c) => c !== ''))];
  setSetting(db, CATEGORY_ORDER_KEY, clean);
  return clean;
}

const collator = new Intl.Collator('zh-CN');

/** Sorts category names by the store's order, unlisted ones after it by Chinese collation. */
export function sortCategories(names: Iterable<string>, order: readonly string[]): string[] {
  const rank = new Map(order.map((c, i) => [c, i]));
  return [...new Set(names)].sort((a, b) => (rank.get(a) ?? order.length) - (rank.get(b) ?? order.length) || collator.compare(a, b));
}

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

/** Active goods for the counter's grid, by category (in the store's order) then as entered. */
export function catalog(core: StoreContext): GoodsCatalog {
  const rows = query(core.db).all<GoodsRow>(`${SELECT} WHERE g.active = 1 ORDER BY g.id`).map(toItem);
  const categories = sortCategories(
    rows.map((g) => g.category),
    categoryOrder(core.db),
  );
  const rank = new Map(categories.map((c, i) => [c, i]));
  const goods = rows.sort((a, b) => rank.get(a.category)! - rank.get(b.category)! || a.id - b.id);
  return { categories, goods };
}

export function goodsByBarcode(core: StoreContext, barcode: string): GoodsItem | null {
  const r = query(core.db).get<GoodsRow>(`${SELECT} JOIN goods_barcodes gb ON gb.goods_id = g.id WHERE gb.barcode = ?`, barcode);
  return r ? toItem(r) : null;
}
