import type { CostBody, SettlementView } from '@closeloop/domain';
import type { z } from 'zod';
import type { Ctx } from '../../lib/context.ts';
import { DomainError, invalidField, notFound } from '../../lib/errors.ts';
import { dateIn } from '../../lib/time.ts';
import { transaction } from '../../lib/transaction.ts';
import * as caseRepo from '../cases/index.ts';
import { recordCaseEvents } from '../timeline/index.ts';
import { ensureMayReadDispositions, ensureMayRecordCosts, ensureMaySeeCosts } from './policy.ts';
import { presentCost } from './presenter.ts';
import * as repo from './repository.ts';

const round = (n: number) => Math.round(n * 100) / 100;

/** The case's costs, totalled by category and by who bears them; like the settlement, for `costs:read`. */
export async function caseCostSummary(ctx: Ctx, idOrNumber: string) {
  ensureMayReadDispositions(ctx.actor);
  ensureMaySeeCosts(ctx.actor);
  const c = await caseRepo.findCase(ctx.db, idOrNumber);
  if (!c) throw notFound('case', idOrNumber);
  const rows = await repo.costsOfCase(ctx.db, c.id);
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
  ensureMayRecordCosts(ctx.actor);
  const actor = ctx.actor;
  return transaction(ctx, async (tx) => {
    const c = await caseRepo.findCase(tx, idOrNumber, { forUpdate: true });
    if (!c) throw notFound('case', idOrNumber);
    if (input.dispositionId) {
      const caseId = await repo.caseIdOfDisposition(tx, input.dispositionId);
      if (caseId !== c.id) throw invalidField('dispositionId', 'no such disposition on this case');
    }
    const party = c.responsibilityParty;
    const bearer =
      input.bearer ??
      (party === 'supplier' ? 'supplier' : party === 'carrier' ? 'carrier' : party === 'customer' ? 'customer' : 'department');
    const departmentId =
      bearer === 'department' ? (input.departmentId ?? (party === 'ours' ? c.responsibilityDepartmentId : null) ?? c.departmentId) : null;
    const externalParty = bearer === 'supplier' || bearer === 'carrier' ? (input.externalParty ?? c.responsibilityExternalParty) : null;
    if ((bearer === 'supplier' || bearer === 'carrier') && !externalParty) throw invalidField('externalParty', `name the ${bearer}`);
    if (departmentId && !(await repo.departmentExists(tx, departmentId))) throw invalidField('departmentId', 'no such department');
    const now = ctx.now();
    const incurredOn = input.incurredOn ?? dateIn(ctx.config.timeZone, now);
    const row = await repo.insertCost(tx, {
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
    });
    await recordCaseEvents(tx, ctx, c.id, [
      {
        kind: 'cost_recorded',
        at: now,
        body: input.description ?? null,
        data: { costId: row.id, category: input.category, amount: input.amount, bearer, departmentId, externalParty },
      },
    ]);
    return presentCost(row);
  });
}

/** Money got back from a supplier or carrier (索赔回收). */
export async function recordRecovery(ctx: Ctx, costId: number, amount: number) {
  ensureMayRecordCosts(ctx.actor);
  return transaction(ctx, async (tx) => {
    const cost = await repo.findCostForUpdate(tx, costId);
    if (!cost) throw notFound('cost', String(costId));
    if (cost.bearer === 'department') throw new DomainError('guard_failed', 'a cost our department bears is not recovered');
    if (amount > cost.amount) throw invalidField('amount', `cannot exceed the cost (${cost.amount})`);
    const row = await repo.setRecoveredAmount(tx, costId, amount);
    await recordCaseEvents(tx, ctx, cost.caseId, [
      { kind: 'cost_recovered', data: { costId, amount, from: cost.externalParty ?? cost.bearer } },
    ]);
    return presentCost(row);
  });
}

/** The month's external failure cost for finance: by department, product, customer and category; recoveries. */
export async function settlement(ctx: Ctx, month: string): Promise<z.infer<typeof SettlementView>> {
  ensureMaySeeCosts(ctx.actor);
  const { totals, byDepartment, byProduct, byCustomer, byCategory, recoveries } = await repo.settlementSums(ctx.db, month);
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
