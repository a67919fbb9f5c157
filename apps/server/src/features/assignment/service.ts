import {
  type AssignmentConditions,
  type AssignmentRuleBody,
  type AssignmentRuleView,
  type CompanySettings,
  type CustomerRegion,
  listAllows,
  regionAllows,
  regionOf,
  type UpdateAssignmentRuleBody,
} from '@closeloop/domain';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { assignmentRules, departments, users } from '../../db/schema.ts';
import { ensure } from '../../lib/actor.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { reorderRows } from '../../lib/order.ts';
import { rowsOf } from '../../lib/sql.ts';
import { companySettings } from '../settings/index.ts';

type RuleRow = typeof assignmentRules.$inferSelect;

export function presentRule(r: RuleRow): AssignmentRuleView {
  return {
    id: r.id,
    name: r.name,
    position: r.position,
    isActive: r.isActive,
    conditions: r.conditions as AssignmentConditions,
    departmentId: r.departmentId,
    strategy: r.strategy as AssignmentRuleView['strategy'],
    userIds: r.userIds,
    version: r.version,
  };
}

export async function listRules(ctx: Ctx): Promise<AssignmentRuleView[]> {
  ensure(ctx.actor, 'cases:read');
  const rows = await ctx.db.select().from(assignmentRules).orderBy(asc(assignmentRules.position), asc(assignmentRules.createdAt));
  return rows.map(presentRule);
}

async function checkRefs(db: Executor, input: { departmentId?: string | null | undefined; userIds?: string[] | undefined }) {
  if (input.departmentId) {
    const [d] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId));
    if (!d) throw invalidField('departmentId', 'no such department');
  }
  if (input.userIds?.length) {
    if (new Set(input.userIds).size !== input.userIds.length) throw invalidField('userIds', 'a person is listed twice');
    const found = await db.select({ id: users.id }).from(users).where(inArray(users.id, input.userIds));
    const known = new Set(found.map((f) => f.id));
    const missing = input.userIds.findIndex((id) => !known.has(id));
    if (missing >= 0) throw invalidField(`userIds.${missing}`, 'no such user');
  }
}

export async function createRule(ctx: Ctx, input: AssignmentRuleBody): Promise<AssignmentRuleView> {
  ensure(ctx.actor, 'sla:manage');
  await checkRefs(ctx.db, input);
  const now = ctx.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [{ next }] = (await tx
      .select({ next: sql<number>`coalesce(max(${assignmentRules.position}), 0) + 1` })
      .from(assignmentRules)) as [{ next: number }];
    const [r] = await tx
      .insert(assignmentRules)
      .values({ ...input, position: Number(next), createdAt: now, updatedAt: now })
      .returning();
    return r!;
  });
  return presentRule(row);
}

export async function updateRule(ctx: Ctx, id: string, input: z.infer<typeof UpdateAssignmentRuleBody>): Promise<AssignmentRuleView> {
  ensure(ctx.actor, 'sla:manage');
  await checkRefs(ctx.db, input);
  const row = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(assignmentRules).where(eq(assignmentRules.id, id)).for('update');
    if (!current) throw notFound('assignment rule', id);
    if (current.version !== input.version) throw versionConflict(`assignment rule ${current.name}`, current.version);
    const merged = {
      departmentId: input.departmentId !== undefined ? input.departmentId : current.departmentId,
      userIds: input.userIds ?? current.userIds,
    };
    if (!merged.departmentId && merged.userIds.length === 0) throw invalidField('departmentId', 'name a department, people, or both');
    const { version: _v, ...fields } = input;
    const [r] = await tx
      .update(assignmentRules)
      .set({ ...fields, updatedAt: ctx.now(), version: current.version + 1 })
      .where(eq(assignmentRules.id, id))
      .returning();
    return r!;
  });
  return presentRule(row);
}

export async function deleteRule(ctx: Ctx, id: string) {
  ensure(ctx.actor, 'sla:manage');
  const gone = await ctx.db.delete(assignmentRules).where(eq(assignmentRules.id, id)).returning({ id: assignmentRules.id });
  if (gone.length === 0) throw notFound('assignment rule', id);
}

export async function reorderRules(ctx: Ctx, ids: string[]) {
  ensure(ctx.actor, 'sla:manage');
  await ctx.db.transaction(async (tx) => {
    await reorderRows(tx, assignmentRules, ids, 'rule');
  });
  return listRules(ctx);
}

