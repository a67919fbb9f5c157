import { createHash } from 'node:crypto';
import {
  type CaseView,
  type CommentBody,
  type CreateCaseBody,
  caseTimeProblems,
  derivePriority,
  type LinkBody,
  type ListCasesQuery,
  type UpdateCaseBody,
} from '@closeloop/domain';
import type { z } from 'zod';
import type { Tx } from '../../db/connection.ts';
import { type Actor, ensure } from '../../lib/actor.ts';
import type { ActorCtx, Ctx } from '../../lib/context.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../lib/sql.ts';
import { zonedMidnight } from '../../lib/time.ts';
import { transaction } from '../../lib/transaction.ts';
import { clocksOfCase, presentNewCaseClocks } from '../sla/index.ts';
import { recordCaseEvents } from '../timeline/index.ts';
import { afterCaseChanged } from './effects.ts';
import * as listRepo from './list-repository.ts';
import { canSeeCosts, ensureMayEditCase, ensureMayOpenCase } from './policy.ts';
import { presentCase, presentCaseSummary, presentEvent, withoutCostAmount } from './presenter.ts';
import { createCaseRecord, loadReferences } from './record.ts';
import * as repo from './repository.ts';

type Executor = Parameters<typeof repo.findCase>[0];

/** Fields whose changes appear on the timeline by their API names. */
const TRACKED: readonly (keyof repo.CaseRow)[] = [
  'title',
  'visitRequired',
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
  'tags',
  'priority',
  'priorityOverride',
  'priorityOverrideReason',
  'responsibilityParty',
  'responsibilityDepartmentId',
  'responsibilityExternalParty',
  'responsibilityReason',
  'status',
  'holdFromStatus',
  'proposal',
  'resolution',
  'customerConfirmed',
  'confirmationNote',
  'closeReason',
  'rejectionExplanation',
];

const comparable = (v: unknown) => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);

/** `[{ field, from, to }]` for every tracked field `next` changes. */
export function diff(before: Partial<repo.CaseRow>, next: Partial<repo.CaseRow>) {
  const out: { field: string; from: unknown; to: unknown }[] = [];
  for (const field of TRACKED) {
    if (!(field in next)) continue;
    const from = comparable(before[field]);
    const to = comparable(next[field]);
    if (JSON.stringify(from) !== JSON.stringify(to)) out.push({ field, from, to });
  }
  return out;
}

/** Times that cannot be true (received in the future, or long before the backdating limit), all named at once. */
function checkCaseTimes(ctx: Ctx, times: { receivedAt?: Date | null; occurredAt?: Date | null }) {
  const problems = caseTimeProblems(times, ctx.now(), { maxBackdateDays: ctx.config.caseBackdateDays, skewMinutes: 5 });
  if (problems.length > 0) {
    throw new DomainError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { errors: problems });
  }
}

/** Load a case the caller may read, or 404. */
async function loadCase(ctx: Ctx, idOrNumber: string, tx?: Tx) {
  const row = await repo.findCase(tx ?? ctx.db, idOrNumber, { forUpdate: tx !== undefined });
  if (!row) throw notFound('case', idOrNumber);
  return row;
}

/** The case's detail by id or number, or 404: two statements (the case with its links and watchers; its clocks). */
export async function viewCase(db: Executor, idOrNumber: string, actor: Actor, now: Date): Promise<CaseView> {
  const found = await repo.findCaseView(db, idOrNumber);
  if (!found) throw notFound('case', idOrNumber);
  const clocks = await clocksOfCase(db, found.detail.c.id, now);
  return presentCase(found.detail, found.links, actor, { clocks, watchers: found.watchers });
}

const requestHash = (input: unknown) => createHash('sha256').update(JSON.stringify(input)).digest('hex');

/**
 * Register a case (受理登记). With an idempotency key, a repeated request returns the case the
 * first one created (`replayed: true`) instead of a second case.
 */
