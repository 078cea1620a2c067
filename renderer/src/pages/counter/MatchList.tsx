import { Button, Typography } from 'antd';
import type { HouseholdSummary } from '../../../../db/contract/index.js';
import { useI18n } from '../../i18n/index.js';

/** Several households matched a name or initials: big rows to tap, head first. */
export function MatchList({ matches, onPick }: { matches: HouseholdSummary[]; onPick: (householdId: number) => void }) {
  const { t } = useI18n();
  return (
    <div data-testid="match-list">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('scan.matches', { count: matches.length })}
      </Typography.Title>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        {matches.map((m) => (
          <Button
            key={m.id}
            onClick={() => onPick(m.id)}
            style={{ height: 'auto', padding: '10px 14px', justifyContent: 'flex-start', textAlign: 'left' }}
            data-testid="match-item"
          >
            <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start' }}>
              <span style={{ fontSize: 19, fontWeight: 600 }}>
                {m.headName}
                {m.matchedMember && <span style={{ fontWeight: 400, color: '#888', marginLeft: 8 }}>（{m.matchedMember}）</span>}
              </span>
              <span style={{ color: '#666' }}>
                {m.number} · {m.groupName}
              </span>
            </div>
          </Button>
        ))}
      </div>
    </div>
  );
}
