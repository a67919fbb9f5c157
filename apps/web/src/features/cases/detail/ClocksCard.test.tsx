import type { ClockView } from '@closeloop/domain';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithApp } from '../../../testing/app.tsx';
import { ClocksCard } from './ClocksCard.tsx';

const NOW = Date.parse('2026-11-23T06:00:00.000Z');
const POLICY_ID = '77777777-7777-4777-8777-777777777777';

const clock = (over: Partial<ClockView> & Pick<ClockView, 'kind' | 'state'>): ClockView => ({
  policyId: POLICY_ID,
  policyName: '标准投诉',
  target: { amount: 4, unit: 'working_hours' },
  startedAt: '2026-11-23T01:00:00.000Z',
  dueAt: null,
  warnAt: null,
  stoppedAt: null,
  pausedMs: 0,
  pausedSince: null,
  warnedAt: null,
  breachedAt: null,
  escalationLevel: 0,
  ...over,
});

const row = (kind: ClockView['kind']) => within(screen.getByTestId(`clock-${kind}`));
const stateTag = (kind: ClockView['kind']) => screen.getByTestId(`clock-${kind}`).querySelector('.ant-tag:last-of-type')?.textContent;

afterEach(() => vi.unstubAllGlobals());

describe('deadlines card', { timeout: 60_000 }, () => {
  it('shows running, warning, paused and breached clocks against a fixed now', () => {
    mockFetch(() => undefined);
    renderWithApp(
      <ClocksCard
        now={NOW}
        clocks={[
          // Listed out of order: the card shows them acknowledge → resolve.
          clock({
            kind: 'resolve',
            state: 'breached',
            target: { amount: 3, unit: 'working_days' },
            dueAt: '2026-11-22T04:00:00.000Z',
            warnAt: '2026-11-21T04:00:00.000Z',
            breachedAt: '2026-11-22T04:00:00.000Z',
            escalationLevel: 2,
          }),
          clock({ kind: 'acknowledge', state: 'running', dueAt: '2026-11-23T09:20:00.000Z', warnAt: '2026-11-23T08:20:00.000Z' }),
          clock({ kind: 'first_reply', state: 'running', dueAt: '2026-11-23T07:00:00.000Z', warnAt: '2026-11-23T05:00:00.000Z' }),
          clock({
            kind: 'on_site',
            state: 'paused',
            dueAt: '2026-11-24T09:00:00.000Z',
            pausedSince: '2026-11-23T04:00:00.000Z',
            pausedMs: 2 * 3600_000 + 5 * 60_000,
          }),
        ]}
      />,
    );
    expect(screen.getAllByTestId(/^clock-/).map((e) => e.dataset.state)).toEqual(['running', 'running', 'paused', 'breached']);

    // Running, warning time not reached.
    expect(stateTag('acknowledge')).toBe('计时中');
    expect(row('acknowledge').getByText('受理确认')).toBeTruthy();
    expect(row('acknowledge').getByText('剩余 3 小时 20 分')).toBeTruthy();
    expect(row('acknowledge').queryByText('即将到期')).toBeNull();
    expect(row('acknowledge').getByText('标准投诉 · 目标 4 工作小时')).toBeTruthy();

    // Running, past the warning time.
    expect(stateTag('first_reply')).toBe('计时中');
    expect(row('first_reply').getByText('即将到期')).toBeTruthy();
    expect(row('first_reply').getByText('剩余 1 小时')).toBeTruthy();

    // Paused: since when, and the total.
    expect(stateTag('on_site')).toBe('已暂停');
    expect(row('on_site').getByText(/起暂停，已 2 小时$/)).toBeTruthy();
    expect(row('on_site').getByText('累计暂停 2 小时 5 分')).toBeTruthy();
    expect(row('on_site').queryByText(/^剩余/)).toBeNull();

    // Breached and still counting.
    expect(stateTag('resolve')).toBe('已超期');
    expect(row('resolve').getByText('已超期 1 天 2 小时')).toBeTruthy();
    expect(row('resolve').getByText(/^超期于 /)).toBeTruthy();
    expect(row('resolve').getByText('已升级 2 级')).toBeTruthy();
  });

  it('shows met clocks, and one stopped after its due time as late', () => {
    mockFetch(() => undefined);
    renderWithApp(
      <ClocksCard
        now={NOW}
        clocks={[
          clock({ kind: 'acknowledge', state: 'met', dueAt: '2026-11-23T05:00:00.000Z', stoppedAt: '2026-11-23T02:30:00.000Z' }),
          clock({
            kind: 'first_reply',
            state: 'breached',
            dueAt: '2026-11-23T03:00:00.000Z',
            stoppedAt: '2026-11-23T04:30:00.000Z',
            breachedAt: '2026-11-23T03:00:00.000Z',
          }),
        ]}
      />,
    );
    expect(stateTag('acknowledge')).toBe('已达成');
    expect(row('acknowledge').getByText(/^已于 .+ 完成$/)).toBeTruthy();
    expect(row('acknowledge').queryByText(/剩余|超期/)).toBeNull();
    expect(stateTag('first_reply')).toBe('已超期');
    expect(row('first_reply').getByText(/完成，超期 1 小时 30 分$/)).toBeTruthy();
  });

  it('offers reset and arrival on site when allowed, and says when no policy applies', async () => {
    mockFetch(() => undefined);
    const onReset = vi.fn();
    const onArrived = vi.fn();
    const user = userEvent.setup({ delay: null });
    const { unmount } = renderWithApp(
      <ClocksCard
        now={NOW}
        clocks={[clock({ kind: 'on_site', state: 'running', dueAt: '2026-11-24T09:00:00.000Z' })]}
        awaitingArrival
        onReset={onReset}
        onArrived={onArrived}
      />,
    );
    await user.click(screen.getByRole('button', { name: /重置时限/ }));
    await user.click(screen.getByRole('button', { name: /已到达现场/ }));
    expect(onReset).toHaveBeenCalledOnce();
    expect(onArrived).toHaveBeenCalledOnce();
    unmount();

    renderWithApp(<ClocksCard now={NOW} clocks={[]} onReset={onReset} />);
    expect(screen.getByText('未适用时限策略')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /重置时限/ })).toBeNull();
  });
});
