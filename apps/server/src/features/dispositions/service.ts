import { Readable } from 'node:stream';
import {
  APPROVAL_BOUND,
  type ApprovalKind,
  type CostView,
  type CreateDispositionBody,
  completionGaps,
  type DispositionAction,
  type DispositionActionBody,
  DispositionDetails,
  type DispositionKind,
  type DispositionStatus,
  type DispositionView,
  dispositionActions,
  checkDispositionTransition,
  mayApprove,
  isOpenDisposition,
  type ListDispositionsQuery,
  needsCustomerConsent,
  type Permission,
  spendingOf,
} from '@closeloop/domain';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/connection.ts';
import { approvalRules, caseCosts, cases, dispositionApprovals, dispositions, roles, userRoles, users } from '../../db/schema.ts';
import { ensure } from '../../lib/actor.ts';
import type { ActorCtx, Ctx } from '../../lib/context.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { ensurePng, SIGNATURE_PNG_LIMITS } from '../../lib/png.ts';
import { dateIn } from '../../lib/time.ts';
import * as caseRepo from '../cases/index.ts';
import { attachFile, createCaseRecord } from '../cases/index.ts';
import { type NewCaseEvent, recordCaseEvents } from '../timeline/index.ts';

type Row = typeof dispositions.$inferSelect;
const TERMINAL_CASE = ['closed', 'rejected'];

// ---------------------------------------------------------------- reading

const requester = alias(users, 'requester');
const decider = alias(users, 'decider');

export async function presentDisposition(
  db: Executor,
  d: Row,
  caseNumber: string,
  actorPermissions?: ReadonlySet<string>,
): Promise<DispositionView> {
  const approvals = await db
    .select({ a: dispositionApprovals, requesterName: requester.displayName, deciderName: decider.displayName })
    .from(dispositionApprovals)
    .leftJoin(requester, eq(requester.id, dispositionApprovals.requestedById))
    .leftJoin(decider, eq(decider.id, dispositionApprovals.decidedById))
    .where(eq(dispositionApprovals.dispositionId, d.id))
    .orderBy(asc(dispositionApprovals.id));
  // Costs are for those who may read them (costs:read); others get the disposition without them.
  const costs = actorPermissions?.has('costs:read')
    ? await db.select().from(caseCosts).where(eq(caseCosts.dispositionId, d.id)).orderBy(asc(caseCosts.id))
    : undefined;
  const state = {
    kind: d.kind as DispositionView['kind'],
    status: d.status,
    requiresApproval: d.requiresApproval,
    customerDecision: d.customerDecision as DispositionView['customerDecision'],
  };
  const allowed = dispositionActions(state).filter((a) => actorPermissions?.has(permissionForAction(a)));
  return {
    id: d.id,
    caseId: d.caseId,
    caseNumber,
    number: d.number,
    kind: state.kind,
    status: state.status,
    details: d.details as DispositionView['details'],
    approvalKind: d.approvalKind as DispositionView['approvalKind'],
    amount: d.amount,
    requiresApproval: d.requiresApproval,
    customerDecision: state.customerDecision,
    warranty: d.warranty ?? null,
    approvals: approvals.map(({ a, requesterName, deciderName }) => ({
      id: a.id,
      requiredRole: a.requiredRole,
      amount: a.amount,
      status: a.status as DispositionView['approvals'][number]['status'],
      requestedBy: a.requestedById ? { id: a.requestedById, displayName: requesterName ?? '' } : null,
      decidedBy: a.decidedById ? { id: a.decidedById, displayName: deciderName ?? '' } : null,
      decidedAt: a.decidedAt ? a.decidedAt.toISOString() : null,
      note: a.note,
    })),
    ...(costs ? { costs: costs.map(presentCost), costTotal: Math.round(costs.reduce((s, c) => s + c.amount, 0) * 100) / 100 } : {}),
    signature: (d.signature as DispositionView['signature']) ?? null,
    allowedActions: allowed,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    version: d.version,
  };
}

export const presentCost = (c: typeof caseCosts.$inferSelect) => ({
  id: c.id,
  dispositionId: c.dispositionId,
  category: c.category as CostView['category'],
  amount: c.amount,
  description: c.description,
  bearer: c.bearer as CostView['bearer'],
  departmentId: c.departmentId,
  externalParty: c.externalParty,
  incurredOn: c.incurredOn,
  recoveredAmount: c.recoveredAmount,
});

