import { type Actor, ensure } from '../../lib/actor.ts';

/**
 * Who may do what with assignment rules (分派规则). Each rule is the first line of its use case and
 * throws the refusal: `unauthenticated` without a caller, `forbidden` naming the missing permission
 * otherwise. The routes state the same permission in `config.permission`.
 */

/** Read the rules in the order they are tried. */
export function canReadAssignmentRules(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'cases:read');
}

/** Add, change, remove and reorder rules: with the deadlines (`sla:manage`), as both decide how new cases are handled. */
export function canManageAssignmentRules(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'sla:manage');
}
