import type { UserView } from '@closeloop/domain';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n/index.ts';
import { RequireSession } from '../auth/session.tsx';
import WorkspacePage from './WorkspacePage.tsx';

configure({ asyncUtilTimeout: 8000 });

const ME: UserView = {
  id: '11111111-1111-4111-8111-111111111111',
  login: 'li',
  displayName: '李工',
  email: null,
  locale: 'zh-CN',
  departmentId: '44444444-4444-4444-8444-444444444444',
  roles: ['quality_engineer'],
  permissions: ['cases:read', 'cases:create'],
  isActive: true,
  away: false,
  awayUntil: null,
  createdAt: '2026-01-01T00:00:00Z',
  version: 1,
};
const COUNTS = {
  mine: 7,
  dueSoon: 4,
  overdue: 2,
  department: 12,
  unassigned: 3,
  open: 41,
  recentlyUpdated: 9,
  countCap: 10_000,
  departmentId: ME.departmentId,
  userId: ME.id,
};
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

let fetchMock: ReturnType<typeof vi.fn>;
let savedFilters: unknown = [
  { name: '华东严重投诉', params: { status: 'open', severity: 'CR', type: 'complaint' } },
  { name: '待分派', params: { status: 'open', ownerId: 'none' } },
];

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
  fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/v1/auth/me') return json({ user: ME, csrfToken: 'csrf' });
    if (url.pathname === '/api/v1/workspace/queues') return json(COUNTS);
    if (url.pathname === '/api/v1/me/preferences/saved-case-filters') {
      if (init?.method === 'PUT') savedFilters = JSON.parse(String(init.body)).value;
      return json({ key: 'saved-case-filters', value: savedFilters, updatedAt: null });
    }
    if (url.pathname === '/api/v1/cases') return json({ items: [], total: 0, page: 1, pageSize: 10 });
    return json({});
  });
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nextProvider i18n={i18n}>
      <AntApp>
        <QueryClientProvider client={client}>
          <MemoryRouter initialEntries={['/']}>
            <Routes>
              <Route
                path="/"
                element={
                  <RequireSession>
                    <WorkspacePage />
                  </RequireSession>
                }
              />
            </Routes>
          </MemoryRouter>
        </QueryClientProvider>
      </AntApp>
    </I18nextProvider>,
  );
}

const hrefParams = (el: HTMLElement) => new URL(el.getAttribute('href') ?? '', 'http://localhost').searchParams;

describe('WorkspacePage', { timeout: 60_000 }, () => {
  it('shows the queue counts, each linking to the filtered case list', async () => {
    renderPage();
    // The card becomes a link once the counts have arrived.
    await waitFor(() => expect(within(screen.getByTestId('queue-mine')).getByText('7')).toBeTruthy());
    const mine = screen.getByTestId('queue-mine');
    expect(within(mine).getByText('我的案件')).toBeTruthy();
    expect(hrefParams(mine).get('ownerId')).toBe(ME.id);
    expect(hrefParams(mine).get('status')).toBe('open');

    const department = screen.getByTestId('queue-department');
    expect(within(department).getByText('12')).toBeTruthy();
    expect(hrefParams(department).get('departmentId')).toBe(ME.departmentId);

    const unassigned = screen.getByTestId('queue-unassigned');
    expect(within(unassigned).getByText('3')).toBeTruthy();
    expect(hrefParams(unassigned).get('ownerId')).toBe('none');

    expect(within(screen.getByTestId('queue-recentlyUpdated')).getByText('9')).toBeTruthy();
    expect(within(screen.getByTestId('queue-open')).getByText('41')).toBeTruthy();
    expect(screen.getByRole('button', { name: /登记案件/ })).toBeTruthy();

    // The own-cases table asks for the user's open cases, most urgent first.
    await waitFor(() => expect(fetchMock.mock.calls.some((c) => String(c[0]).startsWith('/api/v1/cases?'))).toBe(true));
    const call = fetchMock.mock.calls.map((c) => String(c[0])).find((u) => u.startsWith('/api/v1/cases?')) ?? '';
    const sent = new URL(call, 'http://localhost').searchParams;
    expect(sent.get('ownerId')).toBe(ME.id);
    expect(sent.get('status')).toBe('open');
    expect(sent.get('sort')).toBe('priority');
    expect(await screen.findByText('您目前没有未结案件')).toBeTruthy();
  });

  it('shows the due-soon and overdue queues, each linking to the list filtered by deadline, soonest first', async () => {
    renderPage();
    await waitFor(() => expect(within(screen.getByTestId('queue-dueSoon')).getByText('4')).toBeTruthy());
    const dueSoon = screen.getByTestId('queue-dueSoon');
    expect(within(dueSoon).getByText('即将到期')).toBeTruthy();
    expect(hrefParams(dueSoon).get('sla')).toBe('due_soon');
    expect(hrefParams(dueSoon).get('status')).toBe('open');
    expect(hrefParams(dueSoon).get('sort')).toBe('slaDueAt');

    const overdue = screen.getByTestId('queue-overdue');
    expect(within(overdue).getByText('已超期')).toBeTruthy();
    expect(within(overdue).getByText('2')).toBeTruthy();
    expect(hrefParams(overdue).get('sla')).toBe('overdue');
    expect(hrefParams(overdue).get('sort')).toBe('slaDueAt');
    // The queues read left to right: mine, then the deadline queues.
    const order = [...document.querySelectorAll('[data-testid^="queue-"]')].map((e) => e.getAttribute('data-testid'));
    expect(order.slice(0, 3)).toEqual(['queue-mine', 'queue-dueSoon', 'queue-overdue']);
  });

  it('lists saved filters as links and deletes one', async () => {
    renderPage();
    const link = (await screen.findByText('华东严重投诉')).closest('a') as HTMLElement;
    expect(hrefParams(link).get('severity')).toBe('CR');
    expect(hrefParams(link).get('type')).toBe('complaint');

    fireEvent.click(screen.getByLabelText('删除筛选“华东严重投诉”'));
    await waitFor(() => expect(document.querySelector('.ant-popconfirm')).not.toBeNull());
    const popup = document.querySelector('.ant-popconfirm') as HTMLElement;
    fireEvent.click(within(popup).getByRole('button', { name: /^删\s*除$/ }));
    await waitFor(() => expect(screen.queryByText('华东严重投诉')).toBeNull());
    const put = fetchMock.mock.calls.find((c) => (c[1] as RequestInit | undefined)?.method === 'PUT');
    expect(JSON.parse(String((put?.[1] as RequestInit | undefined)?.body))).toEqual({
      value: [{ name: '待分派', params: { status: 'open', ownerId: 'none' } }],
    });
  });
});
