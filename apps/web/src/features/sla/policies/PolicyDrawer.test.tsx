import { type CalendarView, SlaPolicyBody, type SlaPolicyView } from '@closeloop/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Call, mockFetch, problem, renderWithApp } from '../../../testing/app.tsx';
import { PolicyDrawer } from './PolicyDrawer.tsx';

const CAL_ID = '66666666-6666-4666-8666-666666666666';
const POLICY_ID = '77777777-7777-4777-8777-777777777777';
const DAY = [{ start: '08:30', end: '17:30' }];
const CALENDAR: CalendarView = {
  id: CAL_ID,
  name: '总部日历',
  timeZone: 'Asia/Shanghai',
  week: [DAY, DAY, DAY, DAY, DAY, [], []],
  makeUpWindows: DAY,
  isDefault: true,
  years: [],
  version: 1,
};
const POLICY: SlaPolicyView = {
  id: POLICY_ID,
  name: '标准投诉',
  position: 1,
  isActive: true,
  conditions: { types: ['complaint'] },
  targets: { acknowledge: { amount: 4, unit: 'working_hours' } },
  calendarId: CAL_ID,
  pauseStatuses: ['on_hold'],
  warningPercent: 80,
  escalation: { warning: { notify: ['owner'] }, steps: [] },
  updatedAt: '2026-11-20T02:00:00.000Z',
  version: 5,
};

const writes = (calls: Call[]) => calls.filter((c) => c.method !== 'GET');

function open(policy: SlaPolicyView | null, answer?: (call: Call) => { status?: number; body?: unknown } | undefined) {
  const onClose = vi.fn();
  const calls = mockFetch((call) => {
    if (call.path === '/calendars') return { body: { items: [CALENDAR] } };
    if (call.method !== 'GET') return answer?.(call) ?? { status: 201, body: { ...POLICY, ...(call.body as object) } };
    return undefined;
  });
  renderWithApp(<PolicyDrawer policy={policy} onClose={onClose} />);
  return { calls, onClose, drawer: within(screen.getByRole('dialog')) };
}

/** Opens an antd select by its label and picks the option with this text. */
async function choose(label: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  const dropdowns = await waitFor(() => {
    const open = [...document.querySelectorAll<HTMLElement>('.ant-select-dropdown')].filter((d) => !d.className.includes('hidden'));
    expect(open.length).toBeGreaterThan(0);
    return open;
  });
  const item = await waitFor(() => {
    const found = dropdowns
      .flatMap((d) => [...d.querySelectorAll<HTMLElement>('.ant-select-item-option')])
      .find((o) => o.getAttribute('title') === option || o.textContent === option);
    expect(found).toBeTruthy();
    return found as HTMLElement;
  });
  fireEvent.click(item);
}

afterEach(() => vi.unstubAllGlobals());

