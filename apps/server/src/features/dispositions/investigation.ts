import {
  type ApprovalRuleBody,
  endOfNthWorkingDay,
  type InvestigationBody,
  type InvestigationReportStatus,
  type InvestigationReviewBody,
  type ReviewDecision,
} from '@closeloop/domain';
import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { approvalRules, businessCalendars, caseInvestigations, users } from '../../db/schema.ts';
import { ensure } from '../../lib/actor.ts';
import type { Ctx } from '../../lib/context.ts';
import { DomainError, notFound, versionConflict } from '../../lib/errors.ts';
import * as caseRepo from '../cases/index.ts';
import { compiledCalendar } from '../sla/index.ts';
import { recordCaseEvents } from '../timeline/index.ts';

type InvestigationRow = typeof caseInvestigations.$inferSelect;

/** Not submitted, waiting for management's review, or reviewed (the review is cleared when the report is submitted again). */
const reportStatusOf = (r: InvestigationRow | undefined): InvestigationReportStatus =>
  !r?.reportSubmittedAt ? 'draft' : ((r.reviewDecision as ReviewDecision | null) ?? 'submitted');

/** The report can be edited and submitted while it is a draft or was returned; submitted or accepted, it stands. */
function ensureEditable(r: InvestigationRow | undefined, caseNumber: string) {
  const status = reportStatusOf(r);
  if (status === 'submitted' || status === 'accepted') {
    throw new DomainError(
      'transition_not_allowed',
      `the investigation report of ${caseNumber} is ${status === 'submitted' ? 'waiting for its review' : 'accepted'}; it changes only once returned`,
      { extra: { reportStatus: status } },
    );
  }
}

const presentRecord = (r: InvestigationRow | undefined, caseId: string) => ({
  caseId,
  facts: r?.facts ?? '',
  fiveWhys: (r?.fiveWhys as { why: string; because: string }[]) ?? [],
  fishbone: (r?.fishbone as Record<string, string[]>) ?? {},
  rootCause6m: r?.rootCause6m ?? null,
  rootCause: r?.rootCause ?? null,
  appraisalRequired: r?.appraisalRequired ?? false,
  appraisalReport: r?.appraisalReport ?? null,
  appraisedAt: r?.appraisedAt?.toISOString() ?? null,
  reportDueAt: r?.reportDueAt?.toISOString() ?? null,
  reportSubmittedAt: r?.reportSubmittedAt?.toISOString() ?? null,
  version: r?.version ?? 0,
});

const submitter = alias(users, 'submitter');
const reviewer = alias(users, 'reviewer');

async function loadInvestigation(db: Executor, caseId: string) {
  const [row] = await db
    .select({ r: caseInvestigations, submitterName: submitter.displayName, reviewerName: reviewer.displayName })
    .from(caseInvestigations)
    .leftJoin(submitter, eq(submitter.id, caseInvestigations.reportSubmittedById))
    .leftJoin(reviewer, eq(reviewer.id, caseInvestigations.reviewedById))
    .where(eq(caseInvestigations.caseId, caseId));
  return row;
}

const present = (row: Awaited<ReturnType<typeof loadInvestigation>>, caseId: string) => {
  const r = row?.r;
  return {
    ...presentRecord(r, caseId),
    reportSubmittedBy: r?.reportSubmittedById ? { id: r.reportSubmittedById, displayName: row?.submitterName ?? '' } : null,
    reportStatus: reportStatusOf(r),
    review:
      r?.reviewDecision && r.reviewedAt
        ? {
            decision: r.reviewDecision as ReviewDecision,
            instruction: r.reviewInstruction,
            reviewedBy: r.reviewedById ? { id: r.reviewedById, displayName: row?.reviewerName ?? '' } : null,
            reviewedAt: r.reviewedAt.toISOString(),
          }
        : null,
  };
};

export async function getInvestigation(ctx: Ctx, idOrNumber: string) {
  ensure(ctx.actor, 'cases:read');
  const c = await caseRepo.findCase(ctx.db, idOrNumber);
  if (!c) throw notFound('case', idOrNumber);
  return present(await loadInvestigation(ctx.db, c.id), c.id);
}

