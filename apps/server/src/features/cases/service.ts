import { createHash } from 'node:crypto';
import {
  type CaseView,
  type CommentBody,
  type CreateCaseBody,
  casePeriod,
  caseTimeProblems,
  derivePriority,
  formatCaseNumber,
  type LinkBody,
  type ListCasesQuery,
  type UpdateCaseBody,
  zonedTimeToInstant,
} from '@closeloop/domain';
import type { z } from 'zod';
import type { Tx } from '../../db/connection.ts';
import { DomainError, type FieldError, invalidField, notFound, versionConflict } from '../../http/errors.ts';
import type { ActorCtx, Ctx } from '../../lib/context.ts';
import { isUniqueViolation } from '../../lib/sql.ts';
import { type Actor, channelOf, ensure } from '../auth/actor.ts';
import * as people from '../auth/repository.ts';
import * as archive from '../customers/repository.ts';
import { afterCaseChanged, afterCaseOpened } from '../sla/case-hooks.ts';
import { clocksOfCase } from '../sla/clocks.ts';
import { presentCase, presentCaseSummary, presentEvent } from './presenter.ts';
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

type RefInput = {
  customerId?: string | null | undefined;
  contactId?: string | null | undefined;
  productId?: string | null | undefined;
  unitId?: string | null | undefined;
  ownerId?: string | null | undefined;
  receivedById?: string | null | undefined;
  firstResponderId?: string | null | undefined;
  departmentId?: string | null | undefined;
  responsibilityDepartmentId?: string | null | undefined;
};

/** Check that every referenced record exists and fits together; collect all problems at once. */
async function checkReferences(db: Executor, input: RefInput) {
  const errors: FieldError[] = [];
  const customer = input.customerId ? await archive.findCustomer(db, input.customerId) : undefined;
  if (input.customerId && !customer) errors.push({ field: 'customerId', message: 'no such customer' });
  if (input.contactId) {
    const contact = await archive.findContact(db, input.contactId);
    if (!contact) errors.push({ field: 'contactId', message: 'no such contact' });
    else if (input.customerId && contact.customerId !== input.customerId) {
      errors.push({ field: 'contactId', message: 'belongs to another customer' });
    }
  }
  const product = input.productId ? await archive.findProduct(db, input.productId) : undefined;
  if (input.productId && !product) errors.push({ field: 'productId', message: 'no such product' });
  const unit = input.unitId ? await archive.findUnit(db, input.unitId) : undefined;
  if (input.unitId && !unit) errors.push({ field: 'unitId', message: 'no such unit' });
  if (unit && input.productId && unit.unit.productId !== input.productId) {
    errors.push({ field: 'unitId', message: 'is a unit of another product' });
  }
  for (const field of ['ownerId', 'receivedById', 'firstResponderId'] as const) {
    const id = input[field];
    if (id) {
      const user = await people.findUserById(db, id);
      if (!user?.isActive) errors.push({ field, message: 'no such active user' });
    }
  }
  for (const field of ['departmentId', 'responsibilityDepartmentId'] as const) {
    const id = input[field];
    if (id && !(await people.findDepartment(db, id))) {
      errors.push({ field: field === 'responsibilityDepartmentId' ? 'responsibility.departmentId' : field, message: 'no such department' });
    }
  }
  if (errors.length > 0) {
    throw new DomainError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
  return { customer, product, unit };
}

/** Times that cannot be true (received in the future, or long before the backdating limit), all named at once. */
function checkCaseTimes(ctx: Ctx, times: { receivedAt?: Date | null; occurredAt?: Date | null }) {
  const problems = caseTimeProblems(times, ctx.now(), { maxBackdateDays: ctx.config.caseBackdateDays, skewMinutes: 5 });
  if (problems.length > 0) {
    throw new DomainError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { errors: problems });
  }
}

/** Who received a case is the caller, unless the caller may record cases received by others. */
function checkReceiver(actor: Actor, input: { receivedById?: string | undefined; firstResponderId?: string | undefined }) {
  const others = [input.receivedById, input.firstResponderId].some((id) => id !== undefined && id !== actor.userId);
  if (others) ensure(actor, 'cases:receive_for_others');
}

/** Load a case the caller may read, or 404. */
async function loadCase(ctx: Ctx, idOrNumber: string, tx?: Tx) {
  const row = await repo.findCase(tx ?? ctx.db, idOrNumber, { forUpdate: tx !== undefined });
  if (!row) throw notFound('case', idOrNumber);
  return row;
}

