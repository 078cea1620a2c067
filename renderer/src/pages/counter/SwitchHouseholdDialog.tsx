import { Button, Modal } from 'antd';
import { useCounterT } from '../../i18n/counter.js';
import type { CartOwner, PendingSwitch } from './useCounter.js';

interface Props {
  pending: PendingSwitch | null;
  owner: CartOwner | null;
  pieces: number;
  onChoose: (choice: 'keep' | 'clear' | 'cancel') => void;
}

/**
 * Another household was found while the cart holds goods picked for the one before: the
 * cart never follows silently. Three plain buttons, reachable with Tab and Enter; Esc (or
 * the focused 取消) stays with the household the goods were picked for.
 */
export function SwitchHouseholdDialog({ pending, owner, pieces, onChoose }: Props) {
  const ct = useCounterT();
  if (!pending) return null;
  const to = `${pending.household.headName} ${pending.household.number}`;
  const from = owner ? `${owner.headName} ${owner.number}` : '';
  return (
    <Modal
      open
      title={<span style={{ fontSize: 20 }}>{ct('switch.title')}</span>}
      onCancel={() => onChoose('cancel')}
      maskClosable={false}
      // The counter gives the scan box its focus back itself (useKeepFocus); a late restore
      // after the fade-out would take focus from the next question (Esc's 下一位) instead.
      focusTriggerAfterClose={false}
      width={560}
      footer={null}
      data-testid="switch-household"
    >
      <div data-testid="switch-household-body" style={{ fontSize: 17, marginBottom: 16 }}>
        {ct('switch.body', { count: pieces, from, to })}
      </div>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
        {/* Focus starts on the choice that changes nothing. */}
        <Button size="large" autoFocus onClick={() => onChoose('cancel')} data-testid="switch-cancel">
          {ct('switch.cancel', { from })}
        </Button>
        <Button size="large" type="primary" onClick={() => onChoose('keep')} data-testid="switch-keep">
          {ct('switch.keep', { to })}
        </Button>
        <Button size="large" danger onClick={() => onChoose('clear')} data-testid="switch-clear">
          {ct('switch.clear', { to })}
        </Button>
      </div>
    </Modal>
  );
}
