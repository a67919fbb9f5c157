import { endOfNthWorkingDay, type InvestigationBody, type InvestigationReviewBody } from '@closeloop/domain';
import type { Ctx } from '../../lib/context.ts';
import { DomainError, notFound, versionConflict } from '../../lib/errors.ts';
import { transaction } from '../../lib/transaction.ts';
import { findCase } from '../cases/index.ts';
import { compiledCalendar } from '../sla/index.ts';
import { recordCaseEvents } from '../timeline/index.ts';
import { ensureMayEditInvestigation, ensureMayReadInvestigation, ensureMayReviewReport, ensureMayReviewReports } from './policy.ts';
import { presentInvestigation, reportStatusOf } from './presenter.ts';
import * as repo from './repository.ts';

/** Working days from the first save to the report's due date; calendar days when no default calendar is set. */
const REPORT_DUE_WORKING_DAYS = 3;

/** The report can be edited and submitted while it is a draft or was returned; submitted or accepted, it stands. */
function ensureEditable(r: repo.InvestigationRow | undefined, caseNumber: string) {
  const status = reportStatusOf(r);
  if (status === 'submitted' || status === 'accepted') {
    throw new DomainError(
      'transition_not_allowed',
      `the investigation report of ${caseNumber} is ${status === 'submitted' ? 'waiting for its review' : 'accepted'}; it changes only once returned`,
      { extra: { reportStatus: status } },
    );
  }
}

/** The case, locked for the change, or 404. */
async function lockCase(tx: Parameters<typeof findCase>[0], idOrNumber: string) {
  const c = await findCase(tx, idOrNumber, { forUpdate: true });
  if (!c) throw notFound('case', idOrNumber);
  return c;
}

/** The investigation record of a case; an empty draft before the first save. */
export async function getInvestigation(ctx: Ctx, idOrNumber: string) {
  ensureMayReadInvestigation(ctx.actor);
  const c = await findCase(ctx.db, idOrNumber);
  if (!c) throw notFound('case', idOrNumber);
  return presentInvestigation(await repo.findInvestigationView(ctx.db, c.id), c.id);
}

/** Save the investigation. The first save sets the report due date: 3 working days on the default calendar. */
export async function saveInvestigation(ctx: Ctx, idOrNumber: string, input: InvestigationBody) {
  ensureMayEditInvestigation(ctx.actor);
  const id = await transaction(ctx, async (tx) => {
    const c = await lockCase(tx, idOrNumber);
    const current = await repo.lockInvestigation(tx, c.id);
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
      await repo.updateInvestigation(tx, c.id, { ...values, version: current.version + 1 });
    } else {
      const calendarId = await repo.defaultCalendarId(tx);
      const reportDueAt = calendarId
        ? endOfNthWorkingDay(await compiledCalendar(tx, calendarId), now, REPORT_DUE_WORKING_DAYS)
        : new Date(now.getTime() + REPORT_DUE_WORKING_DAYS * 86_400_000);
      await repo.insertInvestigation(tx, { caseId: c.id, ...values, reportDueAt });
    }
    await recordCaseEvents(tx, ctx, c.id, [{ kind: 'investigation_updated', at: now, data: { fields: Object.keys(fields) } }]);
    return c.id;
  });
  return getInvestigation(ctx, id);
}

/** Hand the investigation report to management (due 3 working days after the investigation began). */
export async function submitInvestigationReport(ctx: Ctx, idOrNumber: string) {
  ensureMayEditInvestigation(ctx.actor);
  const actor = ctx.actor;
  const id = await transaction(ctx, async (tx) => {
    const c = await lockCase(tx, idOrNumber);
    const current = await repo.lockInvestigation(tx, c.id);
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
    await repo.updateInvestigation(tx, c.id, {
      reportSubmittedAt: now,
      reportSubmittedById: actor.userId,
      reviewDecision: null,
      reviewInstruction: null,
      reviewedById: null,
      reviewedAt: null,
      updatedAt: now,
      version: current.version + 1,
    });
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
  ensureMayReviewReports(ctx.actor);
  const actor = ctx.actor;
  const id = await transaction(ctx, async (tx) => {
    const c = await lockCase(tx, idOrNumber);
    const current = await repo.lockInvestigation(tx, c.id);
    const status = reportStatusOf(current);
    if (!current || status !== 'submitted') {
      throw new DomainError('transition_not_allowed', `the investigation report of ${c.number} is not waiting for a review (${status})`, {
        extra: { reportStatus: status },
      });
    }
    if (input.version !== undefined && input.version !== current.version) {
      throw versionConflict(`the investigation of ${c.number}`, current.version);
    }
    ensureMayReviewReport(actor, current);
    const now = ctx.now();
    const instruction = input.instruction || null;
    await repo.updateInvestigation(tx, c.id, {
      reviewDecision: input.decision,
      reviewInstruction: instruction,
      reviewedById: actor.userId,
      reviewedAt: now,
      updatedAt: now,
      version: current.version + 1,
    });
    await recordCaseEvents(tx, ctx, c.id, [{ kind: 'investigation_reviewed', at: now, data: { decision: input.decision, instruction } }]);
    return c.id;
  });
  return getInvestigation(ctx, id);
}