export async function viewCase(db: Executor, id: string, actor: Actor, now: Date = new Date()): Promise<CaseView> {
  const detail = await repo.findCaseDetail(db, id);
  if (!detail) throw notFound('case', id);
  const [links, clocks, watchers] = await Promise.all([repo.linksOf(db, id), clocksOfCase(db, id, now), repo.watchersOf(db, id)]);
  return presentCase(detail, links, actor, { clocks, watchers });
}

const requestHash = (input: unknown) => createHash('sha256').update(JSON.stringify(input)).digest('hex');

/**
 * Register a case (受理登记). With an idempotency key, a repeated request returns the case the
 * first one created (`replayed: true`) instead of a second case.
 */
export async function openCase(ctx: Ctx, input: CreateCaseBody, options: { idempotencyKey?: string | undefined } = {}) {
  ensure(ctx.actor, 'cases:create');
  const actor = ctx.actor;
  checkReceiver(actor, input);
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
    const id = await ctx.db.transaction(async (tx) => {
      const now = ctx.now();
      const receivedById = input.receivedById ?? actor.userId;
      const refs = await checkReferences(tx, { ...input, receivedById });
      const linked = await repo.existingCaseIds(
        tx,
        input.links.map((l) => l.caseId),
      );
      const missing = input.links.findIndex((l) => !linked.has(l.caseId));
      if (missing >= 0) throw invalidField(`links.${missing}.caseId`, 'no such case');

      const period = casePeriod(now, ctx.config.timeZone);
      const number = formatCaseNumber(period, await repo.allocateSerial(tx, period));
      const derived = derivePriority({ grade: input.grade, severity: input.severity, customerTier: refs.customer?.tier });
      const { links, receivedAt, occurredAt, ...fields } = input;
      const row = await repo.insertCase(tx, {
        ...fields,
        number,
        status: 'new',
        productId: input.productId ?? refs.unit?.unit.productId,
        serialNo: input.serialNo ?? refs.unit?.unit.serial,
        batchNo: input.batchNo ?? refs.unit?.unit.batch,
        customerId: input.customerId ?? refs.unit?.unit.customerId ?? undefined,
        receivedById,
        receivedAt: receivedAt ? new Date(receivedAt) : now,
        occurredAt: occurredAt ? new Date(occurredAt) : undefined,
        firstResponderId: input.firstResponderId ?? receivedById,
        priority: derived,
        derivedPriority: derived,
        createdById: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await repo.insertLinks(tx, [
        ...links.map((l) => ({ caseId: row.id, linkedCaseId: l.caseId, kind: l.kind, createdById: actor.userId, createdAt: now })),
        ...links.map((l) => ({ caseId: l.caseId, linkedCaseId: row.id, kind: l.kind, createdById: actor.userId, createdAt: now })),
      ]);
      await repo.insertEvents(tx, [
        {
          caseId: row.id,
          at: now,
          actorId: actor.userId,
          channel: channelOf(actor),
          kind: 'created',
          data: { number, type: row.type, intakeChannel: row.channel },
        },
      ]);
      if (key) await repo.insertIdempotencyKey(tx, { userId: actor.userId, key, requestHash: hash, caseId: row.id, createdAt: now });
      await afterCaseOpened(tx, ctx, row, now, { routed: !input.ownerId && !input.departmentId });
      return row.id;
    });
    return { case: await viewCase(ctx.db, id, actor, ctx.now()), replayed: false };
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
  const row = await loadCase(ctx, idOrNumber);
  return viewCase(ctx.db, row.id, ctx.actor, ctx.now());
}

/** Edit the record. Needs the version the caller saw; records every change on the timeline. */
export async function updateCase(ctx: Ctx, idOrNumber: string, input: UpdateCaseBody) {
  ensure(ctx.actor, 'cases:update');
  const actor = ctx.actor;
  const id = await ctx.db.transaction(async (tx) => {
    const current = await loadCase(ctx, idOrNumber, tx);
    if (current.version !== input.version) throw versionConflict(`case ${current.number}`, current.version);
    if (current.status === 'closed' || current.status === 'rejected') {
      throw new DomainError('transition_not_allowed', `case ${current.number} is ${current.status}; reopen it to change it`, {
        extra: { status: current.status },
      });
    }
    const { version, responsibility, priorityOverride, priorityOverrideReason, occurredAt, ...fields } = input;
    const next: Partial<repo.CaseInsert> = { ...fields };
    if (occurredAt !== undefined) next.occurredAt = occurredAt === null ? null : new Date(occurredAt);
    if (next.occurredAt) checkCaseTimes(ctx, { receivedAt: current.receivedAt, occurredAt: next.occurredAt });
    if (responsibility) {
      // The responsibility decision (责任判定) is the quality engineer's (PROCEDURE.md §5).
      ensure(actor, 'responsibility:decide');
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
    const refs = await checkReferences(tx, {
      customerId: merged.customerId,
      contactId: 'contactId' in next ? next.contactId : undefined,
      productId: merged.productId,
      unitId: 'unitId' in next ? next.unitId : undefined,
      ownerId: 'ownerId' in next ? next.ownerId : undefined,
      departmentId: 'departmentId' in next ? next.departmentId : undefined,
      responsibilityDepartmentId: next.responsibilityDepartmentId,
    });
    const derived = derivePriority({
      grade: merged.grade as never,
      severity: merged.severity as never,
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
    await repo.insertEvents(tx, [
      {
        caseId: row.id,
        at: now,
        actorId: actor.userId,
        channel: channelOf(actor),
        kind: 'updated',
        changes,
        body: priorityOverrideReason ?? null,
      },
    ]);
    await afterCaseChanged(tx, ctx, row.id, now, {
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

/** UTC instant of 00:00 on `date` in `timeZone` (the domain's zone arithmetic, exact across DST changes). */
export function zonedMidnight(date: string, timeZone: string): Date {
  return zonedTimeToInstant(date, '00:00', timeZone);
}

/** The repository filter for a list query (shared by the list and the export). */
export function caseFilterOf(query: z.infer<typeof ListCasesQuery>, timeZone: string, now: Date): repo.CaseFilter {
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
    repo.listCases(ctx.db, filter, query.sort, query.page, query.pageSize),
    repo.countCases(ctx.db, filter, COUNT_CAP),
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
  return (await repo.listEvents(ctx.db, row.id)).map(presentEvent);
}

/** Comments are timeline entries: internal, or visible to the customer. */
export async function commentOnCase(ctx: Ctx, idOrNumber: string, input: CommentBody) {
  ensure(ctx.actor, 'cases:comment');
  const actor = ctx.actor;
  return ctx.db.transaction(async (tx) => {
    const current = await loadCase(ctx, idOrNumber, tx);
    const now = ctx.now();
    const [event] = await repo.insertEvents(tx, [
      {
        caseId: current.id,
        at: now,
        actorId: actor.userId,
        channel: channelOf(actor),
        kind: 'commented',
        body: input.body,
        visibility: input.visibility,
      },
    ]);
    await repo.touchCase(tx, current.id, now);
    // The first customer-visible reply stops the first-reply clock.
    if (input.visibility === 'customer' && current.status !== 'closed' && current.status !== 'rejected')
      await afterCaseChanged(tx, ctx, current.id, now);
    if (!event) throw new Error('insert returned no row');
    return presentEvent({ event, actorName: actor.displayName });
  });
}

export async function linkCases(ctx: Ctx, idOrNumber: string, input: z.infer<typeof LinkBody>) {
  ensure(ctx.actor, 'cases:update');
  const actor = ctx.actor;
  await ctx.db.transaction(async (tx) => {
    const current = await loadCase(ctx, idOrNumber, tx);
    const other = await repo.findCase(tx, input.caseId);
    if (!other) throw invalidField('caseId', 'no such case');
    if (other.id === current.id) throw invalidField('caseId', 'a case cannot link to itself');
    const now = ctx.now();
    await repo.insertLinks(tx, [
      { caseId: current.id, linkedCaseId: other.id, kind: input.kind, createdById: actor.userId, createdAt: now },
      { caseId: other.id, linkedCaseId: current.id, kind: input.kind, createdById: actor.userId, createdAt: now },
    ]);
    await repo.insertEvents(tx, [
      {
        caseId: current.id,
        at: now,
        actorId: actor.userId,
        channel: channelOf(actor),
        kind: 'linked',
        data: { caseId: other.id, number: other.number, kind: input.kind },
      },
      {
        caseId: other.id,
        at: now,
        actorId: actor.userId,
        channel: channelOf(actor),
        kind: 'linked',
        data: { caseId: current.id, number: current.number, kind: input.kind },
      },
    ]);
  });
  return getCase(ctx, idOrNumber);
}

export type { ActorCtx };
