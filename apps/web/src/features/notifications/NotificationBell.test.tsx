import type { NotificationView } from '@closeloop/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Call, mockFetch, renderWithApp } from '../../testing/app.tsx';
import { CASE_ID } from '../../testing/fixtures.ts';
import { NotificationBell } from './NotificationBell.tsx';

const DUE = '2026-11-23T09:30:00.000Z';
const ITEMS: NotificationView[] = [
  {
    id: 11,
    kind: 'sla_warning',
    caseId: CASE_ID,
    params: { caseNumber: '2611-0007', caseTitle: '加热圈不升温', clock: 'acknowledge', dueAt: DUE },
    createdAt: '2026-11-23T08:00:00.000Z',
    readAt: null,
  },
  {
    id: 10,
    kind: 'case_assigned',
    caseId: CASE_ID,
    params: { caseNumber: '2611-0007', actorName: '李强' },
    createdAt: '2026-11-23T07:00:00.000Z',
    readAt: '2026-11-23T07:30:00.000Z',
  },
];

let unread = 3;
let read = new Set<number>();
const reads = (calls: Call[]) => calls.filter((c) => c.method === 'POST' && c.path === '/me/notifications/read');

function setup() {
  unread = 3;
  read = new Set();
  return mockFetch((call) => {
    if (call.method === 'GET' && call.path === '/me/notifications') {
      const items = ITEMS.map((n) => (read.has(n.id) ? { ...n, readAt: n.readAt ?? '2026-11-23T08:30:00.000Z' } : n));
      return { body: { items, page: 1, pageSize: 10, total: 2, unread } };
    }
    if (reads([call]).length) {
      const body = call.body as { ids?: number[]; all?: true };
      for (const id of body.ids ?? ITEMS.map((n) => n.id)) read.add(id);
      unread = body.all ? 0 : unread - 1;
      return { body: { unread } };
    }
    return undefined;
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('notification bell', { timeout: 60_000 }, () => {
  it('shows the unread count and the latest notifications in the reader’s language', async () => {
    const calls = setup();
    const user = userEvent.setup({ delay: null });
    renderWithApp(<NotificationBell />);
    const bell = await screen.findByRole('button', { name: '通知，3 条未读' });
    expect(bell.querySelector('.ant-badge-count')?.getAttribute('title')).toBe('3');
    expect(calls[0]?.query.get('pageSize')).toBe('10');

    await user.click(bell);
    const list = await screen.findByRole('list', { name: '通知' });
    const due = dayjs(DUE).format('MM-DD HH:mm');
    expect(within(list).getByText(`案件 2611-0007 受理确认即将到期 · ${due}`)).toBeTruthy();
    expect(within(list).getByText('李强 将案件 2611-0007 指派给您')).toBeTruthy();
    expect(within(list).getByText('时限预警')).toBeTruthy();
    expect(within(list).getByRole('button', { name: /^未读：案件 2611-0007 受理确认即将到期/ })).toBeTruthy();
  });

  it('marks a notification read when it is opened and goes to the case', async () => {
    const calls = setup();
    const user = userEvent.setup({ delay: null });
    renderWithApp(<NotificationBell />);
    await user.click(await screen.findByRole('button', { name: '通知，3 条未读' }));
    await user.click(await screen.findByRole('button', { name: /^未读：案件 2611-0007/ }));
    await waitFor(() => expect(reads(calls)).toHaveLength(1));
    expect(reads(calls)[0]?.body).toEqual({ ids: [11] });
    // The case page replaces the test's page (the real header keeps the bell).
    expect(await screen.findByTestId('case-page')).toBeTruthy();
  });

  it('marks all read', async () => {
    const calls = setup();
    const user = userEvent.setup({ delay: null });
    renderWithApp(<NotificationBell />);
    await user.click(await screen.findByRole('button', { name: '通知，3 条未读' }));
    await user.click(await screen.findByRole('button', { name: '全部标为已读' }));
    await waitFor(() => expect(reads(calls)).toHaveLength(1));
    expect(reads(calls)[0]?.body).toEqual({ all: true });
    expect(await screen.findByRole('button', { name: '通知' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^未读：/ })).toBeNull();
  });
});
