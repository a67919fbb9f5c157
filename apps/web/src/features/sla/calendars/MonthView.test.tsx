import type { CalendarDayView, CalendarView } from '@closeloop/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Call, mockFetch, renderWithApp } from '../../../testing/app.tsx';
import { MonthView } from './MonthView.tsx';

const CAL_ID = '66666666-6666-4666-8666-666666666666';
const DAY = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
];
const CALENDAR: CalendarView = {
  id: CAL_ID,
  name: '总部日历',
  timeZone: 'Asia/Shanghai',
  week: [DAY, DAY, DAY, DAY, DAY, [], []],
  makeUpWindows: DAY,
  isDefault: true,
  years: [{ year: 2026, off: 1, working: 1 }],
  version: 3,
};
// 2026-10-01 is a Thursday, 2026-10-10 a Saturday.
const DAYS: CalendarDayView[] = [
  { date: '2026-10-01', kind: 'off', name: '国庆节', source: 'builtin' },
  { date: '2026-10-10', kind: 'working', name: '国庆节调休', source: 'import' },
];

const cell = (date: string) => document.querySelector(`td[data-date="${date}"]`) as HTMLElement;
const writes = (calls: Call[]) => calls.filter((c) => c.method !== 'GET');

function setup() {
  const calls = mockFetch((call) => {
    if (call.method === 'GET' && call.path === `/calendars/${CAL_ID}/days`) return { body: { items: DAYS } };
    if (call.method === 'PUT' && call.path.startsWith(`/calendars/${CAL_ID}/days/`)) {
      return { body: { date: call.path.split('/').at(-1), ...(call.body as object), source: 'manual' } };
    }
    if (call.method === 'DELETE') return { status: 204 };
    return undefined;
  });
  renderWithApp(<MonthView calendar={CALENDAR} month="2026-10" onMonthChange={vi.fn()} canEdit />);
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('calendar month view', { timeout: 60_000 }, () => {
  it('marks a public holiday (休) and a make-up workday (班) with their names, and weekends in grey', async () => {
    const calls = setup();
    await waitFor(() => expect(cell('2026-10-01').dataset.kind).toBe('off'));
    expect(calls.find((c) => c.path.endsWith('/days'))?.query.get('from')).toBe('2026-01-01');
    expect(within(cell('2026-10-01')).getByText('休')).toBeTruthy();
    expect(within(cell('2026-10-01')).getByText('国庆节')).toBeTruthy();

    expect(cell('2026-10-10').dataset.kind).toBe('working');
    expect(within(cell('2026-10-10')).getByText('班')).toBeTruthy();
    expect(within(cell('2026-10-10')).getByText('国庆节调休')).toBeTruthy();

    expect(cell('2026-10-11').dataset.kind).toBe('rest');
    expect(cell('2026-10-12').dataset.kind).toBe('workday');
    expect(within(cell('2026-10-12')).queryByText('休')).toBeNull();
    // The grid starts on the Monday before the 1st.
    expect(document.querySelector('tbody td')?.getAttribute('data-date')).toBe('2026-09-28');
  });

  it('makes a workday a named day off with PUT', async () => {
    const calls = setup();
    const user = userEvent.setup({ delay: null });
    await waitFor(() => expect(cell('2026-10-01').dataset.kind).toBe('off'));
    await user.click(screen.getByRole('button', { name: /^10月8日 星期四/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('设置 10月8日 星期四')).toBeTruthy();
    // A workday suggests a day off.
    expect((within(dialog).getByRole('radio', { name: '休息日' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: ' 停电检修 ' } });
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(writes(calls)).toHaveLength(1));
    expect(writes(calls)[0]).toMatchObject({
      method: 'PUT',
      path: `/calendars/${CAL_ID}/days/2026-10-08`,
      body: { kind: 'off', name: '停电检修' },
    });
  });

  it('makes a weekend day a working day and returns a holiday to the normal week', async () => {
    const calls = setup();
    const user = userEvent.setup({ delay: null });
    await waitFor(() => expect(cell('2026-10-01').dataset.kind).toBe('off'));

    await user.click(screen.getByRole('button', { name: /^10月17日 星期六/ }));
    let dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByRole('radio', { name: '上班日' }) as HTMLInputElement).checked).toBe(true);
    expect(within(dialog).getByText('按调休上班时间：08:30–12:00、13:30–17:30')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(writes(calls)).toHaveLength(1));
    expect(writes(calls)[0]).toMatchObject({ method: 'PUT', path: `/calendars/${CAL_ID}/days/2026-10-17`, body: { kind: 'working' } });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(screen.getByRole('button', { name: /^10月1日 星期四/ }));
    dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('当前为休息日：国庆节')).toBeTruthy();
    await user.click(within(dialog).getByRole('radio', { name: '按正常作息' }));
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(writes(calls)).toHaveLength(2));
    expect(writes(calls)[1]).toMatchObject({ method: 'DELETE', path: `/calendars/${CAL_ID}/days/2026-10-01` });
  });
});
