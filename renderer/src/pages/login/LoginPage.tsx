import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { LoginTileView, OperatorView, SessionView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { LangToggle } from '../../shell/LangToggle.js';
import { PinPad } from './PinPad.js';

interface Props {
  notice: string | null;
  onLoggedIn: (session: SessionView) => void;
  /** Set when the counter is locked: only this operator (or "someone else") may continue. */
  lockedOperator?: OperatorView;
  onSwitchOperator?: () => void;
}

/** Pick yourself from big tiles, then type your PIN. Also the lock screen. */
// The list of operators is asked for while the app is still finding out whether it is set
// up (Root calls prefetchOperators), so the login tiles show one round trip sooner.
let prefetched: ReturnType<typeof fetchOperators> | null = null;
const fetchOperators = () => call('session.operators', {});
export function prefetchOperators(): void {
  prefetched = fetchOperators();
}
/** Not set up yet: the list asked for is empty and must not be shown after set-up. */
export function dropPrefetchedOperators(): void {
  prefetched = null;
}

export function LoginPage({ notice, onLoggedIn, lockedOperator, onSwitchOperator }: Props) {
  const { t, errorText } = useI18n();
  const [operators, setOperators] = useState<LoginTileView[] | null>(null);
  const [chosen, setChosen] = useState<OperatorView | null>(lockedOperator ?? null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [resetKey, setResetKey] = useState(0);

  useEffect(() => {
    if (lockedOperator) return;
    let live = true;
    const pending = prefetched ?? fetchOperators();
    prefetched = null;
    void pending.then((res) => {
      if (!live) return;
      if (res.ok) setOperators(res.value);
      else setError(res.error);
    });
    return () => {
      live = false;
    };
  }, [lockedOperator]);

  const submit = useCallback(
    async (pin: string) => {
      if (!chosen) return;
      setBusy(true);
      setError(null);
      const res = await call('session.login', { operatorId: chosen.id, pin });
      setBusy(false);
      if (res.ok) onLoggedIn(res.value);
      else {
        setError(res.error);
        setResetKey((k) => k + 1);
      }
    },
    [chosen, onLoggedIn],
  );

  return (
    <div style={{ minHeight: '100%', display: 'flex', flexDirection: 'column', alignItems: 'center', padding: 32 }}>
      <div style={{ alignSelf: 'stretch', display: 'flex', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {lockedOperator ? (
            <>
              <LockOutlined /> {t('login.lockedTitle')}
            </>
          ) : (
            t('app.title')
          )}
        </Typography.Title>
        <LangToggle />
      </div>
      <div style={{ width: '100%', maxWidth: 820, marginTop: 24 }}>
        {notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16, fontSize: 18 }} role="alert" />}
      </div>
      {chosen ? (
        <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 16 }}>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('login.enterPin', { name: chosen.name })}
          </Typography.Title>
          <PinPad busy={busy} onSubmit={(pin) => void submit(pin)} resetKey={resetKey} />
          {lockedOperator ? (
            <Button type="link" onClick={onSwitchOperator}>
              {t('login.switchOperator')}
            </Button>
          ) : (
            <Button
              type="link"
              onClick={() => {
                setChosen(null);
                setError(null);
              }}
            >
              {t('login.back')}
            </Button>
          )}
        </div>
      ) : (
        <OperatorTiles
          operators={operators}
          onChoose={(op) => {
            setChosen(op);
            setError(null);
          }}
        />
      )}
    </div>
  );
}

function OperatorTiles({ operators, onChoose }: { operators: LoginTileView[] | null; onChoose: (op: OperatorView) => void }) {
  const { t } = useI18n();
  if (!operators) return <Spin size="large" />;
  if (operators.length === 0) return <Empty description={t('login.noOperators')} />;
  return (
    <div style={{ width: '100%', maxWidth: 820 }}>
      <Typography.Title level={2} style={{ textAlign: 'center' }}>
        {t('login.title')}
      </Typography.Title>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 16 }}>
        {operators.map((op) => (
          <Button key={op.id} onClick={() => onChoose(op)} style={{ height: 120, display: 'flex', flexDirection: 'column', gap: 8, fontSize: 26 }}>
            <span>{op.name}</span>
            <Tag color={op.role === 'admin' ? 'red' : op.role === 'accountant' ? 'blue' : 'green'} style={{ fontSize: 14 }}>
              {t(`role.${op.role}`)}
            </Tag>
            {op.lockedUntilTime && (
              // A locked tile says so and who can help, instead of letting the keeper type PINs into a wall.
              <span data-testid="tile-locked" style={{ fontSize: 14, color: '#d46b08', whiteSpace: 'normal', lineHeight: 1.3 }}>
                <LockOutlined /> {t('login.tileLocked', { time: op.lockedUntilTime })}
              </span>
            )}
          </Button>
        ))}
      </div>
    </div>
  );
}
