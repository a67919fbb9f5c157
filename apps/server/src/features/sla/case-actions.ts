import { CLOCK_KINDS, type ClockKind, type ClockView } from '@closeloop/domain';
import type { Executor } from '../../db/connection.ts';
import type { Ctx } from '../../lib/context.ts';
import { DomainError, invalidField, notFound } from '../../lib/errors.ts';
import { transaction } from '../../lib/transaction.ts';
import { recordCaseEvents } from '../timeline/index.ts';
import { clocksOfCase, recomputeCaseClocks } from './clocks.ts';
import { canReadDeadlines, canRecordSiteArrival, canResetClocks } from './policy.ts';
import * as repo from './repository.ts';

const TERMINAL = ['closed', 'rejected'];

/** The case locked for the caller's transaction; refused once it is closed or rejected (its clocks have stopped). */
async function openCaseForUpdate(tx: Executor, idOrNumber: string) {
  const c = await repo.findCaseForClocks(tx, idOrNumber, { forUpdate: true });
  if (!c) throw notFound('case', idOrNumber);
  if (TERMINAL.includes(c.status)) {
    throw new DomainError('transition_not_allowed', `case ${c.number} is ${c.status}; its clocks have stopped`, {
      extra: { caseStatus: c.status },
    });
  }
  return c;
}

export async function caseClocks(ctx: Ctx, idOrNumber: string): Promise<ClockView[]> {
  canReadDeadlines(ctx.actor);
  const c = await repo.findCaseForClocks(ctx.db, idOrNumber);
  if (!c) throw notFound('case', idOrNumber);
  return clocksOfCase(ctx.db, c.id, ctx.now());
}

/**
 * Restart clocks from now (e.g. the customer changed the request). Needs a reason, which goes on
 * the timeline; a breach already recorded stays in the figures.
 */
export async function resetClocks(ctx: Ctx, idOrNumber: string, input: { reason: string; kinds?: ClockKind[] | undefined }) {
  canResetClocks(ctx.actor);
  const id = await transaction(ctx, async (tx) => {
    const c = await openCaseForUpdate(tx, idOrNumber);
    const now = ctx.now();
    const running = (await clocksOfCase(tx, c.id, ctx.now())).filter((k) => !k.stoppedAt).map((k) => k.kind);
    const kinds = input.kinds ?? running;
    const stopped = kinds.filter((k) => !running.includes(k));
    if (kinds.length === 0) throw invalidField('kinds', 'no clock of this case is running');
    if (stopped.length > 0) throw invalidField('kinds', `not running: ${stopped.join(', ')}`);
    await recordCaseEvents(tx, ctx, c.id, [
      { kind: 'clocks_reset', at: now, body: input.reason, data: { clocks: [...CLOCK_KINDS].filter((k) => kinds.includes(k)) } },
    ]);
    await recomputeCaseClocks(tx, ctx.config, c.id, now);
    return c.id;
  });
  return clocksOfCase(ctx.db, id, ctx.now());
}

/** The engineer arrived on site (到达现场): stops the on-site clock. */
export async function recordSiteArrival(ctx: Ctx, idOrNumber: string, input: { arrivedAt?: string | undefined }) {
  canRecordSiteArrival(ctx.actor);
  const id = await transaction(ctx, async (tx) => {
    const c = await openCaseForUpdate(tx, idOrNumber);
    const now = ctx.now();
    if (!c.visitRequired)
      throw new DomainError('guard_failed', `case ${c.number} does not require a visit`, {
        errors: [{ field: 'visitRequired', message: 'mark the case as needing a visit first' }],
      });
    if (c.siteArrivedAt) throw new DomainError('guard_failed', `arrival on site was recorded already (${c.siteArrivedAt.toISOString()})`);
    const arrivedAt = input.arrivedAt ? new Date(input.arrivedAt) : now;
    if (arrivedAt > now) throw invalidField('arrivedAt', 'cannot be in the future');
    if (arrivedAt < c.receivedAt) throw invalidField('arrivedAt', 'cannot be before the case was received');
    await repo.setSiteArrival(tx, c, arrivedAt, now);
    await recordCaseEvents(tx, ctx, c.id, [
      {
        kind: 'site_arrived',
        at: now,
        changes: [{ field: 'siteArrivedAt', from: null, to: arrivedAt.toISOString() }],
        data: { arrivedAt: arrivedAt.toISOString() },
      },
    ]);
    await recomputeCaseClocks(tx, ctx.config, c.id, now);
    return c.id;
  });
  return clocksOfCase(ctx.db, id, ctx.now());
}
