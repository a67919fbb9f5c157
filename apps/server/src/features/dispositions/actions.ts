import {
  APPROVAL_BOUND,
  checkDispositionTransition,
  completionGaps,
  type DispositionActionBody,
  DispositionDetails,
  type DispositionStatus,
  needsCustomerConsent,
  spendingOf,
} from '@closeloop/domain';
import type { Executor } from '../../db/connection.ts';
import type { ActorCtx, Ctx } from '../../lib/context.ts';
import { DomainError, invalidField, versionConflict } from '../../lib/errors.ts';
import { dateIn } from '../../lib/time.ts';
import { transaction } from '../../lib/transaction.ts';
import { createCaseRecord } from '../cases/index.ts';
import { recordCaseEvents } from '../timeline/index.ts';
import { ensureApprovedAsItStands, moneyField, requestApproval, roleForSpending } from './approvals.ts';
import { ensureMayActOnDisposition, ensureMayDecideApproval } from './policy.ts';
import { stateOf } from './presenter.ts';
import * as repo from './repository.ts';
import { getDisposition, loadCase, loadDisposition } from './service.ts';

/** Merge `update`/`complete` facts into the details (same kind), answering every invalid field. */
function mergedDetails(details: DispositionDetails, patch: Record<string, unknown>): DispositionDetails {
  const merged = DispositionDetails.safeParse({ ...details, ...patch, kind: details.kind });
  if (!merged.success) {
    throw new DomainError('validation_failed', 'the details are not valid', {
      errors: merged.error.issues.map((i) => ({ field: ['details', ...i.path].join('.'), message: i.message })),
    });
  }
  return merged.data;
}

/**
 * Move a disposition along its lifecycle (`DISPOSITION_TRANSITIONS`), or record facts on it. Money
 * is one fact with its approval: a change of amount or kind of spending after submission supersedes
 * the request (or the approval) and asks again; completion cannot change it at all.
 */
