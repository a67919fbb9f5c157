import {
  type CaseWarrantyQuery,
  type CategoryTerms,
  evaluateWarranty,
  type TermsByCategory,
  termsFor,
  type WarrantyEvaluation,
  type WarrantyRepair,
} from '@closeloop/domain';
import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { cases, dispositions, products, units, warrantyTerms } from '../../db/schema.ts';
import { ensure } from '../../lib/actor.ts';
import type { Ctx } from '../../lib/context.ts';
import { DomainError, notFound, versionConflict } from '../../lib/errors.ts';
import { dateIn } from '../../lib/time.ts';
import * as caseRepo from '../cases/index.ts';

const today = (ctx: Ctx) => dateIn(ctx.config.timeZone, ctx.now());
const dateOf = (ctx: Ctx, d: Date) => dateIn(ctx.config.timeZone, d);

async function termsTable(db: Executor): Promise<TermsByCategory> {
  const rows = await db.select().from(warrantyTerms);
  return Object.fromEntries(rows.map((r) => [r.category, r.terms as CategoryTerms]));
}

/**
 * What the customer is entitled to under warranty (三包) for this case: from the sale date (the
 * case's purchase date, else the unit's install or ship date), the product category's terms, the
 * unit's earlier repairs (completed repair dispositions on other cases of the same unit, from the
 * day it was sent in to the day it went back) and this case's repair in progress (sent in, not
 * back yet: its days up to today, for the exchange after 30 days).
 */
export async function evaluateCaseWarranty(
  ctx: Ctx,
  idOrNumber: string,
  q: CaseWarrantyQuery,
): Promise<WarrantyEvaluation & { saleDate: string | null; category: string | null }> {
  ensure(ctx.actor, 'cases:read');
  const c = await caseRepo.findCase(ctx.db, idOrNumber);
  if (!c) throw notFound('case', idOrNumber);
  const [unit] = c.unitId ? await ctx.db.select().from(units).where(eq(units.id, c.unitId)) : [];
  const productId = c.productId ?? unit?.productId ?? null;
  const [product] = productId ? await ctx.db.select().from(products).where(eq(products.id, productId)) : [];
  if (!product)
    throw new DomainError('guard_failed', `case ${c.number} names no product: the warranty depends on it`, {
      errors: [{ field: 'productId', message: 'set the product or unit first' }],
    });
  const saleDate = c.purchaseDate ?? unit?.installDate ?? unit?.shipDate ?? null;
  const faultDate = c.occurredAt ? dateOf(ctx, c.occurredAt) : dateOf(ctx, c.receivedAt);
  const terms = termsFor(product.category, product.warrantyMonths, await termsTable(ctx.db));

  // Earlier repairs of the same unit: repair dispositions on its other cases, over the days the
  // repair records (a service order: its visit). Records without them count from the case's fault
  // to the disposition's last change (its completion).
  const repairs: WarrantyRepair[] = [];
  if (c.unitId) {
    const rows = await ctx.db
      .select({ d: dispositions, received: cases.receivedAt, occurred: cases.occurredAt })
      .from(dispositions)
      .innerJoin(cases, eq(cases.id, dispositions.caseId))
      .where(and(eq(cases.unitId, c.unitId), inArray(dispositions.kind, ['repair', 'service_order']), eq(dispositions.status, 'done')))
      .orderBy(asc(dispositions.createdAt));
    for (const r of rows) {
      if (r.d.caseId === c.id) continue;
      const details = r.d.details as {
        fault?: string;
        faultCode?: string;
        receivedOn?: string;
        returnedOn?: string;
        arrivedAt?: string;
        departedAt?: string;
      };
      const receivedDate = details.receivedOn ?? (details.arrivedAt ? dateOf(ctx, new Date(details.arrivedAt)) : undefined);
      const returnedDate = details.returnedOn ?? (details.departedAt ? dateOf(ctx, new Date(details.departedAt)) : undefined);
      const from = receivedDate ?? dateOf(ctx, r.occurred ?? r.received);
      const to = returnedDate ?? dateOf(ctx, r.d.updatedAt);
      repairs.push({
        faultCode: details.faultCode ?? details.fault ?? '',
        receivedDate: from,
        // ISO dates compare as text; a record returned "before" it was received counts as a same-day repair.
        // biome-ignore lint/complexity/useMathMinMax: ISO date strings, not numbers
        returnedDate: to < from ? from : to,
        fixed: true,
      });
    }
  }
  // This case's repair in progress: the unit was sent in and has not gone back yet.
  const open = await ctx.db
    .select({ details: dispositions.details })
    .from(dispositions)
    .where(
      and(
        eq(dispositions.caseId, c.id),
        eq(dispositions.kind, 'repair'),
        notInArray(dispositions.status, ['done', 'refused', 'cancelled']),
      ),
    );
  const currentRepairStarted = open
    .map((r) => r.details as { receivedOn?: string; returnedOn?: string })
    .flatMap((d) => (d.receivedOn && !d.returnedOn ? [d.receivedOn] : []))
    .sort()[0];
  const evaluation = evaluateWarranty({
    saleDate: saleDate && saleDate <= faultDate ? saleDate : saleDate ? faultDate : null,
    faultDate,
    // The later of today and the fault date (ISO dates compare as text).
    asOf: [today(ctx), faultDate].sort()[1] as string,
    price: q.price,
    terms,
    faultCode: q.faultCode,
    exclusion: q.exclusion ?? null,
    repairs,
    ...(currentRepairStarted ? { currentRepairStarted } : {}),
  });
  return { ...evaluation, saleDate, category: product.category };
}

export async function listWarrantyTerms(ctx: Ctx) {
  ensure(ctx.actor, 'cases:read');
  const rows = await ctx.db.select().from(warrantyTerms).orderBy(asc(warrantyTerms.category));
  return rows.map((r) => ({ category: r.category, terms: r.terms as CategoryTerms, version: r.version }));
}

/** Contract terms for a product category (stricter or looser than the consumer-goods defaults). */
export async function putWarrantyTerms(ctx: Ctx, category: string, input: { terms: CategoryTerms; version?: number | undefined }) {
  ensure(ctx.actor, 'approvals:manage');
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(warrantyTerms).where(eq(warrantyTerms.category, category)).for('update');
    if (current && input.version !== undefined && current.version !== input.version)
      throw versionConflict(`warranty terms of ${category}`, current.version);
    if (current)
      await tx
        .update(warrantyTerms)
        .set({ terms: input.terms, updatedAt: now, version: current.version + 1 })
        .where(eq(warrantyTerms.category, category));
    else await tx.insert(warrantyTerms).values({ category, terms: input.terms, updatedAt: now });
  });
  return (await listWarrantyTerms(ctx)).find((t) => t.category === category)!;
}
