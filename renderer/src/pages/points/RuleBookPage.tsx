import { CheckCircleOutlined, EditOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RuleBookSummary, RuleBookView, RuleItemView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { usePointsT } from '../../i18n/points.js';
import { useSession } from '../../session/SessionContext.js';
import type { PageProps } from '../PageProps.js';
import { AdoptDialog } from './AdoptDialog.js';
import { PaperDialog, RuleBookDoc } from './docs.js';
import { RuleItemDialog } from './RuleItemDialog.js';
import { ErrorLine, PageFrame, PointsTag } from './ui.js';
import { formatPoints } from '../../lib/format.js';

/**
 * 积分细则: versions on the left; the chosen one on the right. An adopted version is read
 * only; changes are made in a new draft (a copy of the current one) and adopted at a meeting.
 */
export function RuleBookPage({ active }: PageProps) {
  const t = usePointsT();
  const { message } = App.useApp();
  const { session, settings } = useSession();
  const isAdmin = session.operator.role === 'admin';
  const [books, setBooks] = useState<RuleBookSummary[]>([]);
  const [book, setBook] = useState<RuleBookView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [editing, setEditing] = useState<RuleItemView | 'new' | null>(null);
  const [adopting, setAdopting] = useState(false);
  const [printing, setPrinting] = useState(false);

  const open = useCallback(async (bookId: number) => {
    const r = await call('rules.book', { bookId });
    if (r.ok) setBook(r.value);
    else setError(r.error);
  }, []);

  const load = useCallback(
    async (select?: number) => {
      const r = await call('rules.books', {});
      if (!r.ok) return setError(r.error);
      setError(null);
      setBooks(r.value);
      const pick = select ?? r.value.find((b) => b.inForce)?.id ?? r.value[0]?.id;
      if (pick !== undefined) await open(pick);
    },
    [open],
  );

  // Reload when the page is shown, keeping the chosen version.
  const chosen = useRef<number | undefined>(undefined);
  chosen.current = book?.id;
  useEffect(() => {
    if (active) void load(chosen.current);
  }, [active, load]);

  const newDraft = async () => {
    const r = await call('rules.createDraft', { title: book?.title ?? t('rules.defaultTitle') });
    if (!r.ok) return setError(r.error);
    void message.success(t('rules.draftCreated', { version: r.value.version }));
    await load(r.value.id);
  };

  const remove = async (item: RuleItemView) => {
    const r = await call('rules.removeItem', { itemId: item.id });
    if (r.ok) setBook(r.value);
    else setError(r.error);
  };

  const draft = book?.status === 'draft';
  return (
    <PageFrame
      title={t('rules.title')}
      testId="rules-page"
      extra={
        <>
          {book && (
            <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)}>
              {t('rules.print')}
            </Button>
          )}
          {isAdmin && (
            <Button icon={<PlusOutlined />} onClick={() => void newDraft()} data-testid="rules-new-draft">
              {t('rules.newDraft')}
            </Button>
          )}
        </>
      }
    >
      <ErrorLine error={error} />
      <div style={{ display: 'grid', gridTemplateColumns: '260px minmax(0, 1fr)', gap: 16 }}>
        <Card size="small" title={t('rules.versions')}>
          <List
            dataSource={books}
            renderItem={(b) => (
              <List.Item
                onClick={() => void open(b.id)}
                style={{ cursor: 'pointer', background: b.id === book?.id ? '#e6f4ff' : undefined, padding: '8px 12px' }}
                data-testid="rules-version"
              >
                <div>
                  <b>{t('rules.version', { version: b.version })}</b>{' '}
                  {b.inForce ? (
                    <Tag color="green">{t('rules.inForce')}</Tag>
                  ) : b.status === 'draft' ? (
                    <Tag color="orange">{t('rules.draft')}</Tag>
                  ) : (
                    <Tag>{t('rules.adopted')}</Tag>
                  )}
                  <div style={{ color: '#666', fontSize: 13 }}>
                    {b.adoption ? t('rules.effectiveFrom', { date: b.adoption.effectiveFrom }) : t('rules.items', { n: b.itemCount })}
                  </div>
                </div>
              </List.Item>
            )}
          />
        </Card>
        {book && (
          <div>
            <Space align="baseline" wrap style={{ marginBottom: 8 }}>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {book.title}
              </Typography.Title>
              <Typography.Text type="secondary">{t('rules.version', { version: book.version })}</Typography.Text>
              {draft && isAdmin && (
                <>
                  <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="rules-add-item">
                    {t('rules.addItem')}
                  </Button>
                  <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setAdopting(true)} data-testid="rules-adopt-open">
                    {t('rules.adopt')}
                  </Button>
                </>
              )}
            </Space>
            {book.adoption ? (
              <Descriptions size="small" column={3} bordered style={{ marginBottom: 12 }}>
                <Descriptions.Item label={t('rules.meeting')}>
                  {book.adoption.meetingDate} {book.adoption.meetingBody}
                </Descriptions.Item>
                <Descriptions.Item label={t('rules.effective')}>
                  {book.adoption.effectiveFrom}
                  {book.supersededAfter && ` — ${book.supersededAfter}`}
                </Descriptions.Item>
                <Descriptions.Item label={t('rules.votes')}>
                  {book.adoption.votesFor !== null
                    ? t('rules.voteCounts', { for: book.adoption.votesFor, against: book.adoption.votesAgainst ?? 0, abstain: book.adoption.votesAbstain ?? 0 })
                    : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('rules.resolution')} span={3}>
                  {book.adoption.resolution}（{book.adoption.adoptedByName}）
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Typography.Paragraph type="warning">{t('rules.draftExplain')}</Typography.Paragraph>
            )}
            <Table
              size="middle"
              rowKey="id"
              pagination={false}
              dataSource={book.items}
              data-testid="rules-items"
              columns={[
                { key: 'code', title: t('rules.code'), dataIndex: 'code', width: 70 },
                { key: 'cat', title: t('rules.category'), dataIndex: 'category', width: 100 },
                {
                  key: 'title',
                  title: t('rules.item'),
                  render: (_, i) => (
                    <>
                      <b>{i.title}</b>
                      {i.description && <div style={{ color: '#666', fontSize: 13 }}>{i.description}</div>}
                    </>
                  ),
                },
                {
                  key: 'pts',
                  title: t('rules.points'),
                  width: 110,
                  render: (_, i) => (
                    <PointsTag
                      direction={i.direction}
                      points={i.minPoints === i.maxPoints ? i.minPoints : `${formatPoints(i.minPoints)}–${formatPoints(i.maxPoints)}`}
                    />
                  ),
                },
                {
                  key: 'cap',
                  title: t('rules.cap'),
                  width: 120,
                  render: (_, i) => (i.capPeriod ? t(i.capPeriod === 'month' ? 'rules.capMonth' : 'rules.capYear', { n: i.capPoints ?? 0 }) : '—'),
                },
                {
                  key: 'claim',
                  title: t('rules.selfClaim'),
                  width: 90,
                  render: (_, i) => (i.selfClaim ? <Tag color="blue">{t('rules.selfClaimYes')}</Tag> : ''),
                },
                { key: 'pb', title: t('rules.passbook'), dataIndex: 'passbookName', width: 110 },
                ...(draft && isAdmin
                  ? [
                      {
                        key: 'act',
                        title: '',
                        width: 150,
                        render: (_: unknown, i: RuleItemView) => (
                          <Space size={4}>
                            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(i)}>
                              {t('common.edit')}
                            </Button>
                            <Popconfirm
                              title={t('rules.removeConfirm')}
                              onConfirm={() => void remove(i)}
                              okText={t('common.confirm')}
                              cancelText={t('common.cancel')}
                            >
                              <Button size="small" danger>
                                {t('common.delete')}
                              </Button>
                            </Popconfirm>
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </div>
        )}
      </div>
      {editing && book && (
        <RuleItemDialog
          bookId={book.id}
          item={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void open(book.id);
          }}
        />
      )}
      {adopting && book && (
        <AdoptDialog
          book={book}
          onClose={() => setAdopting(false)}
          onAdopted={(b) => {
            setAdopting(false);
            void message.success(t('rules.adoptedMsg', { version: b.version }));
            void load(b.id);
          }}
        />
      )}
      {printing && book && (
        <PaperDialog title={t('rules.print')} onClose={() => setPrinting(false)}>
          <RuleBookDoc book={book} villageName={settings.villageName} />
        </PaperDialog>
      )}
    </PageFrame>
  );
}
