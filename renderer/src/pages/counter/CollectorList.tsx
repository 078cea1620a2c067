import { Radio } from 'antd';
import type { MemberView } from '../../../../db/contract/index.js';
import { useCounterT } from '../../i18n/counter.js';
import { useI18n } from '../../i18n/index.js';

interface Props {
  members: MemberView[];
  /** The member collecting the goods (printed as 领取人), or null when nobody was named. */
  collectorId: number | null;
  onCollector: (memberId: number) => void;
}

/**
 * The household's members, one of them marked as collecting. A radio group, so the keeper
 * reaches it with Tab and changes it with ↑/↓, or taps a name.
 */
export function CollectorList({ members, collectorId, onCollector }: Props) {
  const { t } = useI18n();
  const ct = useCounterT();
  return (
    <section>
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', columnGap: 8, fontSize: 14, color: '#888', marginBottom: 6 }}>
        <span style={{ whiteSpace: 'nowrap', letterSpacing: 1 }}>
          {t('household.members')} · {ct('collector.title')}
        </span>
        <span style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{ct('collector.hint')}</span>
      </div>
      <Radio.Group
        value={collectorId}
        onChange={(e) => onCollector(e.target.value as number)}
        style={{ display: 'flex', flexDirection: 'column', gap: 2, width: '100%' }}
        data-testid="collector-list"
        // Its own name: radios sharing a name are one group for the browser (one Tab stop).
        name="counter-collector"
        aria-label={ct('collector.title')}
      >
        {members.map((m) => (
          <Radio key={m.id} value={m.id} data-testid="collector-option" style={{ fontSize: 15, marginInlineEnd: 0, width: '100%' }}>
            <span style={{ display: 'inline-flex', gap: 6, alignItems: 'baseline', flexWrap: 'wrap' }}>
              <span style={{ fontWeight: m.id === collectorId ? 700 : 400 }}>{m.name}</span>
              <span style={{ color: '#888' }}>{m.relation}</span>
              <span style={{ fontFamily: 'monospace', color: m.idMasked ? '#555' : '#bbb', fontSize: 13 }}>{m.idMasked ?? t('household.noId')}</span>
            </span>
          </Radio>
        ))}
      </Radio.Group>
    </section>
  );
}
