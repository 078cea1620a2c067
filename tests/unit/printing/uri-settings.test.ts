import { describe, expect, it } from 'vitest';
import { AppError } from '../../../db/contract/errors.js';
import { parsePrinterSettings, printerSettingRows, printerSettingsSchema } from '../../../db/printing/settings.js';
import { describeTarget, formatPrinterUri, parsePrinterUri } from '../../../db/printing/transports/uri.js';

describe('printer addresses', () => {
  it('parses every supported connection', () => {
    expect(parsePrinterUri('tcp://192.168.1.50:9100')).toMatchObject({ kind: 'tcp', host: '192.168.1.50', port: 9100, waitForEof: true });
    expect(parsePrinterUri('tcp://printer.local')).toMatchObject({ kind: 'tcp', host: 'printer.local', port: 9100 });
    expect(parsePrinterUri('192.168.1.50:9101')).toMatchObject({ kind: 'tcp', port: 9101 });
    expect(parsePrinterUri('tcp://10.0.0.2:9100?connectTimeout=500&writeTimeout=2000&eof=0')).toMatchObject({
      connectTimeoutMs: 500,
      writeTimeoutMs: 2000,
      waitForEof: false,
    });
    expect(parsePrinterUri('/dev/usb/lp0')).toMatchObject({ kind: 'device', path: '/dev/usb/lp0' });
    expect(parsePrinterUri('\\\\.\\COM3')).toMatchObject({ kind: 'device', path: '\\\\.\\COM3' });
    expect(parsePrinterUri('com3')).toMatchObject({ kind: 'device', path: '\\\\.\\COM3' });
    expect(parsePrinterUri('\\\\收银台电脑\\XP58')).toMatchObject({ kind: 'device', path: '\\\\收银台电脑\\XP58' });
    expect(parsePrinterUri('spooler:XP-58 (副本 1)')).toEqual({ kind: 'spooler', name: 'XP-58 (副本 1)' });
    expect(parsePrinterUri('system:')).toEqual({ kind: 'system', deviceName: null });
    expect(parsePrinterUri('system:XP-80C')).toEqual({ kind: 'system', deviceName: 'XP-80C' });
  });

  it('refuses bad addresses with a Chinese message', () => {
    for (const bad of ['http://1.2.3.4', 'tcp://', 'tcp://host:99999', 'tcp://h:9100?x=1', 'C:\\printer', 'spooler:', 'lp0', 'tcp://a b:9100']) {
      expect(() => parsePrinterUri(bad), bad).toThrow(AppError);
    }
    try {
      parsePrinterUri('http://x');
    } catch (e) {
      expect((e as AppError).code).toBe('PRINTER_URI_INVALID');
      expect((e as AppError).message).toContain('打印机地址格式不正确');
    }
    expect(() => parsePrinterUri('  ')).toThrow(/尚未设置打印机/);
  });

  it('describes and formats targets', () => {
    const t = parsePrinterUri('tcp://192.168.1.50:9100');
    expect(describeTarget(t)).toBe('网络打印机 192.168.1.50:9100');
    expect(formatPrinterUri(t)).toBe('tcp://192.168.1.50:9100');
    expect(formatPrinterUri(parsePrinterUri('tcp://h:1?eof=0'))).toBe('tcp://h:1?eof=0');
  });
});

describe('printer settings', () => {
  it('reads JSON-encoded and bare values, with safe defaults', () => {
    expect(parsePrinterSettings({})).toEqual({ uri: '', width: 58, autoPrint: true });
    expect(parsePrinterSettings({ 'printer.uri': '"tcp://1.2.3.4:9100"', 'printer.width': '80', 'printer.autoPrint': 'false' })).toEqual({
      uri: 'tcp://1.2.3.4:9100',
      width: 80,
      autoPrint: false,
    });
    expect(parsePrinterSettings({ 'printer.uri': 'not a printer', 'printer.width': '"57"' })).toMatchObject({ uri: '', width: 58 });
    const rows = printerSettingRows({ uri: 'spooler:XP-58', width: 80, autoPrint: true });
    expect(parsePrinterSettings(Object.fromEntries(rows))).toEqual({ uri: 'spooler:XP-58', width: 80, autoPrint: true });
  });

  it('validates the settings screen input', () => {
    expect(printerSettingsSchema.safeParse({ uri: 'tcp://1.2.3.4:9100', width: 58, autoPrint: true }).success).toBe(true);
    expect(printerSettingsSchema.safeParse({ uri: 'ftp://x', width: 58, autoPrint: true }).success).toBe(false);
    expect(printerSettingsSchema.safeParse({ uri: '', width: 76, autoPrint: true }).success).toBe(false);
  });
});
