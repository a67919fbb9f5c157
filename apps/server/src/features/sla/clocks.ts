import {
  type CaseStatus,
  CLOCK_EVENT_KINDS,
  type ClockView,
  type CommentVisibility,
  type CompanySettings,
  type ComputedClock,
  clockEventsOf,
  computeClocks,
  EventChange,
  parseCaseEvent,
  regionOf,
  type SlaTarget,
  type SlaTargets,
  type TimelineEvent,
} from '@closeloop/domain';
import { and, asc, eq, inArray, type SQLWrapper, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import {
  businessCalendars,
  caseClocks,
  caseEvents,
  cases,
  customers,
  products,
  settings,
  slaBreaches,
  slaPolicies,
} from '../../db/schema.ts';
import { rowsOf } from '../../lib/sql.ts';
import { companySettings, parseCompanySettings } from '../settings/index.ts';
import { compiledCalendar } from './calendars.ts';
import { activePolicies, matchPolicy, type PolicyRow } from './policies.ts';

type ClockRow = typeof caseClocks.$inferSelect;

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

/** Facts a policy is chosen by, read in one query. */
async function factsOf(tx: Executor, caseId: string) {
  const [row] = await tx
    .select({
      c: cases,
      customerCountry: customers.country,
      customerProvince: customers.province,
      customerTier: customers.tier,
      productLine: products.productLine,
    })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(products, eq(products.id, cases.productId))
    .where(eq(cases.id, caseId))
    .limit(1);
  return row;
}

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
  const facts = await factsOf(tx, caseId);
  if (!facts) return [];
  const c = facts.c;
  const company = await companySettings(tx);
  const policies = options.policies ?? (await activePolicies(tx));
  const policy = matchPolicy(policies, {
    type: c.type,
    severity: c.severity,
    grade: c.grade,
    region: facts.customerCountry
      ? regionOf(
          { country: config.companyCountry, province: company.province },
          { country: facts.customerCountry, province: facts.customerProvince },
        )
      : 'domestic',
    tier: facts.customerTier,
    productLine: facts.productLine,
  });
  const existing = await tx.select().from(caseClocks).where(eq(caseClocks.caseId, caseId));
  const before = new Map(existing.map((r) => [r.kind, r]));

  let computed: ComputedClock[] = [];
  if (policy) {
    const events = await tx
      .select({
        at: caseEvents.at,
        kind: caseEvents.kind,
        visibility: caseEvents.visibility,
        changes: caseEvents.changes,
        data: caseEvents.data,
      })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, caseId), inArray(caseEvents.kind, [...CLOCK_EVENT_KINDS])))
      .orderBy(asc(caseEvents.id));
    const clockEvents = clockEventsOf(timelineOf(events));
    const firstVisitChange = clockEvents.find((e) => e.kind === 'visit_required');
    const visitAtStart = firstVisitChange ? !(firstVisitChange as { required: boolean }).required : c.visitRequired;
    computed = computeClocks({
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
  }

  const rows: ClockRow[] = [];
  for (const k of computed) {
    const old = before.get(k.kind);
    const restarted = !old || old.startedAt.getTime() !== k.startedAt.getTime();
    const warnedAt = restarted ? null : old.warnedAt;
    let breachedAt = restarted ? null : old.breachedAt;
    const escalationLevel = restarted ? 0 : old.escalationLevel;
    // Stopped after its due time without the sweep having seen it: record the breach now.
    if (!breachedAt && k.stoppedAt && k.dueAt && k.stoppedAt > k.dueAt) {
      breachedAt = k.dueAt;
      await tx
        .insert(slaBreaches)
        .values({
          caseId,
          clock: k.kind,
          dueAt: k.dueAt,
          recordedAt: now,
          departmentId: c.departmentId,
          ownerId: c.ownerId,
          policyId: policy?.id ?? null,
        })
        .onConflictDoNothing();
    }
    const state = breachedAt && k.state !== 'paused' ? 'breached' : k.state;
    const row: ClockRow = {
      caseId,
      kind: k.kind,
      policyId: policy?.id ?? null,
      startedAt: k.startedAt,
      dueAt: k.dueAt,
      warnAt: k.warnAt,
      state,
      // Stored without the pause still running: readers add `now − pausedSince` (see presentClock).
      pausedMs: Math.round(k.pausedMs - (k.pausedSince ? now.getTime() - k.pausedSince.getTime() : 0)),
      pausedSince: k.pausedSince,
      stoppedAt: k.stoppedAt,
      warnedAt,
      breachedAt,
      escalationLevel,
      nextCheckAt: null,
      stale: false,
      updatedAt: now,
    };
    row.nextCheckAt = nextCheckOf(row, policy);
    rows.push(row);
  }

  const keep = new Set(rows.map((r) => r.kind));
  const dropped = existing.filter((r) => !keep.has(r.kind)).map((r) => r.kind);
  if (dropped.length > 0) await tx.delete(caseClocks).where(and(eq(caseClocks.caseId, caseId), inArray(caseClocks.kind, dropped)));
  if (rows.length > 0) {
    await tx
      .insert(caseClocks)
      .values(rows)
      .onConflictDoUpdate({
        target: [caseClocks.caseId, caseClocks.kind],
        set: Object.fromEntries(
          [
            'policy_id',
            'started_at',
            'due_at',
            'warn_at',
            'state',
            'paused_ms',
            'paused_since',
            'stopped_at',
            'warned_at',
            'breached_at',
            'escalation_level',
            'next_check_at',
            'stale',
            'updated_at',
          ].map((col) => [camel(col), sql.raw(`excluded.${col}`)]),
        ),
      });
  }
  await updateCaseSummary(tx, caseId, rows);
  return rows;
}

