import type { Items, Problem } from '@closeloop/domain';

/** A failed API call, carrying the server's problem+json answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem & Record<string, unknown>,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
  /** Field errors by field name, for forms. */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.field, e.message]));
  }
}

let csrfToken: string | null = null;
/** Set after sign-in or from /auth/me; sent with every write. */
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();
/** Called when the session has ended (401 on a call other than sign-in). */
export const onUnauthenticated = (fn: Listener) => {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
};

export type Query = Record<string, string | number | boolean | readonly string[] | undefined | null>;

export function toSearch(query: Query | undefined): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) p.set(k, v.join(','));
    } else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const h: Record<string, string> = { accept: 'application/json', ...headers };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    h['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) h['x-csrf-token'] = csrfToken;
  const res = await fetch(`/api/v1${path}`, { method, headers: h, body: payload ?? null, credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const problem =
      typeof data === 'object' && data
        ? (data as Problem & Record<string, unknown>)
        : { type: 'about:blank', title: res.statusText, status: res.status, code: 'internal', detail: String(data) };
    if (res.status === 401 && path !== '/auth/login') for (const fn of unauthenticatedListeners) fn();
    throw new ApiError(res.status, problem);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', `${path}${toSearch(query)}`),
  /** The `items` of a list that does not page (every list answers `{ items, … }`). */
  items: async <T>(path: string, query?: Query) => (await request<Items<T>>('GET', `${path}${toSearch(query)}`)).items,
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body ?? {}, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, file: File | Blob, filename?: string) => {
    const form = new FormData();
    form.append('file', file, filename ?? (file instanceof File ? file.name : 'file'));
    return request<T>('POST', path, form);
  },
};
