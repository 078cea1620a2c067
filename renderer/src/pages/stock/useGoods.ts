import { useCallback, useEffect, useState } from 'react';
import type { GoodsAdminItem } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';

/** The catalogue, active and retired, reloaded on demand (after any change). */
export function useGoods(active: boolean) {
  const [goods, setGoods] = useState<GoodsAdminItem[] | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const reload = useCallback(async () => {
    const res = await call('stock.goodsList', { includeRetired: true });
    if (res.ok) {
      setGoods(res.value);
      setError(null);
    } else setError(res.error);
  }, []);
  useEffect(() => {
    if (active) void reload();
  }, [active, reload]);
  return { goods, error, reload };
}
