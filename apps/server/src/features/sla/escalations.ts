import type { BreachRow, EscalationsQuery, EscalationView, Page } from '@closeloop/domain';
import type { Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { zonedMidnight } from '../../lib/time.ts';
import { transaction } from '../../lib/transaction.ts';
import * as repo from './escalation-repository.ts';
import { canAcknowledgeEscalations, canReadEscalations } from './policy.ts';
import { presentBreachSummary, presentEscalation } from './presenter.ts';

/** Warnings and escalation steps, newest first; `open` = not yet acknowledged by a person. */
export async function listEscalations(ctx: Ctx, q: EscalationsQuery): Promise<Page<EscalationView>> {
  canReadEscalations(ctx.actor);
  const open = q.open === undefined ? undefined : q.open === 'true';
  const { items, total } = await repo.listEscalations(ctx.db, { departmentId: q.departmentId, open, page: q.page, pageSize: q.pageSize });
  return { items: items.map(presentEscalation), page: q.page, pageSize: q.pageSize, total };
}

/** A person has seen the escalation and taken it on; the first to do so stays on record. */
export async function acknowledgeEscalation(ctx: Ctx, id: number): Promise<EscalationView> {
  canAcknowledgeEscalations(ctx.actor);
  const actor = ctx.actor;
  const row = await transaction(ctx, async (tx) => {
    if (!(await repo.acknowledgeEscalation(tx, id, actor.userId, ctx.now()))) throw notFound('escalation', String(id));
    return repo.findEscalation(tx, id);
  });
  return presentEscalation(row!);
}

/** Breaches per department in a period of local dates (inclusive): what each department is counted for. */
export async function breachSummary(ctx: Ctx, from: string, to: string): Promise<BreachRow[]> {
  canReadEscalations(ctx.actor);
  const start = zonedMidnight(from, ctx.config.timeZone);
  const end = new Date(zonedMidnight(to, ctx.config.timeZone).getTime() + 86_400_000);
  return presentBreachSummary(await repo.countBreaches(ctx.db, start, end));
}