async function loadCase(db: Executor, idOrNumber: string, forUpdate = false) {
  const c = await caseRepo.findCase(db, idOrNumber, { forUpdate });
  if (!c) throw notFound('case', idOrNumber);
  return c;
}

async function loadDisposition(db: Executor, id: string, forUpdate = false) {
  const q = db
    .select({ d: dispositions, caseNumber: cases.number })
    .from(dispositions)
    .innerJoin(cases, eq(cases.id, dispositions.caseId))
    .where(eq(dispositions.id, id));
  const [row] = forUpdate ? await q.for('update', { of: dispositions }) : await q;
  if (!row) throw notFound('disposition', id);
  return row;
}

export async function listCaseDispositions(ctx: Ctx, idOrNumber: string) {
  ensure(ctx.actor, 'cases:read');
  const c = await loadCase(ctx.db, idOrNumber);
  const rows = await ctx.db.select().from(dispositions).where(eq(dispositions.caseId, c.id)).orderBy(asc(dispositions.createdAt));
  return Promise.all(rows.map((d) => presentDisposition(ctx.db, d, c.number, ctx.actor?.permissions)));
}

export async function getDisposition(ctx: Ctx, id: string) {
  ensure(ctx.actor, 'cases:read');
  const { d, caseNumber } = await loadDisposition(ctx.db, id);
  return presentDisposition(ctx.db, d, caseNumber, ctx.actor.permissions);
}

// ---------------------------------------------------------------- approval matrix

/** The role that must approve a disposition's spending, or null when it needs no approval. */
async function roleForSpending(db: Executor, spending: ReturnType<typeof spendingOf>): Promise<string | null> {
  return spending.kind && spending.amount ? requiredRoleFor(db, spending.kind, spending.amount) : null;
}

/** The role that must approve `amount` of `kind`: the band with min < amount ≤ max. */
export async function requiredRoleFor(db: Executor, kind: ApprovalKind, amount: number): Promise<string | null> {
  if (amount <= 0) return null;
  const bands = await db.select().from(approvalRules).where(eq(approvalRules.kind, kind)).orderBy(asc(approvalRules.minAmount));
  const band = bands.find((b) => amount > b.minAmount && (b.maxAmount === null || amount <= b.maxAmount));
  return band?.roleCode ?? null;
}

async function rolesOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .select({ code: roles.code })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(eq(userRoles.userId, userId));
  return rows.map((r) => r.code);
}


// ---------------------------------------------------------------- writing

async function event(tx: Executor, ctx: Ctx, caseId: string, e: NewCaseEvent) {
  await recordCaseEvents(tx, ctx, caseId, [e]);
}

