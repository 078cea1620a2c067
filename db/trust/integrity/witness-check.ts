import { checkWitness, type WitnessResult } from '../../books/witness.js';
import type { WitnessCheckView } from '../../contract/views-trust.js';
import type { Db } from '../../platform/open.js';

/** The result for the screen: the outcome, the rows it names, and what it means in zh/en. */
export function witnessView(r: WitnessResult): WitnessCheckView {
  switch (r.outcome) {
    case 'held':
      return {
        code: r.code,
        outcome: 'held',
        ledgerId: r.ledgerId,
        message: { zh: `账本仍包含这段历史（至台账第 ${r.ledgerId} 行）`, en: `The books still hold this history (up to ledger row ${r.ledgerId}).` },
      };
    case 'rewritten':
      return {
        code: r.code,
        outcome: 'rewritten',
        ledgerId: r.ledgerId,
        message: {
          zh: `账本在台账第 ${r.ledgerId} 行或之前被改写（该行现在的见证码为 ${r.found}）`,
          en: `The books were rewritten at or before ledger row ${r.ledgerId} (that row now reads ${r.found}).`,
        },
      };
    case 'cut':
      return {
        code: r.code,
        outcome: 'cut',
        ledgerId: r.ledgerId,
        lastId: r.lastId,
        message: {
          zh: `账本被截断：台账第 ${r.ledgerId} 行已不存在，现在账本止于第 ${r.lastId} 行`,
          en: `The books were cut back: ledger row ${r.ledgerId} is gone; the books now end at row ${r.lastId}.`,
        },
      };
    case 'invalid':
      return {
        code: r.code,
        outcome: 'malformed',
        message: { zh: '不是见证码（应如 #1234 7QX2-M9KD）', en: 'Not a witness code (like #1234 7QX2-M9KD).' },
      };
  }
}

/** Checks each code in one read transaction, so all see the same books. */
export function checkWitnesses(db: Db, codes: readonly string[]): WitnessCheckView[] {
  return db.transaction(() => codes.map((c) => witnessView(checkWitness(db, c))))();
}