/** Save the investigation. The first save sets the report due date: 3 working days on the default calendar. */
export async function saveInvestigation(ctx: Ctx, idOrNumber: string, input: InvestigationBody) {
  ensure(ctx.actor, 'dispositions:write');
  const id = await ctx.db.transaction(async (tx) => {
    const c = await caseRepo.findCase(tx, idOrNumber, { forUpdate: true });
    if (!c) throw notFound('case', idOrNumber);
    const [current] = await tx.select().from(caseInvestigations).where(eq(caseInvestigations.caseId, c.id)).for('update');
    if ((current?.version ?? 0) !== input.version) throw versionConflict(`the investigation of ${c.number}`, current?.version ?? 0);
    ensureEditable(current, c.number);
    const now = ctx.now();
    const { version: _v, ...fields } = input;
    const values = {
      ...fields,
      ...(fields.appraisalReport && !current?.appraisedAt ? { appraisedAt: now } : {}),
      updatedAt: now,
    };
    if (current) {
      await tx
        .update(caseInvestigations)
        .set({ ...values, version: current.version + 1 })
        .where(eq(caseInvestigations.caseId, c.id));
    } else {
      const [cal] = await tx.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.isDefault, true));
      const reportDueAt = cal ? endOfNthWorkingDay(await compiledCalendar(tx, cal.id), now, 3) : new Date(now.getTime() + 3 * 86_400_000);
      await tx.insert(caseInvestigations).values({ caseId: c.id, ...values, reportDueAt });
    }
    await recordCaseEvents(tx, ctx, c.id, [{ kind: 'investigation_updated', at: now, data: { fields: Object.keys(fields) } }]);
    return c.id;
  });
  return getInvestigation(ctx, id);
}

/** Hand the investigation report to management (due 3 working days after the investigation began). */
export async function submitInvestigationReport(ctx: Ctx, idOrNumber: string) {
  ensure(ctx.actor, 'dispositions:write');
  const actor = ctx.actor;
  const id = await ctx.db.transaction(async (tx) => {
    const c = await caseRepo.findCase(tx, idOrNumber, { forUpdate: true });
    if (!c) throw notFound('case', idOrNumber);
    const [current] = await tx.select().from(caseInvestigations).where(eq(caseInvestigations.caseId, c.id)).for('update');
    ensureEditable(current, c.number);
    if (!current?.facts || !current.rootCause) {
      throw new DomainError('guard_failed', 'record the facts and the root cause before submitting the report', {
        errors: [
          ...(!current?.facts ? [{ field: 'facts', message: 'required' }] : []),
          ...(!current?.rootCause ? [{ field: 'rootCause', message: 'required' }] : []),
        ],
      });
    }
    if (current.appraisalRequired && !current.appraisalReport) {
      throw new DomainError('guard_failed', 'the appraisal of the returned parts is still missing', {
        errors: [{ field: 'appraisalReport', message: 'required' }],
      });
    }
    const now = ctx.now();
    // Submitted again after it was returned: the new submission waits for a review of its own.
    await tx
      .update(caseInvestigations)
      .set({
        reportSubmittedAt: now,
        reportSubmittedById: actor.userId,
        reviewDecision: null,
        reviewInstruction: null,
        reviewedById: null,
        reviewedAt: null,
        updatedAt: now,
        version: current.version + 1,
      })
      .where(eq(caseInvestigations.caseId, c.id));
    await recordCaseEvents(tx, ctx, c.id, [
      {
        kind: 'investigation_reported',
        at: now,
        data: { late: current.reportDueAt ? now > current.reportDueAt : false, dueAt: current.reportDueAt?.toISOString() ?? null },
      },
    ]);
    return c.id;
  });
  return getInvestigation(ctx, id);
}

/**
 * Management's review of the submitted report (总经理室批示): accepted, or returned with the
 * instruction to be edited and submitted again. Not by whoever submitted it.
 */
