/**
 * Generated villages and their signed day reports, for the demo township and the bench:
 * each village has a real Ed25519 key and registration, and each day a report in the
 * real format (rows that add up to their summary, chain heads that continue), so the
 * hub ingests them exactly as it ingests a store's.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  GENESIS_HEADS,
  REGISTRATION_FORMAT,
  REPORT_FORMAT,
  REPORT_FORMAT_V1,
  reportId,
  type Envelope,
  type Heads,
  type Registration,
  type ReportBody,
  type ReportTable,
} from '../../db/reporting/format/report.js';
import { keyFingerprint, publicKeyText, signText } from '../../db/reporting/format/signing.js';

const RULES = [
  ['A01', '庭院整洁'],
  ['A02', '垃圾分类'],
  ['B01', '志愿服务'],
  ['B02', '孝老爱亲'],
  ['C01', '参加村民会议'],
  ['D01', '乱倒垃圾'],
] as const;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const TABLE_COLUMNS = {
  ledger: [
    'id',
    'household_id',
    'passbook_id',
    'kind',
    'amount',
    'balance_after',
    'honour_delta',
    'business_date',
    'created_at',
    'operator_id',
    'ref_type',
    'ref_id',
    'corrects_id',
    'note',
    'hash',
  ],
  redemptions: [
    'id',
    'receipt_no',
    'request_id',
    'household_id',
    'passbook_id',
    'member_id',
    'operator_id',
    'total',
    'balance_before',
    'balance_after',
    'business_date',
    'created_at',
    'ledger_id',
  ],
  redemption_lines: ['redemption_id', 'line_no', 'goods_id', 'name', 'unit', 'unit_points', 'quantity', 'line_points'],
  voids: ['id', 'redemption_id', 'request_id', 'reason', 'operator_id', 'approved_by', 'business_date', 'created_at', 'ledger_id'],
  stock_movements: ['id', 'goods_id', 'kind', 'quantity', 'stock_after', 'business_date', 'created_at', 'operator_id', 'ref_type', 'ref_id', 'note'],
  point_entries: ['id', 'household_id', 'rule_code', 'rule_title', 'direction', 'points', 'created_at', 'status'],
  entry_postings: ['entry_id', 'notice_id', 'ledger_id', 'posted_points', 'undeducted_points'],
  notices: ['id', 'title', 'period_start', 'period_end', 'created_at'],
  notice_postings: ['notice_id', 'business_date', 'entries'],
  objections: ['id', 'entry_id', 'business_date', 'created_at'],
  day_closes: ['id', 'business_date', 'action', 'operator_id', 'created_at', 'reason', 'summary_hash'],
  audit_log: ['id', 'created_at', 'operator_id', 'action', 'target', 'detail', 'hash'],
} as const;

type Cell = string | number | null;

export class DemoVillage {
  readonly registrationText: string;
  private readonly pem: string;
  /** The signing key parsed once: parsing the PEM for every report was most of a report's generation. */
  private readonly privateKey: KeyObject;
  private readonly fingerprint: string;
  private heads: Heads = GENESIS_HEADS;
  private prevDate: string | null = null;
  private readonly balances: number[];
  private readonly names: string[];
  private ids = { ledger: 0, redemption: 0, void: 0, stock: 0, entry: 0, notice: 0, audit: 0, close: 0, seal: 0 };
  /**
   * The report format this village's store writes: 1 is a store not yet updated (no seal
   * or close heads, no closing stock in its summary). Tests switch it to show both import.
   */
  format: 1 | 2 = 2;
  private readonly rand: () => number;
  /** Stock on hand of the village's seven goods (ids 1–7), and their points price. */
  private readonly stock = [0, 200, 200, 200, 200, 200, 200, 200];
  private static readonly PRICE = [0, 8, 30, 20, 60, 12, 20, 20]; // a sale of `unit` points is of goods 1 + (unit % 7)

  constructor(
    readonly code: string,
    readonly name: string,
    township: string,
    readonly households: number,
    seed: number,
    /** Scales the day's traffic: 1 is a lively village (~25 ledger rows a day). */
    private readonly activity = 1,
    /** The signing key of another generated village (tests: the same store's history told another way). */
    sameKeyAs?: DemoVillage,
  ) {
    const privateKey = sameKeyAs ? createPrivateKey(sameKeyAs.pem) : generateKeyPairSync('ed25519').privateKey;
    this.privateKey = privateKey;
    this.pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const pub = publicKeyText(createPublicKey(privateKey));
    this.fingerprint = keyFingerprint(pub);
    const reg: Registration = {
      villageCode: code,
      villageName: name,
      townshipName: township,
      publicKey: pub,
      fingerprint: this.fingerprint,
      registeredAt: new Date().toISOString(),
      registeredBy: '演示',
    };
    const body = JSON.stringify(reg);
    this.registrationText = JSON.stringify({
      format: REGISTRATION_FORMAT,
      keyFingerprint: this.fingerprint,
      body,
      signature: signText(this.pem, body),
    } satisfies Envelope);
    this.rand = rng(seed);
    this.balances = Array.from({ length: households }, () => 50 + Math.floor(this.rand() * 200));
    this.names = Array.from(
      { length: households },
      () =>
        SURNAMES[Math.floor(this.rand() * SURNAMES.length)]! + GIVEN[Math.floor(this.rand() * GIVEN.length)]! + GIVEN[Math.floor(this.rand() * GIVEN.length)]!,
    );
  }

  private hash(s: string): string {
    return createHash('sha256').update(s).digest('hex');
  }

  /** For tests: the next report starts from another seal head than the one last reported (a rewritten seal chain). */
  forgeSealHead(): void {
    this.heads = { ...this.heads, sealHash: 'f'.repeat(64) };
  }

  /**
   * The signed report of the next day (dates must increase); the store's first day opens
   * every balance. `alter` (tests): changes the body before it is signed.
   */
  report(date: string, alter?: (body: ReportBody) => void): string {
    const r = this.rand;
    const at = (h: number, m: number) => new Date(Date.parse(`${date}T00:00:00+08:00`) + (h * 60 + m) * 60_000).toISOString();
    const t: Record<keyof typeof TABLE_COLUMNS, Cell[][]> = {
      ledger: [],
      redemptions: [],
      redemption_lines: [],
      voids: [],
      stock_movements: [],
      point_entries: [],
      entry_postings: [],
      notices: [],
      notice_postings: [],
      objections: [],
      day_closes: [],
      audit_log: [],
    };
    let prevHash = this.heads.ledgerHash;
    const ledger = (hh: number, kind: string, amount: number, time: string, refType: string | null, refId: number | null) => {
      this.balances[hh] = this.balances[hh]! + amount;
      const id = ++this.ids.ledger;
      prevHash = this.hash(prevHash + id + kind + amount);
      t.ledger.push([id, hh + 1, 1, kind, amount, this.balances[hh]!, amount > 0 ? amount : 0, date, time, 1, refType, refId, null, null, prevHash]);
      return id;
    };
    const first = this.prevDate === null;
    if (first) {
      for (let h = 0; h < this.households; h++) {
        const opening = this.balances[h]!;
        this.balances[h] = 0;
        ledger(h, 'opening', opening, at(8, 0), null, null);
      }
    }
    const seen = new Set<number>();
    // Awards posted through a notice (entries with rule items), a few without, a deduction.
    const notice = ++this.ids.notice;
    const awards = Math.round((4 + r() * 8) * this.activity);
    if (awards > 0) t.notices.push([notice, `${date} 公示`, date, date, at(9, 0)]);
    for (let i = 0; i < awards; i++) {
      const hh = Math.floor(r() * this.households);
      const [code, title] = RULES[Math.floor(r() * 5)]!;
      const pts = 2 + Math.floor(r() * 9);
      const entry = ++this.ids.entry;
      t.point_entries.push([entry, hh + 1, code, title, 'award', pts, at(9, i), 'posted']);
      const lid = ledger(hh, 'award', pts, at(10, i), 'entry', entry);
      t.entry_postings.push([entry, notice, lid, pts, 0]);
      seen.add(hh);
    }
    if (awards > 0) t.notice_postings.push([notice, date, awards]);
    if (r() < 0.3 * this.activity) {
      const hh = Math.floor(r() * this.households);
      ledger(hh, 'award', 5, at(11, 0), null, null);
      seen.add(hh);
    }
    if (r() < 0.2 * this.activity) {
      const hh = Math.floor(r() * this.households);
      const pts = Math.min(this.balances[hh]!, 5);
      if (pts > 0) {
        const entry = ++this.ids.entry;
        t.point_entries.push([entry, hh + 1, 'D01', '乱倒垃圾', 'deduction', 5, at(9, 30), 'posted']);
        const lid = ledger(hh, 'deduction', -pts, at(11, 5), 'entry', entry);
        t.entry_postings.push([entry, notice, lid, pts, 5 - pts]);
        seen.add(hh);
      }
    }
    // Sales at the counter, one in a while after hours, and a void now and then.
    const sales = Math.round((3 + r() * 10) * this.activity);
    let receiptPoints = 0;
    const voids: { points: number }[] = [];
    for (let i = 0; i < sales; i++) {
      const hh = Math.floor(r() * this.households);
      const qty = 1 + Math.floor(r() * 3);
      const unit = [8, 12, 30, 60][Math.floor(r() * 4)]!;
      const total = unit * qty;
      if (this.balances[hh]! < total) continue;
      const hour = r() < 0.02 ? 22 : 9 + Math.floor(r() * 9);
      const time = at(hour, Math.floor(r() * 60));
      const before = this.balances[hh]!;
      const lid = ledger(hh, 'redemption', -total, time, 'redemption', this.ids.redemption + 1);
      const id = ++this.ids.redemption;
      t.redemptions.push([
        id,
        `${this.code.slice(-4)}-${id}`,
        this.hash(`req${id}`).slice(0, 32),
        hh + 1,
        1,
        null,
        2,
        total,
        before,
        before - total,
        date,
        time,
        lid,
      ]);
      const goods = 1 + (unit % 7);
      t.redemption_lines.push([id, 1, goods, '商品', '件', unit, qty, total]);
      this.stock[goods] = this.stock[goods]! - qty;
      t.stock_movements.push([++this.ids.stock, goods, 'redemption', -qty, this.stock[goods]!, date, time, 2, 'redemption', id, null]);
      receiptPoints += total;
      seen.add(hh);
      if (r() < 0.04) {
        const vl = ledger(hh, 'void', total, time, 'void', this.ids.void + 1);
        t.voids.push([++this.ids.void, id, this.hash(`void${id}`).slice(0, 32), '录错商品', 2, 1, date, time, vl]);
        this.stock[goods] = this.stock[goods]! + qty;
        t.stock_movements.push([++this.ids.stock, goods, 'void', qty, this.stock[goods]!, date, time, 2, 'void', this.ids.void, null]);
        voids.push({ points: total });
      }
    }
    // Goods running low are bought in again.
    for (let g = 1; g < this.stock.length; g++) {
      if (this.stock[g]! >= 30) continue;
      this.stock[g] = this.stock[g]! + 100;
      t.stock_movements.push([++this.ids.stock, g, 'purchase', 100, this.stock[g]!, date, at(17, g), 1, 'stock_receipt', this.ids.stock, null]);
    }
    // Valued at 1 point = 1 yuan (100 fen), as most villages do.
    const closingStock = { goods: 0, units: 0, points: 0, fen: 0 };
    for (let g = 1; g < this.stock.length; g++) {
      const n = this.stock[g]!;
      if (n <= 0) continue;
      closingStock.goods++;
      closingStock.units += n;
      closingStock.points += n * DemoVillage.PRICE[g]!;
      closingStock.fen += n * DemoVillage.PRICE[g]! * 100;
    }
    const closeTime = at(20, 0);
    const closeHash = this.hash(`close${date}`);
    t.day_closes.push([++this.ids.close, date, 'close', 3, closeTime, null, closeHash]);
    // Every sealed row of the day (movements, receipts and lines, voids, entries, notices, the close) has a seal.
    const sealed = t.stock_movements.length + t.redemptions.length * 2 + t.voids.length + t.point_entries.length * 2 + t.notices.length + 1;
    const auditId = (this.ids.audit += 3);
    const auditHash = this.hash(`audit${auditId}`);
    t.audit_log.push([auditId, closeTime, 3, 'day.close', `day:${date}`, null, auditHash]);

    let posted = 0;
    let deducted = 0;
    for (const row of t.ledger) {
      const a = row[4] as number;
      if (a > 0) posted += a;
      else deducted -= a;
    }
    const last = t.ledger.at(-1);
    const after: Heads = {
      ledgerId: last ? (last[0] as number) : this.heads.ledgerId,
      ledgerHash: last ? (last[14] as string) : this.heads.ledgerHash,
      auditId,
      auditHash,
      stockId: this.ids.stock,
      ...(this.format === 2 ? { sealId: (this.ids.seal += sealed), sealHash: this.hash(`seal${this.ids.seal}`), closeId: this.ids.close, closeHash } : {}),
    };
    const rows = Object.fromEntries(
      Object.entries(TABLE_COLUMNS).map(([k, cols]) => [k, { columns: [...cols], rows: t[k as keyof typeof TABLE_COLUMNS] } satisfies ReportTable]),
    ) as ReportBody['rows'];
    const body: ReportBody = {
      reportId: reportId(this.code, date, 1),
      villageCode: this.code,
      date,
      version: 1,
      replaces: null,
      prevDate: this.prevDate,
      closedAt: closeTime,
      closedBy: '会计',
      timeZone: 'Asia/Shanghai',
      // A format 1 store knows nothing of the seal and close heads, before or after.
      heads: {
        before:
          this.format === 2
            ? this.heads
            : {
                ledgerId: this.heads.ledgerId,
                ledgerHash: this.heads.ledgerHash,
                auditId: this.heads.auditId,
                auditHash: this.heads.auditHash,
                stockId: this.heads.stockId,
              },
        after,
      },
      summary: {
        businessDate: date,
        redemptions: { count: t.redemptions.length, points: receiptPoints, voidedCount: voids.length },
        points: { posted, deducted, net: posted - deducted, rows: t.ledger.length },
        voids,
        digest: this.hash(`digest${date}`),
        ...(this.format === 2 ? { closingStock } : {}),
      },
      households: this.households,
      householdsSeen: [...seen]
        .sort((a, b) => a - b)
        .map((h) => ({ id: h + 1, number: String(h + 1).padStart(3, '0'), headName: this.names[h]!, memberNames: [this.names[h]!] })),
      operators: [
        { id: 1, name: '管理员', role: 'admin' },
        { id: 2, name: '店员', role: 'keeper' },
        { id: 3, name: '会计', role: 'accountant' },
      ],
      rows,
    };
    this.heads = after;
    this.prevDate = date;
    alter?.(body);
    const text = JSON.stringify(body);
    return JSON.stringify({
      format: this.format === 2 ? REPORT_FORMAT : REPORT_FORMAT_V1,
      keyFingerprint: this.fingerprint,
      body: text,
      signature: signText(this.privateKey, text),
    } satisfies Envelope);
  }
}

export function dateRange(from: string, days: number): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: days }, (_v, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

/** A plausible village division code: county 110105 (demo), township 001…, village 2xx. */
export function demoVillageCode(township: number, village: number): string {
  return `${'1101050'}${String(township).padStart(2, '0')}${String(200 + village).padStart(3, '0')}`;
}
