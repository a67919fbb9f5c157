import { DISPOSITION_TRANSITIONS, type DispositionAction, mayApprove } from '@closeloop/domain';
import { type Actor, can, ensure } from '../../lib/actor.ts';
import { DomainError } from '../../lib/errors.ts';

/**
 * Who may do what with dispositions, their approvals and costs: named rules, each checked first in
 * its use case, on the facts the use case loaded (never on what the request claims). The route's
 * `config.permission` answers 401/403 earlier; these rules decide what depends on the body, the
 * disposition and the approval request. The database holds the same line on approvals (CHECK
 * constraints: the decider is neither the requester nor the proposer).
 */

/** Read dispositions, their queues and a case's warranty entitlements. */
export function ensureMayReadDispositions(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'cases:read');
}

/** Propose a disposition; evaluating the warranty with it reads the case like `GET …/warranty`. */
export function ensureMayProposeDisposition(actor: Actor | undefined, input: { withWarranty?: unknown }): asserts actor is Actor {
  if (input.withWarranty) ensure(actor, 'cases:read');
  ensure(actor, 'dispositions:write');
}

/** Take a lifecycle action: the transition table names its permission (approving and refusing: `cases:approve`). */
export function ensureMayActOnDisposition(actor: Actor | undefined, action: DispositionAction): asserts actor is Actor {
  ensure(actor, DISPOSITION_TRANSITIONS[action].permission);
}

/** Record the customer's signature: it is kept as an attachment of the case, which commenting allows. */
export function ensureMaySignServiceOrder(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'dispositions:write');
  ensure(actor, 'cases:comment');
}

/** Record costs and recoveries. */
export function ensureMayRecordCosts(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'dispositions:write');
}

/** Set the warranty terms of a product category: part of the rules of money, like the approval matrix. */
export function ensureMayManageWarrantyTerms(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'approvals:manage');
}

/** Amounts of costs are for those who may read them; others see dispositions without them. */
export const canSeeCosts = (actor: Actor | undefined) => actor !== undefined && can(actor, 'costs:read');

export function ensureMaySeeCosts(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'costs:read');
}

/** An approval request as far as deciding it goes. */
export interface ApprovalStake {
  requiredRole: string;
  amount: number;
  requestedById: string | null;
  /** Null on requests filed before the proposer was recorded: the disposition's creator stands in. */
  proposedById: string | null;
}

const hasStake = (actor: Actor, disposition: { createdById: string | null }, approval: ApprovalStake) =>
  approval.requestedById === actor.userId || (approval.proposedById ?? disposition.createdById) === actor.userId;

/**
 * Whether `actor`, holding `roles`, may approve or refuse `approval` of `disposition`: never who
 * proposed it or asked for the approval; otherwise a role at or above the band's (`mayApprove`).
 */
export function canApproveDisposition(
  actor: Actor,
  roles: readonly string[],
  disposition: { createdById: string | null },
  approval: ApprovalStake,
): boolean {
  return can(actor, 'cases:approve') && !hasStake(actor, disposition, approval) && mayApprove(roles, approval.requiredRole);
}

/** `canApproveDisposition`, answering why not: a stake in it first, then the authority the band needs. */
export function ensureMayDecideApproval(
  actor: Actor,
  roles: readonly string[],
  disposition: { createdById: string | null },
  approval: ApprovalStake,
) {
  ensure(actor, 'cases:approve');
  if (hasStake(actor, disposition, approval)) {
    throw new DomainError('forbidden', 'nobody approves what they proposed or asked approval for', { extra: { reason: 'self_approval' } });
  }
  if (!mayApprove(roles, approval.requiredRole)) {
    throw new DomainError('forbidden', `approving ¥${approval.amount} needs the role ${approval.requiredRole} or above`, {
      extra: { requiredRole: approval.requiredRole },
    });
  }
}
