import { useEffect, useState } from 'react';
import type { PublicBoardView } from '../../../db/contract/index.js';
import type { ErrorBody } from '../../../db/contract/errors.js';
import { call } from '../api/client.js';

const RELOAD_MS = 60_000;

/** The boards for a display, fetched now and every minute (a posting shows by itself). */
export function usePublicBoard(enabled: boolean): { view: PublicBoardView | null; error: ErrorBody | null } {
  const [view, setView] = useState<PublicBoardView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    const load = async () => {
      const r = await call('display.board', {});
      if (stopped) return;
      if (r.ok) {
        setView(r.value);
        setError(null);
      } else setError(r.error);
    };
    void load();
    const timer = window.setInterval(() => void load(), RELOAD_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [enabled]);
  return { view, error };
}
