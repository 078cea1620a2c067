import { AppError } from '../contract/errors.js';
import type { accountingOps } from '../contract/ops/accounting.js';
import { exportJobs } from '../accounting/exports/jobs.js';
import { closeDay, dayStatus, listDays, reopenDay, todayStatus } from '../accounting/day-close/close.js';
import { dayCloseSlip } from '../accounting/day-close/slip.js';
import { computeStats, neverRedeemedPage } from '../accounting/stats.js';
import { backupAfterDayClose } from '../trust/backup/service.js';
import type { HandlerMap } from './types.js';

export const accountingHandlers: HandlerMap<keyof typeof accountingOps> = {
  'dayClose.status': ({ core }, { date }) => dayStatus(core, date),
  'dayClose.today': ({ core }) => todayStatus(core),
  'dayClose.list': ({ core }, { limit }) => listDays(core, limit),
  'dayClose.close': ({ core, session }, input) => {
    const closed = closeDay(core, session, input);
    // The closed day goes to the backup folder at once (when one is set up); the outcome
    // shows on the backup screen, and a failure never undoes the close.
    void backupAfterDayClose(core, session.operatorId);
    return closed;
  },
  'dayClose.reopen': ({ core, session }, input) => reopenDay(core, session, input),
  'dayClose.printSlip': ({ core, session }, { date }) => {
    const status = dayStatus(core, date);
    const slip = dayCloseSlip(status.summary, status.closed ? (status.history.at(-1) ?? null) : null, status.witness);
    const jobId = core.printing.enqueueSlip({ ...slip, printedAt: core.clock.now() }, session.operatorId);
    void core.printing.drain();
    return { jobId };
  },
  'export.start': ({ core, session }, input) => exportJobs(core).start(session, input),
  'export.status': ({ core, session }, { id }) => exportJobs(core).status(session, id),
  'export.cancel': ({ core, session }, { id }) => exportJobs(core).cancel(session, id),
  'export.list': ({ core, session }) => exportJobs(core).list(session),
  'stats.overview': ({ core }, { from, to }) => {
    if (from > to) throw new AppError('EXPORT_RANGE_INVALID');
    return computeStats(core.db, { from, to }, core.settings().pointValueFen);
  },
  'stats.neverRedeemed': ({ core }, { offset, limit }) => neverRedeemedPage(core.db, offset, limit),
};
