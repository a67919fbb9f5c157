import { type CaseAction, TRANSITIONS } from '@closeloop/domain';
import { type Actor, can, ensure } from '../../lib/actor.ts';
import { DomainError } from '../../lib/errors.ts';

/**
 * Who may do what with a case: named rules, each checked first in its use case, on the facts the
 * use case loaded (never on what the request claims). The route's `config.permission` answers
 * 401/403 earlier; these rules decide what depends on the body and on the case.
 */

/** Register a case; naming someone else as receiver or first responder needs `cases:receive_for_others`. */
export function ensureMayOpenCase(
  actor: Actor | undefined,
  input: { receivedById?: string | undefined; firstResponderId?: string | undefined },
): asserts actor is Actor {
  ensure(actor, 'cases:create');
  const others = [input.receivedById, input.firstResponderId].some((id) => id !== undefined && id !== actor.userId);
  if (others) ensure(actor, 'cases:receive_for_others');
}

/** Edit the record; a responsibility decision (责任判定) is the quality engineer's (PROCEDURE.md §5). */
export function ensureMayEditCase(actor: Actor | undefined, input: { responsibility?: unknown }): asserts actor is Actor {
  ensure(actor, 'cases:update');
  if (input.responsibility) ensure(actor, 'responsibility:decide');
}

/** Move a case by `action`: the transition table names the permission; closing with a responsibility decision needs that right too. */
export function ensureMayTransition(
  actor: Actor | undefined,
  input: { action: CaseAction; responsibility?: unknown },
): asserts actor is Actor {
  ensure(actor, 'cases:read');
  ensure(actor, TRANSITIONS[input.action].permission);
  if (input.action === 'close' && input.responsibility) ensure(actor, 'responsibility:decide');
}

/**
 * Nobody approves a case's proposal they have a stake in: its owner, whoever proposed the handling
 * and whoever asked for the approval (`stake`, the latest of each). Declining stays open to them:
 * it only sends the proposal back.
 */
export function ensureNoStakeInApproval(actor: Actor, c: { number: string; ownerId: string | null }, stake: readonly string[]) {
  if (c.ownerId === actor.userId || stake.includes(actor.userId)) {
    throw new DomainError('forbidden', `nobody approves a case they own, proposed or asked approval for (${c.number})`, {
      extra: { reason: 'self_approval' },
    });
  }
}

/** Amounts of costs and compensation on the timeline are shown only with `costs:read`. */
export const canSeeCosts = (actor: Actor) => can(actor, 'costs:read');
