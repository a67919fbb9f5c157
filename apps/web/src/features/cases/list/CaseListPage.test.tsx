import type { CaseSummary, UserView } from '@closeloop/domain';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/index.ts';
import { RequireSession } from '../../auth/session.tsx';
import CaseListPage from '../CaseListPage.tsx';

const ME: UserView = {
  id: '11111111-1111-4111-8111-111111111111',
  login: 'zhang',
  displayName: '张工',
  email: null,
  locale: 'zh-CN',
  departmentId: null,
  roles: ['agent'],
  permissions: ['cases:read', 'cases:create'],
  isActive: true,
  away: false,
  awayUntil: null,
  createdAt: '2026-01-01T00:00:00Z',
  version: 1,
};

const row = (n: number, title: string): CaseSummary => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  number: `2611-000${n}`,
  type: 'complaint',
  status: 'new',
  title,
  severity: 'CR',
  grade: 'urgent',
  priority: 'P1',
  channel: 'phone',
  departmentId: null,
  receivedAt: '2026-11-02T08:00:00Z',
  createdAt: '2026-11-02T08:00:00Z',
  updatedAt: '2026-11-02T09:00:00Z',
  version: 1,
  customer: { id: '22222222-2222-4222-8222-222222222222', name: '苏州精密机械有限公司' },
  product: { id: '33333333-3333-4333-8333-333333333333', model: 'HX-200' },
  owner: null,
  slaDueAt: null,
  slaWarnAt: null,
  slaBreached: false,
});

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

// The first render pulls in antd and is slow on a busy machine.
configure({ asyncUtilTimeout: 8000 });

let fetchMock: ReturnType<typeof vi.fn>;
const caseListCalls = () =>
  fetchMock.mock.calls.map((c) => String(c[0])).filter((u) => u.startsWith('/api/v1/cases?') || u === '/api/v1/cases');

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
  fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/v1/auth/me') return json({ user: ME, csrfToken: 'csrf' });
    if (url.pathname === '/api/v1/cases' && url.searchParams.get('sla'))
      return json({
        items: [
          { ...row(3, '模具温控失灵'), slaDueAt: new Date(Date.now() - 2 * 3600_000).toISOString(), slaWarnAt: null, slaBreached: true },
          {
            ...row(4, '送料器卡料'),
            slaDueAt: new Date(Date.now() + 3600_000).toISOString(),
            slaWarnAt: new Date(Date.now() - 3600_000).toISOString(),
          },
        ],
        total: 2,
        page: 1,
        pageSize: 25,
      });
    if (url.pathname === '/api/v1/cases')
      return json({ items: [row(1, '注塑机液压系统漏油'), row(2, '控制面板显示乱码')], total: 2, page: 1, pageSize: 25 });
    if (url.pathname.startsWith('/api/v1/me/preferences/')) return json({ key: 'x', value: null, updatedAt: null });
    if (url.pathname === '/api/v1/users') return json({ items: [ME] });
    if (url.pathname === '/api/v1/departments') return json({ items: [] });
    return json({ items: [], total: 0, page: 1, pageSize: 20 });
  });
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

