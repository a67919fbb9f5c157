import {
  type CaseWarrantyQuery,
  type CategoryTerms,
  evaluateWarranty,
  type TermsByCategory,
  termsFor,
  type WarrantyEvaluation,
  type WarrantyRepair,
} from '@closeloop/domain';
import type { Executor } from '../../db/connection.ts';
import type { Ctx } from '../../lib/context.ts';
import { DomainError, notFound, versionConflict } from '../../lib/errors.ts';
import { dateIn } from '../../lib/time.ts';
import { transaction } from '../../lib/transaction.ts';
import * as caseRepo from '../cases/index.ts';
import { ensureMayManageWarrantyTerms, ensureMayReadDispositions } from './policy.ts';
import * as repo from './repository.ts';

type CaseRow = NonNullable<Awaited<ReturnType<typeof caseRepo.findCase>>>;
export type CaseWarranty = WarrantyEvaluation & { saleDate: string | null; category: string | null };

const today = (ctx: Ctx) => dateIn(ctx.config.timeZone, ctx.now());
const dateOf = (ctx: Ctx, d: Date) => dateIn(ctx.config.timeZone, d);

async function termsTable(db: Executor): Promise<TermsByCategory> {
  const rows = await repo.warrantyTermRows(db);
  return Object.fromEntries(rows.map((r) => [r.category, r.terms as CategoryTerms]));
}

/** `GET /cases/{id}/warranty`: the warranty evaluation of a case as it stands. */
export async function evaluateCaseWarranty(ctx: Ctx, idOrNumber: string, q: CaseWarrantyQuery): Promise<CaseWarranty> {
  ensureMayReadDispositions(ctx.actor);
  const c = await caseRepo.findCase(ctx.db, idOrNumber);
  if (!c) throw notFound('case', idOrNumber);
  return warrantyOfCase(ctx.db, ctx, c, q);
}

/**
 * What the customer is entitled to under warranty (三包) for this case: from the sale date (the
 * case's purchase date, else the unit's install or ship date), the product category's terms, the
 * unit's earlier repairs (completed repair dispositions on other cases of the same unit, from the
 * day it was sent in to the day it went back) and this case's repair in progress (sent in, not
 * back yet: its days up to today, for the exchange after 30 days). Reads through `db`, so a use case
 * evaluates it inside its own transaction (a proposal stores it with the disposition).
 */
export async function warrantyOfCase(db: Executor, ctx: Ctx, c: CaseRow, q: CaseWarrantyQuery): Promise<CaseWarranty> {
  const unit = c.unitId ? await repo.findUnit(db, c.unitId) : undefined;
  const productId = c.productId ?? unit?.productId ?? null;
  const product = productId ? await repo.findProduct(db, productId) : undefined;
  if (!product)
    throw new DomainError('guard_failed', `case ${c.number} names no product: the warranty depends on it`, {
      errors: [{ field: 'productId', message: 'set the product or unit first' }],
    });
  const saleDate = c.purchaseDate ?? unit?.installDate ?? unit?.shipDate ?? null;
  const faultDate = c.occurredAt ? dateOf(ctx, c.occurredAt) : dateOf(ctx, c.receivedAt);
  const terms = termsFor(product.category, product.warrantyMonths, await termsTable(db));

  // Earlier repairs of the same unit: repair dispositions on its other cases, over the days the
  // repair records (a service order: its visit). Records without them count from the case's fault
  // to the disposition's last change (its completion).
  const repairs: WarrantyRepair[] = [];
  if (c.unitId) {
    const rows = await repo.doneRepairsOfUnit(db, c.unitId);
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
  const open = await repo.openRepairsOfCase(db, c.id);
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
  ensureMayReadDispositions(ctx.actor);
  const rows = await repo.warrantyTermRows(ctx.db);
  return rows.map((r) => ({ category: r.category, terms: r.terms as CategoryTerms, version: r.version }));
}

/** Contract terms for a product category (stricter or looser than the consumer-goods defaults). */
export async function putWarrantyTerms(ctx: Ctx, category: string, input: { terms: CategoryTerms; version?: number | undefined }) {
  ensureMayManageWarrantyTerms(ctx.actor);
  const now = ctx.now();
  await transaction(ctx, async (tx) => {
    const current = await repo.warrantyTermsForUpdate(tx, category);
    if (current && input.version !== undefined && current.version !== input.version)
      throw versionConflict(`warranty terms of ${category}`, current.version);
    if (current) await repo.updateWarrantyTerms(tx, category, { terms: input.terms, updatedAt: now, version: current.version + 1 });
    else await repo.insertWarrantyTerms(tx, { category, terms: input.terms, updatedAt: now });
  });
  return (await listWarrantyTerms(ctx)).find((t) => t.category === category)!;
}
