/**
 * The printer settings form ⇄ the one address string the core stores (see
 * db/printing/transports/uri.ts for every accepted form). Only classifies and assembles;
 * the core validates the address again when it is saved.
 */
export type Connection = 'none' | 'network' | 'device' | 'spooler' | 'system';

export interface AddressForm {
  connection: Connection;
  host: string;
  port: number | null;
  /** tcp:// options typed by hand (connectTimeout, writeTimeout, eof): kept as they were. */
  tcpOptions: string;
  path: string;
  spooler: string;
  system: string;
}

export const EMPTY_FORM: AddressForm = { connection: 'none', host: '', port: 9100, tcpOptions: '', path: '', spooler: '', system: '' };

function network(rest: string): AddressForm {
  const q = rest.indexOf('?');
  const hostPort = (q === -1 ? rest : rest.slice(0, q)).replace(/\/$/, '');
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostPort);
  return {
    ...EMPTY_FORM,
    connection: 'network',
    host: m ? m[1]! : hostPort,
    port: m?.[2] ? Number(m[2]) : 9100,
    tcpOptions: q === -1 ? '' : rest.slice(q + 1),
  };
}

export function formFromAddress(uri: string): AddressForm {
  const s = uri.trim();
  const lower = s.toLowerCase();
  if (s === '') return EMPTY_FORM;
  if (lower.startsWith('tcp://')) return network(s.slice(6));
  if (lower.startsWith('spooler:')) return { ...EMPTY_FORM, connection: 'spooler', spooler: s.slice(8).trim() };
  if (lower === 'system' || lower.startsWith('system:')) return { ...EMPTY_FORM, connection: 'system', system: s.slice(7).trim() };
  if (/^[A-Za-z0-9.-]{2,}:\d{1,5}$/.test(s)) return network(s);
  return { ...EMPTY_FORM, connection: 'device', path: s };
}

export function addressFromForm(f: AddressForm): string {
  switch (f.connection) {
    case 'none':
      return '';
    case 'network':
      return `tcp://${f.host.trim()}:${f.port ?? 9100}${f.tcpOptions ? `?${f.tcpOptions}` : ''}`;
    case 'device':
      return f.path.trim();
    case 'spooler':
      return `spooler:${f.spooler.trim()}`;
    case 'system':
      return `system:${f.system.trim()}`;
  }
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\])$/;

export type AddressProblem = { field: 'host' | 'port' | 'path' | 'spooler'; kind: 'required' | 'badHost' | 'badPort' };

/** The first thing wrong with the form, in words the field can show; null when it may be saved. */
export function addressProblem(f: AddressForm): AddressProblem | null {
  if (f.connection === 'network') {
    if (f.host.trim() === '') return { field: 'host', kind: 'required' };
    if (!HOST.test(f.host.trim())) return { field: 'host', kind: 'badHost' };
    if (f.port === null || !Number.isInteger(f.port) || f.port < 1 || f.port > 65535) return { field: 'port', kind: 'badPort' };
  }
  if (f.connection === 'device' && f.path.trim() === '') return { field: 'path', kind: 'required' };
  if (f.connection === 'spooler' && f.spooler.trim() === '') return { field: 'spooler', kind: 'required' };
  return null;
}
