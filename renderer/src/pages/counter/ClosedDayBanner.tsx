import { Alert } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/client.js';
import { useOfficeT } from '../../i18n/office.js';
import type { FeedbackState } from './Feedback.js';

/** How often the counter asks whether today has been closed meanwhile (on another machine, say). */
const POLL_MS = 30_000;

/**
 * Today's business date when it is closed, else null. Asked when the counter shows and
 * every 30 s while it does; `recheck` asks at once (after a refusal: a sale refused with
 * 已日结 is the moment the keeper must learn it, not 30 s later).
 */
export function useClosedDay(active: boolean): { date: string | null; recheck: () => Promise<void> } {
  const [closedDate, setClosedDate] = useState<string | null>(null);
  const check = useCallback(async () => {
    const res = await call('dayClose.today', {});
    // A failed poll (session ended, say) keeps what was known: the next one tries again.
    if (res.ok) setClosedDate(res.value.closed ? res.value.date : null);
  }, []);
  useEffect(() => {
    if (!active) return;
    void check();
    const timer = window.setInterval(() => void check(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [active, check]);
  return { date: closedDate, recheck: check };
}

/** After every refusal the counter shows, ask again (a sale refused with 已日结 among them). */
export function useRecheckOnRefusal(feedback: FeedbackState | null, recheck: () => Promise<void>): void {
  useEffect(() => {
    if (feedback?.type === 'error') void recheck();
  }, [feedback, recheck]);
}

/** The banner over the counter while today is closed: what happened and what to do. */
export function ClosedDayBanner({ date }: { date: string | null }) {
  const ot = useOfficeT();
  if (date === null) return null;
  return (
    <Alert
      data-testid="closed-day-banner"
      role="alert"
      type="error"
      showIcon
      title={<span style={{ fontSize: 18, fontWeight: 600 }}>{ot('closedDay.title', { date })}</span>}
      description={<span style={{ fontSize: 15 }}>{ot('closedDay.what')}</span>}
    />
  );
}
