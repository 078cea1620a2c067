import type { stockOps } from '../contract/ops/stock.js';
import { adjustStock } from '../stock/adjust.js';
import { createGoods, goodsDetail, listGoods, setGoodsActive, setGoodsPrice, updateGoods } from '../stock/goods.js';
import { bytesFromBase64, goodsTemplate, importGoodsFile, previewGoodsFile } from '../stock/import.js';
import { listReceipts, receiptView, receiveStock } from '../stock/receipts.js';
import { lowStockList, movementHistory, stockReport } from '../stock/report.js';
import { countSheet, listStocktakes, postStocktake, stocktakeView } from '../stock/stocktake.js';
import type { HandlerMap } from './types.js';

export const stockHandlers: HandlerMap<keyof typeof stockOps> = {
  'stock.goodsList': ({ core }, { includeRetired }) => listGoods(core, includeRetired),
  'stock.goodsGet': ({ core }, { goodsId }) => goodsDetail(core, goodsId),
  'stock.goodsCreate': ({ core, session }, input) => createGoods(core, session, input),
  'stock.goodsUpdate': ({ core, session }, input) => updateGoods(core, session, input),
  'stock.goodsSetPrice': ({ core, session }, input) => setGoodsPrice(core, session, input),
  'stock.goodsSetActive': ({ core, session }, { goodsId, active }) => setGoodsActive(core, session, goodsId, active),
  'stock.movements': ({ core }, { goodsId, limit }) => movementHistory(core, goodsId, limit),
  'stock.receive': ({ core, session }, input) => receiveStock(core, session, input),
  'stock.receiptGet': ({ core }, { receiptId }) => receiptView(core, receiptId),
  'stock.receiptList': ({ core }, { limit }) => listReceipts(core, limit),
  'stock.adjust': ({ core, session }, input) => adjustStock(core, session, input),
  'stock.countSheet': ({ core }, { includeRetired }) => countSheet(core, includeRetired),
  'stock.stocktake': ({ core, session }, input) => postStocktake(core, session, input),
  'stock.stocktakeGet': ({ core }, { stocktakeId }) => stocktakeView(core, stocktakeId),
  'stock.stocktakeList': ({ core }, { limit }) => listStocktakes(core, limit),
  'stock.report': ({ core }, { includeRetired }) => stockReport(core, includeRetired),
  'stock.lowList': ({ core }) => lowStockList(core),
  'stock.importPreview': ({ core, preRead }, { fileName, base64 }) => previewGoodsFile(core, fileName, bytesFromBase64(base64), preRead),
  'stock.importGoods': ({ core, session, preRead }, { fileName, base64 }) => importGoodsFile(core, session, fileName, bytesFromBase64(base64), preRead),
  'stock.importTemplate': (_ctx, { format }) => {
    // The bytes stay on this side; only base64 crosses to the screen.
    const { fileName, mimeType, base64 } = goodsTemplate(format);
    return { fileName, mimeType, base64 };
  },
};
