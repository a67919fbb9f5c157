import {
  type CaseWarrantyQuery,
  type CreateDispositionBody,
  type DispositionDetails,
  type DispositionView,
  type ListDispositionsQuery,
  spendingOf,
} from '@closeloop/domain';
import type { Executor } from '../../db/connection.ts';
import type { Ctx } from '../../lib/context.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { dateIn } from '../../lib/time.ts';
import { transaction } from '../../lib/transaction.ts';
import * as caseRepo from '../cases/index.ts';
import { recordCaseEvents } from '../timeline/index.ts';
import { roleForSpending } from './approvals.ts';
import { canApproveDisposition, canSeeCosts, ensureMayProposeDisposition, ensureMayReadDispositions } from './policy.ts';
import { presentDispositions, presentQueueItem } from './presenter.ts';
import * as repo from './repository.ts';
import { warrantyOfCase } from './warranty.ts';

/** Dispositions (处置方案) read and proposed; their lifecycle is in `actions.ts`, the signature in `signature.ts`. */

const TERMINAL_CASE = ['closed', 'rejected'];

export async function loadCase(db: Executor, idOrNumber: string, forUpdate = false) {
  const c = await caseRepo.findCase(db, idOrNumber, { forUpdate });
  if (!c) throw notFound('case', idOrNumber);
  return c;
}

export async function loadDisposition(db: Executor, id: string, forUpdate = false) {
  const row = await repo.findDisposition(db, id, { forUpdate });
  if (!row) throw notFound('disposition', id);
  return row;
}

/**
 * Present dispositions as `ctx`'s caller may see them: their approvals and (with `costs:read`)
 * costs loaded for all of them at once, two queries whatever the number of rows.
 */
async function present(ctx: Ctx, rows: { d: repo.DispositionRow; caseNumber: string }[]): Promise<DispositionView[]> {
  const ids = rows.map((r) => r.d.id);
  const approvals = await repo.approvalsOf(ctx.db, ids);
  const costs = canSeeCosts(ctx.actor) ? await repo.costsOfDispositions(ctx.db, ids) : undefined;
  return presentDispositions(rows, approvals, costs, ctx.actor?.permissions);
}

export async function listCaseDispositions(ctx: Ctx, idOrNumber: string) {
  ensureMayReadDispositions(ctx.actor);
  const c = await loadCase(ctx.db, idOrNumber);
  const rows = await repo.dispositionsOfCase(ctx.db, c.id);
  return present(
    ctx,
    rows.map((d) => ({ d, caseNumber: c.number })),
  );
}

export async function getDisposition(ctx: Ctx, id: string): Promise<DispositionView> {
  ensureMayReadDispositions(ctx.actor);
  const [view] = await present(ctx, [await loadDisposition(ctx.db, id)]);
  return view!;
}

export interface ProposeDispositionInput extends CreateDispositionBody {
  /** Evaluate the case's warranty (三包) in the same transaction and keep it with the disposition. */
  withWarranty?: CaseWarrantyQuery | undefined;
}

/** Propose a disposition on a case (处置方案), with the warranty evaluation when asked, in one transaction. */
export async function proposeDisposition(ctx: Ctx, idOrNumber: string, input: ProposeDispositionInput) {
  ensureMayProposeDisposition(ctx.actor, input);
  const actor = ctx.actor;
  const id = await transaction(ctx, async (tx) => {
    const c = await loadCase(tx, idOrNumber, true);
    const warranty = input.withWarranty ? await warrantyOfCase(tx, ctx, c, input.withWarranty) : null;
    if (TERMINAL_CASE.includes(c.status)) {
      throw new DomainError('transition_not_allowed', `case ${c.number} is ${c.status}; reopen it first`, {
        extra: { caseStatus: c.status },
      });
    }
    const seq = (await repo.countDispositionsOfCase(tx, c.id)) + 1;
    const number = input.details.kind === 'rma' ? `RMA-${c.number}-${seq}` : `${c.number}-D${seq}`;
    const spending = spendingOf(input.details);
    const role = await roleForSpending(tx, spending);
    const now = ctx.now();
    const row = await repo.insertDisposition(tx, {
      caseId: c.id,
      number,
      kind: input.details.kind,
      details: input.details,
      approvalKind: spending.kind,
      amount: spending.amount,
      requiresApproval: role !== null,
      warranty,
      createdById: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordCaseEvents(tx, ctx, c.id, [
      {
        kind: 'disposition_proposed',
        data: { dispositionId: row.id, number, kind: input.details.kind, amount: spending.amount, requiredRole: role },
        body: input.note,
      },
    ]);
    return row.id;
  });
  return getDisposition(ctx, id);
}

export async function listDispositions(ctx: Ctx, q: ListDispositionsQuery) {
  ensureMayReadDispositions(ctx.actor);
  const filter = { kind: q.kind, status: q.status, openOnly: q.open === 'true' };
  const rows = await repo.pageOfDispositions(ctx.db, filter, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const total = await repo.countDispositions(ctx.db, filter);
  return { items: await present(ctx, rows), page: q.page, pageSize: q.pageSize, total };
}

/** The work lists: returns awaiting goods, parts in transit, visits planned today, approvals waiting for me. */
export async function dispositionQueues(ctx: Ctx) {
  ensureMayReadDispositions(ctx.actor);
  const actor = ctx.actor;
  const held = await repo.rolesOfUser(ctx.db, actor.userId);
  const approvable = (await repo.pendingApprovals(ctx.db)).filter(({ a, createdById }) =>
    canApproveDisposition(actor, held, { createdById }, a),
  );
  const open = await repo.openFieldDispositions(ctx.db);
  const today = dateIn(ctx.config.timeZone, ctx.now());
  const localDate = (iso: string) => dateIn(ctx.config.timeZone, new Date(iso));
  const pick = (f: (d: DispositionDetails) => boolean) => open.filter((r) => f(r.d.details as DispositionDetails));
  const approvals = await repo.dispositionsByIds(
    ctx.db,
    approvable.map(({ a }) => a.dispositionId),
  );
  return {
    returnsAwaitingGoods: pick((d) => d.kind === 'rma' && !d.receivedOn).map(presentQueueItem),
    partsInTransit: pick((d) => d.kind === 'spare_parts' && Boolean(d.shippedOn) && !d.receivedOn).map(presentQueueItem),
    visitsToday: pick(
      (d) => d.kind === 'service_order' && Boolean(d.plannedArrival) && localDate(d.plannedArrival as string) === today && !d.arrivedAt,
    ).map(presentQueueItem),
    approvalsForMe: approvals.map(presentQueueItem),
  };
}
