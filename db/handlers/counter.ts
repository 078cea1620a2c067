import type { counterOps } from '../contract/ops/counter.js';
import { audit } from '../books/audit.js';
import { catalog, categoryOrder, setCategoryOrder } from '../counter/goods.js';
import { householdView, lookup } from '../households/households.js';
import { listRedemptions, redeem, voidRedemption } from '../counter/redemption.js';
import { receiptView } from '../books/receipts.js';
import type { HandlerMap } from './types.js';

export const counterHandlers: HandlerMap<keyof typeof counterOps> = {
  // A card read by the reader arrives as a one-time ticket and runs the typed ID's lookup.
  'counter.lookup': ({ core }, { query }) => lookup(core, core.reader.resolveQuery(query)),
  'household.get': ({ core }, { householdId }) => householdView(core, householdId),
  'goods.catalog': ({ core }) => catalog(core),
  'goods.categoryOrder': ({ core }) => categoryOrder(core.db),
  'goods.setCategoryOrder': ({ core, session }, { categories }) =>
    core.db.transaction(() => {
      const saved = setCategoryOrder(core.db, categories);
      audit(core.db, core.stamp().createdAt, session.operatorId, 'goods.setCategoryOrder', null, { categories: saved });
      return saved;
    })(),
  'redemption.create': ({ core, session }, input) => redeem(core, session, input),
  'redemption.get': ({ core }, { redemptionId }) => receiptView(core, redemptionId),
  'redemption.list': ({ core }, q) => listRedemptions(core, q),
  'redemption.void': ({ core, session }, input) => voidRedemption(core, session, input),
};
