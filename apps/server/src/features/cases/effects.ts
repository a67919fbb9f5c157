import type { CompanySettings } from '@closeloop/domain';
import type { SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { type cases, caseWatchers, notifications, outbox } from '../../db/schema.ts';
import type { Ctx } from '../../lib/context.ts';
import type { OutboxInsert } from '../notifications/index.ts';
import { customerMessageRow, notificationRows, notifyUsers } from '../notifications/index.ts';
import { type clocksOfNewCase, newCaseClockWrites, recomputeCaseClocks } from '../sla/index.ts';
import type { NewCaseEvent } from '../timeline/index.ts';

type CaseRow = typeof cases.$inferSelect;

/**
 * What follows the registration of a case, in its transaction: routing by the assignment rules
 * (when the intake named neither owner nor department), the first responder as a watcher, the
 * clocks, a notice to the new owner, and the customer's automatic acknowledgement.
 */
/** The timeline event of a case routed by an assignment rule (a kind the system records, not a person). */
export function assignedByRuleEvent(
  at: Date,
  routed: { ownerId?: string | null; departmentId?: string | null; ruleId: string; ruleName: string },
): NewCaseEvent {
  return {
    at,
    kind: 'assigned_by_rule',
    changes: [
      ...(routed.ownerId ? [{ field: 'ownerId', from: null, to: routed.ownerId }] : []),
      ...(routed.departmentId ? [{ field: 'departmentId', from: null, to: routed.departmentId }] : []),
    ],
    data: { ruleId: routed.ruleId, ruleName: routed.ruleName },
  };
}

/**
 * The rows that follow the registration of a case, for `openCase` to write in the same statement as
 * the case (owner, department and deadlines already decided): the first responder as a watcher, the
 * clocks, a notice to the owner, the customer's automatic acknowledgement. Reads nothing and writes
 * nothing itself: the caller loaded everything, and the dedupe keys name the new case, so they are new.
 */
export function newCaseWrites(
  tx: Executor,
  ctx: Ctx,
  c: {
    id: string;
    number: string;
    title: string;
    ownerId: string | null;
    firstResponderId: string | null;
    contactEmail: string | null;
    contactName: string | null;
  },
  now: Date,
  facts: {
    clocks: Awaited<ReturnType<typeof clocksOfNewCase>>;
    company: CompanySettings;
    owner: { id: string; email: string | null; locale: string; isActive: boolean } | undefined;
    customer: { name: string; market: string } | null;
    contact: { name: string; email: string | null } | null;
  },
): SQLWrapper[] {
  const writes: SQLWrapper[] = [];
  if (c.firstResponderId) {
    writes.push(
      tx
        .insert(caseWatchers)
        .values({ caseId: c.id, userId: c.firstResponderId, reason: 'first_responder', createdAt: now })
        .onConflictDoNothing(),
    );
  }
  writes.push(...newCaseClockWrites(tx, facts.clocks));
  const outboxRows: OutboxInsert[] = [];
  if (c.ownerId && c.ownerId !== ctx.actor?.userId && facts.owner) {
    const actorName = ctx.actor?.displayName;
    const notice = notificationRows(
      ctx.config,
      {
        kind: 'case_assigned',
        userIds: [c.ownerId],
        caseId: c.id,
        params: { caseNumber: c.number, caseTitle: c.title, ...(actorName ? { actorName } : {}) },
        at: now,
        dedupeKey: `assigned:${c.id}:${c.ownerId}:${now.getTime()}`,
      },
      [facts.owner],
    );
    outboxRows.push(...notice.outbox);
    if (notice.notifications.length > 0) writes.push(tx.insert(notifications).values(notice.notifications));
  }
  const to = c.contactEmail ?? facts.contact?.email ?? null;
  if (facts.company.autoAcknowledge && to) {
    const resolve = facts.clocks.rows.find((k) => k.kind === 'resolve') ?? facts.clocks.rows.find((k) => k.kind === 'first_reply');
    outboxRows.push(
      customerMessageRow(ctx.config, {
        kind: 'customer_acknowledgement',
        caseId: c.id,
        to,
        locale: facts.customer?.market === 'foreign' ? 'en-US' : 'zh-CN',
        params: {
          caseNumber: c.number,
          caseTitle: c.title,
          customerName: c.contactName ?? facts.contact?.name ?? facts.customer?.name ?? undefined,
          companyName: facts.company.companyName,
          ...(resolve?.dueAt ? { dueAt: resolve.dueAt.toISOString() } : {}),
        },
        at: now,
        dedupeKey: `ack:${c.id}`,
      }),
    );
  }
  if (outboxRows.length > 0) writes.push(tx.insert(outbox).values(outboxRows).onConflictDoNothing({ target: outbox.dedupeKey }));
  return writes;
}

/** After an edit, a transition, a customer-visible reply (the case as the caller holds it): recompute the clocks; tell a new owner. */
export async function afterCaseChanged(
  tx: Executor,
  ctx: Ctx,
  c: Pick<CaseRow, 'id' | 'number' | 'title'>,
  now: Date,
  options: { newOwnerId?: string | null | undefined } = {},
) {
  await recomputeCaseClocks(tx, ctx.config, c.id, now);
  if (options.newOwnerId && options.newOwnerId !== ctx.actor?.userId) await notifyAssigned(tx, ctx, c, options.newOwnerId, now);
}

async function notifyAssigned(
  tx: Executor,
  ctx: Ctx,
  c: Pick<CaseRow, 'id' | 'number' | 'title'>,
  ownerId: string,
  now: Date,
  recipient?: { id: string; email: string | null; locale: string; isActive: boolean },
) {
  // The caller's name was read with their credentials (auth hook): no second read of the same user.
  const actorName = ctx.actor?.displayName;
  await notifyUsers(
    tx,
    ctx.config,
    {
      kind: 'case_assigned',
      userIds: [ownerId],
      caseId: c.id,
      params: { caseNumber: c.number, caseTitle: c.title, ...(actorName ? { actorName } : {}) },
      at: now,
      dedupeKey: `assigned:${c.id}:${ownerId}:${now.getTime()}`,
    },
    recipient?.id === ownerId ? [recipient] : undefined,
  );
}