/** Propose a disposition on a case (处置方案). */
export async function proposeDisposition(ctx: Ctx, idOrNumber: string, input: CreateDispositionBody, warranty: unknown = null) {
  ensure(ctx.actor, 'dispositions:write');
  const actor = ctx.actor;
  const id = await ctx.db.transaction(async (tx) => {
    const c = await loadCase(tx, idOrNumber, true);
    if (TERMINAL_CASE.includes(c.status)) {
      throw new DomainError('transition_not_allowed', `case ${c.number} is ${c.status}; reopen it first`, {
        extra: { caseStatus: c.status },
      });
    }
    const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(dispositions).where(eq(dispositions.caseId, c.id))) as [
      { n: number },
    ];
    const seq = Number(n) + 1;
    const number = input.details.kind === 'rma' ? `RMA-${c.number}-${seq}` : `${c.number}-D${seq}`;
    const spending = spendingOf(input.details);
    const role = await roleForSpending(tx, spending);
    const now = ctx.now();
    const [row] = await tx
      .insert(dispositions)
      .values({
        caseId: c.id,
        number,
        kind: input.details.kind,
        details: input.details,
        approvalKind: spending.kind,
        amount: spending.amount,
        requiresApproval: role !== null,
        warranty,
        createdById: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await event(tx, ctx, c.id, {
      kind: 'disposition_proposed',
      data: { dispositionId: row!.id, number, kind: input.details.kind, amount: spending.amount, requiredRole: role },
      body: input.note,
    });
    return row!.id;
  });
  return getDisposition(ctx, id);
}

/** Approving or refusing spends approval authority; every other action carries the disposition out. */
export const permissionForAction = (action: DispositionAction): Permission =>
  action === 'approve' || action === 'refuse' ? 'cases:approve' : 'dispositions:write';

/** The detail that holds a kind's money, for error fields. */
const moneyField = (kind: DispositionKind) =>
  kind === 'refund' || kind === 'compensation' ? 'amount' : kind === 'replacement' ? 'value' : 'goodwillAmount';

/**
 * Before money moves (start, complete): when the current spending needs approval, the newest
 * approval request must be approved for exactly the current amount.
 */
async function ensureApprovedAsItStands(tx: Executor, d: Row, spending: ReturnType<typeof spendingOf>) {
  if (!(await roleForSpending(tx, spending))) return;
  const [latest] = await tx
    .select()
    .from(dispositionApprovals)
    .where(eq(dispositionApprovals.dispositionId, d.id))
    .orderBy(desc(dispositionApprovals.id))
    .limit(1);
  if (latest?.status !== 'approved' || latest.amount !== spending.amount) {
    throw new DomainError('guard_failed', `${d.number} is not approved for ¥${spending.amount}`, {
      errors: [{ field: `details.${moneyField(d.kind)}`, message: 'the amount as it stands has no approval' }],
    });
  }
}

/** Ask the band's role to approve `amount`: the request (with who proposed it, so they cannot decide it) and its timeline event. */
async function requestApproval(
  tx: Executor,
  ctx: Ctx,
  requesterId: string,
  d: Row,
  role: string,
  amount: number | null,
  note: string | undefined,
  change?: { previousAmount: number | null; reason: 'amount_changed' },
) {
  await tx.insert(dispositionApprovals).values({
    dispositionId: d.id,
    requiredRole: role,
    amount: amount ?? 0,
    requestedById: requesterId,
    proposedById: d.createdById,
    requestedAt: ctx.now(),
  });
  await event(tx, ctx, d.caseId, {
    kind: 'disposition_approval_requested',
    data: { dispositionId: d.id, number: d.number, requiredRole: role, amount, ...change },
    body: note,
  });
}

/**
 * Move a disposition along its lifecycle, or record facts on it. Money is one fact with its
 * approval: a change of amount or kind of spending after submission supersedes the request (or
 * the approval) and asks again; completion cannot change it at all.
 */
export async function actOnDisposition(ctx: Ctx, id: string, input: DispositionActionBody) {
  ensure(ctx.actor, permissionForAction(input.action));
  const actor = ctx.actor;
  const created = await ctx.db.transaction(async (tx) => {
    const { d } = await loadDisposition(tx, id, true);
    if (d.version !== input.version) throw versionConflict(`disposition ${d.number}`, d.version);
    const state = {
      kind: d.kind as DispositionView['kind'],
      status: d.status,
      requiresApproval: d.requiresApproval,
      customerDecision: d.customerDecision as DispositionView['customerDecision'],
    };
    if (!dispositionActions(state).includes(input.action)) {
      throw new DomainError('transition_not_allowed', `"${input.action}" is not possible while ${d.number} is ${d.status}`, {
        extra: { dispositionStatus: d.status, allowedActions: dispositionActions(state) },
      });
    }
    const now = ctx.now();
    let details = d.details as DispositionDetails;
    const patch: Partial<Row> = {};
    let newCaseId: string | undefined;

    if (input.details && (input.action === 'update' || input.action === 'complete')) {
      const merged = DispositionDetails.safeParse({ ...details, ...input.details, kind: details.kind });
      if (!merged.success) {
        throw new DomainError('validation_failed', 'the details are not valid', {
          errors: merged.error.issues.map((i) => ({ field: ['details', ...i.path].join('.'), message: i.message })),
        });
      }
      details = merged.data;
      patch.details = details;
    }
    const spending = spendingOf(details);
    const moneyChanged = spending.kind !== d.approvalKind || spending.amount !== d.amount;

    switch (input.action) {
      case 'submit': {
        const role = await roleForSpending(tx, spending);
        Object.assign(patch, { approvalKind: spending.kind, amount: spending.amount, requiresApproval: role !== null });
        state.requiresApproval = role !== null;
        if (role) await requestApproval(tx, ctx, actor.userId, d, role, spending.amount, input.note);
        break;
      }
      case 'update': {
        if (!moneyChanged) break;
        const role = await roleForSpending(tx, spending);
        Object.assign(patch, { approvalKind: spending.kind, amount: spending.amount, requiresApproval: role !== null });
        if (!APPROVAL_BOUND.includes(state.status)) break;
        await tx
          .update(dispositionApprovals)
          .set({ status: 'superseded' })
          .where(and(eq(dispositionApprovals.dispositionId, d.id), eq(dispositionApprovals.status, 'pending')));
        if (role) {
          await requestApproval(tx, ctx, actor.userId, d, role, spending.amount, input.note, {
            previousAmount: d.amount,
            reason: 'amount_changed',
          });
          patch.status = 'awaiting_approval';
        } else if (state.status === 'awaiting_approval') {
          patch.status = 'approved';
        }
        break;
      }
      case 'approve':
      case 'refuse': {
        const [pending] = await tx
          .select()
          .from(dispositionApprovals)
          .where(and(eq(dispositionApprovals.dispositionId, d.id), eq(dispositionApprovals.status, 'pending')))
          .for('update');
        if (!pending) throw new DomainError('guard_failed', `${d.number} has no pending approval`);
        if (pending.requestedById === actor.userId || (pending.proposedById ?? d.createdById) === actor.userId) {
          throw new DomainError('forbidden', 'nobody approves what they proposed or asked approval for', {
            extra: { reason: 'self_approval' },
          });
        }
        if (!mayApprove(await rolesOf(tx, actor.userId), pending.requiredRole)) {
          throw new DomainError('forbidden', `approving ¥${pending.amount} needs the role ${pending.requiredRole} or above`, {
            extra: { requiredRole: pending.requiredRole },
          });
        }
        if (input.action === 'refuse' && !input.note) throw invalidField('note', 'give the reason for refusing');
        await tx
          .update(dispositionApprovals)
          .set({
            status: input.action === 'approve' ? 'approved' : 'refused',
            decidedById: actor.userId,
            decidedAt: now,
            note: input.note ?? null,
          })
          .where(eq(dispositionApprovals.id, pending.id));
        await event(tx, ctx, d.caseId, {
          kind: input.action === 'approve' ? 'disposition_approved' : 'disposition_refused',
          data: { dispositionId: d.id, number: d.number, amount: pending.amount, role: pending.requiredRole },
          body: input.note,
        });
        break;
      }
      case 'start':
        if (needsCustomerConsent(details) && d.customerDecision !== 'accepted') {
          throw new DomainError('guard_failed', `the customer has not agreed to ${d.number} yet`, {
            errors: [{ field: 'customerDecision', message: 'record the customer’s acceptance first' }],
          });
        }
        await ensureApprovedAsItStands(tx, d, spending);
        break;
      case 'complete': {
        if (moneyChanged) {
          throw new DomainError(
            'guard_failed',
            `the amount of ${d.number} changes with completion: update it first (it is approved again)`,
            {
              errors: [{ field: `details.${moneyField(state.kind)}`, message: 'differs from the approved amount' }],
            },
          );
        }
        await ensureApprovedAsItStands(tx, d, spending);
        // The day a repair went back to the customer, for the warranty (三包): today unless it was given.
        if (details.kind === 'repair' && !details.returnedOn) {
          const returnedOn = dateIn(ctx.config.timeZone, now);
          if (details.receivedOn && details.receivedOn > returnedOn) {
            throw invalidField('details.returnedOn', 'a repair is returned on or after the day it was received');
          }
          details = { ...details, returnedOn };
          patch.details = details;
        }
        const gaps = completionGaps(details, { signed: d.signature !== null });
        if (gaps.length > 0) throw new DomainError('guard_failed', gaps.map((g) => g.message).join('; '), { errors: gaps });
        break;
      }
      case 'customer_accept':
        patch.customerDecision = 'accepted';
        break;
      case 'customer_refuse': {
        if (!input.note) throw invalidField('note', 'record what the customer said');
        patch.customerDecision = 'refused';
        newCaseId = await openFollowUpCase(tx, { ...ctx, actor }, d.caseId, d.number, input.note);
        break;
      }
      default:
        break;
    }
    const moved = checkDispositionTransition(state, input.action);
    const next = patch.status ?? (moved.ok ? moved.to : d.status);
    if (next !== d.status) patch.status = next;
    const [updated] = await tx
      .update(dispositions)
      .set({ ...patch, updatedAt: now, version: d.version + 1 })
      .where(and(eq(dispositions.id, d.id), eq(dispositions.version, d.version)))
      .returning();
    if (!updated) throw versionConflict(`disposition ${d.number}`, d.version);
    if (!['approve', 'refuse', 'submit'].includes(input.action) || next !== d.status) {
      await event(tx, ctx, d.caseId, {
        kind: 'disposition_updated',
        data: {
          dispositionId: d.id,
          number: d.number,
          kind: state.kind,
          action: input.action,
          from: state.status,
          to: next as DispositionStatus,
          ...(newCaseId ? { newCaseId } : {}),
        },
        body: input.action === 'approve' || input.action === 'refuse' ? null : input.note,
      });
    }
    return newCaseId;
  });
  const view = await getDisposition(ctx, id);
  return { disposition: view, createdCaseId: created ?? null };
}

/**
 * The customer rejects the conclusion: a new case linked to the original (PROCEDURE.md §5),
 * carrying the customer and product, with the customer's words.
 */
async function openFollowUpCase(tx: Executor, ctx: ActorCtx, caseId: string, dispositionNumber: string, words: string): Promise<string> {
  const original = await loadCase(tx, caseId);
  const now = ctx.now();
  const { row } = await createCaseRecord(tx, ctx, {
    values: {
      type: original.type,
      title: `${original.title}（客户不接受 ${dispositionNumber}）`,
      description: `${words}\n\n— ${original.number} / ${dispositionNumber}`,
      customerId: original.customerId,
      contactId: original.contactId,
      contactName: original.contactName,
      contactPhone: original.contactPhone,
      contactEmail: original.contactEmail,
      productId: original.productId,
      unitId: original.unitId,
      serialNo: original.serialNo,
      batchNo: original.batchNo,
      channel: original.channel,
      severity: original.severity,
      grade: original.grade,
      ownerId: original.ownerId,
      departmentId: original.departmentId,
      receivedById: ctx.actor.userId,
      receivedAt: now,
      firstResponderId: original.firstResponderId ?? ctx.actor.userId,
    },
    route: false,
    carried: true,
    priority: { priority: original.priority, derivedPriority: original.derivedPriority },
    links: [{ caseId: original.id, kind: 'follow_up' }],
    created: {
      body: words,
      data: { followUpOf: { caseId: original.id, number: original.number, disposition: dispositionNumber } },
    },
  });
  return row.id;
}

// ---------------------------------------------------------------- the signed service memo

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The customer signs the service memo on a phone or tablet: a PNG, kept as a case attachment. */
export async function signServiceOrder(ctx: Ctx, id: string, input: { pngBase64: string; signedBy: string; version: number }) {
  ensure(ctx.actor, 'dispositions:write');
  const { d } = await loadDisposition(ctx.db, id);
  if (d.kind !== 'service_order') throw new DomainError('guard_failed', `${d.number} is not a service order`);
  if (!isOpenDisposition(d.status)) throw new DomainError('transition_not_allowed', `${d.number} is ${d.status}`);
  if (d.version !== input.version) throw versionConflict(`disposition ${d.number}`, d.version);
  const png = Buffer.from(input.pngBase64.replace(/^data:image\/png;base64,/, ''), 'base64');
  if (png.length < 100 || !png.subarray(0, 8).equals(PNG)) throw invalidField('pngBase64', 'not a PNG image');
  await ensurePng(png, 'pngBase64', SIGNATURE_PNG_LIMITS);
  const attachment = await attachFile(ctx, d.caseId, {
    filename: `signature-${d.number}.png`,
    stream: Readable.from(png),
    truncated: () => false,
  });
  const signature = { attachmentId: attachment.id, signedBy: input.signedBy, signedAt: ctx.now().toISOString() };
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(dispositions)
      .set({ signature, updatedAt: ctx.now(), version: d.version + 1 })
      .where(and(eq(dispositions.id, d.id), eq(dispositions.version, d.version)))
      .returning({ id: dispositions.id });
    if (!row) throw versionConflict(`disposition ${d.number}`, d.version);
    await event(tx, ctx, d.caseId, {
      kind: 'service_memo_signed',
      data: { dispositionId: d.id, number: d.number, signedBy: input.signedBy, attachmentId: attachment.id },
    });
  });
  return getDisposition(ctx, id);
}

