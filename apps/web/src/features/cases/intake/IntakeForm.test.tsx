import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Call, type Handler, mockFetch, problem, renderWithApp } from '../../../testing/app.tsx';
import { CUSTOMER_ID, caseFixture, PRODUCT_ID, UNIT_ID, USER_ID } from '../../../testing/fixtures.ts';
import { IntakeForm } from './IntakeForm.tsx';

const me = { id: USER_ID, displayName: '李强' };

const unit = {
  id: UNIT_ID,
  serial: 'SN2503-0001',
  productId: PRODUCT_ID,
  productModel: 'HX-200',
  customerId: CUSTOMER_ID,
  customerName: '苏州精密机械有限公司',
  batch: 'B2503',
  shipDate: '2025-03-01',
  installDate: null,
  warrantyEnd: '2026-03-01',
  isUnderWarranty: false,
  version: 1,
};
const customer = {
  id: CUSTOMER_ID,
  code: 'C000001',
  kind: 'company',
  name: '苏州精密机械有限公司',
  nameEn: null,
  country: 'CN',
  province: '江苏',
  city: '苏州',
  address: null,
  market: 'domestic',
  tier: 'A',
  notes: null,
  contacts: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};
const product = {
  id: PRODUCT_ID,
  model: 'HX-200',
  name: '伺服注塑机',
  nameEn: null,
  category: '注塑机',
  productLine: null,
  warrantyMonths: 12,
  isActive: true,
  version: 1,
};
const page = (items: unknown[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

/** The archive lookups the form makes; `onCreate` answers `POST /cases`. */
const archive =
  (onCreate?: (call: Call) => { status?: number; body?: unknown }): Handler =>
  (call) => {
    if (call.path === '/users') return { body: { items: [] } };
    if (call.path === '/customers') return { body: page([customer]) };
    if (call.path === `/customers/${CUSTOMER_ID}`) return { body: customer };
    if (call.path === '/products') return { body: page([product]) };
    if (call.path === `/products/${PRODUCT_ID}`) return { body: product };
    if (call.path === '/units') return { body: page(call.query.get('serial')?.toUpperCase() === unit.serial ? [unit] : []) };
    if (call.path === '/cases' && call.method === 'GET') return { body: page([]) };
    if (call.path === '/cases' && call.method === 'POST' && onCreate) return onCreate(call);
    return undefined;
  };

/** The Form.Item around a labelled control, where its messages appear. */
const itemOf = (label: string) => screen.getByLabelText(label, { exact: true }).closest('.ant-form-item') as HTMLElement;

const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

async function typeSerial() {
  fill('序列号', 'sn2503-0001');
  await screen.findByText('过保（2026-03-01 到期）', {}, { timeout: 3000 });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('intake form', { timeout: 60_000 }, () => {
  it('shows the required-field messages in Chinese next to their fields', async () => {
    mockFetch(archive());
    const user = userEvent.setup({ delay: null });
    renderWithApp(<IntakeForm me={me} />);
    await user.click(screen.getByRole('button', { name: '登记' }));
    // antd validates each field asynchronously: wait for every message, not only the first.
    const wait = { timeout: 5000 };
    expect(await within(itemOf('标题')).findByText('请输入标题', {}, wait)).toBeTruthy();
    expect(await within(itemOf('问题现象')).findByText('请描述问题现象', {}, wait)).toBeTruthy();
    expect(await within(itemOf('客户')).findByText('请选择客户，或点击“新建客户”', {}, wait)).toBeTruthy();
  });

  it('disables the defective quantity while it is not yet known', async () => {
    mockFetch(archive());
    const user = userEvent.setup({ delay: null });
    renderWithApp(<IntakeForm me={me} />);
    const quantity = screen.getByLabelText('不良数量') as HTMLInputElement;
    await user.type(quantity, '5');
    expect(quantity.disabled).toBe(false);
    await user.click(screen.getByLabelText('数量未确定（客户加工中）'));
    await waitFor(() => expect(quantity.disabled).toBe(true));
    expect(quantity.value).toBe('');
  });

  it('fills product, batch, customer and warranty from a known serial number', async () => {
    const calls = mockFetch(archive());
    renderWithApp(<IntakeForm me={me} />);
    await typeSerial();
    expect(calls.some((c) => c.path === '/units' && c.query.get('serial') === 'sn2503-0001')).toBe(true);
    await waitFor(() => expect((screen.getByLabelText('批号') as HTMLInputElement).value).toBe('B2503'));
    expect((await within(itemOf('产品')).findAllByText('HX-200 伺服注塑机')).length).toBeGreaterThan(0);
    expect((await within(itemOf('客户')).findAllByText('苏州精密机械有限公司')).length).toBeGreaterThan(0);
    expect(screen.getByText('2025-03-01')).toBeTruthy();
  });

  it('shows a server field error next to its field', async () => {
    mockFetch(archive(() => problem(400, 'validation_failed', [{ field: 'title', message: '标题与已有案件重复' }])));
    const user = userEvent.setup({ delay: null });
    renderWithApp(<IntakeForm me={me} />);
    await typeSerial();
    fill('标题', '加热圈不升温');
    fill('问题现象', '温度升不上去');
    await user.click(screen.getByRole('button', { name: '登记' }));
    expect(await within(itemOf('标题')).findByText('标题与已有案件重复')).toBeTruthy();
  });

  it('submits with one Idempotency-Key per form and the customer demands', async () => {
    let attempts = 0;
    const calls = mockFetch(
      archive(() => {
        attempts += 1;
        return attempts === 1
          ? { status: 503, body: { code: 'internal', title: 'busy', status: 503 } }
          : { status: 201, body: caseFixture({ number: '2611-0008' }) };
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderWithApp(<IntakeForm me={me} />);
    await typeSerial();
    fill('标题', '加热圈不升温');
    fill('问题现象', '温度升不上去');
    await user.click(screen.getByRole('checkbox', { name: '维修' }));
    await user.click(screen.getByRole('checkbox', { name: '更换' }));
    await user.click(screen.getByRole('button', { name: '登记' }));
    await waitFor(() => expect(attempts).toBe(1));
    // The retry after a failed answer (or a double click) sends the same key.
    fireEvent.keyDown(screen.getByLabelText('标题'), { key: 'Enter', ctrlKey: true });
    expect(await screen.findByTestId('case-page')).toBeTruthy();

    const posts = calls.filter((c) => c.path === '/cases' && c.method === 'POST');
    expect(posts).toHaveLength(2);
    const key = posts[0]?.headers['idempotency-key'];
    expect(key).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(posts[1]?.headers['idempotency-key']).toBe(key);
    expect(posts[1]?.body).toMatchObject({
      type: 'complaint',
      channel: 'phone',
      title: '加热圈不升温',
      description: '温度升不上去',
      customerId: CUSTOMER_ID,
      productId: PRODUCT_ID,
      unitId: UNIT_ID,
      serialNo: 'sn2503-0001',
      batchNo: 'B2503',
      customerDemands: ['repair', 'replace'],
      receivedById: USER_ID,
      quantityDefectiveUndetermined: false,
    });
  });
});
