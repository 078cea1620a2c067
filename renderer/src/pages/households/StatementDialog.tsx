import { Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { HouseholdStatement } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { usePointsT } from '../../i18n/points.js';
import { PaperDialog, StatementDoc } from '../points/docs.js';
import { ErrorLine } from '../points/ui.js';

/** 积分明细单: every line with its rule, date, operator and running balance, ready to print. */
export function StatementDialog({ householdId, onClose }: { householdId: number; onClose: () => void }) {
  const t = usePointsT();
  const [st, setSt] = useState<HouseholdStatement | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  useEffect(() => {
    void call('households.statement', { householdId }).then((r) => (r.ok ? setSt(r.value) : setError(r.error)));
  }, [householdId]);
  return (
    <PaperDialog title={t('statement.title')} onClose={onClose}>
      <ErrorLine error={error} />
      {st ? <StatementDoc st={st} /> : !error && <Spin />}
    </PaperDialog>
  );
}
