import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Call, mockFetch, renderWithApp } from '../../../testing/app.tsx';
import { ROLES } from '../../../testing/fixtures.ts';
import type { ApprovalRule } from '../api.ts';
import { ApprovalMatrixTab, bandProblems, bandsOf } from './ApprovalMatrixTab.tsx';

const rule = (kind: ApprovalRule['kind'], minAmount: number, maxAmount: number | null, roleCode: string, n: number): ApprovalRule => ({
  id: `99999999-9999-4999-8999-00000000000${n}`,
  kind,
  minAmount,
  maxAmount,
  roleCode,
  version: 1,
});
const RULES = [
  rule('compensation', 0, 1000, 'manager', 1),
  rule('compensation', 1000, 5000, 'deputy_gm', 2),
  rule('compensation', 5000, null, 'gm', 3),
  rule('refund', 0, null, 'manager', 4),
];
const puts = (calls: Call[]) => calls.filter((c) => c.method === 'PUT');

afterEach(() => vi.unstubAllGlobals());

describe('approval matrix', { timeout: 60_000 }, () => {
  it('makes bands contiguous from 0 with the last one open-ended', () => {
    const rows = [
      { key: 1, maxAmount: 2000, roleCode: 'manager' },
      { key: 2, maxAmount: 20000, roleCode: 'deputy_gm' },
      { key: 3, maxAmount: 99, roleCode: 'gm' },
    ];
    expect(bandsOf('goodwill', rows)).toEqual([
      { kind: 'goodwill', minAmount: 0, maxAmount: 2000, roleCode: 'manager' },
      { kind: 'goodwill', minAmount: 2000, maxAmount: 20000, roleCode: 'deputy_gm' },
      { kind: 'goodwill', minAmount: 20000, maxAmount: null, roleCode: 'gm' },
    ]);
    expect(bandProblems(rows)).toEqual({});
    expect(
      bandProblems([
        { key: 1, maxAmount: 0, roleCode: 'manager' },
        { key: 2, maxAmount: null, roleCode: undefined },
      ]),
    ).toEqual({
      0: 'max',
      1: 'role',
    });
  });

  it('shows each kind’s bands with role names, and saves an added band as contiguous bands', async () => {
    const calls = mockFetch((c) => {
      if (c.path === '/approval-rules' && c.method === 'GET') return { body: { items: RULES } };
      if (c.path === '/roles') return { body: { items: ROLES } };
      if (c.method === 'PUT') return { body: { items: RULES } };
      return undefined;
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ApprovalMatrixTab />);
    const card = within(await screen.findByTestId('approval-compensation'));
    expect(await card.findByText('总经理')).toBeTruthy();
    expect(card.getByText('副总经理')).toBeTruthy();
    expect(card.getByText('不设上限')).toBeTruthy();
    // Goodwill has no bands yet: no approval needed.
    expect(within(screen.getByTestId('approval-goodwill')).getByText('尚未设置，此类支出无需审批')).toBeTruthy();

    // The open band gets a limit and a new open band follows it.
    await user.click(card.getByRole('button', { name: /添加一段/ }));
    const limit = card.getByLabelText('赔偿第 3 段上限');
    fireEvent.change(limit, { target: { value: '50000' } });
    fireEvent.blur(limit);
    await user.click(card.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(puts(calls)).toHaveLength(1));
    expect(puts(calls)[0]?.path).toBe('/approval-rules/compensation');
    expect(puts(calls)[0]?.body).toEqual({
      bands: [
        { kind: 'compensation', minAmount: 0, maxAmount: 1000, roleCode: 'manager' },
        { kind: 'compensation', minAmount: 1000, maxAmount: 5000, roleCode: 'deputy_gm' },
        { kind: 'compensation', minAmount: 5000, maxAmount: 50000, roleCode: 'gm' },
        { kind: 'compensation', minAmount: 50000, maxAmount: null, roleCode: 'gm' },
      ],
    });
  });

  it('refuses to save a band that ends where it starts, and removing a band keeps them contiguous', async () => {
    const calls = mockFetch((c) => {
      if (c.path === '/approval-rules' && c.method === 'GET') return { body: { items: RULES } };
      if (c.path === '/roles') return { body: { items: ROLES } };
      if (c.method === 'PUT') return { body: { items: RULES } };
      return undefined;
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ApprovalMatrixTab />);
    const card = within(await screen.findByTestId('approval-compensation'));
    const second = card.getByLabelText('赔偿第 2 段上限');
    fireEvent.change(second, { target: { value: '800' } });
    fireEvent.blur(second);
    await user.click(card.getByRole('button', { name: '保存' }));
    expect(await card.findByText('请为每段填写高于起点的上限并选择审批角色')).toBeTruthy();
    expect(puts(calls)).toHaveLength(0);

    await user.click(card.getByRole('button', { name: '删除赔偿第 2 段' }));
    await user.click(card.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(puts(calls)).toHaveLength(1));
    expect(puts(calls)[0]?.body).toEqual({
      bands: [
        { kind: 'compensation', minAmount: 0, maxAmount: 1000, roleCode: 'manager' },
        { kind: 'compensation', minAmount: 1000, maxAmount: null, roleCode: 'gm' },
      ],
    });
  });
});
