import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import type { GroupView } from '../../../../db/contract/index.js';
import type { CardCodeView } from '../../../../db/contract/ops/printing.js';
import { call } from '../../api/client.js';
import { CardSheet, CARDS_PER_PAGE, useCardSheetPrint } from '../../components/printing/CardSheet.js';
import { useI18n } from '../../i18n/index.js';
import { usePrintT } from '../../i18n/printing.js';
import { useSession } from '../../session/SessionContext.js';

/**
 * 设置 → 户卡打印, for the administrator: an A4 sheet of household cards for one village group
 * or the whole village, printed on an ordinary printer and cut out. Printing cards again is
 * not issuing new ones; the page says so, because a lost card is revoked elsewhere.
 */
export function CardSheetTab({ active }: { active: boolean }) {
  const pt = usePrintT();
  const { errorText } = useI18n();
  const { settings } = useSession();
  const { print, printArea } = useCardSheetPrint();
  const [groups, setGroups] = useState<GroupView[] | null>(null);
  const [group, setGroup] = useState('');
  const [cards, setCards] = useState<CardCodeView[] | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!active || groups) return;
    void call('households.groups', {}).then((r) => (r.ok ? setGroups(r.value) : setError(r.error)));
  }, [active, groups]);

  const load = async () => {
    setLoading(true);
    const r = await call('card.codes', group ? { groupName: group } : {});
    setLoading(false);
    if (r.ok) {
      setCards(r.value);
      setError(null);
    } else setError(r.error);
  };

  const sheet = cards && <CardSheet cards={cards} village={settings.villageName} store={settings.storeName} pt={pt} />;
  return (
    <div data-testid="card-sheet-tab">
      <Card title={pt('cards.title')}>
        <Alert type="warning" showIcon title={pt('cards.warnTitle')} description={pt('cards.warn')} style={{ marginBottom: 16 }} />
        <Space wrap align="center">
          <label htmlFor="cards-group-input">{pt('cards.group')}</label>
          <Select
            id="cards-group-input"
            data-testid="cards-group"
            value={group}
            onChange={(v) => {
              setGroup(v);
              setCards(null);
            }}
            style={{ minWidth: 220 }}
            loading={groups === null}
            options={[{ value: '', label: pt('cards.allGroups') }, ...(groups ?? []).map((g) => ({ value: g.name, label: `${g.name}（${g.households}）` }))]}
          />
          <Button type="primary" loading={loading} onClick={() => void load()} data-testid="cards-load">
            {pt('cards.load')}
          </Button>
          {cards && cards.length > 0 && (
            <Button icon={<PrinterOutlined />} onClick={() => print(sheet)} data-testid="cards-print">
              {pt('cards.print')}
            </Button>
          )}
          {cards && (
            <Typography.Text type="secondary" data-testid="cards-count">
              {pt('cards.count', { n: cards.length, pages: Math.ceil(cards.length / CARDS_PER_PAGE) })}
            </Typography.Text>
          )}
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {pt('cards.limit')}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={errorText(error)} style={{ marginTop: 12 }} />}
      </Card>
      {loading && <Spin style={{ display: 'block', margin: 32 }} />}
      {cards && cards.length === 0 && <Alert type="info" showIcon title={pt('cards.empty')} style={{ marginTop: 16 }} />}
      {cards && cards.length > 0 && <div style={{ background: '#e8e8e8', padding: '16px 0', marginTop: 16, overflowX: 'auto' }}>{sheet}</div>}
      {printArea}
    </div>
  );
}
