import type { UserView } from '@closeloop/domain';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n/index.ts';
import { RequireSession } from '../auth/session.tsx';
import { TokensTab } from './TokensTab.tsx';

configure({ asyncUtilTimeout: 8000 });

const ME: UserView = {
  id: '11111111-1111-4111-8111-111111111111',
  login: 'zhaomin',
  displayName: '赵敏',
  email: null,
  locale: 'zh-CN',
  departmentId: null,
  roles: ['agent'],
  permissions: ['cases:read', 'customers:read', 'tokens:manage'],
  isActive: true,
  away: false,
  awayUntil: null,
  createdAt: '2026-01-01T00:00:00Z',
  version: 1,
};
const SECRET = 'clp_abc123SECRETsecretSECRET';
const TOKEN = {
  id: '44444444-4444-4444-8444-444444444444',
  name: '官网表单',
  prefix: 'clp_abc123',
  scopes: ['cases:read'],
  createdAt: '2026-11-20T08:00:00Z',
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
let fetchMock: ReturnType<typeof vi.fn>;
let tokens: unknown[];

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
  tokens = [];
  fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input), 'http://localhost').pathname;
    if (path === '/api/v1/auth/me') return json({ user: ME, csrfToken: 'csrf' });
    if (path === '/api/v1/api-tokens' && init?.method === 'POST') {
      tokens = [TOKEN];
      return json({ ...TOKEN, token: SECRET }, 201);
    }
    if (path === '/api/v1/api-tokens') return json({ items: tokens });
    return json({ type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found' }, 404);
  });
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

function renderTab() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <AntApp>
          <MemoryRouter>
            <RequireSession>
              <TokensTab />
            </RequireSession>
          </MemoryRouter>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>,
  );
}

describe('TokensTab', () => {
  it('offers only the permissions the user holds as scopes', async () => {
    const user = userEvent.setup();
    renderTab();
    await screen.findByText('您还没有 API 令牌');
    await user.click(screen.getByRole('button', { name: /新建令牌/ }));
    const dialog = await screen.findByRole('dialog');
    const group = within(dialog).getByRole('group', { name: '权限范围' });
    const offered = within(group)
      .getAllByRole('checkbox')
      .map((c) => (c as HTMLInputElement).value);
    expect(offered).toEqual(['cases:read', 'customers:read', 'tokens:manage']);
    expect(within(dialog).getByText('查看案件')).toBeTruthy();
    expect(within(dialog).queryByText('登记案件')).toBeNull();
    expect(within(dialog).queryByText('管理用户')).toBeNull();
  });

  it('asks for a name and a scope, then shows the secret once', async () => {
    const user = userEvent.setup();
    renderTab();
    await user.click(await screen.findByRole('button', { name: /新建令牌/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: /新建令牌/ }));
    expect(await within(dialog).findByText('请输入令牌名称')).toBeTruthy();
    expect(await within(dialog).findByText('请至少选择一项权限')).toBeTruthy();

    await user.type(within(dialog).getByLabelText('名称'), '官网表单');
    await user.click(within(dialog).getByRole('checkbox', { name: /查看案件/ }));
    await user.click(within(dialog).getByRole('button', { name: /新建令牌/ }));

    await waitFor(() => expect(fetchMock.mock.calls.some(([, init]) => (init as RequestInit | undefined)?.method === 'POST')).toBe(true));
    const post = fetchMock.mock.calls.find(([, init]) => (init as RequestInit | undefined)?.method === 'POST') as [string, RequestInit];
    expect(JSON.parse(String(post[1].body))).toEqual({ name: '官网表单', scopes: ['cases:read'] });

    // The secret appears once, with a warning and a copy button.
    expect(((await screen.findByTestId('token-secret')) as HTMLInputElement).value).toBe(SECRET);
    expect(screen.getByText(/令牌只显示这一次/)).toBeTruthy();
    expect(screen.getByRole('button', { name: /复制令牌/ })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '我已妥善保存' }));
    await waitFor(() => expect(screen.queryByTestId('token-secret')).toBeNull());
    // The list shows the prefix only; the secret is nowhere on the page.
    expect(await screen.findByText('官网表单')).toBeTruthy();
    expect(screen.getByText('clp_abc123…')).toBeTruthy();
    expect(screen.queryByDisplayValue(SECRET)).toBeNull();
    expect(document.body.innerHTML).not.toContain(SECRET);
  });
});
