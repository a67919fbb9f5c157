import {
  type CustomerRegion,
  type Escalation,
  listAllows,
  regionAllows,
  type SlaConditionSet,
  type SlaConditions,
  SlaPolicyBody,
  type SlaPolicyView,
  type UpdateSlaPolicyBody,
} from '@closeloop/domain';
import type { Executor } from '../../db/connection.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { transaction } from '../../lib/transaction.ts';
import { findCalendar } from './calendar-repository.ts';
import { canManageDeadlines, canReadDeadlines } from './policy.ts';
import * as repo from './policy-repository.ts';
import { presentPolicy } from './presenter.ts';
import { markClocksStale } from './repository.ts';

// ---------------------------------------------------------------- matching

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

/** The first policy whose conditions match, or undefined. */
export const matchPolicy = (policies: readonly repo.PolicyRow[], facts: PolicyFacts) =>
  policies.find((p) => policyMatches(p.conditions as SlaConditions, facts));

// ---------------------------------------------------------------- use cases

export async function listPolicies(ctx: Ctx): Promise<SlaPolicyView[]> {
  canReadDeadlines(ctx.actor);
  return (await repo.listPolicies(ctx.db)).map(presentPolicy);
}

async function checkCalendar(db: Executor, id: string | undefined) {
  if (!id) return;
  if (!(await findCalendar(db, id))) throw invalidField('calendarId', 'no such calendar');
}

/** Every escalation step must do something: notify someone, reassign, or raise the priority. */
function checkSteps(escalation: Escalation | undefined) {
  if (!escalation) return;
  escalation.steps.forEach((s, i) => {
    if (s.notify.length === 0 && !s.reassignTo && !s.raisePriority) {
      throw invalidField(`escalation.steps.${i}`, 'a step must notify someone, reassign, or raise the priority');
    }
  });
}

/** Add a policy at the end; open clocks are recomputed by the sweep. */
export async function createPolicy(ctx: Ctx, input: SlaPolicyBody): Promise<SlaPolicyView> {
  canManageDeadlines(ctx.actor);
  const now = ctx.now();
  const row = await transaction(ctx, async (tx) => {
    await checkCalendar(tx, input.calendarId);
    checkSteps(input.escalation);
    const position = await repo.nextPolicyPosition(tx);
    const created = await repo.insertPolicy(tx, { ...input, position, createdAt: now, updatedAt: now });
    await markClocksStale(tx, now);
    return created;
  });
  return presentPolicy(row);
}

export async function updatePolicy(ctx: Ctx, id: string, input: UpdateSlaPolicyBody): Promise<SlaPolicyView> {
  canManageDeadlines(ctx.actor);
  const now = ctx.now();
  const row = await transaction(ctx, async (tx) => {
    await checkCalendar(tx, input.calendarId);
    checkSteps(input.escalation);
    const current = await repo.findPolicyForUpdate(tx, id);
    if (!current) throw notFound('SLA policy', id);
    if (current.version !== input.version) throw versionConflict(`SLA policy ${current.name}`, current.version);
    const { version: _v, ...fields } = input;
    const updated = await repo.updatePolicy(tx, id, { ...fields, updatedAt: now, version: current.version + 1 });
    await markClocksStale(tx, now);
    return updated;
  });
  return presentPolicy(row);
}

export async function deletePolicy(ctx: Ctx, id: string): Promise<void> {
  canManageDeadlines(ctx.actor);
  const now = ctx.now();
  await transaction(ctx, async (tx) => {
    if (!(await repo.deletePolicy(tx, id))) throw notFound('SLA policy', id);
    await markClocksStale(tx, now);
  });
}

/** Put policies in a new order: the list must name each policy once. */
export async function reorderPolicies(ctx: Ctx, ids: string[]): Promise<SlaPolicyView[]> {
  canManageDeadlines(ctx.actor);
  const now = ctx.now();
  await transaction(ctx, async (tx) => {
    await repo.reorderPolicies(tx, ids);
    await markClocksStale(tx, now);
  });
  // The answer to an allowed change: not checked against the read permission again (a token may hold sla:manage only).
  return (await repo.listPolicies(ctx.db)).map(presentPolicy);
}

/**
 * Default policies from PROCEDURE.md §4, created once on first start: urgent or critical cases
 * first, then foreign customers (close in 17 days), the same or a neighbouring province (on site
 * in 48 h, close in 13 days), and every other case (on site in 72 h, close in 13 days).
 */
export async function seedDefaultPolicies(db: Executor, calendarId: string): Promise<void> {
  if (!(await repo.claimPolicySeeding(db))) return;
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
    await repo.insertPolicy(db, { ...SlaPolicyBody.parse({ ...p, calendarId }), position: i + 1 });
  }
}
