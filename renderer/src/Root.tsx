/**
 * The app's outermost shape: language and antd theme, then a small state machine that
 * decides which screen is shown — first-run set-up, login, or the logged-in shell (which
 * may be locked behind the PIN screen without losing the counter's state).
 */
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { OperatorView, SessionView, Settings } from '../../db/contract/index.js';
import { call, onSessionLost, setSessionToken } from './api/client.js';
import { I18nProvider, useI18n } from './i18n/index.js';
import { dropPrefetchedOperators, LoginPage, prefetchOperators } from './pages/login/LoginPage.js';
import { FirstRunPage } from './pages/setup/FirstRunPage.js';
import { useLeaveGuard } from './session/cartGuard.js';
import { SessionContext, type SessionState } from './session/SessionContext.js';
import { useIdleLock } from './session/useIdleLock.js';
import { AppShell } from './shell/AppShell.js';
import { theme } from './theme.js';

type Phase =
  | { kind: 'loading' }
  | { kind: 'unreachable'; detail: string }
  | { kind: 'setup' }
  | { kind: 'login'; notice: string | null }
  | { kind: 'app'; session: SessionView; settings: Settings; locked: boolean };

export function Root() {
  return (
    <I18nProvider>
      <LocalizedApp />
    </I18nProvider>
  );
}

function LocalizedApp() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme} componentSize="large" button={{ autoInsertSpace: false }}>
      <AntApp style={{ height: '100%' }}>
        <ScreenSwitch />
      </AntApp>
    </ConfigProvider>
  );
}

function ScreenSwitch() {
  const { t, errorText } = useI18n();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  const start = useCallback(async () => {
    setPhase({ kind: 'loading' });
    prefetchOperators();
    const status = await call('setup.status', {});
    if (!status.ok) setPhase({ kind: 'unreachable', detail: errorText(status.error) });
    else if (status.value.initialized) setPhase({ kind: 'login', notice: null });
    else {
      dropPrefetchedOperators();
      setPhase({ kind: 'setup' });
    }
  }, [errorText]);

  // Only once: `start` changes with the language, and a toggle must not restart the app,
  // so the first `start` is kept rather than listed as a dependency.
  const [firstStart] = useState(() => start);
  useEffect(() => {
    void firstStart();
  }, [firstStart]);

  useEffect(
    () =>
      onSessionLost((code) => {
        // Locking ends the server session on purpose: a call still in flight then comes back
        // "session ended". The lock screen already asks for the PIN and keeps the counter as
        // it was; going to the login screen instead would drop the cart.
        setPhase((p) => (p.kind === 'app' && p.locked ? p : { kind: 'login', notice: errorText({ code, message: '' }) }));
      }),
    [errorText],
  );

  /** A fresh session (from login, unlock or set-up): keep its token and load settings. */
  const enter = useCallback(
    async (session: SessionView) => {
      setSessionToken(session.token);
      const settings = await call('settings.get', {});
      if (!settings.ok) {
        setPhase({ kind: 'login', notice: errorText(settings.error) });
        return;
      }
      setPhase({ kind: 'app', session, settings: settings.value, locked: false });
    },
    [errorText],
  );

  const endSession = useCallback(async () => {
    await call('session.logout', {});
    setSessionToken(null);
  }, []);

  const lock = useCallback(() => {
    setPhase((p) => (p.kind === 'app' ? { ...p, locked: true } : p));
    // The server session ends too: unlocking is a fresh login with the PIN.
    void endSession();
  }, [endSession]);

  const logout = useCallback(() => {
    void endSession().then(() => setPhase({ kind: 'login', notice: null }));
  }, [endSession]);

  const unlock = useCallback((session: SessionView) => {
    setSessionToken(session.token);
    setPhase((p) => (p.kind === 'app' ? { ...p, session, locked: false } : p));
  }, []);

  const inApp = phase.kind === 'app';
  const guardLeave = useLeaveGuard(phase.kind === 'app' ? phase.session.operator.name : '');
  useIdleLock(inApp ? phase.session.idleLockSeconds : 0, inApp && !phase.locked, lock);

  const sessionState = useMemo<SessionState | null>(
    () => (phase.kind === 'app' ? { session: phase.session, settings: phase.settings, lock, logout } : null),
    [phase, lock, logout],
  );

  switch (phase.kind) {
    case 'loading':
      return (
        <Centered>
          <Spin size="large" description={t('app.loading')} />
        </Centered>
      );
    case 'unreachable':
      return (
        <Result
          status="warning"
          title={t('app.cannotReach')}
          subTitle={phase.detail}
          extra={
            <Button type="primary" onClick={() => void start()}>
              {t('app.retry')}
            </Button>
          }
        />
      );
    case 'setup':
      return <FirstRunPage onDone={(s) => void enter(s)} />;
    case 'login':
      return <LoginPage notice={phase.notice} onLoggedIn={(s) => void enter(s)} />;
    case 'app':
      return (
        <SessionContext.Provider value={sessionState}>
          {/* Locked: the shell stays mounted (a half-built cart survives) but is hidden and inert. */}
          <div style={{ height: '100%', display: phase.locked ? 'none' : 'block' }} inert={phase.locked}>
            <AppShell locked={phase.locked} />
          </div>
          {phase.locked && (
            <LoginPage
              notice={null}
              lockedOperator={phase.session.operator satisfies OperatorView}
              onLoggedIn={unlock}
              onSwitchOperator={() => guardLeave('switch', () => setPhase({ kind: 'login', notice: null }))}
            />
          )}
        </SessionContext.Provider>
      );
  }
}

function Centered({ children }: { children: ReactNode }) {
  return <div style={{ height: '100%', display: 'grid', placeItems: 'center' }}>{children}</div>;
}
