import type { CostBody, SettlementView } from '@closeloop/domain';
import { asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { caseCosts, departments, dispositions } from '../../db/schema.ts';
import { ensure } from '../../lib/actor.ts';
import type { Ctx } from '../../lib/context.ts';
import { DomainError, invalidField, notFound } from '../../lib/errors.ts';
import { rowsOf } from '../../lib/sql.ts';
import { dateIn } from '../../lib/time.ts';
import * as caseRepo from '../cases/index.ts';
import { recordCaseEvents } from '../timeline/index.ts';
import { presentCost } from './service.ts';

const round = (n: number) => Math.round(n * 100) / 100;

/** The case's costs, totalled by category and by who bears them; like the settlement, for `costs:read`. */
export async function caseCostSummary(ctx: Ctx, idOrNumber: string) {
  ensure(ctx.actor, 'cases:read');
  ensure(ctx.actor, 'costs:read');
  const c = await caseRepo.findCase(ctx.db, idOrNumber);
  if (!c) throw notFound('case', idOrNumber);
  const rows = await ctx.db.select().from(caseCosts).where(eq(caseCosts.caseId, c.id)).orderBy(asc(caseCosts.id));
  const byCategory: Record<string, number> = {};
  const byBearer: Record<string, number> = {};
  for (const r of rows) {
    byCategory[r.category] = round((byCategory[r.category] ?? 0) + r.amount);
    byBearer[r.bearer] = round((byBearer[r.bearer] ?? 0) + r.amount);
  }
  const total = round(rows.reduce((s, r) => s + r.amount, 0));
  const recovered = round(rows.reduce((s, r) => s + r.recoveredAmount, 0));
  return { items: rows.map(presentCost), total, recovered, net: round(total - recovered), byCategory, byBearer };
}

/**
 * Record a cost. Who bears it defaults from the responsibility decision: our department
 * (external failure cost), the supplier or carrier (to be recovered), or the customer.
 */
export async function addCost(ctx: Ctx, idOrNumber: string, input: z.infer<typeof CostBody>) {
  ensure(ctx.actor, 'dispositions:write');
  const actor = ctx.actor;
  return ctx.db.transaction(async (tx) => {
    const c = await caseRepo.findCase(tx, idOrNumber, { forUpdate: true });
    if (!c) throw notFound('case', idOrNumber);
    if (input.dispositionId) {
      const [d] = await tx.select({ caseId: dispositions.caseId }).from(dispositions).where(eq(dispositions.id, input.dispositionId));
      if (!d || d.caseId !== c.id) throw invalidField('dispositionId', 'no such disposition on this case');
    }
    const party = c.responsibilityParty;
    const bearer =
      input.bearer ??
      (party === 'supplier' ? 'supplier' : party === 'carrier' ? 'carrier' : party === 'customer' ? 'customer' : 'department');
    const departmentId =
      bearer === 'department' ? (input.departmentId ?? (party === 'ours' ? c.responsibilityDepartmentId : null) ?? c.departmentId) : null;
    const externalParty = bearer === 'supplier' || bearer === 'carrier' ? (input.externalParty ?? c.responsibilityExternalParty) : null;
    if ((bearer === 'supplier' || bearer === 'carrier') && !externalParty) throw invalidField('externalParty', `name the ${bearer}`);
    if (departmentId) {
      const [dep] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, departmentId));
      if (!dep) throw invalidField('departmentId', 'no such department');
    }
    const now = ctx.now();
    const incurredOn = input.incurredOn ?? dateIn(ctx.config.timeZone, now);
    const [row] = await tx
      .insert(caseCosts)
      .values({
        caseId: c.id,
        dispositionId: input.dispositionId ?? null,
        category: input.category,
        amount: input.amount,
        description: input.description ?? null,
        bearer,
        departmentId,
        externalParty,
        incurredOn,
        createdById: actor.userId,
        createdAt: now,
      })
      .returning();
    await recordCaseEvents(tx, ctx, c.id, [
      {
        kind: 'cost_recorded',
        at: now,
        body: input.description ?? null,
        data: { costId: row!.id, category: input.category, amount: input.amount, bearer, departmentId, externalParty },
      },
    ]);
    return presentCost(row!);
  });
}

