import { type ApprovalRuleBody, endOfNthWorkingDay, type InvestigationBody } from '@closeloop/domain';
import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { approvalRules, businessCalendars, caseInvestigations } from '../../db/schema.ts';
import { ensure } from '../../lib/actor.ts';
import type { Ctx } from '../../lib/context.ts';
import { DomainError, notFound, versionConflict } from '../../lib/errors.ts';
import * as caseRepo from '../cases/index.ts';
import { compiledCalendar } from '../sla/index.ts';
import { recordCaseEvents } from '../timeline/index.ts';

const present = (r: typeof caseInvestigations.$inferSelect | undefined, caseId: string) => ({
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

export async function getInvestigation(ctx: Ctx, idOrNumber: string) {
  ensure(ctx.actor, 'cases:read');
  const c = await caseRepo.findCase(ctx.db, idOrNumber);
  if (!c) throw notFound('case', idOrNumber);
  const [r] = await ctx.db.select().from(caseInvestigations).where(eq(caseInvestigations.caseId, c.id));
  return present(r, c.id);
}

/** Save the investigation. The first save sets the report due date: 3 working days on the default calendar. */
export async function saveInvestigation(ctx: Ctx, idOrNumber: string, input: InvestigationBody) {
  ensure(ctx.actor, 'dispositions:write');
  const id = await ctx.db.transaction(async (tx) => {
    const c = await caseRepo.findCase(tx, idOrNumber, { forUpdate: true });
    if (!c) throw notFound('case', idOrNumber);
    const [current] = await tx.select().from(caseInvestigations).where(eq(caseInvestigations.caseId, c.id)).for('update');
    if ((current?.version ?? 0) !== input.version) throw versionConflict(`the investigation of ${c.number}`, current?.version ?? 0);
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
  const id = await ctx.db.transaction(async (tx) => {
    const c = await caseRepo.findCase(tx, idOrNumber, { forUpdate: true });
    if (!c) throw notFound('case', idOrNumber);
    const [current] = await tx.select().from(caseInvestigations).where(eq(caseInvestigations.caseId, c.id)).for('update');
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
    await tx
      .update(caseInvestigations)
      .set({ reportSubmittedAt: now, updatedAt: now, version: current.version + 1 })
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
