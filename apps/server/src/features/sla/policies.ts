import {
  type CustomerRegion,
  type Escalation,
  listAllows,
  regionAllows,
  type SlaConditionSet,
  type SlaConditions,
  SlaPolicyBody,
  type SlaPolicyView,
  type SlaTargets,
  type UpdateSlaPolicyBody,
} from '@closeloop/domain';
import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { businessCalendars, settings, slaPolicies } from '../../db/schema.ts';
import { ensure } from '../../lib/actor.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { reorderRows } from '../../lib/order.ts';
import { markClocksStale } from './repository.ts';

export type PolicyRow = typeof slaPolicies.$inferSelect;

/** What a policy's conditions look at. */
export interface PolicyFacts {
  type: string;
  severity: string | null;
  grade: string | null;
  region: CustomerRegion;
  tier: string | null;
  productLine: string | null;
}

/** Each list of a set of conditions, with whether it allows the case. */
const checksOf = (c: SlaConditionSet, f: PolicyFacts): [readonly string[] | undefined, boolean][] => [
  [c.types, listAllows(c.types, f.type)],
  [c.severities, listAllows(c.severities, f.severity)],
  [c.grades, listAllows(c.grades, f.grade)],
  [c.regions, regionAllows(c.regions, f.region)],
  [c.tiers, listAllows(c.tiers, f.tier)],
  [c.productLines, listAllows(c.productLines, f.productLine)],
];

/** Every listed condition allows the case, and at least one listed in `anyOf` (when it lists any). */
export function policyMatches(conditions: SlaConditions, f: PolicyFacts): boolean {
  const alternatives = conditions.anyOf ? checksOf(conditions.anyOf, f).filter(([list]) => list) : [];
  return checksOf(conditions, f).every(([, allows]) => allows) && (alternatives.length === 0 || alternatives.some(([, allows]) => allows));
}

/** Active policies in order (small table: read whole). */
export function activePolicies(db: Executor): Promise<PolicyRow[]> {
  return db.select().from(slaPolicies).where(eq(slaPolicies.isActive, true)).orderBy(asc(slaPolicies.position), asc(slaPolicies.createdAt));
}

/** The first policy whose conditions match, or undefined. */
export const matchPolicy = (policies: readonly PolicyRow[], facts: PolicyFacts) =>
  policies.find((p) => policyMatches(p.conditions as SlaConditions, facts));

export function presentPolicy(p: PolicyRow): SlaPolicyView {
  return {
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
  };
}

export async function listPolicies(ctx: Ctx): Promise<SlaPolicyView[]> {
  ensure(ctx.actor, 'cases:read');
  const rows = await ctx.db.select().from(slaPolicies).orderBy(asc(slaPolicies.position), asc(slaPolicies.createdAt));
  return rows.map(presentPolicy);
}

async function checkCalendar(db: Executor, id: string | undefined) {
  if (!id) return;
  const [c] = await db.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.id, id));
  if (!c) throw invalidField('calendarId', 'no such calendar');
}

/** Escalation steps must climb: each at least as late as the one before (same unit kind is not required). */
function checkSteps(escalation: Escalation | undefined) {
  if (!escalation) return;
  escalation.steps.forEach((s, i) => {
    if (s.notify.length === 0 && !s.reassignTo && !s.raisePriority) {
      throw invalidField(`escalation.steps.${i}`, 'a step must notify someone, reassign, or raise the priority');
    }
  });
}

export async function createPolicy(ctx: Ctx, input: SlaPolicyBody): Promise<SlaPolicyView> {
  ensure(ctx.actor, 'sla:manage');
  await checkCalendar(ctx.db, input.calendarId);
  checkSteps(input.escalation);
  const now = ctx.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [{ next }] = (await tx.select({ next: sql<number>`coalesce(max(${slaPolicies.position}), 0) + 1` }).from(slaPolicies)) as [
      { next: number },
    ];
    const [r] = await tx
      .insert(slaPolicies)
      .values({ ...input, position: Number(next), createdAt: now, updatedAt: now })
      .returning();
    await markClocksStale(tx, now);
    return r!;
  });
  return presentPolicy(row);
}

