import {
  addCalendarHours,
  addWorkingMinutes,
  type BusinessCalendar,
  endOfNthWorkingDay,
  workingMinutesBetween,
} from '../calendar/arithmetic.ts';
import type { CaseEvent, CaseEventKind, EventChange } from '../cases/events.ts';
import type { CaseStatus, CommentVisibility } from '../cases/vocabulary.ts';
import type { ClockKind, ClockState, SlaTarget, SlaTargets, TargetUnit } from './schemas.ts';

/**
 * SLA clocks computed from a case's timeline (PROCEDURE.md §4). Pure and deterministic: the same
 * timeline, policy, calendar and `now` give the same clocks, so the server can recompute them
 * whenever the status, grade, customer or policy changes.
 *
 * - every clock starts when the customer's feedback was received (or when a reset restarted it);
 * - acknowledge stops when the case leaves `new`; first reply at the first customer-visible
 *   reply; on-site (only while a visit is required) at arrival; resolve when closed or rejected;
 *   closing or rejecting stops every clock;
 * - in a pause status the clocks stand still: the allowance is consumed only while running;
 * - allowances in working units follow the calendar; `working_days` means "by the end of the Nth
 *   working day after the day received".
 */

export type ClockEvent =
  | { at: Date; kind: 'status'; to: CaseStatus }
  | { at: Date; kind: 'customer_reply' }
  | { at: Date; kind: 'site_arrival' }
  | { at: Date; kind: 'visit_required'; required: boolean }
  | { at: Date; kind: 'reset'; clocks: readonly ClockKind[] };

/** Timeline kinds that can move a clock: the only ones a recomputation needs to read. */
export const CLOCK_EVENT_KINDS = [
  'created',
  'updated',
  'transition',
  'commented',
  'site_arrived',
  'clocks_reset',
] as const satisfies readonly CaseEventKind[];

/** A timeline event as stored, typed by kind: what `clockEventsOf` reads. */
export type TimelineEvent = CaseEvent & { at: Date; visibility: CommentVisibility | null; changes: readonly EventChange[] };

