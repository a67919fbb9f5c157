import { type Actor, ensure } from '../../lib/actor.ts';

/**
 * Who may do what with deadlines (时限): calendars, SLA policies, a case's clocks, escalations.
 * (Not to be confused with `policies.ts`, the SLA policies themselves.)
 *
 * Each rule is the first line of its use case and throws the refusal: `unauthenticated` without a
 * caller, `forbidden` naming the missing permission otherwise. The routes state the same permission
 * in `config.permission`, so the HTTP edge refuses before the body is read; the service still checks
 * for every other caller (jobs, scripts, other features).
 */

/** Read calendars, their days and previews, the SLA policies and a case's clocks. */
export function canReadDeadlines(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'cases:read');
}

/** Change calendars (hours, days off, imports) and SLA policies: every open clock may move. */
export function canManageDeadlines(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'sla:manage');
}

/** Read warnings, escalation steps and the breaches per department. */
export function canReadEscalations(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'cases:read');
}

/** Take note of an escalation: whoever handles cases. */
export function canAcknowledgeEscalations(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'cases:handle');
}

/**
 * Restart a case's clocks with a reason: whoever handles cases. Checked before the case is loaded;
 * that its clocks still run (the case is not closed) is a guard of the use case, not a permission.
 */
export function canResetClocks(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'cases:handle');
}

/** Record the arrival on site (到达现场): whoever handles cases. */
export function canRecordSiteArrival(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'cases:handle');
}
