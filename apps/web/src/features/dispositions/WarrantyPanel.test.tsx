import type { CaseWarrantyView } from '@closeloop/domain';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n/index.ts';
import { type Call, mockFetch, problem, renderWithApp } from '../../testing/app.tsx';
import { type WarrantyInputs, WarrantyPanel } from './WarrantyPanel.tsx';

const EVALUATION: CaseWarrantyView = {
  covered: true,
  entitlements: ['refund', 'exchange', 'repair'],
  daysSinceSale: 180,
  nominalWarrantyEnd: '2026-01-02',
  warrantyEnd: '2026-01-17',
  extensionDays: 15,
  sameFaultRepairs: 2,
  currentRepairDays: null,
  refund: { price: 38000, depreciation: 6270, amount: 31730, daysOfUse: 165 },
  saleDate: '2025-01-02',
  category: '封口机',
  lines: [
    {
      rule: 'repair_extension',
      applies: true,
      zh: '维修占用 15 天，三包期顺延至 2026-01-17',
      en: '15 days in repair extend the warranty to 2026-01-17',
    },
    { rule: 'return_window', applies: false, zh: '售出第 180 天，已过 7 日退货期', en: 'Day 180 after sale: past the 7-day return window' },
    { rule: 'in_warranty', applies: true, zh: '在三包有效期内：免费修理', en: 'Within the warranty: free repair' },
    {
      rule: 'same_fault_twice',
      applies: true,
      zh: '同一故障已修理 2 次：可换货或退货',
      en: 'The same fault was repaired twice: exchange or refund',
    },
  ],
};

const warrantyCalls = (calls: Call[]) => calls.filter((c) => c.path === '/cases/2611-0007/warranty');

function Panel() {
  const [v, setV] = useState<WarrantyInputs>({});
  return <WarrantyPanel caseKey="2611-0007" value={v} onChange={setV} />;
}

afterEach(() => {
  vi.unstubAllGlobals();
  void i18n.changeLanguage('zh-CN');
});

describe('warranty panel', { timeout: 60_000 }, () => {
  it('shows the entitlements and the reasoning line by line, ✓ where a rule applies and a dash where not', async () => {
    mockFetch((c) => (c.path.endsWith('/warranty') ? { body: EVALUATION } : undefined));
    renderWithApp(<Panel />);
    const lines = within(await screen.findByRole('list', { name: '判定依据' }));
    const items = lines.getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      '✓维修占用 15 天，三包期顺延至 2026-01-17',
      '–售出第 180 天，已过 7 日退货期',
      '✓在三包有效期内：免费修理',
      '✓同一故障已修理 2 次：可换货或退货',
    ]);
    expect(lines.getAllByRole('img', { name: '适用' })).toHaveLength(3);
    expect(lines.getAllByRole('img', { name: '不适用' })).toHaveLength(1);
    expect(screen.getByText('在三包范围内')).toBeTruthy();
    expect(screen.getByText('退货（扣除折旧）')).toBeTruthy();
    expect(screen.getByText('换货')).toBeTruthy();
    expect(screen.getByText('免费修理')).toBeTruthy();
    expect(screen.getByText('2026-01-17（因维修顺延 15 天，原 2026-01-02）')).toBeTruthy();
    expect(screen.getByText('¥31,730.00（价格 ¥38,000.00，扣折旧 ¥6,270.00）')).toBeTruthy();
  });

  it('speaks English to an English user', async () => {
    mockFetch((c) => (c.path.endsWith('/warranty') ? { body: EVALUATION } : undefined));
    renderWithApp(<Panel />);
    await act(() => i18n.changeLanguage('en-US'));
    const lines = within(await screen.findByRole('list', { name: 'Reasoning' }));
    expect(lines.getAllByRole('listitem')[1]?.textContent).toBe('–Day 180 after sale: past the 7-day return window');
    expect(screen.getByText('Covered by warranty')).toBeTruthy();
  });

  it('asks again with the fault code, exclusion and price', async () => {
    const calls = mockFetch((c) => (c.path.endsWith('/warranty') ? { body: EVALUATION } : undefined));
    renderWithApp(<Panel />);
    await screen.findByRole('list', { name: '判定依据' });
    fireEvent.change(screen.getByLabelText('故障代码'), { target: { value: ' E-23 ' } });
    fireEvent.change(screen.getByLabelText('购买价格'), { target: { value: '38000' } });
    await waitFor(() => {
      const q = warrantyCalls(calls).at(-1)?.query;
      expect(q?.get('faultCode')).toBe('E-23');
      expect(q?.get('price')).toBe('38000');
    });
  });

  it('says the case needs a product first', async () => {
    mockFetch((c) =>
      c.path.endsWith('/warranty')
        ? problem(422, 'guard_failed', [{ field: 'productId', message: 'set the product or unit first' }])
        : undefined,
    );
    renderWithApp(<Panel />);
    expect(await screen.findByText(/案件尚未关联产品或设备/)).toBeTruthy();
  });
});