/** The clock events in a case's timeline, in time order (ties keep their order). */
export function clockEventsOf(events: readonly TimelineEvent[]): ClockEvent[] {
  const out: ClockEvent[] = [];
  for (const e of events) {
    switch (e.kind) {
      case 'transition':
        out.push({ at: e.at, kind: 'status', to: e.data.to });
        break;
      case 'commented':
        if (e.visibility === 'customer') out.push({ at: e.at, kind: 'customer_reply' });
        break;
      case 'site_arrived':
        out.push({ at: new Date(e.data.arrivedAt), kind: 'site_arrival' });
        break;
      case 'clocks_reset':
        out.push({ at: e.at, kind: 'reset', clocks: e.data.clocks });
        break;
      case 'created':
      case 'updated':
        for (const c of e.changes) {
          if (c.field === 'visitRequired') out.push({ at: e.at, kind: 'visit_required', required: c.to === true });
        }
        break;
      default:
        break;
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export interface ClockPolicy {
  targets: SlaTargets;
  pauseStatuses: readonly CaseStatus[];
  warningPercent: number;
}

export interface ClockInput {
  receivedAt: Date;
  /** Status at registration (normally `new`). */
  initialStatus: CaseStatus;
  /** Whether a visit was required at registration. */
  visitRequired: boolean;
  /** In time order (ties keep their order). */
  events: readonly ClockEvent[];
  policy: ClockPolicy;
  calendar: BusinessCalendar;
  now: Date;
}

export interface ComputedClock {
  kind: ClockKind;
  target: SlaTarget;
  state: ClockState;
  startedAt: Date;
  /** Null while paused before the allowance was used up. */
  dueAt: Date | null;
  warnAt: Date | null;
  stoppedAt: Date | null;
  pausedMs: number;
  pausedSince: Date | null;
}

const TERMINAL: readonly CaseStatus[] = ['closed', 'rejected'];
const HOUR_MS = 3_600_000;

/** Measures and advances time in the unit of a target. */
interface Meter {
  measure(from: number, to: number): number;
  advance(from: number, amount: number): number;
}

function meterOf(unit: TargetUnit, calendar: BusinessCalendar): Meter {
  if (unit === 'calendar_hours' || unit === 'calendar_days') {
    return { measure: (a, b) => b - a, advance: (a, x) => a + x };
  }
  return {
    measure: (a, b) => workingMinutesBetween(calendar, new Date(a), new Date(b)),
    advance: (a, x) => addWorkingMinutes(calendar, new Date(a), x).getTime(),
  };
}

/** The allowance of a target from `start`, in its meter's unit (ms, or working minutes). */
function allowanceOf(target: SlaTarget, start: number, calendar: BusinessCalendar): number {
  switch (target.unit) {
    case 'calendar_hours':
      return target.amount * HOUR_MS;
    case 'calendar_days':
      return target.amount * 24 * HOUR_MS;
    case 'working_hours':
      return target.amount * 60;
    case 'working_days': {
      const whole = Math.max(1, Math.round(target.amount));
      const end = endOfNthWorkingDay(calendar, new Date(start), whole);
      return workingMinutesBetween(calendar, new Date(start), end);
    }
  }
}

/** An instant `amount unit` after `from`: for escalation steps and previews. */
export function addTarget(calendar: BusinessCalendar, from: Date, amount: number, unit: TargetUnit): Date {
  if (amount === 0) return from;
  switch (unit) {
    case 'calendar_hours':
      return addCalendarHours(from, amount);
    case 'calendar_days':
      return addCalendarHours(from, amount * 24);
    case 'working_hours':
      return addWorkingMinutes(calendar, from, amount * 60);
    case 'working_days':
      return endOfNthWorkingDay(calendar, from, Math.max(1, Math.round(amount)));
  }
}

interface Segment {
  from: number;
  /** Infinity = still going. */
  to: number;
  paused: boolean;
}

/** Where in the consumption of `amount` over the running segments the amount is used up. */
function pointOf(segments: readonly Segment[], amount: number, meter: Meter): number | null {
  let remaining = amount;
  for (const s of segments) {
    if (s.paused) continue;
    if (s.to === Number.POSITIVE_INFINITY) return meter.advance(s.from, remaining);
    const used = meter.measure(s.from, s.to);
    if (used >= remaining) return meter.advance(s.from, remaining);
    remaining -= used;
  }
  return null;
}

/** Compute every clock the policy sets for this case. */
export function computeClocks(input: ClockInput): ComputedClock[] {
  const { policy, calendar, now } = input;
  const nowMs = now.getTime();
  const events = input.events.filter((e) => e.at.getTime() <= nowMs);

  // Status over time, shared by all clocks.
  const statusChanges: { at: number; status: CaseStatus }[] = [{ at: input.receivedAt.getTime(), status: input.initialStatus }];
  for (const e of events) if (e.kind === 'status') statusChanges.push({ at: e.at.getTime(), status: e.to });
  const terminalAt = statusChanges.find((s) => TERMINAL.includes(s.status))?.at ?? null;

  const result: ComputedClock[] = [];
  for (const kind of ['acknowledge', 'first_reply', 'on_site', 'resolve'] as const) {
    const target = policy.targets[kind];
    if (!target) continue;

    let start = input.receivedAt.getTime();
    let active = kind !== 'on_site' || input.visitRequired;
    let stop: number | null = null;
    for (const e of events) {
      const at = e.at.getTime();
      if (e.kind === 'reset' && e.clocks.includes(kind) && stop === null) start = Math.max(start, at);
      if (kind === 'on_site' && e.kind === 'visit_required' && stop === null) {
        if (e.required && !active) start = Math.max(start, at);
        active = e.required;
      }
      if (stop !== null || at < start) continue;
      if (kind === 'acknowledge' && e.kind === 'status' && e.to !== 'new') stop = at;
      if (kind === 'first_reply' && e.kind === 'customer_reply') stop = at;
      if (kind === 'on_site' && e.kind === 'site_arrival' && active) stop = at;
    }
    if (!active) continue;
    if (terminalAt !== null && terminalAt >= start && (stop === null || terminalAt < stop)) stop = terminalAt;
    if (stop !== null && stop < start) stop = start;

    // Running and paused stretches from the start to the stop (or open-ended).
    const end = stop ?? Number.POSITIVE_INFINITY;
    const segments: Segment[] = [];
    let current = statusChanges.filter((s) => s.at <= start).at(-1)?.status ?? input.initialStatus;
    let from = start;
    for (const change of statusChanges) {
      if (change.at <= start) continue;
      if (change.at >= end) break;
      const wasPaused = policy.pauseStatuses.includes(current);
      const isPaused = policy.pauseStatuses.includes(change.status);
      if (wasPaused !== isPaused) {
        if (change.at > from) segments.push({ from, to: change.at, paused: wasPaused });
        from = change.at;
      }
      current = change.status;
    }
    const pausedNow = policy.pauseStatuses.includes(current);
    segments.push({ from, to: end, paused: pausedNow });

    const meter = meterOf(target.unit, calendar);
    const allowance = allowanceOf(target, start, calendar);
    const due = pointOf(segments, allowance, meter);
    const warn = pointOf(segments, (allowance * policy.warningPercent) / 100, meter);
    const horizon = Math.min(end, nowMs);
    let pausedMs = 0;
    for (const s of segments) if (s.paused) pausedMs += Math.max(0, Math.min(s.to, horizon) - s.from);
    const openPause = stop === null && pausedNow;

    let state: ClockState;
    if (stop !== null) state = due !== null && stop > due ? 'breached' : 'met';
    else if (due !== null && due <= nowMs) state = 'breached';
    else state = openPause ? 'paused' : 'running';

    result.push({
      kind,
      target,
      state,
      startedAt: new Date(start),
      dueAt: due === null ? null : new Date(due),
      warnAt: warn === null ? null : new Date(warn),
      stoppedAt: stop === null ? null : new Date(stop),
      pausedMs,
      pausedSince: openPause ? new Date(from) : null,
    });
  }
  return result;
}