export async function updatePolicy(ctx: Ctx, id: string, input: UpdateSlaPolicyBody): Promise<SlaPolicyView> {
  ensure(ctx.actor, 'sla:manage');
  await checkCalendar(ctx.db, input.calendarId);
  checkSteps(input.escalation);
  const now = ctx.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(slaPolicies).where(eq(slaPolicies.id, id)).for('update');
    if (!current) throw notFound('SLA policy', id);
    if (current.version !== input.version) throw versionConflict(`SLA policy ${current.name}`, current.version);
    const { version: _v, ...fields } = input;
    const [r] = await tx
      .update(slaPolicies)
      .set({ ...fields, updatedAt: now, version: current.version + 1 })
      .where(eq(slaPolicies.id, id))
      .returning();
    await markClocksStale(tx, now);
    return r!;
  });
  return presentPolicy(row);
}

export async function deletePolicy(ctx: Ctx, id: string): Promise<void> {
  ensure(ctx.actor, 'sla:manage');
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const gone = await tx.delete(slaPolicies).where(eq(slaPolicies.id, id)).returning({ id: slaPolicies.id });
    if (gone.length === 0) throw notFound('SLA policy', id);
    await markClocksStale(tx, now);
  });
}

/** Put policies in a new order: the list must name each policy once. */
export async function reorderPolicies(ctx: Ctx, ids: string[]): Promise<SlaPolicyView[]> {
  ensure(ctx.actor, 'sla:manage');
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await reorderRows(tx, slaPolicies, ids, 'policy');
    await markClocksStale(tx, now);
  });
  return listPolicies(ctx);
}

/**
 * Default policies from PROCEDURE.md §4, created once on first start: urgent or critical cases
 * first, then foreign customers (close in 17 days), the same or a neighbouring province (on site
 * in 48 h, close in 13 days), and every other case (on site in 72 h, close in 13 days).
 */
export async function seedDefaultPolicies(db: Executor, calendarId: string): Promise<void> {
  const claimed = await db
    .insert(settings)
    .values({ key: 'seeded:sla_policies', value: true })
    .onConflictDoNothing()
    .returning({ key: settings.key });
  if (claimed.length === 0) return;
  const ladder: Escalation = {
    warning: { notify: ['owner'] },
    steps: [
      { after: { amount: 0, unit: 'working_hours' }, notify: ['owner', 'watchers', 'department_head'], raisePriority: false },
      { after: { amount: 1, unit: 'working_days' }, notify: ['department_head', 'gm_office'], raisePriority: true },
      { after: { amount: 3, unit: 'working_days' }, notify: ['gm_office'], reassignTo: 'department_head', raisePriority: true },
    ],
  };
  const day = { amount: 1, unit: 'working_days' } as const;
  /** Acknowledge and reply within a working day; on site within `onSiteHours`; closed within `resolveDays` calendar days. */
  const regional = (
    name: string,
    conditions: SlaConditions,
    onSiteHours: number,
    resolveDays: number,
  ): Omit<SlaPolicyBody, 'calendarId'> => ({
    name,
    isActive: true,
    conditions,
    targets: {
      acknowledge: day,
      first_reply: day,
      on_site: { amount: onSiteHours, unit: 'calendar_hours' },
      resolve: { amount: resolveDays, unit: 'calendar_days' },
    },
    pauseStatuses: ['on_hold', 'awaiting_confirmation'],
    warningPercent: 75,
    escalation: ladder,
  });
  const defaults: Omit<SlaPolicyBody, 'calendarId'>[] = [
    {
      name: '紧急或致命 Urgent or critical',
      isActive: true,
      // Grade urgent or severity CR: a critical defect gets P1 and these deadlines whatever its grade.
      conditions: { anyOf: { grades: ['urgent'], severities: ['CR'] } },
      targets: {
        acknowledge: { amount: 2, unit: 'working_hours' },
        first_reply: { amount: 4, unit: 'working_hours' },
        on_site: { amount: 24, unit: 'calendar_hours' },
        resolve: { amount: 5, unit: 'working_days' },
      },
      pauseStatuses: ['on_hold', 'awaiting_confirmation'],
      warningPercent: 50,
      escalation: ladder,
    },
    regional('国外客户 Foreign customers', { regions: ['foreign'] }, 72, 17),
    regional('本省及邻省 Same or neighbouring province', { regions: ['local'] }, 48, 13),
    regional('其他 All other cases', {}, 72, 13),
  ];
  for (const [i, p] of defaults.entries()) {
    await db.insert(slaPolicies).values({ ...SlaPolicyBody.parse({ ...p, calendarId }), position: i + 1 });
  }
}
