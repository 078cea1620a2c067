import { Alert } from 'antd';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { useCounterT } from '../../i18n/counter.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';

/** What the counter last said: kept as data (not text) so a language switch re-renders it. */
export type FeedbackState = (
  { type: 'error'; error: ErrorBody } | { type: 'error' | 'warning' | 'success' | 'info'; key: MessageKey; params?: Record<string, string | number> }
) & {
  /** After a failed lookup: the household still being served, named so it does not look newly found. */
  stillOpen?: { head: string; number: string } | undefined;
};

/** The message beside the scan box: red for a refusal, amber for "not found", green for done. */
export function Feedback({ feedback }: { feedback: FeedbackState | null }) {
  const { t, errorText } = useI18n();
  const ct = useCounterT();
  if (!feedback) return null;
  const text =
    ('error' in feedback ? errorText(feedback.error) : t(feedback.key, feedback.params)) +
    (feedback.stillOpen ? ct('stale.stillOpen', feedback.stillOpen) : '');
  return (
    <Alert
      data-testid="scan-feedback"
      role={feedback.type === 'error' ? 'alert' : 'status'}
      type={feedback.type}
      showIcon
      title={<span style={{ fontSize: 18, fontWeight: feedback.type === 'error' ? 600 : 400 }}>{text}</span>}
      style={{ height: 56, display: 'flex', alignItems: 'center' }}
    />
  );
}
