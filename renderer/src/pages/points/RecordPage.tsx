import { SendOutlined } from '@ant-design/icons';
import { signedPoints } from '../../../../db/contract/day-lines.js';
import { Alert, App, Button, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { GroupView, HouseholdRow, RuleBookView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { usePointsT } from '../../i18n/points.js';
import { newRequestId } from '../../lib/requestId.js';
import { useSession } from '../../session/SessionContext.js';
import type { PageProps } from '../PageProps.js';
import { ErrorLine, PageFrame, PointsTag, todayIn } from './ui.js';
import { formatPoints } from '../../lib/format.js';
import { DateInput } from '../../components/DateInput.js';

/**
 * 积分登记 — the monthly evaluation sheet: pick the day and the rule (from the version in
 * force that day), tick the households, adjust points where the rule allows a range, note
 * the evidence, and send it for review. All lines are recorded together or not at all.
 */
export function RecordPage({ active }: PageProps) {
  const t = usePointsT();
  const { message } = App.useApp();
  const { settings } = useSession();
  const [date, setDate] = useState(() => todayIn(settings.timeZone));
  const [book, setBook] = useState<RuleBookView | null>(null);
  const [itemId, setItemId] = useState<number | undefined>(undefined);
  const [evidence, setEvidence] = useState('');
  const [groups, setGroups] = useState<GroupView[]>([]);
  const [groupId, setGroupId] = useState<number | undefined>(undefined);
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<HouseholdRow[]>([]);
  const [selected, setSelected] = useState<number[]>([]);
  const [points, setPoints] = useState<Record<number, number>>({});
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  // One request id per sheet: a double click or a retry records it once.
  const [requestId, setRequestId] = useState(newRequestId);

  useEffect(() => {
    if (!active || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    // An answer for a date or visit that has since changed is dropped, and the rule the
    // keeper picked meanwhile is judged by the current pick, not by the one captured when
    // the call started: before, a slow answer to a tab's earlier call reset a fresh pick.
    let current = true;
    void call('rules.inForce', { date }).then((r) => {
      if (!current) return;
      if (!r.ok) return setError(r.error);
      const book = r.value;
      setBook(book);
      setItemId((picked) => (book && book.items.some((i) => i.id === picked) ? picked : undefined));
    });
    return () => {
      current = false;
    };
  }, [active, date]);

  const loadHouseholds = useCallback(async () => {
    const [list, gs] = await Promise.all([
      call('households.list', { status: 'active', groupId, query: query.trim() || undefined, limit: 500 }),
      call('households.groups', {}),
    ]);
    if (list.ok) setRows(list.value.rows);
    else setError(list.error);
    if (gs.ok) setGroups(gs.value);
  }, [groupId, query]);

  useEffect(() => {
    if (active) void loadHouseholds();
  }, [active, loadHouseholds]);

  const item = book?.items.find((i) => i.id === itemId);
  const isRange = item ? item.minPoints !== item.maxPoints : false;
  const valueFor = (id: number) => points[id] ?? item?.minPoints ?? 0;
  const total = selected.reduce((s, id) => s + valueFor(id), 0);

  const submit = async () => {
    if (!item) return;
    setBusy(true);
    const r = await call('points.record', {
      requestId,
      ruleItemId: item.id,
      eventDate: date,
      evidence: evidence.trim(),
      lines: selected.map((householdId) => ({ householdId, points: isRange ? valueFor(householdId) : null })),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    void message.success(t('record.done', { n: r.value.entries.length }));
    setSelected([]);
    setPoints({});
    setEvidence('');
    setRequestId(newRequestId());
  };

  return (
    <PageFrame title={t('record.title')} testId="record-page">
      <Form layout="vertical">
        <Space wrap align="start">
          <Form.Item htmlFor="record-date-input" label={t('record.date')} required>
            <DateInput
              id="record-date-input"
              value={date}
              max={todayIn(settings.timeZone)}
              onChange={(e) => setDate(e.target.value)}
              data-testid="record-date"
            />
          </Form.Item>
          <Form.Item
            htmlFor="record-rule-input"
            label={t('record.rule')}
            required
            help={book ? t('record.bookInForce', { version: book.version, title: book.title }) : t('record.noBook')}
          >
            <Select
              id="record-rule-input"
              showSearch
              optionFilterProp="label"
              style={{ width: 440 }}
              value={itemId}
              onChange={(v: number) => {
                setItemId(v);
                setPoints({});
              }}
              placeholder={t('record.rulePlaceholder')}
              data-testid="record-rule"
              options={[...new Set(book?.items.map((i) => i.category) ?? [])].map((c) => ({
                label: c,
                title: c,
                options: (book?.items ?? [])
                  .filter((i) => i.category === c)
                  .map((i) => ({
                    value: i.id,
                    label: `【${i.code}】${i.title} ${i.direction === 'award' ? '+' : '−'}${i.minPoints === i.maxPoints ? formatPoints(i.minPoints) : `${formatPoints(i.minPoints)}~${formatPoints(i.maxPoints)}`}`,
                  })),
              }))}
            />
          </Form.Item>
          <Form.Item htmlFor="record-evidence-input" label={t('record.evidence')} required help={t('record.evidenceHelp')}>
            <Input
              id="record-evidence-input"
              value={evidence}
              maxLength={200}
              onChange={(e) => setEvidence(e.target.value)}
              style={{ width: 320 }}
              data-testid="record-evidence"
            />
          </Form.Item>
        </Space>
      </Form>
      {item && (
        <Alert
          style={{ marginBottom: 12 }}
          type={item.direction === 'award' ? 'info' : 'warning'}
          showIcon
          title={
            <span>
              <PointsTag direction={item.direction} points={isRange ? `${formatPoints(item.minPoints)}~${formatPoints(item.maxPoints)}` : item.minPoints} />{' '}
              {item.title}
              {item.capPeriod && `（${t(item.capPeriod === 'month' ? 'rules.capMonth' : 'rules.capYear', { n: item.capPoints ?? 0 })}）`}
            </span>
          }
          description={item.description || undefined}
        />
      )}
      <ErrorLine error={error} />
      <div style={{ display: 'flex', gap: 8, marginBottom: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <Select
          allowClear
          placeholder={t('households.allGroups')}
          aria-label={t('households.allGroups')}
          style={{ width: 150 }}
          value={groupId}
          onChange={setGroupId}
          options={groups.map((g) => ({ value: g.id, label: g.name }))}
          data-testid="record-group"
        />
        <Input.Search
          allowClear
          placeholder={t('households.searchPlaceholder')}
          aria-label={t('households.searchPlaceholder')}
          style={{ width: 280 }}
          onSearch={setQuery}
        />
        <Typography.Text type="secondary">
          {t('record.selected', { n: selected.length, total: signedPoints(item?.direction === 'deduction' ? -total : total) })}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <Button
          type="primary"
          size="large"
          icon={<SendOutlined />}
          disabled={!item || selected.length === 0 || evidence.trim().length < 2}
          loading={busy}
          onClick={() => void submit()}
          data-testid="record-submit"
        >
          {t('record.submit', { n: selected.length })}
        </Button>
      </div>
      <Table
        size="small"
        rowKey="id"
        data-testid="record-households"
        dataSource={rows}
        pagination={{ pageSize: 100, hideOnSinglePage: true }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as number[]),
          preserveSelectedRowKeys: true,
          getCheckboxProps: (r) => ({ 'aria-label': t('record.pick', { household: `${r.number} ${r.headName}` }) }),
        }}
        columns={[
          { key: 'number', title: t('households.number'), dataIndex: 'number', width: 100 },
          { key: 'head', title: t('households.head'), dataIndex: 'headName' },
          { key: 'group', title: t('households.group'), dataIndex: 'groupName', width: 100 },
          { key: 'balance', title: t('households.balance'), dataIndex: 'balance', align: 'right', width: 90, render: (v: number) => formatPoints(v) },
          {
            key: 'pts',
            title: t('rules.points'),
            width: 140,
            render: (_, r) =>
              item && isRange && selected.includes(r.id) ? (
                <InputNumber
                  size="small"
                  aria-label={`${r.number} ${r.headName} ${t('rules.points')}`}
                  min={item.minPoints}
                  max={item.maxPoints}
                  precision={0}
                  value={valueFor(r.id)}
                  onChange={(v) => setPoints({ ...points, [r.id]: v ?? item.minPoints })}
                  onClick={(e) => e.stopPropagation()}
                />
              ) : item && selected.includes(r.id) ? (
                <PointsTag direction={item.direction} points={item.minPoints} />
              ) : null,
          },
        ]}
      />
    </PageFrame>
  );
}
