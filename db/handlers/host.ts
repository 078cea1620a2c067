import type { hostOps } from '../contract/ops/host.js';
import { AppError } from '../contract/errors.js';
import { audit } from '../books/audit.js';
import { verifyApproverPin } from '../books/operators.js';
import type { HandlerMap } from './types.js';

export const hostHandlers: HandlerMap<keyof typeof hostOps> = {
  'host.exit': ({ core, session }, { pin }) => {
    if (core.hostExit === null) throw new AppError('HOST_EXIT_UNSUPPORTED');
    // The PIN again, not only the session: an administrator who walked away logged in
    // must not leave the counter one click from being closed. Counted per session like
    // every approval (the session ends after too many wrong ones).
    verifyApproverPin(core, session, session.operatorId, pin, 'host.exit');
    audit(core.db, core.stamp().createdAt, session.operatorId, 'host.exit', null);
    const exit = core.hostExit;
    // After this reply has gone back to the page.
    setImmediate(exit);
    return { exiting: true };
  },
};
