import type { hardwareOps } from '../contract/ops/hardware.js';
import { AppError } from '../contract/errors.js';
import { audit } from '../books/audit.js';
import { publicBoard } from '../hardware/public-board.js';
import { readReaderSettings, writeReaderSettings } from '../hardware/reader-settings.js';
import type { HandlerMap } from './types.js';

export const hardwareHandlers: HandlerMap<keyof typeof hardwareOps> = {
  'reader.status': ({ core }) => core.reader.status(),
  'reader.settings': ({ core }) => readReaderSettings(core.db),
  'reader.saveSettings': ({ core, session }, input) => {
    const { createdAt } = core.stamp();
    core.db.transaction(() => {
      writeReaderSettings(core.db, input);
      audit(core.db, createdAt, session.operatorId, 'reader.settings', `reader:${input.profile}`);
    })();
    core.reader.reconfigure();
    return core.reader.status();
  },
  'display.open': ({ core, session }, { kind, counter }) => {
    const c = core.displays.issue(kind, counter);
    audit(core.db, core.stamp().createdAt, session.operatorId, 'display.open', `display:${kind}`);
    return { token: c.token, kind: c.kind };
  },
  'display.publish': ({ core }, { counter, sale }) => {
    core.customerDisplay.publish(counter, sale);
    return null;
  },
  'display.sale': ({ core, display }) => {
    // A board on the hall's TV has no business seeing who is at the counter.
    if (display?.kind !== 'customer') throw new AppError('DISPLAY_ONLY');
    return core.customerDisplay.view(display.counter);
  },
  'display.board': ({ core }) => publicBoard(core),
};
