import { Button } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.js';

const MAX_PIN = 8;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

interface Props {
  busy: boolean;
  onSubmit: (pin: string) => void;
  /** Changes whenever the parent wants the entered digits wiped (e.g. after a wrong PIN). */
  resetKey: number;
}

/**
 * An on-screen keypad that also listens to the keyboard (digits, Backspace, Enter), so a
 * touch screen and a plain keyboard both work. Digits are never shown, only dots.
 */
export function PinPad({ busy, onSubmit, resetKey }: Props) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');

  useEffect(() => setPin(''), [resetKey]);

  const press = useCallback((digit: string) => setPin((p) => (p.length < MAX_PIN ? p + digit : p)), []);
  const backspace = useCallback(() => setPin((p) => p.slice(0, -1)), []);
  const submit = useCallback(() => {
    if (pin.length >= 4 && !busy) onSubmit(pin);
  }, [pin, busy, onSubmit]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement) return;
      if (/^[0-9]$/.test(e.key)) press(e.key);
      else if (e.key === 'Backspace') backspace();
      else if (e.key === 'Enter' || e.key === 'NumpadEnter') {
        // No PIN typed yet and a button has focus (换操作员登录, 返回 by Tab): Enter is that button's.
        if (pin.length < 4 && e.target instanceof HTMLButtonElement) return;
        submit();
      } else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [press, backspace, submit, pin.length]);

  const keyStyle = { height: 72, fontSize: 28 } as const;
  return (
    <div style={{ width: 320 }}>
      <div
        aria-label="pin"
        data-testid="pin-dots"
        style={{ height: 56, display: 'flex', justifyContent: 'center', alignItems: 'center', gap: 14, marginBottom: 16 }}
      >
        {Array.from({ length: Math.max(4, pin.length) }, (_, i) => (
          <span
            key={i}
            style={{
              width: 18,
              height: 18,
              borderRadius: '50%',
              boxSizing: 'border-box',
              background: i < pin.length ? '#333' : 'transparent',
              border: '2px solid #999',
            }}
          />
        ))}
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 10 }}>
        {KEYS.map((k) => (
          <Button key={k} style={keyStyle} onClick={() => press(k)} disabled={busy}>
            {k}
          </Button>
        ))}
        <Button style={{ ...keyStyle, fontSize: 18 }} onClick={backspace} disabled={busy}>
          {t('login.backspace')}
        </Button>
        <Button style={keyStyle} onClick={() => press('0')} disabled={busy}>
          0
        </Button>
        <Button type="primary" style={{ ...keyStyle, fontSize: 20 }} onClick={submit} loading={busy} disabled={pin.length < 4}>
          {t('login.ok')}
        </Button>
      </div>
    </div>
  );
}