// ---------------------------------------------------------------- lists

export async function listDispositions(ctx: Ctx, q: ListDispositionsQuery) {
  ensure(ctx.actor, 'cases:read');
  const where = [];
  if (q.kind) where.push(eq(dispositions.kind, q.kind));
  if (q.status) where.push(eq(dispositions.status, q.status));
  if (q.open === 'true') where.push(sql`${dispositions.status} NOT IN ('done', 'refused', 'cancelled')`);
  const filter = where.length ? and(...where) : undefined;
  const rows = await ctx.db
    .select({ d: dispositions, caseNumber: cases.number })
    .from(dispositions)
    .innerJoin(cases, eq(cases.id, dispositions.caseId))
    .where(filter)
    .orderBy(desc(dispositions.updatedAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(dispositions).where(filter);
  return {
    items: await Promise.all(rows.map((r) => presentDisposition(ctx.db, r.d, r.caseNumber, ctx.actor?.permissions))),
    page: q.page,
    pageSize: q.pageSize,
    total: Number(total?.n ?? 0),
  };
}

/** The work lists: returns awaiting goods, parts in transit, visits planned today, approvals waiting for me. */
export async function dispositionQueues(ctx: Ctx) {
  ensure(ctx.actor, 'cases:read');
  const held = await rolesOf(ctx.db, ctx.actor.userId);
  const approvable = (
    await ctx.db
      .select({
        role: dispositionApprovals.requiredRole,
        by: dispositionApprovals.requestedById,
        proposer: dispositionApprovals.proposedById,
        id: dispositionApprovals.dispositionId,
      })
      .from(dispositionApprovals)
      .where(eq(dispositionApprovals.status, 'pending'))
  ).filter((a) => a.by !== ctx.actor?.userId && a.proposer !== ctx.actor?.userId && mayApprove(held, a.role));
  const open = await ctx.db
    .select({ d: dispositions, caseNumber: cases.number })
    .from(dispositions)
    .innerJoin(cases, eq(cases.id, dispositions.caseId))
    .where(
      and(
        inArray(dispositions.kind, ['rma', 'spare_parts', 'service_order']),
        sql`${dispositions.status} NOT IN ('done', 'refused', 'cancelled')`,
      ),
    )
    .orderBy(asc(dispositions.createdAt))
    .limit(500);
  const today = dateIn(ctx.config.timeZone, ctx.now());
  const localDate = (iso: string) => dateIn(ctx.config.timeZone, new Date(iso));
  const pick = (f: (d: DispositionDetails) => boolean) => open.filter((r) => f(r.d.details as DispositionDetails));
  const summary = (rows: typeof open) =>
    rows.map((r) => ({
      id: r.d.id,
      number: r.d.number,
      caseId: r.d.caseId,
      caseNumber: r.caseNumber,
      kind: r.d.kind,
      status: r.d.status,
    }));
  const approvalIds = approvable.map((a) => a.id);
  const approvals = approvalIds.length
    ? await ctx.db
        .select({ d: dispositions, caseNumber: cases.number })
        .from(dispositions)
        .innerJoin(cases, eq(cases.id, dispositions.caseId))
        .where(inArray(dispositions.id, approvalIds))
    : [];
  return {
    returnsAwaitingGoods: summary(pick((d) => d.kind === 'rma' && !d.receivedOn)),
    partsInTransit: summary(pick((d) => d.kind === 'spare_parts' && Boolean(d.shippedOn) && !d.receivedOn)),
    visitsToday: summary(
      pick(
        (d) => d.kind === 'service_order' && Boolean(d.plannedArrival) && localDate(d.plannedArrival as string) === today && !d.arrivedAt,
      ),
    ),
    approvalsForMe: summary(approvals),
  };
}
