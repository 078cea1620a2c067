import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Collapse, Form, Input, InputNumber, Radio, Row, Space, Spin, Switch, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { probePrinter, refreshPrinterStatus, usePrinterStatus } from '../../components/printing/printerStatus.js';
import { useI18n } from '../../i18n/index.js';
import { usePrintT, type PrintKey } from '../../i18n/printing.js';
import { addressFromForm, addressProblem, formFromAddress, type AddressForm, type Connection } from './printerAddress.js';

interface Saved {
  uri: string;
  width: 58 | 80;
  autoPrint: boolean;
}

const CONNECTIONS: readonly Connection[] = ['network', 'device', 'spooler', 'system', 'none'];

/**
 * 设置 → 打印机, for the administrator: paper width, how the printer is connected, auto-print,
 * and a test page. The form edits the one printer address the core keeps; the status card
 * beside it shows what the core makes of the saved address.
 */
export function PrinterSettingsTab({ active }: { active: boolean }) {
  const pt = usePrintT();
  const { errorText } = useI18n();
  const { message } = App.useApp();
  const [saved, setSaved] = useState<Saved | null>(null);
  const [form, setForm] = useState<AddressForm>(formFromAddress(''));
  const [width, setWidth] = useState<58 | 80>(58);
  const [autoPrint, setAutoPrint] = useState(true);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const r = await call('printer.settings', {});
    if (!r.ok) return setError(r.error);
    setSaved(r.value);
    setForm(formFromAddress(r.value.uri));
    setWidth(r.value.width);
    setAutoPrint(r.value.autoPrint);
    setTouched(false);
  }, []);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const edit = (patch: Partial<AddressForm>) => setForm((f) => ({ ...f, ...patch }));
  const uri = addressFromForm(form);
  const problem = addressProblem(form);
  const fieldError = (field: 'host' | 'port' | 'path' | 'spooler') =>
    touched && problem?.field === field
      ? pt(problem.kind === 'required' ? 'printer.required' : problem.kind === 'badHost' ? 'printer.badHost' : 'printer.badPort')
      : undefined;

  const save = async (thenTest: boolean) => {
    setTouched(true);
    if (problem) return;
    setBusy(true);
    const r = await call('printer.saveSettings', { uri, width, autoPrint });
    if (!r.ok) {
      setBusy(false);
      setError(r.error);
      return;
    }
    setError(null);
    setSaved({ uri, width, autoPrint });
    void message.success(pt('printer.saved'));
    if (thenTest && uri !== '') {
      const t = await call('printer.testPage', {});
      if (t.ok) void message.success(pt('printer.testSent'));
      else setError(t.error);
    }
    setBusy(false);
    void refreshPrinterStatus();
    if (uri !== '') void probePrinter();
  };

  if (!saved && !error) return <Spin style={{ display: 'block', margin: 48 }} />;

  return (
    <Row gutter={16} data-testid="printer-settings">
      <Col xs={24} lg={14}>
        <Card title={pt('printer.title')}>
          <Typography.Paragraph type="secondary">{pt('printer.intro')}</Typography.Paragraph>
          <Form layout="vertical" requiredMark={false} onSubmitCapture={(e) => e.preventDefault()}>
            <Form.Item label={pt('printer.width')}>
              <Radio.Group aria-label={pt('printer.width')} value={width} onChange={(e) => setWidth(e.target.value as 58 | 80)} data-testid="printer-width">
                <Space orientation="vertical">
                  <Radio value={58}>{pt('printer.width58')}</Radio>
                  <Radio value={80}>{pt('printer.width80')}</Radio>
                </Space>
              </Radio.Group>
            </Form.Item>
            <Form.Item label={pt('printer.connection')}>
              <Radio.Group
                aria-label={pt('printer.connection')}
                value={form.connection}
                onChange={(e) => edit({ connection: e.target.value as Connection })}
                data-testid="printer-connection"
              >
                <Space orientation="vertical">
                  {CONNECTIONS.map((c) => (
                    <Radio key={c} value={c}>
                      {pt(`printer.conn.${c}` as PrintKey)}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
            {form.connection === 'network' && (
              <Space align="start" wrap>
                <Form.Item
                  htmlFor="printer-host-input"
                  label={pt('printer.host')}
                  validateStatus={fieldError('host') ? 'error' : undefined}
                  help={fieldError('host')}
                >
                  <Input
                    id="printer-host-input"
                    data-testid="printer-host"
                    value={form.host}
                    placeholder={pt('printer.hostPlaceholder')}
                    onChange={(e) => edit({ host: e.target.value })}
                    style={{ width: 240 }}
                    maxLength={120}
                  />
                </Form.Item>
                <Form.Item
                  htmlFor="printer-port-input"
                  label={pt('printer.port')}
                  validateStatus={fieldError('port') ? 'error' : undefined}
                  help={fieldError('port') ?? pt('printer.portHelp')}
                >
                  <InputNumber
                    id="printer-port-input"
                    data-testid="printer-port"
                    value={form.port}
                    min={1}
                    max={65535}
                    precision={0}
                    onChange={(v) => edit({ port: v })}
                    style={{ width: 120 }}
                  />
                </Form.Item>
              </Space>
            )}
            {form.connection === 'device' && (
              <Form.Item
                htmlFor="printer-path-input"
                label={pt('printer.path')}
                validateStatus={fieldError('path') ? 'error' : undefined}
                help={fieldError('path') ?? pt('printer.pathHelp')}
              >
                <Input
                  id="printer-path-input"
                  data-testid="printer-path"
                  value={form.path}
                  placeholder={pt('printer.pathPlaceholder')}
                  onChange={(e) => edit({ path: e.target.value })}
                  maxLength={300}
                />
              </Form.Item>
            )}
            {form.connection === 'spooler' && (
              <Form.Item
                htmlFor="printer-spooler-input"
                label={pt('printer.spooler')}
                validateStatus={fieldError('spooler') ? 'error' : undefined}
                help={fieldError('spooler') ?? pt('printer.spoolerHelp')}
              >
                <Input
                  id="printer-spooler-input"
                  data-testid="printer-spooler"
                  value={form.spooler}
                  placeholder={pt('printer.spoolerPlaceholder')}
                  onChange={(e) => edit({ spooler: e.target.value })}
                  maxLength={200}
                />
              </Form.Item>
            )}
            {form.connection === 'system' && (
              <Form.Item htmlFor="printer-system-input" label={pt('printer.system')} help={pt('printer.systemHelp')}>
                <Input
                  id="printer-system-input"
                  data-testid="printer-system"
                  value={form.system}
                  placeholder={pt('printer.systemPlaceholder')}
                  onChange={(e) => edit({ system: e.target.value })}
                  maxLength={200}
                />
              </Form.Item>
            )}
            {uri !== '' && (
              <Typography.Paragraph type="secondary" data-testid="printer-address">
                {pt('printer.address', { uri })}
              </Typography.Paragraph>
            )}
            <Form.Item htmlFor="printer-auto-input" label={pt('printer.auto')} help={pt('printer.autoHelp')} style={{ marginTop: 8, marginBottom: 32 }}>
              <Switch id="printer-auto-input" data-testid="printer-auto" checked={autoPrint} onChange={setAutoPrint} />
            </Form.Item>
          </Form>
          {error && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} />}
          <Space>
            <Button type="primary" loading={busy} onClick={() => void save(false)} data-testid="printer-save">
              {pt('printer.save')}
            </Button>
            <Button loading={busy} disabled={uri === ''} onClick={() => void save(true)} data-testid="printer-save-test">
              {pt('printer.saveAndTest')}
            </Button>
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Space orientation="vertical" size={16} style={{ width: '100%', position: 'sticky', top: 8 }}>
          <StatusCard />
          <Card>
            <Collapse
              ghost
              defaultActiveKey={saved?.uri ? [] : ['usb']}
              items={[
                {
                  key: 'usb',
                  label: <b>{pt('printer.helpTitle')}</b>,
                  children: (
                    <ol data-testid="printer-help" style={{ paddingLeft: 20, margin: 0, lineHeight: 1.8 }}>
                      {(['printer.help1', 'printer.help2', 'printer.help3', 'printer.help4', 'printer.help5', 'printer.help6'] as const).map((k) => (
                        <li key={k}>{pt(k)}</li>
                      ))}
                    </ol>
                  ),
                },
              ]}
            />
          </Card>
        </Space>
      </Col>
    </Row>
  );
}

/** What the core says about the saved printer: reachable, waiting and failed receipts. */
function StatusCard() {
  const pt = usePrintT();
  const s = usePrinterStatus();
  if (!s) return null;
  return (
    <Card
      title={pt('printer.status')}
      data-testid="printer-status-card"
      extra={s.configured && <Button onClick={() => void probePrinter()}>{pt('printer.check')}</Button>}
    >
      {!s.configured ? (
        <Typography.Text type="secondary">{pt('chip.none')}</Typography.Text>
      ) : (
        <Space orientation="vertical" size={6}>
          <Typography.Text strong>{s.target}</Typography.Text>
          {s.reachable === true && (
            <Typography.Text type="success">
              <CheckCircleFilled /> {pt('printer.reachable')}
            </Typography.Text>
          )}
          {s.reachable === false && (
            <Typography.Text type="danger">
              <CloseCircleFilled /> {pt('printer.unreachable')}
            </Typography.Text>
          )}
          {s.reachable === null && (
            <Typography.Text type="secondary">
              <QuestionCircleFilled /> {pt('printer.unknown')}
            </Typography.Text>
          )}
          {s.waiting > 0 && <Typography.Text type="warning">{pt('printer.waiting', { n: s.waiting })}</Typography.Text>}
          {s.failed > 0 && <Typography.Text type="danger">{pt('printer.failedJobs', { n: s.failed })}</Typography.Text>}
          {s.lastError && <Typography.Text type="secondary">{pt('panel.lastError', { error: s.lastError })}</Typography.Text>}
        </Space>
      )}
    </Card>
  );
}
