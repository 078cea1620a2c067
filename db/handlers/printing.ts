import { AppError } from '../contract/errors.js';
import type { CardCodeView, printingOps } from '../contract/ops/printing.js';
import type { Core } from '../core.js';
import { makeCardCode } from '../domain/card-code.js';
import { readPrinterSettings, writePrinterSettings } from '../printing/settings.js';
import { audit } from '../books/audit.js';
import type { HandlerMap } from './types.js';
import { query } from '../platform/query.js';

/** Starts sending queued jobs without waiting: the counter never blocks on paper. */
function kick(core: Core): void {
  void core.printing.drain();
}

function cardCodes(core: Core, where: string, args: (string | number)[]): CardCodeView[] {
  const rows = query(core.db).all<{ id: number; number: string; head_name: string; group_name: string; card_version: number }>(
    `SELECT h.id, h.number, h.head_name, g.name AS group_name, h.card_version FROM households h
       JOIN village_groups g ON g.id = h.group_id WHERE h.status = 'active' AND ${where} ORDER BY g.sort, h.number LIMIT 500`,
    ...args,
  );
  return rows.map((r) => ({
    householdId: r.id,
    number: r.number,
    headName: r.head_name,
    groupName: r.group_name,
    cardVersion: r.card_version,
    payload: makeCardCode(core.keyring, r.number, r.card_version),
  }));
}

export const printingHandlers: HandlerMap<keyof typeof printingOps> = {
  'printer.status': ({ core }) => core.printing.status(),
  'printer.probe': ({ core }) => {
    void core.printing.probe();
    return null;
  },
  'printer.settings': ({ core }) => readPrinterSettings(core.db),
  'printer.saveSettings': ({ core, session }, input) => {
    core.db.transaction(() => {
      writePrinterSettings(core.db, input);
      audit(core.db, core.stamp().createdAt, session.operatorId, 'printer.settings', null, input);
    })();
    kick(core);
    return core.printing.status();
  },
  'printer.testPage': ({ core, session }) => {
    const jobId = core.printing.enqueueTestPage(session.operatorId);
    kick(core);
    return { jobId };
  },
  'printer.jobs': ({ core }, q) => core.printing.jobs(q),
  'printer.retry': ({ core }, { jobId }) => {
    core.printing.retry(jobId);
    kick(core);
    return null;
  },
  'receipt.preview': ({ core }, { redemptionId, of, reprint }) => core.printing.previewReceipt(redemptionId, of, reprint),
  'receipt.print': ({ core, session }, { redemptionId }) => {
    const r = core.printing.printReceipt(redemptionId, session.operatorId);
    kick(core);
    return r;
  },
  'receipt.reprint': ({ core, session }, { redemptionId, of }) => {
    const jobId = core.printing.reprint(redemptionId, session.operatorId, of);
    audit(core.db, core.stamp().createdAt, session.operatorId, 'receipt.reprint', `redemption:${redemptionId}`, { of });
    kick(core);
    return { jobId };
  },
  'card.print': ({ core, session }, { householdId }) => {
    const [card] = cardCodes(core, 'h.id = ?', [householdId]);
    if (!card) throw new AppError('HOUSEHOLD_NOT_FOUND');
    const jobId = core.printing.enqueueCard(householdId, card, card.payload, session.operatorId);
    audit(core.db, core.stamp().createdAt, session.operatorId, 'card.print', `household:${householdId}`, { cardVersion: card.cardVersion });
    kick(core);
    return { jobId };
  },
  'card.codes': ({ core, session }, { householdIds, groupName }) => {
    let out: CardCodeView[];
    if (householdIds && householdIds.length > 0) out = cardCodes(core, `h.id IN (${householdIds.map(() => '?').join(',')})`, householdIds);
    else if (groupName) out = cardCodes(core, 'g.name = ?', [groupName]);
    else out = cardCodes(core, '1 = 1', []);
    audit(core.db, core.stamp().createdAt, session.operatorId, 'card.codes', null, { count: out.length });
    return out;
  },
};
