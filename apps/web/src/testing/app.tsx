import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';
import i18n from '../i18n/index.ts';

// antd in jsdom is slow, more so when test files run in parallel.
configure({ asyncUtilTimeout: 5000 });

/** A recorded call to the mocked `fetch`. */
export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}
export type Handler = (call: Call) => { status?: number; body?: unknown } | undefined;

/** Replace `fetch` with `handler` (answers 404 when it returns nothing); returns the calls made. */
export function mockFetch(handler: Handler): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const url = new URL(input, 'http://localhost');
      const headers = Object.fromEntries(
        Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body;
      const call = { method: init.method ?? 'GET', path: url.pathname.replace(/^\/api\/v1/, ''), query: url.searchParams, headers, body };
      calls.push(call);
      const answer = handler(call) ?? { status: 404, body: { type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' } };
      const status = answer.status ?? 200;
      return new Response(status === 204 ? null : JSON.stringify(answer.body ?? {}), {
        status,
        headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
      });
    }),
  );
  return calls;
}

export const problem = (status: number, code: string, errors?: { field: string; message: string; code?: string }[]) => ({
  status,
  body: { type: 'about:blank', title: code, status, code, detail: code, ...(errors ? { errors } : {}) },
});

/** Render inside the providers the app has, in Chinese, at `path` (with `/cases/:id` and `/cases/new` routes). */
export function renderWithApp(ui: ReactNode, path = '/') {
  void i18n.changeLanguage('zh-CN');
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={client}>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route path="*" element={ui} />
              <Route path="/cases/:id" element={<div data-testid="case-page" />} />
            </Routes>
          </MemoryRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>,
  );
}
