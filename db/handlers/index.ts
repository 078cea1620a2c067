import type { OpName } from '../contract/index.js';
import { accountingHandlers } from './accounting.js';
import { adminHandlers } from './admin.js';
import { backupHandlers } from './backup.js';
import { counterHandlers } from './counter.js';
import { hardwareHandlers } from './hardware.js';
import { hostHandlers } from './host.js';
import { householdsHandlers } from './households.js';
import { pointsHandlers } from './points.js';
import { printingHandlers } from './printing.js';
import { sessionHandlers } from './session.js';
import { stockHandlers } from './stock.js';
import { reportingHandlers } from './reporting.js';
import type { HandlerMap } from './types.js';

/** Every operation's implementation; the type makes a missing handler a compile error. */
export const handlers: HandlerMap<OpName> = {
  ...accountingHandlers,
  ...sessionHandlers,
  ...counterHandlers,
  ...householdsHandlers,
  ...pointsHandlers,
  ...printingHandlers,
  ...stockHandlers,
  ...adminHandlers,
  ...backupHandlers,
  ...hardwareHandlers,
  ...hostHandlers,
  ...reportingHandlers,
};
