import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../calendar/arithmetic.ts';
import { parseHolidayCnJson } from '../calendar/import.ts';
import { type ClockEvent, type ClockPolicy, clockEventsOf, computeClocks, type TimelineEvent } from './clocks.ts';

const data = (year: number) => fs.readFileSync(new URL(`../calendar/holidays/holidays-cn-${year}.json`, import.meta.url), 'utf8');
const calendar = compileCalendar({
  timeZone: 'Asia/Shanghai',
  overrides: [...parseHolidayCnJson(data(2025)).overrides, ...parseHolidayCnJson(data(2026)).overrides],
});
/** Shanghai wall time → instant. */
const sh = (s: string) => new Date(`${s}+08:00`);

const policy: ClockPolicy = {
  targets: {
    acknowledge: { amount: 1, unit: 'working_days' },
    first_reply: { amount: 4, unit: 'working_hours' },
    on_site: { amount: 48, unit: 'calendar_hours' },
    resolve: { amount: 13, unit: 'calendar_days' },
  },
  pauseStatuses: ['on_hold', 'awaiting_confirmation'],
  warningPercent: 75,
};

const run = (events: ClockEvent[], now: string, options: { visitRequired?: boolean; receivedAt?: string; p?: ClockPolicy } = {}) =>
  Object.fromEntries(
    computeClocks({
      receivedAt: sh(options.receivedAt ?? '2025-09-30T10:00:00'),
      initialStatus: 'new',
      visitRequired: options.visitRequired ?? false,
      events,
      policy: options.p ?? policy,
      calendar,
      now: sh(now),
    }).map((c) => [c.kind, c]),
  );

describe('computeClocks', () => {
  it('counts working days across the National Day holiday to the make-up Saturday', () => {
    const c = run([], '2025-10-02T09:00:00', { p: { ...policy, targets: { resolve: { amount: 3, unit: 'working_days' } } } });
    expect(c.resolve?.dueAt).toEqual(sh('2025-10-11T17:30:00'));
    expect(c.resolve?.state).toBe('running');
  });

  it('acknowledgement within one working day: due at the end of the next working day; met when acknowledged', () => {
    const received = '2025-09-26T16:00:00'; // Friday; Sunday 28th is a make-up workday
    const open = run([], '2025-09-26T16:30:00', { receivedAt: received });
    expect(open.acknowledge?.dueAt).toEqual(sh('2025-09-28T17:30:00'));
    expect(open.acknowledge?.state).toBe('running');
    const done = run([{ at: sh('2025-09-28T09:00:00'), kind: 'status', to: 'acknowledged' }], '2025-09-29T09:00:00', {
      receivedAt: received,
    });
    expect(done.acknowledge?.state).toBe('met');
    expect(done.acknowledge?.stoppedAt).toEqual(sh('2025-09-28T09:00:00'));
  });

  it('working hours skip lunch, nights and holidays; the warning comes at 75 %', () => {
    const c = run([], '2025-09-30T10:05:00');
    // 4 working hours from Tue 30 Sep 10:00: 10:00–12:00 (2 h), 13:30–15:30 (2 h).
    expect(c.first_reply?.dueAt).toEqual(sh('2025-09-30T15:30:00'));
    // 3 h: 10:00–12:00, 13:30–14:30.
    expect(c.first_reply?.warnAt).toEqual(sh('2025-09-30T14:30:00'));
  });

  it('a breach stays a breach when the work is done late', () => {
    const c = run(
      [
        { at: sh('2025-09-30T11:00:00'), kind: 'status', to: 'acknowledged' },
        { at: sh('2025-10-09T09:00:00'), kind: 'customer_reply' },
      ],
      '2025-10-10T09:00:00',
    );
    expect(c.first_reply?.state).toBe('breached');
    expect(c.first_reply?.stoppedAt).toEqual(sh('2025-10-09T09:00:00'));
    const running = run([], '2025-09-30T16:00:00');
    expect(running.first_reply?.state).toBe('breached');
    expect(running.first_reply?.stoppedAt).toBeNull();
  });

  it('pauses while on hold and moves the due time by the paused stretch', () => {
    const events: ClockEvent[] = [
      { at: sh('2025-09-30T10:30:00'), kind: 'status', to: 'acknowledged' },
      { at: sh('2025-10-01T00:00:00'), kind: 'status', to: 'on_hold' },
    ];
    const paused = run(events, '2025-10-03T00:00:00');
    expect(paused.resolve?.state).toBe('paused');
    expect(paused.resolve?.pausedSince).toEqual(sh('2025-10-01T00:00:00'));
    expect(paused.resolve?.pausedMs).toBe(2 * 24 * 3_600_000);
    expect(paused.resolve?.dueAt).toBeNull();
    const resumed = run([...events, { at: sh('2025-10-03T00:00:00'), kind: 'status', to: 'acknowledged' }], '2025-10-04T00:00:00');
    expect(resumed.resolve?.state).toBe('running');
    // 13 days from 30 Sep 10:00 = 13 Oct 10:00, plus two paused days.
    expect(resumed.resolve?.dueAt).toEqual(sh('2025-10-15T10:00:00'));
    expect(resumed.resolve?.pausedMs).toBe(2 * 24 * 3_600_000);
  });

  it('on-site runs only while a visit is required, from the moment it is', () => {
    expect(run([], '2025-09-30T12:00:00').on_site).toBeUndefined();
    const c = run([{ at: sh('2025-10-01T08:00:00'), kind: 'visit_required', required: true }], '2025-10-01T09:00:00');
    expect(c.on_site?.startedAt).toEqual(sh('2025-10-01T08:00:00'));
    expect(c.on_site?.dueAt).toEqual(sh('2025-10-03T08:00:00'));
    const arrived = run(
      [
        { at: sh('2025-10-01T08:00:00'), kind: 'visit_required', required: true },
        { at: sh('2025-10-02T15:00:00'), kind: 'site_arrival' },
      ],
      '2025-10-05T09:00:00',
    );
    expect(arrived.on_site?.state).toBe('met');
    const cancelled = run(
      [
        { at: sh('2025-10-01T08:00:00'), kind: 'visit_required', required: true },
        { at: sh('2025-10-01T09:00:00'), kind: 'visit_required', required: false },
      ],
      '2025-10-05T09:00:00',
    );
    expect(cancelled.on_site).toBeUndefined();
  });

  it('closing stops every clock; a reset restarts the named clocks from its moment', () => {
    const closed = run([{ at: sh('2025-10-09T10:00:00'), kind: 'status', to: 'closed' }], '2025-12-01T00:00:00', { visitRequired: true });
    expect(Object.values(closed).every((c) => c.stoppedAt?.getTime() === sh('2025-10-09T10:00:00').getTime())).toBe(true);
    expect(closed.resolve?.state).toBe('met');
    expect(closed.on_site?.state).toBe('breached');

    const reset = run([{ at: sh('2025-10-09T10:00:00'), kind: 'reset', clocks: ['resolve'] }], '2025-10-09T11:00:00');
    expect(reset.resolve?.startedAt).toEqual(sh('2025-10-09T10:00:00'));
    expect(reset.resolve?.dueAt).toEqual(sh('2025-10-22T10:00:00'));
    expect(reset.first_reply?.startedAt).toEqual(sh('2025-09-30T10:00:00'));
  });

  it('is deterministic and ignores events after now', () => {
    const events: ClockEvent[] = [{ at: sh('2025-10-20T10:00:00'), kind: 'status', to: 'closed' }];
    const a = run(events, '2025-10-09T10:00:00');
    const b = run(events, '2025-10-09T10:00:00');
    expect(a).toEqual(b);
    expect(a.resolve?.stoppedAt).toBeNull();
  });
});

