import type { sessionOps } from '../contract/ops/session.js';
import type { SessionView } from '../contract/views.js';
import type { Core } from '../core.js';
import { audit } from '../books/audit.js';
import { listOperators, verifyLoginPin } from '../books/operators.js';
import type { Session } from '../books/sessions.js';
import { createFirstAdmin, loadDemo, setupStatus } from '../setup.js';
import { AppError } from '../contract/errors.js';
import { startRestore } from '../trust/backup/service.js';
import type { HandlerMap } from './types.js';

function sessionView(core: Core, s: Session): SessionView {
  return { token: s.token, operator: { id: s.operatorId, name: s.name, role: s.role }, idleLockSeconds: core.settings().idleLockSeconds };
}

export const sessionHandlers: HandlerMap<keyof typeof sessionOps> = {
  'setup.status': ({ core }) => setupStatus(core),
  'setup.createAdmin': ({ core }, input) => {
    const id = createFirstAdmin(core, input.name, input.pin, input.villageName);
    return sessionView(core, core.sessions.create(id, input.name, 'admin'));
  },
  'setup.restore': ({ core }, { file }) => {
    // Nobody to protect and nobody to name yet; once an operator exists it takes an administrator.
    if (setupStatus(core).initialized) throw new AppError('RESTORE_NEEDS_ADMIN');
    startRestore(core, file, null);
    return { started: true };
  },
  'setup.loadDemo': ({ core, session }) => {
    const r = loadDemo(core, session.operatorId);
    return { households: r.households, goods: r.goods };
  },
  'session.operators': ({ core }) => listOperators(core),
  'session.login': ({ core }, input) => {
    const op = verifyLoginPin(core, input.operatorId, input.pin);
    return sessionView(core, core.sessions.create(op.id, op.name, op.role));
  },
  'session.logout': ({ core, session, token }) => {
    if (token) core.sessions.end(token);
    audit(core.db, core.stamp().createdAt, session.operatorId, 'logout', `operator:${session.operatorId}`);
    return null;
  },
  'session.me': ({ core, session }) => sessionView(core, session),
  'settings.get': ({ core }) => core.settings(),
};