export async function actOnDisposition(ctx: Ctx, id: string, input: DispositionActionBody) {
  ensureMayActOnDisposition(ctx.actor, input.action);
  const actorCtx: ActorCtx = { ...ctx, actor: ctx.actor };
  const actor = ctx.actor;
  const created = await transaction(ctx, async (tx) => {
    const { d, caseNumber } = await loadDisposition(tx, id, true);
    if (d.version !== input.version) throw versionConflict(`disposition ${d.number}`, d.version);
    const state = stateOf(d);
    const allowed = checkDispositionTransition(state, input.action);
    if (!allowed.ok) {
      throw new DomainError('transition_not_allowed', `"${input.action}" is not possible while ${d.number} is ${d.status}`, {
        extra: { dispositionStatus: d.status, allowedActions: allowed.allowed },
      });
    }
    const now = ctx.now();
    let details = d.details as DispositionDetails;
    const patch: Partial<repo.DispositionRow> = {};
    let newCaseId: string | undefined;

    if (input.details && (input.action === 'update' || input.action === 'complete')) {
      details = mergedDetails(details, input.details);
      patch.details = details;
    }
    const spending = spendingOf(details);
    const moneyChanged = spending.kind !== d.approvalKind || spending.amount !== d.amount;

    switch (input.action) {
      case 'submit': {
        const role = await roleForSpending(tx, spending);
        Object.assign(patch, { approvalKind: spending.kind, amount: spending.amount, requiresApproval: role !== null });
        state.requiresApproval = role !== null;
        if (role) await requestApproval(tx, actorCtx, d, caseNumber, { role, amount: spending.amount, note: input.note });
        break;
      }
      case 'update': {
        if (!moneyChanged) break;
        const role = await roleForSpending(tx, spending);
        Object.assign(patch, { approvalKind: spending.kind, amount: spending.amount, requiresApproval: role !== null });
        if (!APPROVAL_BOUND.includes(state.status)) break;
        await repo.supersedePendingApprovals(tx, d.id);
        if (role) {
          await requestApproval(
            tx,
            actorCtx,
            d,
            caseNumber,
            { role, amount: spending.amount, note: input.note },
            { previousAmount: d.amount, reason: 'amount_changed' },
          );
          patch.status = 'awaiting_approval';
        } else if (state.status === 'awaiting_approval') {
          patch.status = 'approved';
        }
        break;
      }
      case 'approve':
      case 'refuse': {
        const pending = await repo.pendingApprovalForUpdate(tx, d.id);
        if (!pending) throw new DomainError('guard_failed', `${d.number} has no pending approval`);
        ensureMayDecideApproval(actor, await repo.rolesOfUser(tx, actor.userId), d, pending);
        if (input.action === 'refuse' && !input.note) throw invalidField('note', 'give the reason for refusing');
        await repo.decideApproval(tx, pending.id, {
          status: input.action === 'approve' ? 'approved' : 'refused',
          decidedById: actor.userId,
          decidedAt: now,
          note: input.note ?? null,
        });
        await recordCaseEvents(tx, ctx, d.caseId, [
          {
            kind: input.action === 'approve' ? 'disposition_approved' : 'disposition_refused',
            data: { dispositionId: d.id, number: d.number, amount: pending.amount, role: pending.requiredRole },
            body: input.note,
          },
        ]);
        break;
      }
      case 'start':
        if (needsCustomerConsent(details) && d.customerDecision !== 'accepted') {
          throw new DomainError('guard_failed', `the customer has not agreed to ${d.number} yet`, {
            errors: [{ field: 'customerDecision', message: 'record the customer’s acceptance first' }],
          });
        }
        await ensureApprovedAsItStands(tx, d, spending);
        break;
      case 'complete': {
        if (moneyChanged) {
          throw new DomainError(
            'guard_failed',
            `the amount of ${d.number} changes with completion: update it first (it is approved again)`,
            {
              errors: [{ field: `details.${moneyField(state.kind)}`, message: 'differs from the approved amount' }],
            },
          );
        }
        await ensureApprovedAsItStands(tx, d, spending);
        // The day a repair went back to the customer, for the warranty (三包): today unless it was given.
        if (details.kind === 'repair' && !details.returnedOn) {
          const returnedOn = dateIn(ctx.config.timeZone, now);
          if (details.receivedOn && details.receivedOn > returnedOn) {
            throw invalidField('details.returnedOn', 'a repair is returned on or after the day it was received');
          }
          details = { ...details, returnedOn };
          patch.details = details;
        }
        const gaps = completionGaps(details, { signed: d.signature !== null });
        if (gaps.length > 0) throw new DomainError('guard_failed', gaps.map((g) => g.message).join('; '), { errors: gaps });
        break;
      }
      case 'customer_accept':
        patch.customerDecision = 'accepted';
        break;
      case 'customer_refuse': {
        if (!input.note) throw invalidField('note', 'record what the customer said');
        patch.customerDecision = 'refused';
        newCaseId = await openFollowUpCase(tx, actorCtx, d.caseId, d.number, input.note);
        break;
      }
      case 'cancel':
        break;
      default: {
        const exhaustive: never = input.action;
        throw new Error(`unknown action ${String(exhaustive)}`);
      }
    }
    const moved = checkDispositionTransition(state, input.action);
    const next: DispositionStatus = patch.status ?? (moved.ok ? moved.to : d.status);
    if (next !== d.status) patch.status = next;
    const updated = await repo.updateDisposition(tx, d.id, d.version, { ...patch, updatedAt: now });
    if (!updated) throw versionConflict(`disposition ${d.number}`, d.version);
    if (!['approve', 'refuse', 'submit'].includes(input.action) || next !== d.status) {
      await recordCaseEvents(tx, ctx, d.caseId, [
        {
          kind: 'disposition_updated',
          data: {
            dispositionId: d.id,
            number: d.number,
            kind: state.kind,
            action: input.action,
            from: d.status,
            to: next,
            ...(newCaseId ? { newCaseId } : {}),
          },
          body: input.action === 'approve' || input.action === 'refuse' ? null : input.note,
        },
      ]);
    }
    return newCaseId;
  });
  const view = await getDisposition(ctx, id);
  return { disposition: view, createdCaseId: created ?? null };
}

/**
 * The customer rejects the conclusion: a new case linked to the original (PROCEDURE.md §5),
 * carrying the customer and product, with the customer's words.
 */
async function openFollowUpCase(tx: Executor, ctx: ActorCtx, caseId: string, dispositionNumber: string, words: string): Promise<string> {
  const original = await loadCase(tx, caseId);
  const now = ctx.now();
  const { row } = await createCaseRecord(tx, ctx, {
    values: {
      type: original.type,
      title: `${original.title}（客户不接受 ${dispositionNumber}）`,
      description: `${words}\n\n— ${original.number} / ${dispositionNumber}`,
      customerId: original.customerId,
      contactId: original.contactId,
      contactName: original.contactName,
      contactPhone: original.contactPhone,
      contactEmail: original.contactEmail,
      productId: original.productId,
      unitId: original.unitId,
      serialNo: original.serialNo,
      batchNo: original.batchNo,
      channel: original.channel,
      severity: original.severity,
      grade: original.grade,
      ownerId: original.ownerId,
      departmentId: original.departmentId,
      receivedById: ctx.actor.userId,
      receivedAt: now,
      firstResponderId: original.firstResponderId ?? ctx.actor.userId,
    },
    route: false,
    carried: true,
    priority: { priority: original.priority, derivedPriority: original.derivedPriority },
    links: [{ caseId: original.id, kind: 'follow_up' }],
    created: {
      body: words,
      data: { followUpOf: { caseId: original.id, number: original.number, disposition: dispositionNumber } },
    },
  });
  return row.id;
}
