import type { CaseView } from '@closeloop/domain';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';
import i18n from '../../../i18n/index.ts';

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

export const USER_ID = '11111111-1111-4111-8111-111111111111';
export const CUSTOMER_ID = '22222222-2222-4222-8222-222222222222';
export const PRODUCT_ID = '33333333-3333-4333-8333-333333333333';
export const UNIT_ID = '44444444-4444-4444-8444-444444444444';
export const CASE_ID = '55555555-5555-4555-8555-555555555555';

/** A complaint in `resolving`, no responsibility recorded yet. */
export function caseFixture(overrides: Partial<CaseView> = {}): CaseView {
  return {
    id: CASE_ID,
    number: '2611-0007',
    type: 'complaint',
    status: 'resolving',
    holdFromStatus: null,
    title: '加热圈不升温',
    description: '第二段加热圈温度升不上去',
    serviceKind: null,
    customer: { id: CUSTOMER_ID, name: '苏州精密机械有限公司', tier: 'A', market: 'domestic' },
    contactId: null,
    contactName: '张伟',
    contactPhone: null,
    contactEmail: null,
    product: { id: PRODUCT_ID, model: 'HX-200', name: '伺服注塑机' },
    unit: null,
    batchNo: null,
    serialNo: null,
    orderNo: null,
    partNo: null,
    purchaseDate: null,
    purchaseChannel: null,
    deliveryDate: null,
    quantityDelivered: null,
    quantityDefective: null,
    quantityDefectiveUndetermined: false,
    occurredAt: null,
    occurredPlace: null,
    environment: null,
    recurrence: 'unknown',
    customerActions: null,
    customerDemands: ['repair'],
    channel: 'phone',
    receivedBy: { id: USER_ID, displayName: '李强' },
    receivedAt: '2026-11-20T02:00:00.000Z',
    firstResponder: { id: USER_ID, displayName: '李强' },
    validity: 'undetermined',
    isQualityRelated: true,
    severity: 'MA',
    grade: 'important',
    causeCategory: null,
    rootCause6m: null,
    owner: null,
    departmentId: null,
    priority: 'P2',
    derivedPriority: 'P2',
    priorityOverride: null,
    priorityOverrideReason: null,
    responsibility: null,
    proposal: null,
    resolution: null,
    customerConfirmed: null,
    confirmationNote: null,
    closeReason: null,
    rejectionExplanation: null,
    tags: [],
    links: [],
    createdAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
    closedAt: null,
    version: 4,
    allowedActions: ['request_confirmation', 'close', 'hold'],
    visitRequired: false,
    siteArrivedAt: null,
    slaDueAt: null,
    slaBreached: false,
    clocks: [],
    watchers: [],
    ...overrides,
  };
}
