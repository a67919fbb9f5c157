import type {
  BreachRow,
  CalendarDayView,
  CalendarView,
  ClockView,
  DayOverride,
  Escalation,
  EscalationView,
  SlaConditions,
  SlaPolicyView,
  SlaTarget,
  SlaTargets,
  WeekHours,
  WorkingWindow,
} from '@closeloop/domain';
import type { CalendarDayRow, CalendarRow, CalendarYear } from './calendar-repository.ts';
import type { BreachCount, EscalationWithNames } from './escalation-repository.ts';
import type { PolicyRow } from './policy-repository.ts';
import type { ClockRow } from './repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// ---------------------------------------------------------------- calendars

export const presentCalendar = (row: CalendarRow, years: CalendarYear[]): CalendarView => ({
  id: row.id,
  name: row.name,
  timeZone: row.timeZone,
  week: row.week as WeekHours,
  makeUpWindows: row.makeUpWindows as WorkingWindow[],
  isDefault: row.isDefault,
  years,
  version: row.version,
});

/** A listed day as the calendar arithmetic takes it. */
export const dayOverrideOf = (d: Pick<CalendarDayRow, 'date' | 'kind' | 'name' | 'windows'>): DayOverride => ({
  date: d.date,
  kind: d.kind,
  ...(d.name ? { name: d.name } : {}),
  ...(d.windows ? { windows: d.windows as WorkingWindow[] } : {}),
});

export const presentCalendarDay = (d: Pick<CalendarDayRow, 'date' | 'kind' | 'name' | 'windows' | 'source'>): CalendarDayView => ({
  ...dayOverrideOf(d),
  source: d.source,
});

// ---------------------------------------------------------------- policies

export const presentPolicy = (p: PolicyRow): SlaPolicyView => ({
  id: p.id,
  name: p.name,
  position: p.position,
  isActive: p.isActive,
  conditions: p.conditions as SlaConditions,
  targets: p.targets as SlaTargets,
  calendarId: p.calendarId,
  pauseStatuses: p.pauseStatuses,
  warningPercent: p.warningPercent,
  escalation: p.escalation as Escalation,
  updatedAt: p.updatedAt.toISOString(),
  version: p.version,
});

// ---------------------------------------------------------------- clocks

export const presentClock = (k: ClockRow, policyName: string | null, target: SlaTarget | null, now: Date): ClockView => ({
  kind: k.kind,
  state: k.state,
  policyId: k.policyId,
  policyName,
  target,
  startedAt: k.startedAt.toISOString(),
  dueAt: iso(k.dueAt),
  warnAt: iso(k.warnAt),
  stoppedAt: iso(k.stoppedAt),
  // Stored without the pause still running (see `recomputeCaseClocks`): it counts until now.
  pausedMs: k.pausedMs + (k.pausedSince ? Math.max(0, now.getTime() - k.pausedSince.getTime()) : 0),
  pausedSince: iso(k.pausedSince),
  warnedAt: iso(k.warnedAt),
  breachedAt: iso(k.breachedAt),
  escalationLevel: k.escalationLevel,
});

const CLOCK_ORDER = ['acknowledge', 'first_reply', 'on_site', 'resolve'];

/** A case's clocks in the order they come due in the procedure, each with its policy's name and target. */
export function presentClocks(rows: readonly { k: ClockRow; policyName: string | null; targets: unknown }[], now: Date): ClockView[] {
  return [...rows]
    .sort((a, b) => CLOCK_ORDER.indexOf(a.k.kind) - CLOCK_ORDER.indexOf(b.k.kind))
    .map(({ k, policyName, targets }) => presentClock(k, policyName, ((targets ?? {}) as Record<string, SlaTarget>)[k.kind] ?? null, now));
}

/** A new case's clocks as the detail shows them (same order as a stored case's). */
export const presentNewCaseClocks = (clocks: { policy: PolicyRow | undefined; rows: readonly ClockRow[] }, now: Date): ClockView[] =>
  presentClocks(
    clocks.rows.map((k) => ({ k, policyName: clocks.policy?.name ?? null, targets: clocks.policy?.targets })),
    now,
  );

// ---------------------------------------------------------------- escalations and breaches

export function presentEscalation({ e, caseNumber, caseTitle, ownerName }: EscalationWithNames): EscalationView {
  const a = e.actions as { notified?: string[]; reassignedTo?: string | null; priority?: EscalationView['priority'] };
  return {
    id: e.id,
    caseId: e.caseId,
    caseNumber,
    caseTitle,
    clock: e.clock as EscalationView['clock'],
    level: e.level,
    at: e.at.toISOString(),
    departmentId: e.departmentId,
    ownerId: e.ownerId,
    ownerName,
    notified: a.notified ?? [],
    reassignedTo: a.reassignedTo ?? null,
    priority: a.priority ?? null,
    acknowledgedAt: e.acknowledgedAt ? e.acknowledgedAt.toISOString() : null,
  };
}

/** Breaches per department, each with its count per clock; the department with most first. */
export function presentBreachSummary(counts: readonly BreachCount[]): BreachRow[] {
  const byDept = new Map<string | null, BreachRow>();
  for (const r of counts) {
    const d = byDept.get(r.departmentId) ?? { departmentId: r.departmentId, breaches: 0, byClock: {} };
    d.breaches += r.n;
    d.byClock[r.clock] = r.n;
    byDept.set(r.departmentId, d);
  }
  return [...byDept.values()].sort((a, b) => b.breaches - a.breaches);
}