function renderAt(url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nextProvider i18n={i18n}>
      <AntApp>
        <QueryClientProvider client={client}>
          <MemoryRouter initialEntries={[url]}>
            <Routes>
              <Route
                path="/cases"
                element={
                  <RequireSession>
                    <CaseListPage />
                    <LocationProbe />
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

describe('CaseListPage', { timeout: 60_000 }, () => {
  it('sends the filters from the URL to the API and shows the rows', async () => {
    renderAt(`/cases?status=open&severity=CR,MA&q=${encodeURIComponent('漏油')}&sort=priority&page=2`);
    expect(await screen.findByText('注塑机液压系统漏油')).toBeTruthy();
    expect(screen.getByText('控制面板显示乱码')).toBeTruthy();
    expect(screen.getByText('2611-0001').closest('a')?.getAttribute('href')).toBe('/cases/2611-0001');
    expect(screen.getByText('共 2 条')).toBeTruthy();

    const sent = new URL(caseListCalls()[0] ?? '', 'http://localhost').searchParams;
    expect(sent.get('status')).toBe('open');
    expect(sent.get('severity')).toBe('CR,MA');
    expect(sent.get('q')).toBe('漏油');
    expect(sent.get('sort')).toBe('priority');
    expect(sent.get('page')).toBe('2');

    const exportLink = screen.getByText('导出 CSV').closest('a') as HTMLElement;
    const exported = new URL(exportLink.getAttribute('href') ?? '', 'http://localhost');
    expect(exported.pathname).toBe('/api/v1/cases/export.csv');
    expect(exported.searchParams.get('severity')).toBe('CR,MA');
    expect(exported.searchParams.get('lang')).toBe('zh-CN');
    expect(exported.searchParams.has('page')).toBe(false);
  });

  it('drops values the server would refuse', async () => {
    renderAt('/cases?status=bogus,new&ownerId=not-a-uuid&sort=sideways');
    await screen.findByText('注塑机液压系统漏油');
    const sent = new URL(caseListCalls()[0] ?? '', 'http://localhost').searchParams;
    expect(sent.get('status')).toBe('new');
    expect(sent.has('ownerId')).toBe(false);
    expect(sent.has('sort')).toBe(false);
  });

  it('filters by deadline and shows the due time, red when overdue and orange once warned', async () => {
    renderAt('/cases?status=open&sla=overdue&sort=slaDueAt');
    expect(await screen.findByText('模具温控失灵')).toBeTruthy();
    const sent = new URL(caseListCalls()[0] ?? '', 'http://localhost').searchParams;
    expect(sent.get('sla')).toBe('overdue');
    expect(sent.get('sort')).toBe('slaDueAt');
    // The deadline filter shows (advanced filters open) and the due column is sorted ascending.
    expect(document.getElementById('f-sla')).toBeTruthy();
    expect(screen.getByTitle('已超期')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: /时限/ }).getAttribute('aria-sort')).toBe('ascending');
    const cells = screen.getAllByTestId('due-cell');
    expect(cells.map((c) => c.dataset.tone)).toEqual(['danger', 'warning']);
    expect(cells[0]?.getAttribute('aria-label')).toContain('已超期 2 小时');
    expect(cells[1]?.getAttribute('aria-label')).toMatch(/剩余 (59 分钟|1 小时)/);
  });

  it('choosing a status updates the URL and queries again', async () => {
    renderAt('/cases?type=complaint&page=3');
    await screen.findByText('注塑机液压系统漏油');
    const before = caseListCalls().length;

    const status = screen.getByLabelText('状态');
    fireEvent.mouseDown(status);
    const option = await screen.findByTitle('待客户确认');
    fireEvent.click(option);

    await waitFor(() => expect(screen.getByTestId('location').textContent).toContain('status=awaiting_confirmation'));
    const search = new URLSearchParams(screen.getByTestId('location').textContent ?? '');
    expect(search.get('type')).toBe('complaint');
    expect(search.has('page')).toBe(false);
    await waitFor(() => expect(caseListCalls().length).toBeGreaterThan(before));
    const sent = new URL(caseListCalls().at(-1) ?? '', 'http://localhost').searchParams;
    expect(sent.get('status')).toBe('awaiting_confirmation');
    expect(sent.get('type')).toBe('complaint');
    expect(sent.get('page')).toBe('1');
  });

  it('searches on Enter and focuses the search box on "/"', async () => {
    renderAt('/cases');
    await screen.findByText('注塑机液压系统漏油');
    const box = screen.getByLabelText('搜索');
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(box);
    fireEvent.change(box, { target: { value: '液压' } });
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(`?q=${encodeURIComponent('液压')}`));
    await waitFor(() => expect(new URL(caseListCalls().at(-1) ?? '', 'http://localhost').searchParams.get('q')).toBe('液压'));
  });

  it('shows an empty state with a way out of the filters', async () => {
    fetchMock.mockImplementation(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://localhost');
      if (url.pathname === '/api/v1/auth/me') return json({ user: ME, csrfToken: 'csrf' });
      if (url.pathname.startsWith('/api/v1/me/preferences/')) return json({ key: 'x', value: null, updatedAt: null });
      return json({ items: [], total: 0, page: 1, pageSize: 25 });
    });
    renderAt('/cases?severity=CR');
    const empty = await screen.findByText('没有符合条件的案件');
    const clear = within(empty.closest('.ant-empty') as HTMLElement).getByRole('button', { name: '清除筛选' });
    fireEvent.click(clear);
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(''));
  });
});