// ---------------------------------------------------------------- routing a new case

export interface RoutingFacts {
  type: string;
  causeCategory: string | null;
  productLine: string | null;
  customerId: string | null;
  customerCountry: string | null;
  customerProvince: string | null;
}

export function ruleMatches(c: AssignmentConditions, f: RoutingFacts & { region: CustomerRegion }) {
  return (
    listAllows(c.types, f.type) &&
    listAllows(c.causeCategories, f.causeCategory) &&
    listAllows(c.productLines, f.productLine) &&
    regionAllows(c.regions, f.region) &&
    listAllows(c.customerIds, f.customerId)
  );
}

/** People who can take a case now: active and not away. */
async function available(tx: Executor, ids: string[], now: Date): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        inArray(users.id, ids),
        eq(users.isActive, true),
        or(eq(users.away, false), sql`${users.awayUntil} IS NOT NULL AND ${users.awayUntil} <= ${now}`),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/**
 * Apply the first matching active rule to a new case that names no owner or department:
 * fixed (the first person present), round-robin (the next person present after the last one
 * chosen), or fewest open cases. People marked away are skipped; with nobody present the case
 * goes to the rule's department unassigned.
 */
export async function route(
  tx: Executor,
  config: { companyCountry: string },
  facts: RoutingFacts,
  now: Date,
  /** The company settings when the caller has read them already. */
  settings?: CompanySettings,
): Promise<{ ruleId: string; ruleName: string; departmentId: string | null; ownerId: string | null } | undefined> {
  const rules = await tx
    .select()
    .from(assignmentRules)
    .where(eq(assignmentRules.isActive, true))
    .orderBy(asc(assignmentRules.position), asc(assignmentRules.createdAt));
  if (rules.length === 0) return undefined;
  const company = settings ?? (await companySettings(tx));
  const region = facts.customerCountry
    ? regionOf(
        { country: config.companyCountry, province: company.province },
        { country: facts.customerCountry, province: facts.customerProvince },
      )
    : 'domestic';
  const rule = rules.find((r) => ruleMatches(r.conditions as AssignmentConditions, { ...facts, region }));
  if (!rule) return undefined;

  let candidates = rule.userIds;
  if (candidates.length === 0 && rule.departmentId && rule.strategy !== 'fixed') {
    const members = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.departmentId, rule.departmentId), eq(users.isActive, true)))
      .orderBy(asc(users.login));
    candidates = members.map((m) => m.id);
  }
  const present = await available(tx, candidates, now);
  const ordered = candidates.filter((id) => present.has(id));
  let ownerId: string | null = null;
  if (ordered.length > 0) {
    if (rule.strategy === 'fixed') ownerId = ordered[0]!;
    else if (rule.strategy === 'round_robin') {
      // Lock the rule so concurrent cases take turns instead of landing on the same person.
      const [locked] = await tx
        .select({ last: assignmentRules.lastUserId })
        .from(assignmentRules)
        .where(eq(assignmentRules.id, rule.id))
        .for('update');
      const lastIndex = locked?.last ? candidates.indexOf(locked.last) : -1;
      for (let i = 1; i <= candidates.length; i++) {
        const c = candidates[(lastIndex + i + candidates.length) % candidates.length]!;
        if (present.has(c)) {
          ownerId = c;
          break;
        }
      }
      await tx.update(assignmentRules).set({ lastUserId: ownerId }).where(eq(assignmentRules.id, rule.id));
    } else {
      const counts = rowsOf<{ owner_id: string; n: number }>(
        await tx.execute(sql`
          SELECT owner_id, count(*)::int AS n FROM cases
           WHERE status NOT IN ('closed', 'rejected') AND owner_id IN (${sql.join(
             ordered.map((id) => sql`${id}::uuid`),
             sql`, `,
           )})
           GROUP BY owner_id`),
      );
      const open = new Map(counts.map((c) => [c.owner_id, Number(c.n)]));
      ownerId = ordered.reduce((best, id) => ((open.get(id) ?? 0) < (open.get(best) ?? 0) ? id : best), ordered[0]!);
    }
  }
  let departmentId = rule.departmentId;
  if (!departmentId && ownerId) {
    const [u] = await tx.select({ d: users.departmentId }).from(users).where(eq(users.id, ownerId));
    departmentId = u?.d ?? null;
  }
  return { ruleId: rule.id, ruleName: rule.name, departmentId, ownerId };
}