export async function reviewInvestigationReport(ctx: Ctx, idOrNumber: string, input: InvestigationReviewBody) {
  ensure(ctx.actor, 'cases:approve');
  const actor = ctx.actor;
  const id = await ctx.db.transaction(async (tx) => {
    const c = await caseRepo.findCase(tx, idOrNumber, { forUpdate: true });
    if (!c) throw notFound('case', idOrNumber);
    const [current] = await tx.select().from(caseInvestigations).where(eq(caseInvestigations.caseId, c.id)).for('update');
    const status = reportStatusOf(current);
    if (!current || status !== 'submitted') {
      throw new DomainError('transition_not_allowed', `the investigation report of ${c.number} is not waiting for a review (${status})`, {
        extra: { reportStatus: status },
      });
    }
    if (input.version !== undefined && input.version !== current.version) {
      throw versionConflict(`the investigation of ${c.number}`, current.version);
    }
    if (current.reportSubmittedById === actor.userId) {
      throw new DomainError('forbidden', 'nobody reviews an investigation report they submitted', { extra: { reason: 'self_review' } });
    }
    const now = ctx.now();
    const instruction = input.instruction || null;
    await tx
      .update(caseInvestigations)
      .set({
        reviewDecision: input.decision,
        reviewInstruction: instruction,
        reviewedById: actor.userId,
        reviewedAt: now,
        updatedAt: now,
        version: current.version + 1,
      })
      .where(eq(caseInvestigations.caseId, c.id));
    await recordCaseEvents(tx, ctx, c.id, [{ kind: 'investigation_reviewed', at: now, data: { decision: input.decision, instruction } }]);
    return c.id;
  });
  return getInvestigation(ctx, id);
}

// ---------------------------------------------------------------- approval matrix (核决权限)

const presentRule = (r: typeof approvalRules.$inferSelect) => ({
  id: r.id,
  kind: r.kind as z.infer<typeof ApprovalRuleBody>['kind'],
  minAmount: r.minAmount,
  maxAmount: r.maxAmount,
  roleCode: r.roleCode,
  version: r.version,
});

export async function listApprovalRules(ctx: Ctx) {
  ensure(ctx.actor, 'cases:read');
  return (await ctx.db.select().from(approvalRules).orderBy(asc(approvalRules.kind), asc(approvalRules.minAmount))).map(presentRule);
}

/** Replace the bands of one kind at once, so they can be checked to cover 0…∞ without gaps or overlaps. */
export async function replaceApprovalRules(
  ctx: Ctx,
  kind: z.infer<typeof ApprovalRuleBody>['kind'],
  bands: z.infer<typeof ApprovalRuleBody>[],
) {
  ensure(ctx.actor, 'approvals:manage');
  const sorted = [...bands].sort((a, b) => a.minAmount - b.minAmount);
  const problems: { field: string; message: string }[] = [];
  sorted.forEach((b, i) => {
    if (b.kind !== kind) problems.push({ field: `bands.${i}.kind`, message: `must be ${kind}` });
    const prev = sorted[i - 1];
    if (i === 0 && b.minAmount !== 0) problems.push({ field: `bands.${i}.minAmount`, message: 'the first band starts at 0' });
    if (prev && prev.maxAmount !== b.minAmount)
      problems.push({ field: `bands.${i}.minAmount`, message: `must continue from ${prev.maxAmount ?? '∞'}` });
    if (i < sorted.length - 1 && b.maxAmount === null)
      problems.push({ field: `bands.${i}.maxAmount`, message: 'only the last band is open-ended' });
  });
  if (sorted.length > 0 && sorted.at(-1)?.maxAmount !== null)
    problems.push({ field: `bands.${sorted.length - 1}.maxAmount`, message: 'the last band has no upper limit' });
  if (problems.length)
    throw new DomainError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { errors: problems });
  await ctx.db.transaction(async (tx) => {
    await tx.delete(approvalRules).where(eq(approvalRules.kind, kind));
    if (sorted.length) await tx.insert(approvalRules).values(sorted.map((b) => ({ ...b, createdAt: ctx.now(), updatedAt: ctx.now() })));
  });
  return listApprovalRules(ctx);
}
