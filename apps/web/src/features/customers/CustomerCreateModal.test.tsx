import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n/index.ts';
import { CustomerCreateModal } from './CustomerCreateModal.tsx';

configure({ asyncUtilTimeout: 8000 });

const CREATED = {
  id: '22222222-2222-4222-8222-222222222222',
  code: 'C000010',
  kind: 'company',
  name: '苏州精密机械有限公司',
  nameEn: null,
  country: 'CN',
  province: null,
  city: null,
  address: null,
  market: 'domestic',
  tier: 'C',
  notes: null,
  contacts: [],
  createdAt: '2026-11-02T08:00:00Z',
  updatedAt: '2026-11-02T08:00:00Z',
  version: 1,
};

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
  fetchMock = vi.fn(async () => new Response(JSON.stringify(CREATED), { status: 201, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

function renderModal(onCreated = vi.fn(), onClose = vi.fn()) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <AntApp>
          <CustomerCreateModal open onClose={onClose} onCreated={onCreated} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>,
  );
  return { onCreated, onClose };
}

describe('CustomerCreateModal', () => {
  it('requires the name, in Chinese, and sends nothing', async () => {
    const user = userEvent.setup();
    renderModal();
    await user.click(await screen.findByRole('button', { name: '建档' }));
    expect(await screen.findByText('请输入客户名称')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('rejects a country code that is not two letters', async () => {
    const user = userEvent.setup();
    renderModal();
    await user.type(await screen.findByLabelText('客户名称'), '苏州精密机械有限公司');
    const country = screen.getByLabelText('国家/地区代码');
    await user.clear(country);
    await user.type(country, 'C');
    await user.click(screen.getByRole('button', { name: '建档' }));
    expect(await screen.findByText('请输入两位字母的国家代码，例如 CN')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('posts the customer with its contact and leaves empty fields out', async () => {
    const user = userEvent.setup();
    const { onCreated, onClose } = renderModal();
    await user.type(await screen.findByLabelText('客户名称'), '  苏州精密机械有限公司 ');
    await user.type(screen.getByLabelText('城市'), '苏州');
    await user.type(screen.getByLabelText('联系人姓名'), '王工');
    await user.type(screen.getByLabelText('电话'), '13800138000');
    await user.click(screen.getByRole('button', { name: '建档' }));

    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/v1/customers');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({
      kind: 'company',
      name: '苏州精密机械有限公司',
      country: 'CN',
      city: '苏州',
      tier: 'C',
      contacts: [{ name: '王工', phone: '13800138000', isPrimary: true }],
    });
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ code: 'C000010' })));
    expect(onClose).toHaveBeenCalled();
  });

  it('drops an untouched contact row but asks for a name once the row has details', async () => {
    const user = userEvent.setup();
    renderModal();
    await user.type(await screen.findByLabelText('客户名称'), '宁波甬达橡胶制品厂');
    await user.type(screen.getByLabelText('电话'), '0574-1234567');
    await user.click(screen.getByRole('button', { name: '建档' }));
    expect(await screen.findByText('请输入联系人姓名')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText('电话'));
    await user.click(screen.getByRole('button', { name: '建档' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const body = JSON.parse(String((fetchMock.mock.calls[0] as [string, RequestInit])[1].body));
    expect(body.contacts).toEqual([]);
  });
});
