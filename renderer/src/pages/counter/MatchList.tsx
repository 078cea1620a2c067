import { Button, Typography } from 'antd';
import type { HouseholdSummary } from '../../../../db/contract/index.js';
import { useCounterT } from '../../i18n/counter.js';
import { useI18n } from '../../i18n/index.js';

interface Props {
  matches: HouseholdSummary[];
  /** The row ↑/↓ has reached; Enter in the empty scan box opens it. */
  activeIndex: number;
  onPick: (index: number) => void;
}

/**
 * Several households matched a name or initials: big rows to tap, head first, each with
 * the digit that picks it from the keyboard (1–9 then Enter), and one highlighted for ↑/↓.
 */
export function MatchList({ matches, activeIndex, onPick }: Props) {
  const { t } = useI18n();
  const ct = useCounterT();
  return (
    <div data-testid="match-list">
      <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }}>
        {t('scan.matches', { count: matches.length })}
      </Typography.Title>
      <div style={{ color: '#888', marginBottom: 8 }}>{ct('match.pickHint', { max: Math.min(9, matches.length) })}</div>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        {matches.map((m, i) => {
          const active = i === activeIndex;
          return (
            <Button
              key={m.id}
              onClick={() => onPick(i)}
              type={active ? 'primary' : 'default'}
              ghost={active}
              aria-current={active ? 'true' : undefined}
              style={{ height: 'auto', padding: '10px 14px', justifyContent: 'flex-start', textAlign: 'left', borderWidth: active ? 2 : 1 }}
              data-testid="match-item"
              data-active={active ? 'true' : undefined}
              ref={(el) => {
                if (active) el?.scrollIntoView({ block: 'nearest' });
              }}
            >
              <span style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
                {i < 9 && (
                  <span data-testid="match-digit" style={{ fontSize: 22, fontWeight: 700, minWidth: 18, color: active ? undefined : '#999' }}>
                    {i + 1}
                  </span>
                )}
                <span style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start' }}>
                  <span style={{ fontSize: 19, fontWeight: 600 }}>
                    {m.headName}
                    {m.matchedMember && <span style={{ fontWeight: 400, color: '#888', marginLeft: 8 }}>（{m.matchedMember}）</span>}
                  </span>
                  <span style={{ color: '#666' }}>
                    {m.number} · {m.groupName}
                  </span>
                </span>
              </span>
            </Button>
          );
        })}
      </div>
    </div>
  );
}
