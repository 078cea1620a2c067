import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportJobView, OpInput } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';

const POLL_MS = 500;

/**
 * This operator's export jobs: start one, poll while any runs (the core writes the file
 * in the background), cancel. Finished files are fetched from `downloadPath`.
 */
export function useExportJobs(active: boolean) {
  const [jobs, setJobs] = useState<ExportJobView[]>([]);
  const [error, setError] = useState<ErrorBody | null>(null);
  const timer = useRef<number | null>(null);

  const refresh = useCallback(async () => {
    const res = await call('export.list', {});
    if (res.ok) setJobs(res.value);
    else setError(res.error);
  }, []);

  const running = jobs.some((j) => j.state === 'running');
  useEffect(() => {
    if (!active) return;
    void refresh();
  }, [active, refresh]);
  useEffect(() => {
    if (!active || !running) return;
    timer.current = window.setInterval(() => void refresh(), POLL_MS);
    return () => {
      if (timer.current !== null) window.clearInterval(timer.current);
    };
  }, [active, running, refresh]);

  const start = useCallback(async (input: OpInput<'export.start'>): Promise<ExportJobView | null> => {
    setError(null);
    const res = await call('export.start', input);
    if (!res.ok) {
      setError(res.error);
      return null;
    }
    setJobs((js) => [res.value, ...js]);
    return res.value;
  }, []);

  const cancel = useCallback(
    async (id: string) => {
      const res = await call('export.cancel', { id });
      if (!res.ok) setError(res.error);
      await refresh();
    },
    [refresh],
  );

  return { jobs, error, start, cancel, refresh };
}

/** Starts the browser's download of a finished export (streamed by the host, not held in memory). */
export function downloadFile(path: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = path;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
