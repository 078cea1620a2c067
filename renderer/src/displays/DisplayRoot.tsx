/**
 * The displays' own root: no login, no idle lock, no shell. A display runs on the
 * display-only credential in its address (#key=…), which the core lets see the current
 * sale of its counter and the public boards, and nothing else.
 */
import { useHardwareT } from '../i18n/hardware.js';
import { I18nProvider } from '../i18n/index.js';
import { setSessionToken } from '../api/client.js';
import { BoardDisplay } from './BoardDisplay.js';
import { CustomerDisplay } from './CustomerDisplay.js';
import { displayKey } from './displayKey.js';
import { DisplayMessage } from './DisplayMessage.js';

export type DisplayKind = 'customer' | 'board';

export function displayKindFor(pathname: string): DisplayKind | null {
  if (pathname === '/display' || pathname === '/display/') return 'customer';
  if (pathname === '/board' || pathname === '/board/') return 'board';
  return null;
}

export function DisplayRoot({ kind }: { kind: DisplayKind }) {
  return (
    <I18nProvider>
      <Display kind={kind} />
    </I18nProvider>
  );
}

function Display({ kind }: { kind: DisplayKind }) {
  const t = useHardwareT();
  const key = displayKey();
  if (!key) return <DisplayMessage text={t('display.lost')} />;
  setSessionToken(key);
  return kind === 'customer' ? <CustomerDisplay /> : <BoardDisplay />;
}
