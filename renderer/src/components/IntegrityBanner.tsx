import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import type { IntegrityStatus } from '../../../db/contract/index.js';
import { call } from '../api/client.js';
import { useTrustT } from '../i18n/trust.js';
import { useSession } from '../session/SessionContext.js';

/**
 * A red line across the top for everyone when the start-up check (or a later full
 * verify) found data that does not add up: the keeper should not carry on unaware.
 */
export function IntegrityBanner() {
  const t = useTrustT();
  const { session } = useSession();
  const [status, setStatus] = useState<IntegrityStatus | null>(null);

  useEffect(() => {
    const load = () => void call('integrity.status', {}).then((r) => r.ok && setStatus(r.value));
    load();
    const timer = setInterval(load, 60_000);
    return () => clearInterval(timer);
  }, []);

  const latest = [status?.startup, status?.lastFull].filter((r) => r != null).sort((a, b) => a.checkedAt.localeCompare(b.checkedAt)).pop();
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