describe('clockEventsOf', () => {
  const at = (s: string) => ({ at: sh(s), visibility: null, changes: [] });
  it('reads the events that move clocks from a typed timeline, in time order', () => {
    const timeline: TimelineEvent[] = [
      { ...at('2025-10-01T09:00:00'), kind: 'created', data: { number: '2510-0001' } },
      { ...at('2025-10-01T10:00:00'), kind: 'transition', data: { action: 'acknowledge', from: 'new', to: 'acknowledged' } },
      { ...at('2025-10-01T11:00:00'), kind: 'commented', data: null },
      { ...at('2025-10-01T12:00:00'), kind: 'commented', visibility: 'customer', data: null },
      {
        ...at('2025-10-01T13:00:00'),
        kind: 'updated',
        data: null,
        changes: [
          { field: 'title', from: 'a', to: 'b' },
          { field: 'visitRequired', from: false, to: true },
        ],
      },
      // Recorded later than the arrival it reports: the arrival's own time counts.
      { ...at('2025-10-02T18:00:00'), kind: 'site_arrived', data: { arrivedAt: sh('2025-10-02T08:00:00').toISOString() } },
      { ...at('2025-10-03T09:00:00'), kind: 'clocks_reset', data: { clocks: ['resolve'] } },
      { ...at('2025-10-03T10:00:00'), kind: 'sla_warning', data: { clock: 'resolve', dueAt: sh('2025-10-04T10:00:00').toISOString() } },
    ];
    expect(clockEventsOf(timeline)).toEqual([
      { at: sh('2025-10-01T10:00:00'), kind: 'status', to: 'acknowledged' },
      { at: sh('2025-10-01T12:00:00'), kind: 'customer_reply' },
      { at: sh('2025-10-01T13:00:00'), kind: 'visit_required', required: true },
      { at: sh('2025-10-02T08:00:00'), kind: 'site_arrival' },
      { at: sh('2025-10-03T09:00:00'), kind: 'reset', clocks: ['resolve'] },
    ]);
  });
});
