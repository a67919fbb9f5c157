import { allowedActions, checkTransition, type TransitionBody } from '@closeloop/domain';
import type { Tx } from '../../db/connection.ts';
import type { ActorCtx, Ctx } from '../../lib/context.ts';
import { DomainError, versionConflict } from '../../lib/errors.ts';
import { transaction } from '../../lib/transaction.ts';
import * as people from '../auth/index.ts';
import { recordCaseEvents } from '../timeline/index.ts';
import { afterCaseChanged } from './effects.ts';
import { ensureMayTransition, ensureNoStakeInApproval } from './policy.ts';
import { createCaseRecord } from './record.ts';
import * as repo from './repository.ts';
import { diff, viewCase } from './service.ts';

/** Copied from the original when a closed or rejected case is reopened as a new one. */
const CARRIED_OVER = [
  'type',
  'title',
  'description',
  'serviceKind',
  'customerId',
  'contactId',
  'contactName',
  'contactPhone',
  'contactEmail',
  'productId',
  'unitId',
  'batchNo',
  'serialNo',
  'orderNo',
  'partNo',
  'purchaseDate',
  'purchaseChannel',
  'deliveryDate',
  'quantityDelivered',
  'quantityDefective',
  'quantityDefectiveUndetermined',
  'occurredAt',
  'occurredPlace',
  'environment',
  'recurrence',
  'customerActions',
  'customerDemands',
  'channel',
  'validity',
  'isQualityRelated',
  'severity',
  'grade',
  'causeCategory',
  'rootCause6m',
  'ownerId',
  'departmentId',
  'priority',
  'derivedPriority',
  'tags',
] as const;

/**
 * Move a case through its lifecycle (`POST /cases/{id}/transitions`). The transition table decides
 * where it may go and who may move it; guards encode the procedure. `reopen` leaves the original
 * as it is and opens a new case linked to it (PROCEDURE.md §5).
 */
export async function transitionCase(ctx: Ctx, idOrNumber: string, input: TransitionBody) {
  ensureMayTransition(ctx.actor, input);
  const actor = ctx.actor;
  const result = await transaction(ctx, async (tx) => {
    const current = await repo.findCase(tx, idOrNumber, { forUpdate: true });
    if (!current) throw new DomainError('not_found', `case ${idOrNumber} does not exist`);
    if (input.version !== undefined && input.version !== current.version) throw versionConflict(`case ${current.number}`, current.version);

    const check = checkTransition(
      {
        type: current.type,
        status: current.status,
        holdFromStatus: current.holdFromStatus,
        responsibilityParty: current.responsibilityParty,
      },
      input,
    );
    if (!check.ok && check.reason === 'not_allowed_from_status') {
      throw new DomainError(
        'transition_not_allowed',
        `"${input.action}" is not possible while case ${current.number} is ${current.status}`,
        {
          extra: {
            caseStatus: current.status,
            allowedActions: allowedActions({ status: current.status }, actor.permissions),
          },
        },
      );
    }
    if (!check.ok) {
      throw new DomainError('guard_failed', check.violations.map((v) => v.message).join('; '), {
        errors: check.violations.map((v) => ({ field: v.field, message: v.message, code: v.code })),
      });
    }

    if (input.action === 'approve') ensureNoStakeInApproval(actor, current, await repo.proposalActors(tx, current.id));

    const now = ctx.now();
    const next: Partial<repo.CaseInsert> = {};
    if (check.to !== current.status) next.status = check.to;
    switch (input.action) {
      case 'hold':
        next.holdFromStatus = current.status;
        break;
      case 'resume':
        next.holdFromStatus = null;
        break;
      case 'propose':
        if (input.proposal) next.proposal = input.proposal;
        break;
      case 'request_confirmation':
        if (input.resolution) next.resolution = input.resolution;
        break;
      case 'close':
        if (input.resolution) next.resolution = input.resolution;
        if (input.responsibility) {
          if (input.responsibility.departmentId && !(await people.findDepartment(tx, input.responsibility.departmentId))) {
            throw new DomainError('validation_failed', 'responsibility.departmentId: no such department', {
              errors: [{ field: 'responsibility.departmentId', message: 'no such department' }],
            });
          }
          next.responsibilityParty = input.responsibility.party;
          next.responsibilityDepartmentId = input.responsibility.departmentId ?? null;
          next.responsibilityExternalParty = input.responsibility.externalParty ?? null;
          next.responsibilityReason = input.responsibility.reason;
        }
        next.customerConfirmed = input.customerConfirmed ?? false;
        next.confirmationNote = input.confirmationNote ?? null;
        next.closeReason = input.customerConfirmed ? null : (input.closeReason ?? null);
        next.closedAt = now;
        break;
      case 'reject':
        next.rejectionExplanation = input.explanation ?? null;
        next.closedAt = now;
        break;
      default:
        break;
    }
    const changes = diff(current, next);
    const updated = await repo.updateCase(tx, current.id, current.version, next, now);
    if (!updated) throw versionConflict(`case ${current.number}`, current.version);
    const noteText = input.note ?? input.reason ?? input.explanation ?? input.closeReason ?? null;
    await recordCaseEvents(tx, ctx, current.id, [
      {
        kind: 'transition',
        at: now,
        changes,
        body: noteText,
        data: { action: input.action, from: current.status, to: check.to },
      },
    ]);

    await afterCaseChanged(tx, ctx, updated, now);
    let createdId: string | undefined;
    if (input.action === 'reopen') createdId = await reopenAsNewCase({ ...ctx, actor }, tx, current, input.reason ?? '', now);
    return { id: current.id, createdId };
  });
  return {
    case: await viewCase(ctx.db, result.id, actor, ctx.now()),
    createdCase: result.createdId ? await viewCase(ctx.db, result.createdId, actor, ctx.now()) : null,
  };
}

async function reopenAsNewCase(ctx: ActorCtx, tx: Tx, original: repo.CaseRow, reason: string, now: Date) {
  const carried = Object.fromEntries(CARRIED_OVER.map((k) => [k, original[k]])) as Pick<repo.CaseRow, (typeof CARRIED_OVER)[number]>;
  const { priority, derivedPriority, ...values } = carried;
  const { row } = await createCaseRecord(tx, ctx, {
    values: {
      ...values,
      description: `${reason}\n\n— ${original.number}:\n${original.description}`.trim(),
      receivedById: ctx.actor.userId,
      receivedAt: now,
      firstResponderId: original.firstResponderId ?? ctx.actor.userId,
    },
    route: false,
    carried: true,
    priority: { priority, derivedPriority },
    links: [{ caseId: original.id, kind: 'reopened_from', backKind: 'reopened_as' }],
    created: { body: reason, data: { type: original.type, reopenedFrom: { caseId: original.id, number: original.number } } },
    alsoRecord: (created) => [
      { caseId: original.id, kind: 'reopened', at: now, body: reason, data: { newCase: { caseId: created.id, number: created.number } } },
    ],
  });
  return row.id;
}
