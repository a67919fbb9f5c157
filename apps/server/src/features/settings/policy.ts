import { type Actor, ensure } from '../../lib/actor.ts';

/** Who may: anyone who reads cases sees the company settings (deadlines and memos depend on them); changing them is for SLA managers. */
export function ensureMayReadSettings(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'cases:read');
}

export function ensureMayChangeSettings(actor: Actor | undefined): asserts actor is Actor {
  ensure(actor, 'sla:manage');
}
