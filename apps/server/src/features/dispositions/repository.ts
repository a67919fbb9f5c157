import type { ApprovalKind, DispositionKind, DispositionStatus } from '@closeloop/domain';
import { and, asc, desc, eq, inArray, notInArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/connection.ts';
import {
  approvalRules,
  caseCosts,
  cases,
  departments,
  dispositionApprovals,
  dispositions,
  products,
  roles,
  units,
  userRoles,
  users,
  warrantyTerms,
} from '../../db/schema.ts';
import { rowsOf } from '../../lib/sql.ts';

/** SQL of dispositions, their approvals, costs and warranty terms, and nothing else: no rules, no permissions. */

export type DispositionRow = typeof dispositions.$inferSelect;
export type ApprovalRow = typeof dispositionApprovals.$inferSelect;
export type CostRow = typeof caseCosts.$inferSelect;

/** Statuses after which a disposition is over (`isOpenDisposition`'s complement), for filters in SQL. */
const CLOSED: DispositionStatus[] = ['done', 'refused', 'cancelled'];

// ---------------------------------------------------------------- dispositions

const withCaseNumber = (db: Executor) =>
  db.select({ d: dispositions, caseNumber: cases.number }).from(dispositions).innerJoin(cases, eq(cases.id, dispositions.caseId));

/** A disposition with its case's number; `forUpdate` locks the disposition row (not the case's). */
export async function findDisposition(db: Executor, id: string, options: { forUpdate?: boolean } = {}) {
  const q = withCaseNumber(db).where(eq(dispositions.id, id));
  const [row] = options.forUpdate ? await q.for('update', { of: dispositions }) : await q;
  return row;
}

export const dispositionsOfCase = (db: Executor, caseId: string) =>
  db.select().from(dispositions).where(eq(dispositions.caseId, caseId)).orderBy(asc(dispositions.createdAt));

export async function countDispositionsOfCase(db: Executor, caseId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(dispositions).where(eq(dispositions.caseId, caseId));
  return Number(row?.n ?? 0);
}

export async function insertDisposition(tx: Executor, values: typeof dispositions.$inferInsert): Promise<DispositionRow> {
  const [row] = await tx.insert(dispositions).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Change a disposition if it is still at `version`; undefined when someone changed it first. */
export async function updateDisposition(tx: Executor, id: string, version: number, values: Partial<DispositionRow>) {
  const [row] = await tx
    .update(dispositions)
    .set({ ...values, version: version + 1 })
    .where(and(eq(dispositions.id, id), eq(dispositions.version, version)))
    .returning();
  return row;
}

export interface DispositionFilter {
  kind?: DispositionKind | undefined;
  status?: DispositionStatus | undefined;
  openOnly?: boolean;
}

function filterOf(f: DispositionFilter): SQL | undefined {
  const where: SQL[] = [];
  if (f.kind) where.push(eq(dispositions.kind, f.kind));
  if (f.status) where.push(eq(dispositions.status, f.status));
  if (f.openOnly) where.push(notInArray(dispositions.status, CLOSED));
  return where.length ? and(...where) : undefined;
}

/** A page of dispositions across cases, the latest changed first. */
export const pageOfDispositions = (db: Executor, f: DispositionFilter, page: { limit: number; offset: number }) =>
  withCaseNumber(db).where(filterOf(f)).orderBy(desc(dispositions.updatedAt)).limit(page.limit).offset(page.offset);

export async function countDispositions(db: Executor, f: DispositionFilter): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(dispositions).where(filterOf(f));
  return Number(row?.n ?? 0);
}

/** Open dispositions of the kinds field work follows (returns, parts, visits), oldest first. */
export const openFieldDispositions = (db: Executor) =>
  withCaseNumber(db)
    .where(and(inArray(dispositions.kind, ['rma', 'spare_parts', 'service_order']), notInArray(dispositions.status, CLOSED)))
    .orderBy(asc(dispositions.createdAt))
    .limit(500);

export const dispositionsByIds = (db: Executor, ids: string[]) =>
  ids.length ? withCaseNumber(db).where(inArray(dispositions.id, ids)) : Promise.resolve([]);

/** The case a disposition belongs to, for checking a reference to it. */
export async function caseIdOfDisposition(db: Executor, id: string): Promise<string | undefined> {
  const [row] = await db.select({ caseId: dispositions.caseId }).from(dispositions).where(eq(dispositions.id, id));
  return row?.caseId;
}

// ---------------------------------------------------------------- approvals

const requester = alias(users, 'requester');
const decider = alias(users, 'decider');

/** The approvals of many dispositions in one query (a page), oldest first, with who asked and who decided. */
export const approvalsOf = (db: Executor, dispositionIds: string[]) =>
  dispositionIds.length
    ? db
        .select({ a: dispositionApprovals, requesterName: requester.displayName, deciderName: decider.displayName })
        .from(dispositionApprovals)
        .leftJoin(requester, eq(requester.id, dispositionApprovals.requestedById))
        .leftJoin(decider, eq(decider.id, dispositionApprovals.decidedById))
        .where(inArray(dispositionApprovals.dispositionId, dispositionIds))
        .orderBy(asc(dispositionApprovals.id))
    : Promise.resolve([]);
export type ApprovalWithNames = Awaited<ReturnType<typeof approvalsOf>>[number];

export async function latestApproval(db: Executor, dispositionId: string) {
  const [row] = await db
    .select()
    .from(dispositionApprovals)
    .where(eq(dispositionApprovals.dispositionId, dispositionId))
    .orderBy(desc(dispositionApprovals.id))
    .limit(1);
  return row;
}

/** The request waiting for a decision, locked. */
export async function pendingApprovalForUpdate(tx: Executor, dispositionId: string) {
  const [row] = await tx
    .select()
    .from(dispositionApprovals)
    .where(and(eq(dispositionApprovals.dispositionId, dispositionId), eq(dispositionApprovals.status, 'pending')))
    .for('update');
  return row;
}

/** Every request waiting for a decision, across dispositions, with who created each (the work list filters by authority). */
export const pendingApprovals = (db: Executor) =>
  db
    .select({ a: dispositionApprovals, createdById: dispositions.createdById })
    .from(dispositionApprovals)
    .innerJoin(dispositions, eq(dispositions.id, dispositionApprovals.dispositionId))
    .where(eq(dispositionApprovals.status, 'pending'));

export async function insertApproval(tx: Executor, values: typeof dispositionApprovals.$inferInsert): Promise<number> {
  const [row] = await tx.insert(dispositionApprovals).values(values).returning({ id: dispositionApprovals.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function supersedePendingApprovals(tx: Executor, dispositionId: string) {
  await tx
    .update(dispositionApprovals)
    .set({ status: 'superseded' })
    .where(and(eq(dispositionApprovals.dispositionId, dispositionId), eq(dispositionApprovals.status, 'pending')));
}

export async function decideApproval(
  tx: Executor,
  id: number,
  decision: { status: 'approved' | 'refused'; decidedById: string; decidedAt: Date; note: string | null },
) {
  await tx.update(dispositionApprovals).set(decision).where(eq(dispositionApprovals.id, id));
}

/** The amount bands of one kind of spending, lowest first. */
export const approvalBands = (db: Executor, kind: ApprovalKind) =>
  db.select().from(approvalRules).where(eq(approvalRules.kind, kind)).orderBy(asc(approvalRules.minAmount));

export async function rolesOfUser(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .select({ code: roles.code })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(eq(userRoles.userId, userId));
  return rows.map((r) => r.code);
}

/** Active users holding any of `roleCodes`, as notification recipients. */
export async function activeUsersWithRoles(db: Executor, roleCodes: readonly string[]) {
  if (roleCodes.length === 0) return [];
  return db
    .selectDistinct({ id: users.id, email: users.email, locale: users.locale, isActive: users.isActive })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(inArray(roles.code, [...roleCodes]), eq(users.isActive, true)));
}

// ---------------------------------------------------------------- costs

/** The costs of many dispositions in one query (a page), in the order recorded. */
export const costsOfDispositions = (db: Executor, dispositionIds: string[]) =>
  dispositionIds.length
    ? db.select().from(caseCosts).where(inArray(caseCosts.dispositionId, dispositionIds)).orderBy(asc(caseCosts.id))
    : Promise.resolve([]);

export const costsOfCase = (db: Executor, caseId: string) =>
  db.select().from(caseCosts).where(eq(caseCosts.caseId, caseId)).orderBy(asc(caseCosts.id));

export async function insertCost(tx: Executor, values: typeof caseCosts.$inferInsert): Promise<CostRow> {
  const [row] = await tx.insert(caseCosts).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findCostForUpdate(tx: Executor, id: number) {
  const [row] = await tx.select().from(caseCosts).where(eq(caseCosts.id, id)).for('update');
  return row;
}

export async function setRecoveredAmount(tx: Executor, id: number, amount: number): Promise<CostRow> {
  const [row] = await tx.update(caseCosts).set({ recoveredAmount: amount }).where(eq(caseCosts.id, id)).returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

export async function departmentExists(db: Executor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
  return Boolean(row);
}

// ---------------------------------------------------------------- warranty

export async function findUnit(db: Executor, id: string) {
  const [row] = await db.select().from(units).where(eq(units.id, id));
  return row;
}

export async function findProduct(db: Executor, id: string) {
  const [row] = await db.select().from(products).where(eq(products.id, id));
  return row;
}

export const warrantyTermRows = (db: Executor) => db.select().from(warrantyTerms).orderBy(asc(warrantyTerms.category));

export async function warrantyTermsForUpdate(tx: Executor, category: string) {
  const [row] = await tx.select().from(warrantyTerms).where(eq(warrantyTerms.category, category)).for('update');
  return row;
}

export async function updateWarrantyTerms(tx: Executor, category: string, values: Partial<typeof warrantyTerms.$inferInsert>) {
  await tx.update(warrantyTerms).set(values).where(eq(warrantyTerms.category, category));
}

export async function insertWarrantyTerms(tx: Executor, values: typeof warrantyTerms.$inferInsert) {
  await tx.insert(warrantyTerms).values(values);
}

/** Completed repairs (repair dispositions and service visits) on any case of a unit, oldest first, with the case's dates. */
export const doneRepairsOfUnit = (db: Executor, unitId: string) =>
  db
    .select({ d: dispositions, received: cases.receivedAt, occurred: cases.occurredAt })
    .from(dispositions)
    .innerJoin(cases, eq(cases.id, dispositions.caseId))
    .where(and(eq(cases.unitId, unitId), inArray(dispositions.kind, ['repair', 'service_order']), eq(dispositions.status, 'done')))
    .orderBy(asc(dispositions.createdAt));

/** The details of a case's open repair dispositions. */
export const openRepairsOfCase = (db: Executor, caseId: string) =>
  db
    .select({ details: dispositions.details })
    .from(dispositions)
    .where(and(eq(dispositions.caseId, caseId), eq(dispositions.kind, 'repair'), notInArray(dispositions.status, CLOSED)));

// ---------------------------------------------------------------- the monthly settlement

/** The month's costs (by the day incurred) summed for finance; amounts as PostgreSQL returns sums (text). */
export async function settlementSums(db: Executor, month: string) {
  const from = `${month}-01`;
  const range = sql`k.incurred_on >= ${from}::date AND k.incurred_on < (${from}::date + interval '1 month')`;
  const q = async <T>(query: SQL) => rowsOf<T>(await db.execute(query));
  const [totals] = await q<{ total: string; recovered: string }>(sql`
    SELECT coalesce(sum(amount), 0) AS total, coalesce(sum(recovered_amount), 0) AS recovered FROM case_costs k WHERE ${range}`);
  const byDepartment = await q<{ department_id: string | null; amount: string; cases: number }>(sql`
    SELECT department_id, sum(amount) AS amount, count(DISTINCT case_id)::int AS cases FROM case_costs k
     WHERE ${range} AND bearer = 'department' GROUP BY department_id ORDER BY sum(amount) DESC`);
  const byProduct = await q<{ product_id: string | null; model: string | null; amount: string }>(sql`
    SELECT c.product_id, p.model, sum(k.amount) AS amount FROM case_costs k JOIN cases c ON c.id = k.case_id
      LEFT JOIN products p ON p.id = c.product_id WHERE ${range} GROUP BY c.product_id, p.model ORDER BY sum(k.amount) DESC`);
  const byCustomer = await q<{ customer_id: string | null; name: string | null; amount: string }>(sql`
    SELECT c.customer_id, cu.name, sum(k.amount) AS amount FROM case_costs k JOIN cases c ON c.id = k.case_id
      LEFT JOIN customers cu ON cu.id = c.customer_id WHERE ${range} GROUP BY c.customer_id, cu.name ORDER BY sum(k.amount) DESC`);
  const byCategory = await q<{ category: string; amount: string }>(sql`
    SELECT category, sum(amount) AS amount FROM case_costs k WHERE ${range} GROUP BY category`);
  const recoveries = await q<{ bearer: string; external_party: string | null; amount: string; recovered: string }>(sql`
    SELECT bearer, external_party, sum(amount) AS amount, sum(recovered_amount) AS recovered FROM case_costs k
     WHERE ${range} AND bearer <> 'department' GROUP BY bearer, external_party ORDER BY sum(amount) DESC`);
  return { totals, byDepartment, byProduct, byCustomer, byCategory, recoveries };
}
