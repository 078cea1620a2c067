import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ClearedList, ClearingPreview, PassbookView, PointsSettings, StarTier } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { usePointsT } from '../../i18n/points.js';
import type { PageProps } from '../PageProps.js';
import { ErrorLine, PageFrame } from './ui.js';
import { ClearedListDoc, ClearingNoticeDoc } from './ClearingDocs.js';
import { PaperDialog } from './docs.js';
import { formatPoints } from '../../lib/format.js';
import { DateInput } from '../../components/DateInput.js';

/** The village's choices: notice period, star tiers, passbooks and their yearly clearing. */
export function PointsSettingsPage({ active }: PageProps) {
  const t = usePointsT();
  const { message } = App.useApp();
  const [s, setS] = useState<PointsSettings | null>(null);
  const [passbooks, setPassbooks] = useState<PassbookView[]>([]);
  const [editing, setEditing] = useState<{ id?: number; code: string; name: string; spendable: boolean; clearOn: string } | null>(null);
  const [clearFor, setClearFor] = useState<number | undefined>(undefined);
  const [clearDate, setClearDate] = useState('');
  const [preview, setPreview] = useState<ClearingPreview | null>(null);
  const [paper, setPaper] = useState<{ notice: ClearingPreview } | { list: ClearedList } | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);

  const load = useCallback(async () => {
    const [a, b] = await Promise.all([call('points.settings', {}), call('passbooks.list', {})]);
    if (a.ok) setS(a.value);
    else setError(a.error);
    if (b.ok) setPassbooks(b.value);
  }, []);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const saveSettings = async () => {
    if (!s) return;
    const r = await call('points.saveSettings', s);
    if (!r.ok) return setError(r.error);
    setError(null);
    setS(r.value);
    void message.success(t('common.saved'));
  };

  const savePassbook = async () => {
    if (!editing) return;
    const r = await call('passbooks.save', { ...editing, code: editing.code.trim(), name: editing.name.trim(), clearOn: editing.clearOn.trim() || null });
    if (!r.ok) return setError(r.error);
    setEditing(null);
    setError(null);
    void load();
  };

  const previewClearing = async () => {
    if (clearFor === undefined) return;
    const r = await call('clearing.preview', { passbookId: clearFor, clearDate: clearDate || undefined });
    if (!r.ok) return setError(r.error);
    setError(null);
    setPreview(r.value);
    setClearDate(r.value.clearDate);
  };

  const runClearing = async () => {
    if (!preview) return;
    const r = await call('clearing.run', { passbookId: preview.passbookId, clearDate: preview.clearDate });
    if (!r.ok) return setError(r.error);
    void message.success(r.value.ranNow ? t('clearing.done', { households: r.value.households, points: formatPoints(r.value.points) }) : t('clearing.already'));
    void previewClearing();
    void openList(preview.passbookId, preview.clearDate);
  };

  /** The list posted after a clearing: what each household lost and what remains. */
  const openList = async (passbookId: number, date: string) => {
    const r = await call('clearing.list', { passbookId, clearDate: date });
    if (!r.ok) return setError(r.error);
    setPaper({ list: r.value });
  };

  const openNotice = () => preview && setPaper({ notice: preview });

  const setTier = (i: number, patch: Partial<StarTier>) => s && setS({ ...s, tiers: s.tiers.map((x, k) => (k === i ? { ...x, ...patch } : x)) });

  return (
    <PageFrame title={t('psettings.title')} testId="points-settings-page">
      <ErrorLine error={error} />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(460px, 1fr))', gap: 16 }}>
        <Card
          title={t('psettings.procedure')}
          extra={
            <Button type="primary" onClick={() => void saveSettings()}>
              {t('common.save')}
            </Button>
          }
        >
          {s && (
            <Form layout="vertical">
              <Form.Item htmlFor="psettings-notice-days" label={t('notice.days')}>
                <InputNumber
                  id="psettings-notice-days"
                  min={1}
                  max={60}
                  precision={0}
                  value={s.noticeDays}
                  onChange={(v) => setS({ ...s, noticeDays: v ?? 7 })}
                />
              </Form.Item>
              <Checkbox checked={s.hideDeductionNames} onChange={(e) => setS({ ...s, hideDeductionNames: e.target.checked })}>
                {t('notice.hideNames')}
              </Checkbox>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('psettings.tiers')}
              </Typography.Title>
              <Table
                size="small"
                rowKey="stars"
                pagination={false}
                dataSource={s.tiers}
                columns={[
                  { key: 's', title: t('psettings.stars'), render: (_, x) => '★'.repeat(x.stars) },
                  {
                    key: 'n',
                    title: t('psettings.tierName'),
                    render: (_, x, i) => (
                      <Input
                        aria-label={`${'★'.repeat(x.stars)} ${t('psettings.tierName')}`}
                        value={x.name}
                        maxLength={20}
                        onChange={(e) => setTier(i, { name: e.target.value })}
                      />
                    ),
                  },
                  {
                    key: 'm',
                    title: t('psettings.minHonour'),
                    render: (_, x, i) => (
                      <InputNumber
                        aria-label={`${'★'.repeat(x.stars)} ${t('psettings.minHonour')}`}
                        min={1}
                        precision={0}
                        value={x.minHonour}
                        onChange={(v) => setTier(i, { minHonour: v ?? 1 })}
                      />
                    ),
                  },
                ]}
              />
              <Typography.Text type="secondary">{t('psettings.tiersHelp')}</Typography.Text>
            </Form>
          )}
        </Card>
        <Card
          title={t('psettings.passbooks')}
          extra={
            <Button icon={<PlusOutlined />} onClick={() => setEditing({ code: '', name: '', spendable: true, clearOn: '' })}>
              {t('psettings.addPassbook')}
            </Button>
          }
        >
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={passbooks}
            onRow={(p) => ({
              onClick: () => setEditing({ id: p.id, code: p.code, name: p.name, spendable: p.spendable, clearOn: p.clearOn ?? '' }),
              style: { cursor: 'pointer' },
            })}
            columns={[
              {
                key: 'name',
                title: t('psettings.passbookName'),
                render: (_, p) => (
                  <>
                    {p.name} {p.isDefault && <Tag color="blue">{t('psettings.default')}</Tag>}
                  </>
                ),
              },
              { key: 'sp', title: t('psettings.spendable'), render: (_, p) => (p.spendable ? t('common.yes') : t('common.no')) },
              { key: 'cl', title: t('psettings.clearOn'), render: (_, p) => p.clearOn ?? '—' },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('clearing.title')}
          </Typography.Title>
          <Space wrap>
            <Select
              aria-label={t('clearing.pick')}
              placeholder={t('clearing.pick')}
              value={clearFor}
              onChange={(v: number) => {
                setClearFor(v);
                setPreview(null);
                setClearDate('');
              }}
              options={passbooks.filter((p) => p.clearOn).map((p) => ({ value: p.id, label: p.name }))}
            />
            <DateInput value={clearDate} onChange={(e) => setClearDate(e.target.value)} aria-label={t('clearing.date')} />
            <Button onClick={() => void previewClearing()} disabled={clearFor === undefined}>
              {t('clearing.preview')}
            </Button>
          </Space>
          {preview && (
            <div style={{ marginTop: 12 }}>
              <Typography.Paragraph>
                {preview.alreadyRun
                  ? t('clearing.alreadyRun', { date: preview.clearDate })
                  : t('clearing.summary', { date: preview.clearDate, households: preview.households.length, points: formatPoints(preview.totalPoints) })}
              </Typography.Paragraph>
              {preview.alreadyRun && (
                <Button onClick={() => void openList(preview.passbookId, preview.clearDate)} data-testid="clearing-list-open">
                  {t('clearing.printList')}
                </Button>
              )}
              {!preview.alreadyRun && (
                <>
                  <Table
                    size="small"
                    rowKey="householdId"
                    dataSource={preview.households}
                    pagination={{ pageSize: 10 }}
                    columns={[
                      { key: 'n', title: t('households.number'), dataIndex: 'number' },
                      { key: 'h', title: t('households.head'), dataIndex: 'headName' },
                      { key: 'g', title: t('households.group'), dataIndex: 'groupName' },
                      { key: 'now', title: t('clearing.balanceNow'), align: 'right', render: (_, h) => formatPoints(h.balanceNow) },
                      { key: 'b', title: t('clearing.loses'), align: 'right', render: (_, h) => formatPoints(h.toClear) },
                      { key: 'r', title: t('clearing.remains'), align: 'right', render: (_, h) => formatPoints(h.remains) },
                    ]}
                    data-testid="clearing-preview-table"
                  />
                  <Button onClick={openNotice} disabled={preview.households.length === 0} style={{ marginRight: 8 }} data-testid="clearing-notice-open">
                    {t('clearing.printNotice')}
                  </Button>
                  <Popconfirm
                    title={t('clearing.confirm', { points: formatPoints(preview.totalPoints) })}
                    onConfirm={() => void runClearing()}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                  >
                    <Button danger disabled={preview.households.length === 0}>
                      {t('clearing.run')}
                    </Button>
                  </Popconfirm>
                </>
              )}
            </div>
          )}
        </Card>
      </div>
      {paper && (
        <PaperDialog title={'notice' in paper ? t('clearing.printNotice') : t('clearing.printList')} onClose={() => setPaper(null)}>
          {'notice' in paper ? <ClearingNoticeDoc preview={paper.notice} /> : <ClearedListDoc list={paper.list} />}
        </PaperDialog>
      )}
      {editing && (
        <Modal
          open
          title={editing.id ? t('psettings.editPassbook') : t('psettings.addPassbook')}
          okText={t('common.save')}
          cancelText={t('common.cancel')}
          onCancel={() => setEditing(null)}
          onOk={() => void savePassbook()}
        >
          <Form layout="vertical">
            <Form.Item htmlFor="passbook-name-input" label={t('psettings.passbookName')} required>
              <Input
                id="passbook-name-input"
                value={editing.name}
                maxLength={20}
                onChange={(e) => setEditing({ ...editing, name: e.target.value })}
                placeholder={t('psettings.namePlaceholder')}
              />
            </Form.Item>
            <Form.Item htmlFor="passbook-code-input" label={t('psettings.code')} required help={t('psettings.codeHelp')}>
              <Input id="passbook-code-input" value={editing.code} maxLength={20} onChange={(e) => setEditing({ ...editing, code: e.target.value })} />
            </Form.Item>
            <Form.Item htmlFor="passbook-clear-on-input" label={t('psettings.clearOn')} help={t('psettings.clearOnHelp')}>
              <Input
                id="passbook-clear-on-input"
                value={editing.clearOn}
                maxLength={5}
                placeholder="12-31"
                onChange={(e) => setEditing({ ...editing, clearOn: e.target.value })}
              />
            </Form.Item>
            <Checkbox checked={editing.spendable} onChange={(e) => setEditing({ ...editing, spendable: e.target.checked })}>
              {t('psettings.spendableLabel')}
            </Checkbox>
          </Form>
        </Modal>
      )}
    </PageFrame>
  );
}
