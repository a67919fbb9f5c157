import { randomUUID } from 'node:crypto';
import { type CaseEventData, casePeriod, derivePriority, formatCaseNumber, type LinkKind, type Priority } from '@closeloop/domain';
import type { SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import type { ActorCtx } from '../../lib/context.ts';
import { DomainError, type FieldError } from '../../lib/errors.ts';
import { route } from '../assignment/index.ts';
import * as people from '../auth/index.ts';
import { clocksOfNewCase, type SlaContext, slaContext } from '../sla/index.ts';
import { caseEventsInsert, type NewCaseEvent } from '../timeline/index.ts';
import { assignedByRuleEvent, newCaseWrites } from './effects.ts';
import * as repo from './repository.ts';

/** What is decided when the case is written (number, status, priority, deadlines, stamps), not by the caller. */
type Decided =
  | 'id'
  | 'number'
  | 'status'
  | 'priority'
  | 'derivedPriority'
  | 'slaDueAt'
  | 'slaWarnAt'
  | 'slaBreached'
  | 'createdById'
  | 'createdAt'
  | 'updatedAt';

/** A case about to come into being: at intake, on reopening, as a follow-up — next by mail, the portals, a recall. */
export interface CaseDraft {
  /** The case's own fields, as registered or carried over from another case. */
  values: Omit<repo.CaseInsert, Decided> & { receivedById: string; firstResponderId: string; receivedAt: Date };
  /** Route by the assignment rules when the draft names neither owner nor department. */
  route: boolean;
  /**
   * The references come from an existing case (reopen, follow-up): loaded for routing, deadlines and
   * notices, not checked again (an owner may have left since).
   */
  carried?: boolean;
  /** A priority carried over; otherwise derived from grade, severity and the customer's tier. */
  priority?: { priority: Priority; derivedPriority: Priority };
  /** Links, each recorded on both cases. */
  links?: { caseId: string; kind: LinkKind; backKind?: LinkKind }[];
  /** The `created` entry of the timeline (its number is added here). */
  created: { body?: string | null; data: Omit<CaseEventData<'created'>, 'number'> };
  /** Entries on other cases that belong to this one's coming into being (the original of a reopened case). */
  alsoRecord?: (created: { id: string; number: string }) => NewCaseEvent[];
  /** More rows written in the same statement (an idempotency key). */
  with?: (id: string) => SQLWrapper[];
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

export type References = Awaited<ReturnType<typeof loadReferences>>;

/**
 * Load every referenced record in one statement; unless `carried`, check that each exists and that
 * they fit together, collecting all problems at once.
 */
export async function loadReferences(db: Executor, input: RefInput, options: { carried?: boolean } = {}) {
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
  const users = new Map(refs.users.map((u) => [u.id, u]));
  if (options.carried) return { ...refs, users };
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

/**
 * The one way a case comes into being. Loads what it needs once (references in one statement;
 * settings, policies and calendars in another; the routed owner when the rules pick one), decides
 * owner, department, priority and deadlines, then writes: the month's counter (its row stays
 * locked until commit, so it comes last of the reads and first of the writes), and one statement
 * that inserts the case with every row that belongs to it — timeline, links, watchers, clocks,
 * notices, the customer's acknowledgement.
 */
export async function createCaseRecord(tx: Executor, ctx: ActorCtx, draft: CaseDraft) {
  const actor = ctx.actor;
  const now = ctx.now();
  const v = draft.values;
  const refs = await loadReferences(tx, v, { carried: draft.carried });
  const sla = await slaContext(tx);

  const id = randomUUID();
  const customerId = v.customerId ?? refs.unit?.customerId ?? null;
  const productId = v.productId ?? refs.unit?.productId ?? null;
  const customer = customerId ? refs.customer : null;
  const product = productId ? refs.product : null;
  const routed =
    draft.route && !v.ownerId && !v.departmentId
      ? await routeNewCase(tx, ctx, { type: v.type, causeCategory: v.causeCategory ?? null, customerId, customer, product }, sla, now)
      : undefined;
  const ownerId = routed?.ownerId ?? v.ownerId ?? null;
  const departmentId = routed?.departmentId ?? v.departmentId ?? null;
  if (routed?.owner) refs.users.set(routed.owner.id, routed.owner);
  const clocks = await clocksOfNewCase(
    tx,
    ctx.config,
    sla,
    {
      caseId: id,
      ownerId,
      departmentId,
      type: v.type,
      severity: v.severity ?? null,
      grade: v.grade ?? null,
      receivedAt: v.receivedAt,
      visitRequired: v.visitRequired ?? false,
      customer,
      productLine: product?.productLine ?? null,
    },
    now,
  );
  const derived = derivePriority({ grade: v.grade ?? undefined, severity: v.severity ?? undefined, customerTier: customer?.tier });
  const priority = draft.priority ?? { priority: derived, derivedPriority: derived };

  const period = casePeriod(now, ctx.config.timeZone);
  const number = formatCaseNumber(period, await repo.allocateSerial(tx, period));
  const values: repo.CaseInsert = {
    ...v,
    id,
    number,
    status: 'new',
    productId,
    serialNo: v.serialNo ?? refs.unit?.serial,
    batchNo: v.batchNo ?? refs.unit?.batch,
    customerId,
    ownerId,
    departmentId,
    ...priority,
    slaDueAt: clocks.summary.slaDueAt,
    slaWarnAt: clocks.summary.slaWarnAt,
    slaBreached: clocks.summary.slaBreached,
    createdById: actor.userId,
    createdAt: now,
    updatedAt: now,
  };
  const links = draft.links ?? [];
  const writes: SQLWrapper[] = [
    caseEventsInsert(tx, ctx, id, [
      { kind: 'created', at: now, body: draft.created.body ?? null, data: { number, ...draft.created.data } },
      ...(routed ? [routed.event(now)] : []),
      ...(draft.alsoRecord?.({ id, number }) ?? []),
    ]),
    ...(links.length > 0
      ? [
          repo.linksInsert(tx, [
            ...links.map((l) => ({ caseId: id, linkedCaseId: l.caseId, kind: l.kind, createdById: actor.userId, createdAt: now })),
            ...links.map((l) => ({
              caseId: l.caseId,
              linkedCaseId: id,
              kind: l.backKind ?? l.kind,
              createdById: actor.userId,
              createdAt: now,
            })),
          ]),
        ]
      : []),
    ...(draft.with?.(id) ?? []),
    ...newCaseWrites(
      tx,
      ctx,
      {
        id,
        number,
        title: v.title,
        ownerId,
        firstResponderId: v.firstResponderId,
        contactEmail: v.contactEmail ?? null,
        contactName: v.contactName ?? null,
      },
      now,
      { clocks, company: sla.company, owner: ownerId ? refs.users.get(ownerId) : undefined, customer, contact: refs.contact },
    ),
  ];
  const row = await repo.insertCaseWith(tx, values, writes);
  return { row, refs, customer, product, clocks };
}

/**
 * Route a case that names neither owner nor department by the assignment rules, before it is written.
 * Answers the owner's row (for the notice and the answer) and the timeline event to record.
 */
async function routeNewCase(
  tx: Executor,
  ctx: ActorCtx,
  c: {
    type: string;
    causeCategory: string | null;
    customerId: string | null;
    customer: References['customer'];
    product: References['product'];
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
