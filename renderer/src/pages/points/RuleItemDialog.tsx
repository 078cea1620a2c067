import { Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { CapPeriod, Direction, PassbookView, RuleItemView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { usePointsT } from '../../i18n/points.js';
import { DialogError } from '../../components/dialog/useDialogSubmit.js';

/** One item of a draft rule book: award or deduction, a fixed value or a range, an optional cap. */
export function RuleItemDialog({ bookId, item, onClose, onSaved }: { bookId: number; item: RuleItemView | null; onClose: () => void; onSaved: () => void }) {
  const t = usePointsT();
  const [passbooks, setPassbooks] = useState<PassbookView[]>([]);
  const [f, setF] = useState({
    code: item?.code ?? '',
    category: item?.category ?? '',
    title: item?.title ?? '',
    description: item?.description ?? '',
    direction: (item?.direction ?? 'award') as Direction,
    fixed: item ? item.minPoints === item.maxPoints : true,
    minPoints: item?.minPoints ?? 5,
    maxPoints: item?.maxPoints ?? 5,
    capPeriod: (item?.capPeriod ?? null) as CapPeriod | null,
    capPoints: item?.capPoints ?? null,
    selfClaim: item?.selfClaim ?? false,
    passbookId: item?.passbookId ?? null,
  });
  const [error, setError] = useState<ErrorBody | null>(null);

  useEffect(() => {
    void call('passbooks.list', {}).then((r) => r.ok && setPassbooks(r.value));
  }, []);

  const save = async () => {
    const r = await call('rules.saveItem', {
      bookId,
      itemId: item?.id,
      code: f.code.trim(),
      category: f.category.trim(),
      title: f.title.trim(),
      description: f.description.trim(),
      direction: f.direction,
      minPoints: f.minPoints,
      maxPoints: f.fixed ? f.minPoints : f.maxPoints,
      capPeriod: f.capPeriod,
      capPoints: f.capPeriod ? f.capPoints : null,
      selfClaim: f.selfClaim,
      passbookId: f.passbookId,
    });
    if (r.ok) onSaved();
    else setError(r.error);
  };

  const ready = f.code.trim() && f.category.trim() && f.title.trim() && (!f.capPeriod || f.capPoints);
  return (
    <Modal
      open
      width={640}
      title={item ? t('rules.editItem') : t('rules.addItem')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ disabled: !ready, 'data-testid': 'rule-item-ok' }}
    >
      <Form layout="vertical">
        <Space wrap>
          <Form.Item htmlFor="rule-code-input" label={t('rules.code')} required>
            <Input
              id="rule-code-input"
              value={f.code}
              onChange={(e) => setF({ ...f, code: e.target.value })}
              style={{ width: 100 }}
              maxLength={12}
              data-testid="rule-code"
            />
          </Form.Item>
          <Form.Item htmlFor="rule-category-input" label={t('rules.category')} required>
            <Input
              id="rule-category-input"
              value={f.category}
              onChange={(e) => setF({ ...f, category: e.target.value })}
              style={{ width: 140 }}
              maxLength={20}
              data-testid="rule-category"
            />
          </Form.Item>
          <Form.Item htmlFor="rule-title-input" label={t('rules.item')} required>
            <Input
              id="rule-title-input"
              value={f.title}
              onChange={(e) => setF({ ...f, title: e.target.value })}
              style={{ width: 260 }}
              maxLength={40}
              data-testid="rule-title"
            />
          </Form.Item>
        </Space>
        <Form.Item htmlFor="rule-description-input" label={t('rules.description')}>
          <Input.TextArea
            id="rule-description-input"
            value={f.description}
            onChange={(e) => setF({ ...f, description: e.target.value })}
            maxLength={300}
            rows={2}
          />
        </Form.Item>
        <Space wrap align="end">
          <Form.Item label={t('rules.direction')}>
            <Radio.Group
              aria-label={t('rules.direction')}
              value={f.direction}
              onChange={(e) => setF({ ...f, direction: e.target.value as Direction })}
              optionType="button"
              buttonStyle="solid"
            >
              <Radio.Button value="award">{t('rules.award')}</Radio.Button>
              <Radio.Button value="deduction">{t('rules.deduction')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('rules.valueKind')}>
            <Radio.Group aria-label={t('rules.valueKind')} value={f.fixed} onChange={(e) => setF({ ...f, fixed: e.target.value as boolean })}>
              <Radio value={true}>{t('rules.fixed')}</Radio>
              <Radio value={false}>{t('rules.range')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item htmlFor="rule-min-input" label={f.fixed ? t('rules.points') : t('rules.min')}>
            <InputNumber
              id="rule-min-input"
              min={1}
              max={100000}
              precision={0}
              value={f.minPoints}
              onChange={(v) => setF({ ...f, minPoints: v ?? 1 })}
              data-testid="rule-min"
            />
          </Form.Item>
          {!f.fixed && (
            <Form.Item htmlFor="rule-max-input" label={t('rules.max')}>
              <InputNumber
                id="rule-max-input"
                min={1}
                max={100000}
                precision={0}
                value={f.maxPoints}
                onChange={(v) => setF({ ...f, maxPoints: v ?? 1 })}
                data-testid="rule-max"
              />
            </Form.Item>
          )}
        </Space>
        <Space wrap align="end">
          <Form.Item htmlFor="rule-cap-input" label={t('rules.cap')}>
            <Select
              id="rule-cap-input"
              style={{ width: 140 }}
              value={f.capPeriod ?? 'none'}
              onChange={(v: CapPeriod | 'none') => setF({ ...f, capPeriod: v === 'none' ? null : v })}
              options={[
                { value: 'none', label: t('rules.capNone') },
                { value: 'month', label: t('rules.capPerMonth') },
                { value: 'year', label: t('rules.capPerYear') },
              ]}
            />
          </Form.Item>
          {f.capPeriod && (
            <Form.Item htmlFor="rule-cap-points-input" label={t('rules.capPoints')}>
              <InputNumber id="rule-cap-points-input" min={1} max={100000} precision={0} value={f.capPoints} onChange={(v) => setF({ ...f, capPoints: v })} />
            </Form.Item>
          )}
          <Form.Item htmlFor="rule-passbook-input" label={t('rules.passbook')}>
            <Select
              id="rule-passbook-input"
              style={{ width: 160 }}
              value={f.passbookId ?? passbooks.find((p) => p.isDefault)?.id}
              onChange={(v: number) => setF({ ...f, passbookId: v })}
              options={passbooks.map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
          <Form.Item>
            <Checkbox checked={f.selfClaim} onChange={(e) => setF({ ...f, selfClaim: e.target.checked })}>
              {t('rules.selfClaimLabel')}
            </Checkbox>
          </Form.Item>
        </Space>
      </Form>
      <DialogError error={error} testId="rule-item-error" />
    </Modal>
  );
}
