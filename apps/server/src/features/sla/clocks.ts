import {
  type ClockView,
  type CommentVisibility,
  type CompanySettings,
  type ComputedClock,
  type CustomerRegion,
  clockEventsOf,
  computeClocks,
  EventChange,
  parseCaseEvent,
  regionOf,
  type SlaTargets,
  type TimelineEvent,
} from '@closeloop/domain';
import type { SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { companySettings, parseCompanySettings } from '../settings/index.ts';
import { compiledCalendar } from './calendars.ts';
import { type BreachInsert, insertBreaches } from './escalation-repository.ts';
import { matchPolicy } from './policies.ts';
import { activePolicies, type PolicyRow } from './policy-repository.ts';
import { presentClocks } from './presenter.ts';
import type { ClockRow } from './repository.ts';
import * as repo from './repository.ts';

const EventChanges = EventChange.array();

/** Stored rows as typed timeline events; a row that does not match its kind (from before the kinds were typed) moves no clock. */
function timelineOf(rows: { at: Date; kind: string; visibility: string | null; changes: unknown; data: unknown }[]): TimelineEvent[] {
  return rows.flatMap((r) => {
    const typed = parseCaseEvent(r.kind, r.data);
    const changes = EventChanges.safeParse(r.changes);
    if (!typed || !changes.success) return [];
    return [{ ...typed, at: r.at, visibility: r.visibility as CommentVisibility | null, changes: changes.data }];
  });
}

/** The customer seen from the company's province; a case without a customer counts as domestic. */
function regionFor(
  config: { companyCountry: string },
  company: Pick<CompanySettings, 'province'>,
  customer: { country: string; province: string | null } | null,
): CustomerRegion {
  return customer ? regionOf({ country: config.companyCountry, province: company.province }, customer) : 'domestic';
}

/**
 * A computed clock as it is stored. `kept` is what the sweep recorded on the clock before (warning
 * sent, breach, escalation steps), or nothing for a clock that (re)starts.
 */
function clockRow(
  caseId: string,
  policy: PolicyRow,
  k: ComputedClock,
  kept: Pick<ClockRow, 'warnedAt' | 'breachedAt' | 'escalationLevel'>,
  now: Date,
): ClockRow {
  const row: ClockRow = {
    caseId,
    kind: k.kind,
    policyId: policy.id,
    startedAt: k.startedAt,
    dueAt: k.dueAt,
    warnAt: k.warnAt,
    state: kept.breachedAt && k.state !== 'paused' ? 'breached' : k.state,
    // Stored without the pause still running: readers add `now − pausedSince` (see presentClock).
    pausedMs: Math.round(k.pausedMs - (k.pausedSince ? now.getTime() - k.pausedSince.getTime() : 0)),
    pausedSince: k.pausedSince,
    stoppedAt: k.stoppedAt,
    warnedAt: kept.warnedAt,
    breachedAt: kept.breachedAt,
    escalationLevel: kept.escalationLevel,
    nextCheckAt: null,
    stale: false,
    updatedAt: now,
  };
  row.nextCheckAt = nextCheckOf(row, policy);
  return row;
}

/** A clock stopped after its due time breached it, even if the sweep never saw it running late. */
const stoppedLate = (k: ComputedClock) => Boolean(k.stoppedAt && k.dueAt && k.stoppedAt > k.dueAt);

export interface RecomputeOptions {
  /** Preloaded policies (the sweep reuses them across cases). */
  policies?: readonly PolicyRow[];
}

/**
 * Recompute a case's clocks from its timeline and the policy that matches it now, inside the
 * caller's transaction. Keeps what the sweep recorded (warning sent, breach, escalation steps)
 * unless the clock was restarted; records a breach at once for a clock stopped after its due time.
 */
export async function recomputeCaseClocks(
  tx: Executor,
  config: { companyCountry: string },
  caseId: string,
  now: Date,
  options: RecomputeOptions = {},
) {
  const facts = await repo.findCaseWithPolicyFacts(tx, caseId);
  if (!facts) return [];
  const c = facts.c;
  const company = await companySettings(tx);
  const policies = options.policies ?? (await activePolicies(tx));
  const policy = matchPolicy(policies, {
    type: c.type,
    severity: c.severity,
    grade: c.grade,
    region: regionFor(config, company, facts.customerCountry ? { country: facts.customerCountry, province: facts.customerProvince } : null),
    tier: facts.customerTier,
    productLine: facts.productLine,
  });
  const existing = await repo.clocksOf(tx, caseId);
  const before = new Map(existing.map((r) => [r.kind, r]));

  const rows: ClockRow[] = [];
  if (policy) {
    const clockEvents = clockEventsOf(timelineOf(await repo.clockEventRows(tx, caseId)));
    const firstVisitChange = clockEvents.find((e) => e.kind === 'visit_required');
    const visitAtStart = firstVisitChange ? !(firstVisitChange as { required: boolean }).required : c.visitRequired;
    const computed = computeClocks({
      receivedAt: c.receivedAt,
      initialStatus: 'new',
      visitRequired: visitAtStart,
      events: clockEvents,
      policy: {
        targets: policy.targets as SlaTargets,
        pauseStatuses: policy.pauseStatuses,
        warningPercent: policy.warningPercent,
      },
      calendar: await compiledCalendar(tx, policy.calendarId),
      now,
    });
    for (const k of computed) {
      const old = before.get(k.kind);
      const restarted = !old || old.startedAt.getTime() !== k.startedAt.getTime();
      const kept = restarted ? { warnedAt: null, breachedAt: null, escalationLevel: 0 } : old;
      let breachedAt = kept.breachedAt;
      // Stopped after its due time without the sweep having seen it: record the breach now.
      if (!breachedAt && stoppedLate(k) && k.dueAt) {
        breachedAt = k.dueAt;
        await insertBreaches(tx, [
          { caseId, clock: k.kind, dueAt: k.dueAt, recordedAt: now, departmentId: c.departmentId, ownerId: c.ownerId, policyId: policy.id },
        ]);
      }
      rows.push(clockRow(caseId, policy, k, { warnedAt: kept.warnedAt, breachedAt, escalationLevel: kept.escalationLevel }, now));
    }
  }

  const keep = new Set(rows.map((r) => r.kind));
  const dropped = existing.filter((r) => !keep.has(r.kind)).map((r) => r.kind);
  if (dropped.length > 0) await repo.deleteClocks(tx, caseId, dropped);
  if (rows.length > 0) await repo.upsertClocks(tx, rows);
  await updateCaseSummary(tx, caseId, rows);
  return rows;
}

/** The earliest due and warning times of the clocks still counting, and whether one was breached. */
export function caseSummaryOf(rows: readonly ClockRow[]) {
  const counting = rows.filter((r) => r.stoppedAt === null && r.dueAt !== null);
  const min = (xs: (Date | null)[]) => xs.filter((x): x is Date => x !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  return {
    slaDueAt: min(counting.map((r) => r.dueAt)),
    slaWarnAt: min(counting.map((r) => r.warnAt)),
    slaBreached: rows.some((r) => r.breachedAt !== null),
  };
}

/** The earliest due and warning times of the clocks still counting, and the sticky breach flag. */
export async function updateCaseSummary(tx: Executor, caseId: string, rows: readonly ClockRow[]) {
  const { slaDueAt, slaWarnAt, slaBreached } = caseSummaryOf(rows);
  await repo.setCaseDeadlines(tx, caseId, { slaDueAt, slaWarnAt, ...(slaBreached ? { slaBreached: true as const } : {}) });
}

/** When the sweep must look at this clock next: the warning, the breach, or the next escalation step. */
export function nextCheckOf(
  row: Pick<ClockRow, 'stoppedAt' | 'dueAt' | 'warnAt' | 'warnedAt' | 'breachedAt' | 'escalationLevel' | 'state'>,
  policy: PolicyRow | undefined,
  stepAt?: (level: number) => Date | null,
): Date | null {
  if (!policy || row.stoppedAt || row.state === 'paused' || !row.dueAt) return null;
  if (!row.breachedAt) {
    if (!row.warnedAt && row.warnAt && row.warnAt < row.dueAt) return row.warnAt;
    return row.dueAt;
  }
  const steps = (policy.escalation as { steps: unknown[] }).steps;
  if (row.escalationLevel >= steps.length) return null;
  // The sweep computes the exact time of the next step; until then, look again at the due time.
  return stepAt ? stepAt(row.escalationLevel) : row.dueAt;
}

/** A case's clocks as the detail shows them: one statement. */
export async function clocksOfCase(db: Executor, caseId: string, now: Date): Promise<ClockView[]> {
  return presentClocks(await repo.clocksWithPolicyOf(db, caseId), now);
}

// ---------------------------------------------------------------- a new case's clocks, before its row is written

/** What choosing and computing a new case's clocks needs besides the case. */
export interface SlaContext {
  company: CompanySettings;
  policies: PolicyRow[];
  /** Version of every calendar: a compiled calendar in the cache with the same version is current. */
  calendarVersions: Map<string, number>;
}

/** Company settings, the active policies in order and the calendars' versions, in one statement. */
export async function slaContext(db: Executor): Promise<SlaContext> {
  const loaded = await repo.loadSlaContext(db);
  return { company: parseCompanySettings(loaded.company), policies: loaded.policies, calendarVersions: loaded.calendarVersions };
}

/** What a new case's clocks depend on. */
export interface NewCaseFacts {
  caseId: string;
  ownerId: string | null;
  departmentId: string | null;
  type: string;
  severity: string | null;
  grade: string | null;
  receivedAt: Date;
  visitRequired: boolean;
  customer: { country: string; province: string | null; tier: string } | null;
  productLine: string | null;
}

/**
 * The clocks of a case about to be registered, computed before its row is written so the row goes
 * in once with its deadline summary (no timeline yet: the case starts `new`). Same rules as
 * `recomputeCaseClocks`, which takes over from the first change on.
 */
export async function clocksOfNewCase(db: Executor, config: { companyCountry: string }, context: SlaContext, c: NewCaseFacts, now: Date) {
  const policy = matchPolicy(context.policies, {
    type: c.type,
    severity: c.severity,
    grade: c.grade,
    region: regionFor(config, context.company, c.customer),
    tier: c.customer?.tier ?? null,
    productLine: c.productLine,
  });
  if (!policy) return { policy, rows: [] as ClockRow[], breaches: [] as BreachInsert[], summary: caseSummaryOf([]) };
  const computed = computeClocks({
    receivedAt: c.receivedAt,
    initialStatus: 'new',
    visitRequired: c.visitRequired,
    events: [],
    policy: {
      targets: policy.targets as SlaTargets,
      pauseStatuses: policy.pauseStatuses,
      warningPercent: policy.warningPercent,
    },
    calendar: await compiledCalendar(db, policy.calendarId, context.calendarVersions.get(policy.calendarId)),
    now,
  });
  const breaches: BreachInsert[] = [];
  const rows = computed.map((k): ClockRow => {
    const breachedAt = stoppedLate(k) ? k.dueAt : null;
    if (breachedAt) {
      breaches.push({
        caseId: c.caseId,
        clock: k.kind,
        dueAt: breachedAt,
        recordedAt: now,
        departmentId: c.departmentId,
        ownerId: c.ownerId,
        policyId: policy.id,
      });
    }
    return clockRow(c.caseId, policy, k, { warnedAt: null, breachedAt, escalationLevel: 0 }, now);
  });
  return { policy, rows, breaches, summary: caseSummaryOf(rows) };
}

/** The inserts of a new case's clocks (and of a breach recorded at once, if any), for the caller to run with the case row. */
export function newCaseClockWrites(tx: Executor, clocks: Awaited<ReturnType<typeof clocksOfNewCase>>): SQLWrapper[] {
  return [
    ...(clocks.rows.length > 0 ? [repo.insertClocks(tx, clocks.rows)] : []),
    ...(clocks.breaches.length > 0 ? [insertBreaches(tx, clocks.breaches)] : []),
  ];
}
