import { AuditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { WitnessCheckView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { useTrustT } from '../../i18n/trust.js';

const MAX_CODES = 20;

/**
 * Codes copied from paper (receipts, slips, the A4 day sheet) checked against the books:
 * the one check that still holds against someone who has the PC and its key (docs/trust.md).
 */
export function WitnessCheckCard() {
  const t = useTrustT();
  const { errorText, lang } = useI18n();
  const [textValue, setTextValue] = useState('');
  const [results, setResults] = useState<WitnessCheckView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const check = async () => {
    const codes = textValue
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    setResults(null);
    if (codes.length === 0) return setProblem(t('witness.empty'));
    if (codes.length > MAX_CODES) return setProblem(t('witness.tooMany', { count: codes.length }));
    setChecking(true);
    const r = await call('integrity.witness', { codes });
    setChecking(false);
    if (!r.ok) return setProblem(errorText(r.error as ErrorBody));
    setProblem(null);
    setResults(r.value);
  };

  const failed = results?.filter((r) => r.outcome !== 'held').length ?? 0;
  return (
    <Card size="small" title={t('witness.title')} data-testid="witness-card">
      <Typography.Paragraph type="secondary">{t('witness.explain')}</Typography.Paragraph>
      <Input.TextArea
        aria-label={t('witness.title')}
        rows={4}
        value={textValue}
        onChange={(e) => setTextValue(e.target.value)}
        placeholder={t('witness.placeholder')}
        style={{ fontFamily: 'monospace', maxWidth: 480 }}
        data-testid="witness-input"
      />
      <div style={{ marginTop: 8 }}>
        <Button type="primary" icon={<AuditOutlined />} loading={checking} onClick={() => void check()} data-testid="witness-check">
          {t('witness.check')}
        </Button>
      </div>
      {problem && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={problem} data-testid="witness-problem" />}
      {results && (
        <div style={{ marginTop: 12, display: 'grid', gap: 8 }} data-testid="witness-results">
          <Alert
            type={failed === 0 ? 'success' : 'error'}
            showIcon
            title={failed === 0 ? t('witness.allHeld', { count: results.length }) : t('witness.someFailed', { count: failed })}
          />
          {results.map((r, i) => (
            <Space key={`${i}:${r.code}`} data-testid="witness-result" data-outcome={r.outcome}>
              <Tag color={r.outcome === 'held' ? 'green' : r.outcome === 'malformed' ? 'orange' : 'red'}>{t(`witness.${r.outcome}`)}</Tag>
              <Typography.Text code>{r.code}</Typography.Text>
              <Typography.Text type={r.outcome === 'held' ? 'success' : 'danger'}>{r.message[lang]}</Typography.Text>
            </Space>
          ))}
        </div>
      )}
    </Card>
  );
}
