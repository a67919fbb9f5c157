import { createHash, randomUUID } from 'node:crypto';
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
} from '@closeloop/domain';
import type { SQLWrapper } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '../../db/connection.ts';
import { type Actor, can, ensure } from '../../lib/actor.ts';
import type { ActorCtx, Ctx } from '../../lib/context.ts';
import { DomainError, type FieldError, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../lib/sql.ts';
import { zonedMidnight } from '../../lib/time.ts';
import { transaction } from '../../lib/transaction.ts';
import { route } from '../assignment/index.ts';
import * as people from '../auth/index.ts';
import { clocksOfCase, clocksOfNewCase, presentNewCaseClocks, type SlaContext, slaContext } from '../sla/index.ts';
import { caseEventsInsert, type NewCaseEvent, recordCaseEvents } from '../timeline/index.ts';
import { afterCaseChanged, assignedByRuleEvent, newCaseWrites } from './effects.ts';
import { presentCase, presentCaseSummary, presentEvent, withoutCostAmount } from './presenter.ts';
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

/** Check that every referenced record exists and fits together; collect all problems at once. One statement. */
async function checkReferences(db: Executor, input: RefInput) {
  const errors: FieldError[] = [];
  const userIds = [input.ownerId, input.receivedById, input.firstResponderId].filter((id): id is string => !!id);
  const departmentIds = [input.departmentId, input.responsibilityDepartmentId].filter((id): id is string => !!id);
  const refs = await repo.findReferences(db, {
    customerId: input.customerId,
    contactId: input.contactId,
    productId: input.productId,
    unitId: input.unitId,
    userIds,
    departmentIds,
  });
  const { customer, product, unit } = refs;
  if (input.customerId && !customer) errors.push({ field: 'customerId', message: 'no such customer' });
  if (input.contactId) {
    const contact = refs.contact;
    if (!contact) errors.push({ field: 'contactId', message: 'no such contact' });
    else if (input.customerId && contact.customerId !== input.customerId) {
      errors.push({ field: 'contactId', message: 'belongs to another customer' });
    }
  }
  if (input.productId && !product) errors.push({ field: 'productId', message: 'no such product' });
  if (input.unitId && !unit) errors.push({ field: 'unitId', message: 'no such unit' });
  if (unit && input.productId && unit.productId !== input.productId) {
    errors.push({ field: 'unitId', message: 'is a unit of another product' });
  }
  const users = new Map(refs.users.map((u) => [u.id, u]));
  for (const field of ['ownerId', 'receivedById', 'firstResponderId'] as const) {
    const id = input[field];
    if (id && !users.get(id)?.isActive) errors.push({ field, message: 'no such active user' });
  }
  const departments = new Set(refs.departmentIds);
  for (const field of ['departmentId', 'responsibilityDepartmentId'] as const) {
    const id = input[field];
    if (id && !departments.has(id)) {
      errors.push({ field: field === 'responsibilityDepartmentId' ? 'responsibility.departmentId' : field, message: 'no such department' });
    }
  }
  if (errors.length > 0) {
    throw new DomainError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
  return { ...refs, users };
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
    const view = await transaction(ctx, async (tx) => {
      const now = ctx.now();
      const receivedById = input.receivedById ?? actor.userId;
      const firstResponderId = input.firstResponderId ?? receivedById;
      // Load everything the registration needs: the referenced records (one statement), the settings,
      // policies and calendar versions (one statement), the linked cases (only when there are links).
      const refs = await checkReferences(tx, { ...input, receivedById, firstResponderId });
      const linked = await repo.caseNumbersOf(
        tx,
        input.links.map((l) => l.caseId),
      );
      const missing = input.links.findIndex((l) => !linked.has(l.caseId));
      if (missing >= 0) throw invalidField(`links.${missing}.caseId`, 'no such case');
      const sla = await slaContext(tx);

      // Decide owner, department and deadlines before writing, so the case row is written once.
      const id = randomUUID();
      const customerId = input.customerId ?? refs.unit?.customerId ?? null;
      const productId = input.productId ?? refs.unit?.productId ?? null;
      const customer = customerId ? refs.customer : null;
      const product = productId ? refs.product : null;
      const routed =
        !input.ownerId && !input.departmentId
          ? await routeNewCase(
              tx,
              ctx,
              { type: input.type, causeCategory: input.causeCategory ?? null, customerId, customer, product },
              sla,
              now,
            )
          : undefined;
      const ownerId = routed?.ownerId ?? input.ownerId ?? null;
      const departmentId = routed?.departmentId ?? input.departmentId ?? null;
      if (routed?.owner) refs.users.set(routed.owner.id, routed.owner);
      const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
      const clocks = await clocksOfNewCase(
        tx,
        ctx.config,
        sla,
        {
          caseId: id,
          ownerId,
          departmentId,
          type: input.type,
          severity: input.severity ?? null,
          grade: input.grade ?? null,
          receivedAt,
          visitRequired: input.visitRequired ?? false,
          customer,
          productLine: product?.productLine ?? null,
        },
        now,
      );
      const derived = derivePriority({ grade: input.grade, severity: input.severity, customerTier: customer?.tier });
      const { links, receivedAt: _receivedAt, occurredAt, ...fields } = input;

      // Write: two statements. The month's counter comes first, and its row stays locked until commit
      // (numbers without gaps), so everything that can be done without it was done above; then the case
      // and every row that belongs to it go in together, in one statement.
      const period = casePeriod(now, ctx.config.timeZone);
      const number = formatCaseNumber(period, await repo.allocateSerial(tx, period));
      const values: repo.CaseInsert = {
        ...fields,
        id,
        number,
        status: 'new',
        productId,
        serialNo: input.serialNo ?? refs.unit?.serial,
        batchNo: input.batchNo ?? refs.unit?.batch,
        customerId,
        ownerId,
        departmentId,
        receivedById,
        receivedAt,
        occurredAt: occurredAt ? new Date(occurredAt) : undefined,
        firstResponderId,
        priority: derived,
        derivedPriority: derived,
        slaDueAt: clocks.summary.slaDueAt,
        slaWarnAt: clocks.summary.slaWarnAt,
        slaBreached: clocks.summary.slaBreached,
        createdById: actor.userId,
        createdAt: now,
        updatedAt: now,
      };
      const writes: SQLWrapper[] = [
        caseEventsInsert(tx, ctx, id, [
          { kind: 'created', at: now, data: { number, type: input.type, intakeChannel: input.channel } },
          ...(routed ? [routed.event(now)] : []),
        ]),
        ...(links.length > 0
          ? [
              repo.linksInsert(tx, [
                ...links.map((l) => ({ caseId: id, linkedCaseId: l.caseId, kind: l.kind, createdById: actor.userId, createdAt: now })),
                ...links.map((l) => ({ caseId: l.caseId, linkedCaseId: id, kind: l.kind, createdById: actor.userId, createdAt: now })),
              ]),
            ]
          : []),
        ...(key ? [repo.idempotencyKeyInsert(tx, { userId: actor.userId, key, requestHash: hash, caseId: id, createdAt: now })] : []),
        ...newCaseWrites(
          tx,
          ctx,
          {
            id,
            number,
            title: input.title,
            ownerId,
            firstResponderId,
            contactEmail: input.contactEmail ?? null,
            contactName: input.contactName ?? null,
          },
          now,
          { clocks, company: sla.company, owner: ownerId ? refs.users.get(ownerId) : undefined, customer, contact: refs.contact },
        ),
      ];
      const row = await repo.insertCaseWith(tx, values, writes);

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

/**
 * Route a case that names neither owner nor department by the assignment rules, before it is written.
 * Answers the owner's row (for the notice and the answer) and the timeline event to record.
 */
async function routeNewCase(
  tx: Tx,
  ctx: Ctx,
  c: {
    type: string;
    causeCategory: string | null;
    customerId: string | null;
    customer: repo.References['customer'];
    product: repo.References['product'];
  },
  sla: SlaContext,
  now: Date,
) {
  const routed = await route(
    tx,
    ctx.config,
    {
      type: c.type,
      causeCategory: c.causeCategory,
      productLine: c.product?.productLine ?? null,
      customerId: c.customerId,
      customerCountry: c.customer?.country ?? null,
      customerProvince: c.customer?.province ?? null,
    },
    now,
    sla.company,
  );
  if (!routed || (!routed.ownerId && !routed.departmentId)) return undefined;
  const owner = routed.ownerId ? await people.findUserById(tx, routed.ownerId) : undefined;
  return {
    ownerId: routed.ownerId,
    departmentId: routed.departmentId,
    owner: owner
      ? {
          id: owner.id,
          displayName: owner.displayName,
          isActive: owner.isActive,
          email: owner.email,
          locale: owner.locale,
          departmentId: owner.departmentId,
        }
      : undefined,
    event: (at: Date): NewCaseEvent => assignedByRuleEvent(at, routed),
  };
}

export async function getCase(ctx: Ctx, idOrNumber: string) {
  ensure(ctx.actor, 'cases:read');
  return viewCase(ctx.db, idOrNumber, ctx.actor, ctx.now());
}

/** Edit the record. Needs the version the caller saw; records every change on the timeline. */
export async function updateCase(ctx: Ctx, idOrNumber: string, input: UpdateCaseBody) {
  ensure(ctx.actor, 'cases:update');
  // The responsibility decision (责任判定) is the quality engineer's (PROCEDURE.md §5): refused before anything is read.
  if (input.responsibility) ensure(ctx.actor, 'responsibility:decide');
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
  const mayReadCosts = can(ctx.actor, 'costs:read');
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
      await afterCaseChanged(tx, ctx, current.id, now);
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
