import type { Permission, UserView } from '@closeloop/domain';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n/index.ts';
import { RequireSession } from '../auth/session.tsx';
import SettingsPage from './SettingsPage.tsx';

configure({ asyncUtilTimeout: 8000 });

const userWith = (permissions: Permission[]): UserView => ({
  id: '11111111-1111-4111-8111-111111111111',
  login: 'u',
  displayName: '用户',
  email: null,
  locale: 'zh-CN',
  departmentId: null,
  roles: [],
  permissions,
  isActive: true,
  away: false,
  awayUntil: null,
  createdAt: '2026-01-01T00:00:00Z',
  version: 1,
});
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

let me: UserView;
beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const path = new URL(String(input), 'http://localhost').pathname;
      if (path === '/api/v1/auth/me') return json({ user: me, csrfToken: 'csrf' });
      return json({ items: [] });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function Where() {
  return <span data-testid="where">{useLocation().pathname}</span>;
}

function renderAt(path: string) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <AntApp>
          <MemoryRouter initialEntries={[path]}>
            <RequireSession>
              <Routes>
                <Route path="settings/*" element={<SettingsPage />} />
              </Routes>
              <Where />
            </RequireSession>
          </MemoryRouter>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>,
  );
}

describe('SettingsPage', () => {
  it('shows only the tabs the user may see and opens the first', async () => {
    me = userWith(['cases:read', 'tokens:manage']);
    renderAt('/settings');
    expect(await screen.findByRole('tab', { name: 'API 令牌' })).toBeTruthy();
    expect(screen.queryByRole('tab', { name: '用户' })).toBeNull();
    expect(screen.queryByRole('tab', { name: '部门' })).toBeNull();
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/settings/tokens'));
  });

  it('lets users:read see users, departments and roles, without create buttons', async () => {
    me = userWith(['users:read']);
    renderAt('/settings/users');
    expect(await screen.findByRole('tab', { name: '用户' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: '部门' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: '角色与权限' })).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'API 令牌' })).toBeNull();
    expect(await screen.findByText('没有符合条件的用户')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /新建用户/ })).toBeNull();
  });

  it('shows the deadline, assignment, company and outbox tabs to sla:manage only', async () => {
    me = userWith(['cases:read', 'sla:manage']);
    renderAt('/settings');
    expect(await screen.findByRole('tab', { name: '工作日历' })).toBeTruthy();
    for (const name of ['时限策略', '分派规则', '公司设置', '消息发送记录']) expect(screen.getByRole('tab', { name })).toBeTruthy();
    expect(screen.queryByRole('tab', { name: '用户' })).toBeNull();
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/settings/calendars'));
    expect(await screen.findByText('还没有工作日历')).toBeTruthy();
  });

  it('hides them without sla:manage', async () => {
    me = userWith(['users:read']);
    renderAt('/settings/sla-policies');
    expect(await screen.findByText('您没有执行此操作的权限。')).toBeTruthy();
    expect(screen.queryByRole('tab', { name: '时限策略' })).toBeNull();
  });

  it('shows the approval matrix and warranty terms to approvals:manage only', async () => {
    me = userWith(['cases:read', 'approvals:manage']);
    renderAt('/settings');
    expect(await screen.findByRole('tab', { name: '核决权限' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: '三包条款' })).toBeTruthy();
    expect(screen.queryByRole('tab', { name: '工作日历' })).toBeNull();
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/settings/approval-matrix'));
    expect(await screen.findByText(/按金额分级审批/)).toBeTruthy();
  });

  it('hides them without approvals:manage', async () => {
    me = userWith(['cases:read', 'sla:manage']);
    renderAt('/settings/warranty-terms');
    expect(await screen.findByText('您没有执行此操作的权限。')).toBeTruthy();
    expect(screen.queryByRole('tab', { name: '三包条款' })).toBeNull();
  });
});
