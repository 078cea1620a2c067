import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import type { ClearingSoon } from '../../../../db/contract/index.js';
import { call } from '../../api/client.js';
import { usePointsT } from '../../i18n/points.js';
import { formatPoints } from '../../lib/format.js';

/**
 * The counter's warning (issue 19): this household's points in a passbook clear within 30
 * days, so the keeper can tell the villager to spend them first. Asks again whenever the
 * balances change (after a sale), so the figure is what would clear now.
 */
export function ClearingSoonNote({ householdId, balances }: { householdId: number; balances: string }) {
  const t = usePointsT();
  const [soon, setSoon] = useState<ClearingSoon[]>([]);
  useEffect(() => {
    let live = true;
    void call('clearing.soon', { householdId }).then((r) => {
      if (live) setSoon(r.ok ? r.value : []);
    });
    return () => {
      live = false;
    };
  }, [householdId, balances]);
  if (soon.length === 0) return null;
  return (
    <div data-testid="clearing-soon" style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      {soon.map((s) => (
        <Alert
          key={s.passbookId}
          type="warning"
          showIcon
          title={t('clearing.soon', { passbook: s.passbookName, points: formatPoints(s.points), date: s.clearDate, days: s.daysLeft })}
        />
      ))}
    </div>
  );
}
