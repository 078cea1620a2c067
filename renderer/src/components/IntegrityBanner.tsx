import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import type { IntegrityStatus } from '../../../db/contract/index.js';
import { call } from '../api/client.js';
import { useTrustT } from '../i18n/trust.js';
import { useSession } from '../session/SessionContext.js';
import { useI18n } from '../i18n/index.js';

/**
 * A red line across the top for everyone when the start-up check (or a later full
 * verify) found data that does not add up: the keeper should not carry on unaware.
 */
export function IntegrityBanner() {
  const t = useTrustT();
  const { problemLine } = useI18n();
  const { session } = useSession();
  const [status, setStatus] = useState<IntegrityStatus | null>(null);

  // Every minute; every two seconds while the full verify after start-up is running, so
  // that its alarm reaches the counter as soon as it is known.
  const verifying = status?.background?.state === 'running';
  useEffect(() => {
    const load = () => void call('integrity.status', {}).then((r) => r.ok && setStatus(r.value));
    load();
    const timer = setInterval(load, verifying ? 2_000 : 60_000);
    return () => clearInterval(timer);
  }, [verifying]);

  const alarm = status?.alarm;
  if (alarm) {
    const first = alarm.report.problems[0];
    return (
      <Alert
        banner
        type="error"
        showIcon
        data-testid="integrity-banner"
        data-alarm="true"
        title={t('banner.alarm', {
          first: first ? problemLine(first) : '',
          count: alarm.report.problems.length,
        })}
        style={{ fontSize: 16 }}
      />
    );
  }
  const latest = [status?.startup, status?.lastFull]
    .filter((r) => r != null)
    .sort((a, b) => a.checkedAt.localeCompare(b.checkedAt))
    .pop();
  if (!latest || latest.ok) return null;
  const count = latest.problems.length;
  return (
    <Alert
      banner
      type="error"
      showIcon
      data-testid="integrity-banner"
      title={session.operator.role === 'admin' ? t('banner.failedAdmin', { count }) : t('banner.failed', { count })}
      style={{ fontSize: 16 }}
    />
  );
}
