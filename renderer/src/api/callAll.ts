/**
 * Reads a paged list to its end: for screens whose list must be complete (today's
 * receipts, entries awaiting review) and whose totals must be over every row, not over
 * the first answer. Stops at the core's `total`, so a list growing meanwhile cannot loop.
 */
import type { OpInput, OpResult, Page, Result } from '../../../db/contract/index.js';
import { call } from './client.js';

type PagedOp = 'points.entries' | 'redemption.list' | 'notices.list';
type RowOf<K extends PagedOp> = OpResult<K> extends Page<infer R> ? R : never;

export async function callAll<K extends PagedOp>(op: K, input: OpInput<K>, pageSize: number): Promise<Result<Page<RowOf<K>>>> {
  const rows: RowOf<K>[] = [];
  let total = 0;
  for (;;) {
    const res = (await call(op, { ...input, offset: rows.length, limit: pageSize })) as Result<Page<RowOf<K>>>;
    if (!res.ok) return res;
    rows.push(...res.value.rows);
    total = res.value.total;
    if (res.value.rows.length === 0 || rows.length >= total) break;
  }
  return { ok: true, value: { rows, total, offset: 0 } };
}
