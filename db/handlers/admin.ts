import type { adminOps } from '../contract/ops/admin.js';
import { exportAudit, listAudit } from '../trust/audit-query.js';
import { addOperator, listOperatorsForAdmin, resetOperatorPin, setOperatorActive, unlockOperator } from '../trust/operators-admin.js';
import { updateGeneralSettings } from '../trust/settings-admin.js';
import type { HandlerMap } from './types.js';
import { fen } from '../domain/amounts.js';

export const adminHandlers: HandlerMap<keyof typeof adminOps> = {
  'operators.list': ({ core }) => listOperatorsForAdmin(core),
  'operators.create': ({ core, session }, input) => addOperator(core, session.operatorId, input),
  'operators.resetPin': ({ core, session }, { operatorId, pin }) => resetOperatorPin(core, session.operatorId, operatorId, pin),
  'operators.unlock': ({ core, session }, { operatorId }) => unlockOperator(core, session.operatorId, operatorId),
  'operators.setActive': ({ core, session }, { operatorId, active }) => setOperatorActive(core, session.operatorId, operatorId, active),
  'settings.update': ({ core, session }, input) => updateGeneralSettings(core, session.operatorId, { ...input, pointValueFen: fen(input.pointValueFen) }),
  'audit.list': ({ core }, input) => listAudit(core, input),
  'audit.export': ({ core, session }, input) => exportAudit(core, session.operatorId, input),
};
