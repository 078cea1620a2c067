/** The hub's JSON API as the dashboard calls it (the session is an HttpOnly cookie). */
export interface TablePage {
  columns: { key: string; title: string }[];
  rows: Record<string, unknown>[];
  total: number;
}

export interface Me {
  name: string;
  role: 'viewer' | 'administrator';
}

export interface RegistrationPreview {
  registration: { villageCode: string; villageName: string; townshipName: string; fingerprint: string; registeredAt: string; registeredBy: string };
  outcome: 'new' | 'updated' | 'known';
}

export type ImportOutcome =
  | { outcome: 'known' | 'accepted' | 'held'; reportId: string; released?: string[] }
  | { outcome: 'fork'; reportId: string; reason: string }
  | { outcome: 'refused'; code: string; reason: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', ...init });
  const body = (await res.json().catch(() => ({}))) as { message?: string };
  if (!res.ok) throw new ApiError(res.status, body.message ?? `HTTP ${res.status}`);
  return body as T;
}

export const api = {
  me: () => call<Me>('/api/me'),
  login: (name: string, password: string) =>
    call<Me>('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) }),
  logout: () => call<object>('/api/logout', { method: 'POST' }),
  previewStore: (text: string) => call<RegistrationPreview>('/api/stores/preview', { method: 'POST', body: text }),
  registerStore: (text: string) => call<{ outcome: 'registered' | 'updated' | 'known' }>('/api/stores', { method: 'POST', body: text }),
  /** A refused report comes back as 400 with its reason: that is an outcome to show, not an error. */
  importReport: async (text: string): Promise<ImportOutcome> => {
    const res = await fetch('/api/import', { method: 'POST', credentials: 'same-origin', body: text });
    const body = (await res.json().catch(() => ({}))) as ImportOutcome & { message?: string };
    if (res.ok || (res.status === 400 && body.outcome === 'refused')) return body;
    throw new ApiError(res.status, body.message ?? `HTTP ${res.status}`);
  },
  table: (name: string, q: Record<string, string | number | null | undefined>) => call<TablePage>(`/api/table/${name}?${query(q)}`),
};

export function query(q: Record<string, string | number | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
}