export async function openCase(ctx: Ctx, input: CreateCaseBody, options: { idempotencyKey?: string | undefined } = {}) {
  ensureMayOpenCase(ctx.actor, input);
  const actor = ctx.actor;
  checkCaseTimes(ctx, {
    receivedAt: input.receivedAt ? new Date(input.receivedAt) : ctx.now(),
    occurredAt: input.occurredAt ? new Date(input.occurredAt) : undefined,
  });
  const key = options.idempotencyKey;
  const hash = requestHash(input);
  const replay = async () => {
    if (!key) return undefined;
    const found = await repo.findIdempotencyKey(ctx.db, actor.userId, key);
    if (!found) return undefined;
    if (found.requestHash !== hash) {
      throw new DomainError('idempotency_key_reused', 'this Idempotency-Key was used for a different request', {
        extra: { caseId: found.caseId },
      });
    }
    return { case: await viewCase(ctx.db, found.caseId, actor, ctx.now()), replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  try {
    const view = await transaction(ctx, async (tx) => {
      const now = ctx.now();
      const receivedById = input.receivedById ?? actor.userId;
      const firstResponderId = input.firstResponderId ?? receivedById;
      // The linked cases must exist (one statement, only when there are links).
      const linked = await repo.caseNumbersOf(
        tx,
        input.links.map((l) => l.caseId),
      );
      const missing = input.links.findIndex((l) => !linked.has(l.caseId));
      if (missing >= 0) throw invalidField(`links.${missing}.caseId`, 'no such case');
      const { links, receivedAt, occurredAt, ...fields } = input;
      const { row, refs, customer, product, clocks } = await createCaseRecord(tx, ctx as ActorCtx, {
        values: {
          ...fields,
          receivedById,
          firstResponderId,
          receivedAt: receivedAt ? new Date(receivedAt) : now,
          occurredAt: occurredAt ? new Date(occurredAt) : undefined,
        },
        route: true,
        links,
        created: { data: { type: input.type, intakeChannel: input.channel } },
        with: (id) =>
          key ? [repo.idempotencyKeyInsert(tx, { userId: actor.userId, key, requestHash: hash, caseId: id, createdAt: now })] : [],
      });

      // The answer from what was loaded and written: no second read of the case.
      const name = (userId: string | null) => (userId ? (refs.users.get(userId)?.displayName ?? null) : null);
      const detail: repo.CaseDetailRow = {
        c: row,
        customerName: customer?.name ?? null,
        customerTier: customer?.tier ?? null,
        customerMarket: customer?.market ?? null,
        productModel: product?.model ?? null,
        productName: product?.name ?? null,
        unitSerial: refs.unit?.serial ?? null,
        unitWarrantyEnd: refs.unit?.warrantyEnd ?? null,
        ownerName: name(row.ownerId),
        receivedByName: name(row.receivedById),
        firstResponderName: name(row.firstResponderId),
      };
      const caseLinks = links.map((l) => ({ caseId: l.caseId, kind: l.kind, number: linked.get(l.caseId) ?? '' }));
      const watchers = row.firstResponderId
        ? [{ userId: row.firstResponderId, displayName: name(row.firstResponderId) ?? '', reason: 'first_responder' as const }]
        : [];
      return presentCase(detail, caseLinks, actor, { clocks: presentNewCaseClocks(clocks, now), watchers });
    });
    return { case: view, replayed: false };
  } catch (e) {
    // A concurrent request with the same key won the race: answer with its case.
    if (key && isUniqueViolation(e)) {
      const winner = await replay();
      if (winner) return winner;
    }
    throw e;
  }
}

export async function getCase(ctx: Ctx, idOrNumber: string) {
  ensure(ctx.actor, 'cases:read');
  return viewCase(ctx.db, idOrNumber, ctx.actor, ctx.now());
}

/** Edit the record. Needs the version the caller saw; records every change on the timeline. */
export async function updateCase(ctx: Ctx, idOrNumber: string, input: UpdateCaseBody) {
  ensureMayEditCase(ctx.actor, input);
  const actor = ctx.actor;
  const id = await transaction(ctx, async (tx) => {
    const current = await loadCase(ctx, idOrNumber, tx);
    if (current.version !== input.version) throw versionConflict(`case ${current.number}`, current.version);
    if (current.status === 'closed' || current.status === 'rejected') {
      throw new DomainError('transition_not_allowed', `case ${current.number} is ${current.status}; reopen it to change it`, {
        extra: { caseStatus: current.status },
      });
    }
    const { version, responsibility, priorityOverride, priorityOverrideReason, occurredAt, ...fields } = input;
    const next: Partial<repo.CaseInsert> = { ...fields };
    if (occurredAt !== undefined) next.occurredAt = occurredAt === null ? null : new Date(occurredAt);
    if (next.occurredAt) checkCaseTimes(ctx, { receivedAt: current.receivedAt, occurredAt: next.occurredAt });
    if (responsibility) {
      if (current.responsibilityParty && current.responsibilityReason === responsibility.reason) {
        throw invalidField('responsibility.reason', 'changing a responsibility decision needs a new reason');
      }
      next.responsibilityParty = responsibility.party;
      next.responsibilityDepartmentId = responsibility.departmentId ?? null;
      next.responsibilityExternalParty = responsibility.externalParty ?? null;
      next.responsibilityReason = responsibility.reason;
    }
    const merged = { ...current, ...next };
    if (merged.quantityDefectiveUndetermined && merged.quantityDefective != null) {
      throw invalidField('quantityDefective', 'leave empty while the quantity is not yet determined');
    }
    const refs = await loadReferences(tx, {
      customerId: merged.customerId,
      contactId: 'contactId' in next ? next.contactId : undefined,
      productId: merged.productId,
      unitId: 'unitId' in next ? next.unitId : undefined,
      ownerId: 'ownerId' in next ? next.ownerId : undefined,
      departmentId: 'departmentId' in next ? next.departmentId : undefined,
      responsibilityDepartmentId: next.responsibilityDepartmentId,
    });
    const derived = derivePriority({
      grade: merged.grade,
      severity: merged.severity,
      customerTier: refs.customer?.tier ?? null,
    });
    next.derivedPriority = derived;
    if (priorityOverride !== undefined) {
      next.priorityOverride = priorityOverride;
      next.priorityOverrideReason = priorityOverride ? (priorityOverrideReason ?? null) : null;
    }
    next.priority = (next.priorityOverride !== undefined ? next.priorityOverride : current.priorityOverride) ?? derived;
    const changes = diff(current, next);
    if (changes.length === 0) return current.id;
    const now = ctx.now();
    const row = await repo.updateCase(tx, current.id, version, next, now);
    if (!row) throw versionConflict(`case ${current.number}`, current.version);
    await recordCaseEvents(tx, ctx, row.id, [{ kind: 'updated', at: now, changes, body: priorityOverrideReason ?? null }]);
    await afterCaseChanged(tx, ctx, row, now, {
      newOwnerId: 'ownerId' in next && next.ownerId !== current.ownerId ? next.ownerId : undefined,
    });
    return row.id;
  });
  return viewCase(ctx.db, id, actor, ctx.now());
}

/** Parse the list's date bounds: a bare date means the whole day in the configured zone. */
function boundsOf(query: z.infer<typeof ListCasesQuery>, timeZone: string) {
  const dayStart = (d: string) => zonedMidnight(d, timeZone);
  const from = query.from ? (query.from.length === 10 ? dayStart(query.from) : new Date(query.from)) : undefined;
  let to: Date | undefined;
  if (query.to) {
    to = query.to.length === 10 ? new Date(dayStart(query.to).getTime() + 86_400_000) : new Date(new Date(query.to).getTime() + 1);
  }
  if (from && to && from >= to) throw invalidField('to', 'must not be before from');
  return { from, to };
}

/** The repository filter for a list query (shared by the list and the export). */
export function caseFilterOf(query: z.infer<typeof ListCasesQuery>, timeZone: string, now: Date): listRepo.CaseFilter {
  const { from, to } = boundsOf(query, timeZone);
  return {
    ...query,
    from,
    to,
    updatedSince: query.updatedFrom ? new Date(query.updatedFrom) : undefined,
    sla: query.sla ? { kind: query.sla, now } : undefined,
  };
}

/** Lists count exactly up to this many matches; beyond, they say "more than 10,000". */
export const COUNT_CAP = 10_000;

export async function listCases(ctx: Ctx, query: z.infer<typeof ListCasesQuery>) {
  ensure(ctx.actor, 'cases:read');
  const filter = caseFilterOf(query, ctx.config.timeZone, ctx.now());
  const [rows, total] = await Promise.all([
    listRepo.listCases(ctx.db, filter, query.sort, query.page, query.pageSize),
    listRepo.countCases(ctx.db, filter, COUNT_CAP),
  ]);
  return {
    items: rows.map(presentCaseSummary),
    total: Math.min(total, COUNT_CAP),
    totalIsExact: total <= COUNT_CAP,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function listCaseEvents(ctx: Ctx, idOrNumber: string) {
  ensure(ctx.actor, 'cases:read');
  const row = await loadCase(ctx, idOrNumber);
  const mayReadCosts = canSeeCosts(ctx.actor);
  return (await repo.listEvents(ctx.db, row.id)).map((r) => {
    const event = presentEvent(r);
    return mayReadCosts ? event : withoutCostAmount(event);
  });
}

/** Comments are timeline entries: internal, or visible to the customer. */
export async function commentOnCase(ctx: Ctx, idOrNumber: string, input: CommentBody) {
  ensure(ctx.actor, 'cases:comment');
  const actor = ctx.actor;
  return transaction(ctx, async (tx) => {
    const current = await loadCase(ctx, idOrNumber, tx);
    const now = ctx.now();
    const [event] = await recordCaseEvents(tx, ctx, current.id, [
      { kind: 'commented', at: now, body: input.body, visibility: input.visibility },
    ]);
    await repo.touchCase(tx, current.id, now);
    // The first customer-visible reply stops the first-reply clock.
    if (input.visibility === 'customer' && current.status !== 'closed' && current.status !== 'rejected')
      await afterCaseChanged(tx, ctx, current, now);
    if (!event) throw new Error('insert returned no row');
    return presentEvent({ event, actorName: actor.displayName });
  });
}

export async function linkCases(ctx: Ctx, idOrNumber: string, input: z.infer<typeof LinkBody>) {
  ensure(ctx.actor, 'cases:update');
  const actor = ctx.actor;
  await transaction(ctx, async (tx) => {
    const current = await loadCase(ctx, idOrNumber, tx);
    const other = await repo.findCase(tx, input.caseId);
    if (!other) throw invalidField('caseId', 'no such case');
    if (other.id === current.id) throw invalidField('caseId', 'a case cannot link to itself');
    const now = ctx.now();
    await repo.insertLinks(tx, [
      { caseId: current.id, linkedCaseId: other.id, kind: input.kind, createdById: actor.userId, createdAt: now },
      { caseId: other.id, linkedCaseId: current.id, kind: input.kind, createdById: actor.userId, createdAt: now },
    ]);
    await recordCaseEvents(tx, ctx, current.id, [
      { kind: 'linked', at: now, data: { caseId: other.id, number: other.number, kind: input.kind } },
      { kind: 'linked', at: now, caseId: other.id, data: { caseId: current.id, number: current.number, kind: input.kind } },
    ]);
  });
  return getCase(ctx, idOrNumber);
}

export type { ActorCtx };
