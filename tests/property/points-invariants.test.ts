import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dispatch } from '../../db/dispatch.js';
import { verifyDatabase } from '../../db/trust/integrity/verify.js';
import { pointsEnv } from '../helpers/points.js';

/**
 * Random months of the points procedure — sheets of awards and deductions (some out of
 * range or over a cap), approvals and rejections, notices, objections upheld or
 * dismissed, postings run twice — interleaved with redemptions. Afterwards: every
 * balance equals the sum of its ledger rows; the entry-caused part equals exactly what
 * posted entries say they moved; no entry that was not posted moved a point; a deduction
 * moved at most its points and recorded the rest; the hash chain verifies.
 */
const CODES = ['A01', 'A02', 'B01', 'B02', 'C01', 'D01', 'D02'] as const;

const sheet = fc.record({
  code: fc.constantFrom(...CODES),
  households: fc.uniqueArray(fc.nat({ max: 7 }), { minLength: 1, maxLength: 4 }),
  points: fc.integer({ min: 1, max: 35 }),
  approve: fc.boolean(),
});
const month = fc.record({
  sheets: fc.array(sheet, { minLength: 1, maxLength: 4 }),
  objections: fc.array(fc.record({ pick: fc.nat({ max: 50 }), upheld: fc.boolean(), replace: fc.boolean() }), { maxLength: 2 }),
  spend: fc.array(fc.record({ household: fc.nat({ max: 7 }), goods: fc.nat({ max: 21 }), quantity: fc.integer({ min: 1, max: 3 }) }), { maxLength: 3 }),
});

describe('points invariants', () => {
  it('balances equal the sum of their rows, and the posted entries account for every entry-caused point', { timeout: 120_000 }, () => {
    const env = pointsEnv({ households: 8 });
    try {
      const goods = env.core.db.prepare('SELECT id FROM goods ORDER BY id').pluck().all() as number[];
      fc.assert(
        fc.property(month, (m) => {
          for (const s of m.sheets) {
            const r = dispatch(env.core, env.who.admin.token, 'points.record', {
              requestId: env.rid('p'),
              ruleItemId: env.item(s.code).id,
              eventDate: env.today(),
              evidence: '随机评议',
              lines: s.households.map((i) => ({ householdId: env.households[i]!, points: s.points })),
            });
            if (!r.ok) {
              expect(['POINTS_FIXED', 'POINTS_OUT_OF_RANGE', 'CAP_EXCEEDED']).toContain(r.error.code);
              continue;
            }
            const ids = (r.value as { entries: { id: number }[] }).entries.map((e) => e.id);
            env.who.accountant.call(
              'points.review',
              s.approve ? { entryIds: ids, decision: 'approved' } : { entryIds: ids, decision: 'rejected', reason: '不符合条件' },
            );
          }
          const notice = dispatch(env.core, env.who.admin.token, 'notices.create', { requestId: env.rid('n'), periodDays: 2 });
          if (notice.ok) {
            const noticeId = (notice.value as { id: number }).id;
            const published = env.core.db
              .prepare(
                "SELECT e.id, e.points FROM point_entries e JOIN notice_entries ne ON ne.entry_id = e.id WHERE ne.notice_id = ? AND e.status = 'published'",
              )
              .all(noticeId) as { id: number; points: number }[];
            for (const o of m.objections) {
              const target = published[o.pick % published.length];
              if (!target) break;
              const ob = dispatch(env.core, env.who.admin.token, 'notices.object', { entryId: target.id, raisedBy: '村民', content: '有异议' });
              if (!ob.ok) continue;
              dispatch(env.core, env.who.admin.token, 'notices.resolve', {
                objectionId: (ob.value as { id: number }).id,
                outcome: o.upheld ? 'upheld' : 'dismissed',
                reason: '经核实处理',
                replacement: o.upheld && o.replace ? { points: target.points, evidence: '改记' } : null,
              });
            }
            env.advanceDays(2);
            expect(dispatch(env.core, env.who.accountant.token, 'notices.post', { noticeId }).ok).toBe(true);
            expect(dispatch(env.core, env.who.accountant.token, 'notices.post', { noticeId }).ok).toBe(true);
          }
          for (const s of m.spend) {
            dispatch(env.core, env.who.keeper.token, 'redemption.create', {
              requestId: env.rid('r'),
              householdId: env.households[s.household]!,
              passbookId: 1,
              lines: [{ goodsId: goods[s.goods]!, quantity: s.quantity }],
            });
          }
          env.advanceDays(3);

          const db = env.core.db;
          const drift = db
            .prepare(
              'SELECT count(*) FROM accounts a WHERE a.balance <> (SELECT COALESCE(SUM(amount), 0) FROM ledger l WHERE l.household_id = a.household_id AND l.passbook_id = a.passbook_id)',
            )
            .pluck()
            .get();
          expect(drift).toBe(0);
          const byEntries = db
            .prepare(
              `SELECT COALESCE(SUM(CASE e.direction WHEN 'award' THEN ep.posted_points ELSE -ep.posted_points END), 0)
               FROM entry_postings ep JOIN point_entries e ON e.id = ep.entry_id`,
            )
            .pluck()
            .get();
          const byLedger = db.prepare("SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE ref_type = 'entry'").pluck().get();
          expect(byLedger).toBe(byEntries);
          expect(
            db
              .prepare("SELECT count(*) FROM ledger l JOIN point_entries e ON l.ref_type = 'entry' AND e.id = l.ref_id WHERE e.status <> 'posted'")
              .pluck()
              .get(),
          ).toBe(0);
          expect(
            db.prepare("SELECT count(*) FROM point_entries WHERE status = 'posted' AND id NOT IN (SELECT entry_id FROM entry_postings)").pluck().get(),
          ).toBe(0);
          expect(
            db
              .prepare(
                'SELECT count(*) FROM entry_postings ep JOIN point_entries e ON e.id = ep.entry_id WHERE ep.posted_points + ep.undeducted_points <> e.points',
              )
              .pluck()
              .get(),
          ).toBe(0);
          expect(
            db
              .prepare(
                "SELECT count(*) FROM entry_postings ep JOIN point_entries e ON e.id = ep.entry_id WHERE e.direction = 'award' AND ep.undeducted_points <> 0",
              )
              .pluck()
              .get(),
          ).toBe(0);
          expect(verifyDatabase(db).ok).toBe(true);
        }),
        { numRuns: 12 },
      );
    } finally {
      env.close();
    }
  });
});