const camel = (s: string) => s.replace(/_(\w)/g, (_m, ch: string) => ch.toUpperCase());

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
  await tx
    .update(cases)
    .set({ slaDueAt, slaWarnAt, ...(slaBreached ? { slaBreached: true } : {}) })
    .where(eq(cases.id, caseId));
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
  const [row] = rowsOf<{ company: unknown; policies: Record<string, unknown>[]; calendars: Record<string, number> }>(
    await db.execute(sql`
      SELECT (SELECT s.value FROM ${settings} s WHERE s.key = 'company') AS company,
        (SELECT coalesce(jsonb_agg(to_jsonb(p) ORDER BY p.position, p.created_at), '[]'::jsonb)
           FROM ${slaPolicies} p WHERE p.is_active) AS policies,
        (SELECT coalesce(jsonb_object_agg(b.id, b.version), '{}'::jsonb) FROM ${businessCalendars} b) AS calendars`),
  );
  const policies = (row?.policies ?? []).map(
    (p): PolicyRow => ({
      id: p.id as string,
      name: p.name as string,
      position: p.position as number,
      isActive: p.is_active as boolean,
      conditions: p.conditions,
      targets: p.targets,
      calendarId: p.calendar_id as string,
      pauseStatuses: p.pause_statuses as CaseStatus[],
      warningPercent: p.warning_percent as number,
      escalation: p.escalation,
      createdAt: new Date(p.created_at as string),
      updatedAt: new Date(p.updated_at as string),
      version: p.version as number,
    }),
  );
  return {
    company: parseCompanySettings(row?.company),
    policies,
    calendarVersions: new Map(Object.entries(row?.calendars ?? {})),
  };
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
    region: c.customer
      ? regionOf(
          { country: config.companyCountry, province: context.company.province },
          { country: c.customer.country, province: c.customer.province },
        )
      : 'domestic',
    tier: c.customer?.tier ?? null,
    productLine: c.productLine,
  });
  if (!policy) return { policy, rows: [] as ClockRow[], breaches: [] as (typeof slaBreaches.$inferInsert)[], summary: caseSummaryOf([]) };
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
  const breaches: (typeof slaBreaches.$inferInsert)[] = [];
  const rows = computed.map((k): ClockRow => {
    const breachedAt = k.stoppedAt && k.dueAt && k.stoppedAt > k.dueAt ? k.dueAt : null;
    if (breachedAt && k.dueAt) {
      breaches.push({
        caseId: c.caseId,
        clock: k.kind,
        dueAt: k.dueAt,
        recordedAt: now,
        departmentId: c.departmentId,
        ownerId: c.ownerId,
        policyId: policy.id,
      });
    }
    const row: ClockRow = {
      caseId: c.caseId,
      kind: k.kind,
      policyId: policy.id,
      startedAt: k.startedAt,
      dueAt: k.dueAt,
      warnAt: k.warnAt,
      state: breachedAt && k.state !== 'paused' ? 'breached' : k.state,
      pausedMs: Math.round(k.pausedMs - (k.pausedSince ? now.getTime() - k.pausedSince.getTime() : 0)),
      pausedSince: k.pausedSince,
      stoppedAt: k.stoppedAt,
      warnedAt: null,
      breachedAt,
      escalationLevel: 0,
      nextCheckAt: null,
      stale: false,
      updatedAt: now,
    };
    row.nextCheckAt = nextCheckOf(row, policy);
    return row;
  });
  return { policy, rows, breaches, summary: caseSummaryOf(rows) };
}

