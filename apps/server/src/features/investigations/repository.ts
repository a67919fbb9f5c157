import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/connection.ts';
import { businessCalendars, caseInvestigations, users } from '../../db/schema.ts';

export type InvestigationRow = typeof caseInvestigations.$inferSelect;
export type InvestigationInsert = typeof caseInvestigations.$inferInsert;

const submitter = alias(users, 'submitter');
const reviewer = alias(users, 'reviewer');

/** The investigation of a case with the names of whoever submitted and reviewed its report; undefined before the first save. */
export async function findInvestigationView(db: Executor, caseId: string) {
  const [row] = await db
    .select({ r: caseInvestigations, submitterName: submitter.displayName, reviewerName: reviewer.displayName })
    .from(caseInvestigations)
    .leftJoin(submitter, eq(submitter.id, caseInvestigations.reportSubmittedById))
    .leftJoin(reviewer, eq(reviewer.id, caseInvestigations.reviewedById))
    .where(eq(caseInvestigations.caseId, caseId));
  return row;
}

export type InvestigationViewRow = Awaited<ReturnType<typeof findInvestigationView>>;

/** The investigation row, locked until commit (take the case row's lock first). */
export async function lockInvestigation(tx: Executor, caseId: string): Promise<InvestigationRow | undefined> {
  const [row] = await tx.select().from(caseInvestigations).where(eq(caseInvestigations.caseId, caseId)).for('update');
  return row;
}

export async function insertInvestigation(tx: Executor, values: InvestigationInsert) {
  await tx.insert(caseInvestigations).values(values);
}

export async function updateInvestigation(tx: Executor, caseId: string, values: Partial<InvestigationInsert>) {
  await tx.update(caseInvestigations).set(values).where(eq(caseInvestigations.caseId, caseId));
}

/**
 * The default business calendar's id, if one is set. It reads the SLA's table directly because
 * `features/sla` offers no such lookup yet; move it there once it does.
 */
export async function defaultCalendarId(db: Executor): Promise<string | undefined> {
  const [cal] = await db.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.isDefault, true));
  return cal?.id;
}
