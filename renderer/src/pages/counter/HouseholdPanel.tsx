import { Button, Empty, Radio, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { AccountView, HouseholdView, LedgerEntryView } from '../../../../db/contract/index.js';
import { formatDateTime, formatPoints, formatSignedPoints } from '../../lib/format.js';
import { useI18n } from '../../i18n/index.js';
import { useSession } from '../../session/SessionContext.js';
import { CollectorList } from './CollectorList.js';
import { ClearingSoonNote } from '../../components/points/ClearingSoonNote.js';

interface Props {
  household: HouseholdView | null;
  passbookId: number | null;
  onPassbook: (passbookId: number) => void;
  onClear: () => void;
  collectorId: number | null;
  onCollector: (memberId: number) => void;
}

/** Who is being served: head, group, number, balances to spend from, members, recent entries. */
export function HouseholdPanel({ household, passbookId, onPassbook, onClear, collectorId, onCollector }: Props) {
  const { t } = useI18n();
  if (!household) {
    return <Empty style={{ marginTop: 48 }} description={<span style={{ fontSize: 16 }}>{t('household.none')}</span>} />;
  }
  const spendable = household.accounts.filter((a) => a.spendable);
  return (
    <div data-testid="household-panel" style={{ display: 'flex', flexDirection: 'column', gap: 14 }}>
      <div style={{ display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: 8 }}>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="household-head" className="household-head-name">
            {household.headName}
            <span style={{ fontSize: 16, fontWeight: 400, color: '#666', marginLeft: 8 }}>{t('household.head')}</span>
          </Typography.Title>
          <div style={{ fontSize: 16, color: '#555', marginTop: 4 }}>
            {/* Number and group each kept whole: a narrow column breaks between them, never inside. */}
            <span style={{ whiteSpace: 'nowrap' }}>
              {t('household.number')} <b data-testid="household-number">{household.number}</b>
            </span>{' '}
            <span style={{ whiteSpace: 'nowrap' }}>· {household.groupName}</span>
            {household.status === 'moved' && (
              <Tag color="default" style={{ marginLeft: 8 }}>
                {t('household.moved')}
              </Tag>
            )}
          </div>
          {household.matchedMember && (
            <div data-testid="matched-member" style={{ color: '#ad4e00', fontSize: 16, fontWeight: 600, marginTop: 2 }}>
              {t('household.matchedMember', { name: household.matchedMember })}
            </div>
          )}
        </div>
        <Button onClick={onClear}>{t('household.clear')}</Button>
      </div>

      <ClearingSoonNote householdId={household.id} balances={household.accounts.map((a) => a.balance).join()} />
      <section>
        <SectionTitle>{t('household.passbooks')}</SectionTitle>
        <Radio.Group value={passbookId} onChange={(e) => onPassbook(e.target.value as number)} style={{ width: '100%' }}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {household.accounts.map((a) => (
              <PassbookRow key={a.passbookId} account={a} selectable={spendable.length > 1} selected={a.passbookId === passbookId} />
            ))}
          </div>
        </Radio.Group>
      </section>

      <CollectorList members={household.members} collectorId={collectorId} onCollector={onCollector} />

      {household.recentEntries.length > 0 && (
        <section>
          <SectionTitle>{t('household.recent')}</SectionTitle>
          <RecentEntries entries={household.recentEntries.slice(0, 6)} />
        </section>
      )}
    </div>
  );
}

function SectionTitle({ children }: { children: ReactNode }) {
  return <div style={{ fontSize: 14, color: '#888', marginBottom: 6, letterSpacing: 1 }}>{children}</div>;
}

/** One passbook. A radio only appears when there is a real choice of where to spend. */
function PassbookRow({ account, selectable, selected }: { account: AccountView; selectable: boolean; selected: boolean }) {
  const { t } = useI18n();
  const body = (
    <div style={{ display: 'flex', alignItems: 'baseline', gap: 10, width: '100%' }}>
      <span style={{ fontSize: 16 }}>{account.passbookName}</span>
      {!account.spendable && <Tag>{t('household.notSpendable')}</Tag>}
      <span
        data-testid={selected ? 'passbook-balance' : undefined}
        style={{ marginLeft: 'auto', fontSize: 28, fontWeight: 700, color: account.spendable ? '#c0392b' : '#999' }}
      >
        {formatPoints(account.balance)}
      </span>
      <span style={{ color: '#888' }}>{t('points.unit')}</span>
    </div>
  );
  const box = {
    padding: '8px 12px',
    borderRadius: 8,
    border: `2px solid ${selected ? '#c0392b' : '#eee'}`,
    background: selected ? '#fff7f5' : '#fafafa',
  } as const;
  if (selectable && account.spendable) {
    return (
      <Radio value={account.passbookId} style={{ ...box, width: '100%', alignItems: 'center' }}>
        {body}
      </Radio>
    );
  }
  return <div style={box}>{body}</div>;
}

function RecentEntries({ entries }: { entries: LedgerEntryView[] }) {
  const { t, lang } = useI18n();
  const { settings } = useSession();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 2, fontSize: 14 }}>
      {entries.map((e) => (
        <div key={e.id} style={{ display: 'grid', gridTemplateColumns: '92px 1fr auto', gap: 6, color: '#555' }}>
          <span>{formatDateTime(e.createdAt, settings.timeZone, lang).slice(0, 10)}</span>
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {t(`ledger.${e.kind}`)}
            {e.note ? ` · ${e.note}` : ''}
          </span>
          <span style={{ fontWeight: 600, color: e.amount < 0 ? '#c0392b' : '#2e7d32' }}>{formatSignedPoints(e.amount)}</span>
        </div>
      ))}
    </div>
  );
}