/** A new case's clocks as the detail shows them (same order as `clocksOfCase`). */
export function presentNewCaseClocks(clocks: Awaited<ReturnType<typeof clocksOfNewCase>>, now: Date): ClockView[] {
  const order = ['acknowledge', 'first_reply', 'on_site', 'resolve'];
  const targets = (clocks.policy?.targets ?? {}) as Record<string, SlaTarget>;
  return [...clocks.rows]
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
    .map((k) => presentClock(k, clocks.policy?.name ?? null, targets[k.kind] ?? null, now));
}

/** The inserts of a new case's clocks (and of a breach recorded at once, if any), for the caller to run with the case row. */
export function newCaseClockWrites(tx: Executor, clocks: Awaited<ReturnType<typeof clocksOfNewCase>>): SQLWrapper[] {
  return [
    ...(clocks.rows.length > 0 ? [tx.insert(caseClocks).values(clocks.rows)] : []),
    ...(clocks.breaches.length > 0 ? [tx.insert(slaBreaches).values(clocks.breaches).onConflictDoNothing()] : []),
  ];
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

export async function clocksOfCase(db: Executor, caseId: string, now: Date): Promise<ClockView[]> {
  const rows = await db
    .select({ k: caseClocks, policyName: slaPolicies.name, targets: slaPolicies.targets })
    .from(caseClocks)
    .leftJoin(slaPolicies, eq(slaPolicies.id, caseClocks.policyId))
    .where(eq(caseClocks.caseId, caseId));
  const order = ['acknowledge', 'first_reply', 'on_site', 'resolve'];
  return rows
    .sort((a, b) => order.indexOf(a.k.kind) - order.indexOf(b.k.kind))
    .map(({ k, policyName, targets }) => presentClock(k, policyName, ((targets ?? {}) as Record<string, SlaTarget>)[k.kind] ?? null, now));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const presentClock = (k: ClockRow, policyName: string | null, target: SlaTarget | null, now: Date): ClockView => ({
  kind: k.kind,
  state: k.state as ClockView['state'],
  policyId: k.policyId,
  policyName,
  target,
  startedAt: k.startedAt.toISOString(),
  dueAt: iso(k.dueAt),
  warnAt: iso(k.warnAt),
  stoppedAt: iso(k.stoppedAt),
  pausedMs: k.pausedMs + (k.pausedSince ? Math.max(0, now.getTime() - k.pausedSince.getTime()) : 0),
  pausedSince: iso(k.pausedSince),
  warnedAt: iso(k.warnedAt),
  breachedAt: iso(k.breachedAt),
  escalationLevel: k.escalationLevel,
});

/** Open cases that have no clocks yet (created before deadlines existed), after `afterId`: for the backfill. */
export async function openCasesWithoutClocks(db: Executor, afterId: string, limit: number): Promise<string[]> {
  const rows = await db.execute(sql`
    SELECT c.id FROM cases c
     WHERE c.id > ${afterId}::uuid AND c.status NOT IN ('closed', 'rejected')
       AND NOT EXISTS (SELECT 1 FROM case_clocks k WHERE k.case_id = c.id)
     ORDER BY c.id LIMIT ${limit}`);
  return (rows as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
}
