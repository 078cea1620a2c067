import type { reportingOps } from '../contract/ops/reporting.js';
import type { HubStatusView } from '../contract/views-reporting.js';
import type { Core } from '../core.js';
import { closeThrough } from '../reporting/catch-up.js';
import { exportReports, reportingState } from '../reporting/outbox.js';
import { hubAddress, readRegistration, registerWithHub, setHubAddress } from '../reporting/registration.js';
import type { HandlerMap } from './types.js';

export function hubStatus(core: Core): HubStatusView {
  const push = core.reportPusher?.state ?? null;
  return {
    registration: readRegistration(core),
    address: hubAddress(core),
    ...reportingState(core),
    push: push ? { running: push.running, lastAttemptAt: push.lastAttemptAt, lastSuccessAt: push.lastSuccessAt, lastError: push.lastError } : null,
  };
}

export const reportingHandlers: HandlerMap<keyof typeof reportingOps> = {
  'hub.status': ({ core }) => hubStatus(core),
  'hub.register': ({ core, session }, input) => registerWithHub(core, session, input),
  'hub.setAddress': ({ core, session }, { address }) => {
    setHubAddress(core, session, address && address.length > 0 ? address : null);
    return hubStatus(core);
  },
  'hub.exportReports': ({ core, session }, { folder, all }) => exportReports(core, session.operatorId, folder, { all }),
  'dayClose.closeThrough': ({ core, session }, input) => closeThrough(core, session, input),
};