describe('SLA policy editor', { timeout: 60_000 }, () => {
  it('shows field errors and sends nothing when the name and every target are missing', async () => {
    const { calls, drawer } = open(null);
    const user = userEvent.setup({ delay: null });
    // The default calendar is chosen for a new policy.
    await waitFor(() => expect(drawer.getByText('总部日历 (默认)')).toBeTruthy());
    await user.click(drawer.getByRole('button', { name: '保存' }));
    expect(await drawer.findByText('请输入策略名称')).toBeTruthy();
    fireEvent.change(drawer.getByLabelText('策略名称'), { target: { value: '空策略' } });
    await user.click(drawer.getByRole('button', { name: '保存' }));
    expect(await drawer.findByRole('alert')).toBeTruthy();
    expect(drawer.getByText('请至少设置一项时限目标')).toBeTruthy();
    expect(writes(calls)).toHaveLength(0);
  });

  it('builds a valid SlaPolicyBody from conditions, targets and the escalation ladder', async () => {
    const { calls, drawer, onClose } = open(null);
    const user = userEvent.setup({ delay: null });
    await waitFor(() => expect(drawer.getByText('总部日历 (默认)')).toBeTruthy());

    fireEvent.change(drawer.getByLabelText('策略名称'), { target: { value: ' 重点客户严重投诉 ' } });
    await choose('案件类型', '投诉');
    await choose('不合格严重性', 'CR 致命');
    await choose('客户等级', 'A 重点客户');
    const lines = drawer.getByLabelText('产品线');
    fireEvent.change(lines, { target: { value: '注塑机' } });
    fireEvent.keyDown(lines, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.change(drawer.getByLabelText('受理确认'), { target: { value: '4' } });
    fireEvent.change(drawer.getByLabelText('处理完成'), { target: { value: '5' } });
    await user.click(drawer.getByRole('button', { name: /添加升级步骤/ }));
    expect(await drawer.findByText('第 1 级')).toBeTruthy();
    await user.click(drawer.getByRole('button', { name: '保存' }));

    await waitFor(() => expect(writes(calls)).toHaveLength(1));
    const post = writes(calls)[0] as Call;
    expect(post.method).toBe('POST');
    expect(post.path).toBe('/sla/policies');
    expect(post.body).toEqual({
      name: '重点客户严重投诉',
      isActive: true,
      conditions: { types: ['complaint'], severities: ['CR'], tiers: ['A'], productLines: ['注塑机'] },
      targets: { acknowledge: { amount: 4, unit: 'working_hours' }, resolve: { amount: 5, unit: 'working_days' } },
      calendarId: CAL_ID,
      pauseStatuses: ['on_hold', 'awaiting_confirmation'],
      warningPercent: 75,
      escalation: {
        warning: { notify: ['owner'] },
        steps: [{ after: { amount: 0, unit: 'working_days' }, notify: ['owner', 'department_head'], raisePriority: false }],
      },
    });
    expect(SlaPolicyBody.safeParse(post.body).success).toBe(true);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('sends alternatives as conditions.anyOf and keeps them when a policy is edited', async () => {
    const urgent: SlaPolicyView = { ...POLICY, conditions: { types: ['complaint'], anyOf: { grades: ['urgent'], severities: ['CR'] } } };
    const { calls, drawer } = open(urgent, () => ({ body: urgent }));
    const user = userEvent.setup({ delay: null });
    expect(drawer.getByText('且至少满足其一')).toBeTruthy();
    await choose('客户等级（其一）', 'A 重点客户');
    await user.click(drawer.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(writes(calls)).toHaveLength(1));
    expect(((writes(calls)[0] as Call).body as { conditions: unknown }).conditions).toEqual({
      types: ['complaint'],
      anyOf: { severities: ['CR'], grades: ['urgent'], tiers: ['A'] },
    });
  });

  it('offers the home province and neighbouring provinces as regions of their own, next to the combined one', async () => {
    const { calls, drawer } = open(POLICY, () => ({ body: POLICY }));
    const user = userEvent.setup({ delay: null });
    await choose('客户区域', '本省');
    await choose('客户区域', '其他省份');
    for (const label of ['邻省', '本省及邻省', '国外']) expect(screen.getAllByTitle(label).length).toBeGreaterThan(0);
    await user.click(drawer.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(writes(calls)).toHaveLength(1));
    expect(((writes(calls)[0] as Call).body as { conditions: unknown }).conditions).toEqual({
      types: ['complaint'],
      regions: ['same_province', 'domestic'],
    });
  });

  it('edits with the version; a zero target is refused in the form and server field errors land on their fields', async () => {
    const { calls, drawer } = open(POLICY, (call) =>
      call.method === 'PATCH' ? problem(422, 'validation_failed', [{ field: 'name', message: '名称已被其他策略使用' }]) : undefined,
    );
    const user = userEvent.setup({ delay: null });
    expect((drawer.getByLabelText('策略名称') as HTMLInputElement).value).toBe('标准投诉');
    expect((drawer.getByLabelText('受理确认') as HTMLInputElement).value).toBe('4');

    fireEvent.change(drawer.getByLabelText('受理确认'), { target: { value: '0' } });
    await user.click(drawer.getByRole('button', { name: '保存' }));
    expect(await drawer.findByText('请输入大于 0 的数值')).toBeTruthy();
    expect(writes(calls)).toHaveLength(0);

    fireEvent.change(drawer.getByLabelText('受理确认'), { target: { value: '2' } });
    await user.click(drawer.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(writes(calls)).toHaveLength(1));
    expect(writes(calls)[0]).toMatchObject({
      method: 'PATCH',
      path: `/sla/policies/${POLICY_ID}`,
      body: { version: 5, name: '标准投诉', warningPercent: 80, targets: { acknowledge: { amount: 2, unit: 'working_hours' } } },
    });
    expect(await drawer.findByText('名称已被其他策略使用')).toBeTruthy();
  });
});
