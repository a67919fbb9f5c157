import { type Actor, ensure } from '../../lib/actor.ts';
import { DomainError } from '../../lib/errors.ts';

/**
 * Who may do what with a case's investigation (调查分析): named rules, each checked first in its use
 * case. The route's `config.permission` answers 401/403 earlier; the rule on the report itself
 * needs the loaded row.
 */

/** Read the investigation record of a case. */
export function ensureMayReadInvestigation(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'cases:read');
}

/** Record facts, 5-Why, fishbone, root cause and appraisal, and submit the report to management. */
export function ensureMayEditInvestigation(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'dispositions:write');
}

/** Review investigation reports at all (总经理室批示): management's right, checked before anything is loaded. */
export function ensureMayReviewReports(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'cases:approve');
}

/**
 * Review this report: never the one who submitted it. Checked once the report is known to be
 * waiting for its review in the version the reviewer saw, so a report in another state still
 * answers 409 whoever asks.
 */
export function ensureMayReviewReport(actor: Actor, investigation: { reportSubmittedById: string | null }) {
  if (investigation.reportSubmittedById === actor.userId) {
    throw new DomainError('forbidden', 'nobody reviews an investigation report they submitted', { extra: { reason: 'self_review' } });
  }
}
