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
  table: (name: string, q: Record<string, string | number | null | undefined>) => call<TablePage>(`/api/table/${name}?${query(q)}`),
};

export function query(q: Record<string, string | number | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
}