/** Money got back from a supplier or carrier (索赔回收). */
export async function recordRecovery(ctx: Ctx, costId: number, amount: number) {
  ensure(ctx.actor, 'dispositions:write');
  return ctx.db.transaction(async (tx) => {
    const [cost] = await tx.select().from(caseCosts).where(eq(caseCosts.id, costId)).for('update');
    if (!cost) throw notFound('cost', String(costId));
    if (cost.bearer === 'department') throw new DomainError('guard_failed', 'a cost our department bears is not recovered');
    if (amount > cost.amount) throw invalidField('amount', `cannot exceed the cost (${cost.amount})`);
    const [row] = await tx.update(caseCosts).set({ recoveredAmount: amount }).where(eq(caseCosts.id, costId)).returning();
    await recordCaseEvents(tx, ctx, cost.caseId, [
      { kind: 'cost_recovered', data: { costId, amount, from: cost.externalParty ?? cost.bearer } },
    ]);
    return presentCost(row!);
  });
}

/** The month's external failure cost for finance: by department, product, customer and category; recoveries. */
export async function settlement(ctx: Ctx, month: string): Promise<z.infer<typeof SettlementView>> {
  ensure(ctx.actor, 'costs:read');
  const from = `${month}-01`;
  const range = sql`k.incurred_on >= ${from}::date AND k.incurred_on < (${from}::date + interval '1 month')`;
  const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await ctx.db.execute(query));
  const [totals] = await q<{ total: string; recovered: string }>(sql`
    SELECT coalesce(sum(amount), 0) AS total, coalesce(sum(recovered_amount), 0) AS recovered FROM case_costs k WHERE ${range}`);
  const byDepartment = await q<{ department_id: string | null; amount: string; cases: number }>(sql`
    SELECT department_id, sum(amount) AS amount, count(DISTINCT case_id)::int AS cases FROM case_costs k
     WHERE ${range} AND bearer = 'department' GROUP BY department_id ORDER BY sum(amount) DESC`);
  const byProduct = await q<{ product_id: string | null; model: string | null; amount: string }>(sql`
    SELECT c.product_id, p.model, sum(k.amount) AS amount FROM case_costs k JOIN cases c ON c.id = k.case_id
      LEFT JOIN products p ON p.id = c.product_id WHERE ${range} GROUP BY c.product_id, p.model ORDER BY sum(k.amount) DESC`);
  const byCustomer = await q<{ customer_id: string | null; name: string | null; amount: string }>(sql`
    SELECT c.customer_id, cu.name, sum(k.amount) AS amount FROM case_costs k JOIN cases c ON c.id = k.case_id
      LEFT JOIN customers cu ON cu.id = c.customer_id WHERE ${range} GROUP BY c.customer_id, cu.name ORDER BY sum(k.amount) DESC`);
  const byCategory = await q<{ category: string; amount: string }>(sql`
    SELECT category, sum(amount) AS amount FROM case_costs k WHERE ${range} GROUP BY category`);
  const recoveries = await q<{ bearer: string; external_party: string | null; amount: string; recovered: string }>(sql`
    SELECT bearer, external_party, sum(amount) AS amount, sum(recovered_amount) AS recovered FROM case_costs k
     WHERE ${range} AND bearer <> 'department' GROUP BY bearer, external_party ORDER BY sum(amount) DESC`);
  const n = (v: string | number | null | undefined) => round(Number(v ?? 0));
  return {
    month,
    total: n(totals?.total),
    recovered: n(totals?.recovered),
    byDepartment: byDepartment.map((r) => ({ departmentId: r.department_id, amount: n(r.amount), cases: Number(r.cases) })),
    byProduct: byProduct.map((r) => ({ productId: r.product_id, model: r.model, amount: n(r.amount) })),
    byCustomer: byCustomer.map((r) => ({ customerId: r.customer_id, name: r.name, amount: n(r.amount) })),
    byCategory: Object.fromEntries(byCategory.map((r) => [r.category, n(r.amount)])),
    recoveries: recoveries.map((r) => ({
      bearer: r.bearer,
      externalParty: r.external_party,
      amount: n(r.amount),
      recovered: n(r.recovered),
    })),
  };
}
