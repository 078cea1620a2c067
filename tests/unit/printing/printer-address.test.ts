/**
 * The printer settings form splits the one stored address into fields and puts it back
 * together. Whatever the form produces must mean the same printer to the core's parser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePrinterUri } from '../../../db/printing/transports/uri.js';
import { addressFromForm, addressProblem, formFromAddress, EMPTY_FORM } from '../../../renderer/src/pages/printing/printerAddress.js';

describe('printer address ⇄ settings form', () => {
  it.each([
    ['', 'none'],
    ['tcp://192.168.1.50:9100', 'network'],
    ['tcp://printer.local:9101?connectTimeout=3000&eof=0', 'network'],
    ['192.168.1.50:9100', 'network'],
    ['/dev/usb/lp0', 'device'],
    ['COM3', 'device'],
    ['\\\\.\\COM3', 'device'],
    ['\\\\PC-NAME\\XP58', 'device'],
    ['spooler:XP-58', 'spooler'],
    ['spooler:芯烨 XP-58 (副本)', 'spooler'],
    ['system:', 'system'],
    ['system:XP-58', 'system'],
  ])('%s is a %s printer and comes back as the same target', (uri, connection) => {
    const form = formFromAddress(uri);
    expect(form.connection).toBe(connection);
    const again = addressFromForm(form);
    if (uri === '') return expect(again).toBe('');
    expect(addressProblem(form)).toBeNull();
    expect(parsePrinterUri(again)).toEqual(parsePrinterUri(uri));
  });

  it('assembles what the administrator typed, and says what is missing', () => {
    expect(addressFromForm({ ...EMPTY_FORM, connection: 'network', host: ' 10.0.0.7 ', port: 9100 })).toBe('tcp://10.0.0.7:9100');
    expect(addressProblem({ ...EMPTY_FORM, connection: 'network', host: '' })).toEqual({ field: 'host', kind: 'required' });
    expect(addressProblem({ ...EMPTY_FORM, connection: 'network', host: 'a b' })).toEqual({ field: 'host', kind: 'badHost' });
    expect(addressProblem({ ...EMPTY_FORM, connection: 'network', host: '10.0.0.7', port: 70000 })).toEqual({ field: 'port', kind: 'badPort' });
    expect(addressProblem({ ...EMPTY_FORM, connection: 'device', path: ' ' })).toEqual({ field: 'path', kind: 'required' });
    expect(addressProblem({ ...EMPTY_FORM, connection: 'spooler' })).toEqual({ field: 'spooler', kind: 'required' });
    expect(addressProblem({ ...EMPTY_FORM, connection: 'system' })).toBeNull();
  });

  it('any host and port the form accepts is an address the core accepts', () => {
    const label = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,10}[A-Za-z0-9])?$/);
    const host = fc.oneof(
      fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join('.')),
      fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.')),
    );
    fc.assert(
      fc.property(host, fc.integer({ min: 1, max: 65535 }), (h, port) => {
        const form = { ...EMPTY_FORM, connection: 'network' as const, host: h, port };
        expect(addressProblem(form)).toBeNull();
        expect(parsePrinterUri(addressFromForm(form))).toMatchObject({ kind: 'tcp', host: h, port });
      }),
    );
  });
});
