import { createContext, useContext } from 'react';
import type { SessionView, Settings } from '../../../db/contract/index.js';

/** What every page inside the shell may know about who is working and where. */
export interface SessionState {
  session: SessionView;
  settings: Settings;
  lock: () => void;
  logout: () => void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside the logged-in shell');
  return ctx;
}
