import { type ApprovalKind, type DispositionKind, rolesMayApprove, type spendingOf } from '@closeloop/domain';
import type { Executor } from '../../db/connection.ts';
import type { ActorCtx } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';
import { notifyUsers } from '../notifications/index.ts';
import { recordCaseEvents } from '../timeline/index.ts';
import * as repo from './repository.ts';

/**
 * Approval of spending by the matrix (核决权限), in the caller's transaction: which role a band
 * needs, asking it (the request, its timeline event, a notice to whoever may decide it) and
 * checking that money about to move is approved as it stands.
 */

type Spending = ReturnType<typeof spendingOf>;

/** The role that must approve `amount` of `kind`: the band with min < amount ≤ max; null when none needs approval. */
export async function requiredRoleFor(db: Executor, kind: ApprovalKind, amount: number): Promise<string | null> {
  if (amount <= 0) return null;
  const bands = await repo.approvalBands(db, kind);
  const band = bands.find((b) => amount > b.minAmount && (b.maxAmount === null || amount <= b.maxAmount));
  return band?.roleCode ?? null;
}

/** The role that must approve a disposition's spending, or null when it needs no approval. */
export const roleForSpending = (db: Executor, spending: Spending): Promise<string | null> =>
  spending.kind && spending.amount ? requiredRoleFor(db, spending.kind, spending.amount) : Promise.resolve(null);

/** The detail that holds a kind's money, for error fields. */
export const moneyField = (kind: DispositionKind) =>
  kind === 'refund' || kind === 'compensation' ? 'amount' : kind === 'replacement' ? 'value' : 'goodwillAmount';

/**
 * Before money moves (start, complete): when the current spending needs approval, the newest
 * approval request must be approved for exactly the current amount.
 */
export async function ensureApprovedAsItStands(
  tx: Executor,
  d: { id: string; number: string; kind: string },
  spending: Spending,
): Promise<void> {
  if (!(await roleForSpending(tx, spending))) return;
  const latest = await repo.latestApproval(tx, d.id);
  if (latest?.status !== 'approved' || latest.amount !== spending.amount) {
    throw new DomainError('guard_failed', `${d.number} is not approved for ¥${spending.amount}`, {
      errors: [{ field: `details.${moneyField(d.kind as DispositionKind)}`, message: 'the amount as it stands has no approval' }],
    });
  }
}

/**
 * Ask the band's role to approve `amount`: the request (with who proposed it, so they cannot decide
 * it), its timeline event, and a notice through the outbox to every active user whose role may
 * decide it — but the requester and the proposer, who may not.
 */
export async function requestApproval(
  tx: Executor,
  ctx: ActorCtx,
  d: repo.DispositionRow,
  caseNumber: string,
  request: { role: string; amount: number | null; note: string | undefined },
  change?: { previousAmount: number | null; reason: 'amount_changed' },
): Promise<void> {
  const now = ctx.now();
  const requesterId = ctx.actor.userId;
  const approvalId = await repo.insertApproval(tx, {
    dispositionId: d.id,
    requiredRole: request.role,
    amount: request.amount ?? 0,
    requestedById: requesterId,
    proposedById: d.createdById,
    requestedAt: now,
  });
  await recordCaseEvents(tx, ctx, d.caseId, [
    {
      kind: 'disposition_approval_requested',
      data: { dispositionId: d.id, number: d.number, requiredRole: request.role, amount: request.amount, ...change },
      body: request.note,
    },
  ]);
  const approvers = (await repo.activeUsersWithRoles(tx, rolesMayApprove(request.role))).filter(
    (u) => u.id !== requesterId && u.id !== d.createdById,
  );
  if (approvers.length === 0) return;
  await notifyUsers(
    tx,
    ctx.config,
    {
      kind: 'approval_requested',
      userIds: approvers.map((u) => u.id),
      caseId: d.caseId,
      params: {
        caseNumber,
        dispositionNumber: d.number,
        ...(request.amount !== null ? { amount: request.amount } : {}),
        actorName: ctx.actor.displayName,
      },
      at: now,
      dedupeKey: `approval_requested:${approvalId}`,
    },
    approvers,
  );
}
