/**
 * Reading a report file before anything is stored: complete JSON, a day report, from a
 * registered store, signed by that store's key, well-formed, and with rows that add up to
 * the day-close summary inside it. Each refusal says which of these failed.
 */
import {
  envelopeSchema,
  HEAD_KEYS_V2,
  REPORT_FORMAT,
  REPORT_FORMATS,
  REPORT_TABLES,
  reportBodySchema,
  type ReportBody,
  type ReportTable,
} from '../../db/reporting/format/report.js';
import { publicKeyFromText, signatureOk } from '../../db/reporting/format/signing.js';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { Sql } from '../db/engine.js';
import { HubRefusal, sha256 } from '../registry.js';

export interface ReadReport {
  body: ReportBody;
  bodySha256: string;
  envelope: string;
}

export function col(t: ReportTable, name: string): number {
  const i = t.columns.indexOf(name);
  if (i < 0) throw new HubRefusal('MALFORMED', `日报缺少列 ${name} / the report lacks column ${name}`);
  return i;
}

/** A row of cells (text, number or null), checked in one loop rather than one zod union per cell. */
function isCellRow(r: unknown): r is (string | number | null)[] {
  if (!Array.isArray(r)) return false;
  for (const c of r as unknown[]) if (c !== null && typeof c !== 'string' && typeof c !== 'number') return false;
  return true;
}

/**
 * The same body schema as the store's, with each table's rows checked by isCellRow: a
 * report's thousand-odd cells through zod's union were a third of a report's checks.
 */
const bodySchema = reportBodySchema.extend({
  rows: z.record(z.enum(REPORT_TABLES), z.object({ columns: z.array(z.string()), rows: z.array(z.custom<(string | number | null)[]>(isCellRow)) })),
});

// A registered store's key never changes (another key is refused at registration), so
// each database's keys are parsed once and kept: the checks then need no round trip.
const keyCache = new WeakMap<Sql, Map<string, KeyObject>>();

async function storeKey(sql: Sql, code: string, cache: Sql | undefined): Promise<KeyObject | null> {
  const cached = cache ? keyCache.get(cache)?.get(code) : undefined;
  if (cached) return cached;
  const [store] = await sql.query<{ public_key: string }>('SELECT public_key FROM stores WHERE village_code = $1', [code]);
  if (!store) return null;
  const key = publicKeyFromText(store.public_key);
  if (cache) {
    const m = keyCache.get(cache) ?? new Map<string, KeyObject>();
    m.set(code, key);
    keyCache.set(cache, m);
  }
  return key;
}

/**
 * `cache`: the engine whose store keys may be kept between calls (a transaction's own
 * handle lives only as long as the transaction, so it passes none).
 */
export async function readReport(sql: Sql, text: string, cache?: Sql): Promise<ReadReport> {
  let envelope;
  try {
    envelope = envelopeSchema.parse(JSON.parse(text));
  } catch {
    throw new HubRefusal('TRUNCATED', '文件不完整或不是 JSON（可能被截断）/ the file is incomplete or not JSON (truncated?)');
  }
  if (!REPORT_FORMATS.includes(envelope.format)) throw new HubRefusal('NOT_A_REPORT', `不是日报文件（${envelope.format}）/ not a day report`);
  let raw: unknown;
  try {
    raw = JSON.parse(envelope.body);
  } catch {
    throw new HubRefusal('TRUNCATED', '日报正文不是完整的 JSON / the report body is not complete JSON');
  }
  const code = (raw as { villageCode?: unknown } | null)?.villageCode;
  if (typeof code !== 'string') throw new HubRefusal('MALFORMED', '日报没有村代码 / the report names no village');
  const key = await storeKey(sql, code, cache);
  if (!key) throw new HubRefusal('UNKNOWN_STORE', `未登记的村：${code}（先导入其登记文件）/ unknown store ${code}: import its registration first`);
  if (!signatureOk(key, envelope.body, envelope.signature)) {
    throw new HubRefusal(
      'BAD_SIGNATURE',
      `签名无效：日报不是 ${code} 的密钥签的，或签名后被改动 / bad signature: not signed by ${code}'s key, or changed after signing`,
    );
  }
  const parsed = bodySchema.safeParse(raw);
  if (!parsed.success) throw new HubRefusal('MALFORMED', `日报格式有误：${parsed.error.issues[0]?.path.join('.') ?? ''} / malformed report`);
  const body = parsed.data;
  // Format 2 carries the seal and close chain heads after every day. (The envelope's format
  // is not signed; continuity does not trust it: once a store's accepted "after" heads have
  // a seal head, the next report must start from it, whatever its envelope says.)
  if (envelope.format === REPORT_FORMAT && HEAD_KEYS_V2.some((k) => body.heads.after[k] === undefined)) {
    throw new HubRefusal('MALFORMED', '日报（格式 2）缺少行封印链或日结链的链头 / the report (format 2) lacks its seal or close chain heads');
  }
  checkAgainstSummary(body);
  return { body, bodySha256: sha256(envelope.body), envelope: text };
}

/** The rows must add up to the summary the store signed off at its day close. */
function checkAgainstSummary(b: ReportBody): void {
  const ledger = b.rows.ledger;
  const amount = col(ledger, 'amount');
  let posted = 0;
  let deducted = 0;
  for (const r of ledger.rows) {
    const a = Number(r[amount]);
    if (a > 0) posted += a;
    else deducted -= a;
  }
  const s = b.summary;
  const problems: string[] = [];
  if (b.summary.businessDate !== b.date) problems.push(`summary date ${s.businessDate}`);
  if (ledger.rows.length !== s.points.rows) problems.push(`ledger rows ${ledger.rows.length} ≠ ${s.points.rows}`);
  if (posted !== s.points.posted) problems.push(`posted ${posted} ≠ ${s.points.posted}`);
  if (deducted !== s.points.deducted) problems.push(`deducted ${deducted} ≠ ${s.points.deducted}`);
  if (b.rows.redemptions.rows.length !== s.redemptions.count) problems.push(`receipts ${b.rows.redemptions.rows.length} ≠ ${s.redemptions.count}`);
  if (b.rows.voids.rows.length !== s.voids.length) problems.push(`voids ${b.rows.voids.rows.length} ≠ ${s.voids.length}`);
  if (problems.length) throw new HubRefusal('SUMMARY_MISMATCH', `日报的明细与其日结汇总不符：${problems.join('; ')} / the rows do not add up to the summary`);
}
