import { and, count, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { cases, caseWatchers, departments, slaBreaches, slaEscalations, users } from '../../db/schema.ts';
import { offsetOf, rowsOf } from '../../lib/sql.ts';

/** What the deadlines leave on record: breaches, warnings and escalation steps, and the people a step tells. */

export type BreachInsert = typeof slaBreaches.$inferInsert;
export type EscalationInsert = typeof slaEscalations.$inferInsert;
/** An escalation with the case and owner names it is shown with. */
export interface EscalationWithNames {
  e: typeof slaEscalations.$inferSelect;
  caseNumber: string;
  caseTitle: string;
  ownerName: string | null;
}
/** Breaches of one clock kind held by one department. */
export interface BreachCount {
  departmentId: string | null;
  clock: string;
  n: number;
}

// ---------------------------------------------------------------- breaches

/** Record breaches (once per case, clock and due time): awaited, or handed to a caller that runs it with other writes. */
export const insertBreaches = (tx: Executor, values: BreachInsert[]) => tx.insert(slaBreaches).values(values).onConflictDoNothing();

/** Breaches per department and clock whose due time falls in [start, end). */
export async function countBreaches(db: Executor, start: Date, end: Date): Promise<BreachCount[]> {
  const rows = rowsOf<{ department_id: string | null; clock: string; n: number }>(
    await db.execute(sql`
      SELECT department_id, clock, count(*)::int AS n FROM sla_breaches
       WHERE due_at >= ${start} AND due_at < ${end}
       GROUP BY department_id, clock`),
  );
  return rows.map((r) => ({ departmentId: r.department_id, clock: r.clock, n: Number(r.n) }));
}

// ---------------------------------------------------------------- warnings and escalation steps

/** Record a warning (level 0) or a step, once per case, clock and level. */
export async function insertEscalation(tx: Executor, values: EscalationInsert) {
  await tx.insert(slaEscalations).values(values).onConflictDoNothing();
}

const withNames = (db: Executor) =>
  db
    .select({ e: slaEscalations, caseNumber: cases.number, caseTitle: cases.title, ownerName: users.displayName })
    .from(slaEscalations)
    .innerJoin(cases, eq(cases.id, slaEscalations.caseId))
    .leftJoin(users, eq(users.id, slaEscalations.ownerId));

/** Newest first, a page of them, and how many match; `open` = not yet acknowledged by a person. */
export async function listEscalations(
  db: Executor,
  filter: { departmentId?: string | undefined; open?: boolean | undefined; page: number; pageSize: number },
): Promise<{ items: EscalationWithNames[]; total: number }> {
  const where: SQL[] = [];
  if (filter.departmentId) where.push(eq(slaEscalations.departmentId, filter.departmentId));
  if (filter.open === true) where.push(isNull(slaEscalations.acknowledgedAt));
  if (filter.open === false) where.push(sql`${slaEscalations.acknowledgedAt} IS NOT NULL`);
  const cond = where.length ? and(...where) : undefined;
  const items = await withNames(db)
    .where(cond)
    .orderBy(desc(slaEscalations.at), desc(slaEscalations.id))
    .limit(filter.pageSize)
    .offset(offsetOf(filter.page, filter.pageSize));
  const [total] = await db.select({ n: count() }).from(slaEscalations).where(cond);
  return { items, total: Number(total?.n ?? 0) };
}

export async function findEscalation(db: Executor, id: number): Promise<EscalationWithNames | undefined> {
  const [row] = await withNames(db).where(eq(slaEscalations.id, id));
  return row;
}

/** The first acknowledgement stays: a second one changes nothing. Answers whether the escalation exists. */
export async function acknowledgeEscalation(tx: Executor, id: number, userId: string, now: Date): Promise<boolean> {
  const [row] = await tx
    .update(slaEscalations)
    .set({
      acknowledgedAt: sql`coalesce(${slaEscalations.acknowledgedAt}, ${now})`,
      acknowledgedById: sql`coalesce(${slaEscalations.acknowledgedById}, ${userId}::uuid)`,
    })
    .where(eq(slaEscalations.id, id))
    .returning({ id: slaEscalations.id });
  return row !== undefined;
}

// ---------------------------------------------------------------- the people a step names

export async function departmentHeadOf(tx: Executor, departmentId: string): Promise<string | null> {
  const [d] = await tx.select({ head: departments.headUserId }).from(departments).where(eq(departments.id, departmentId));
  return d?.head ?? null;
}

export async function activeMembersOf(tx: Executor, departmentId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.departmentId, departmentId), eq(users.isActive, true)));
  return rows.map((r) => r.id);
}

export async function watchersOf(tx: Executor, caseId: string): Promise<string[]> {
  const rows = await tx.select({ id: caseWatchers.userId }).from(caseWatchers).where(eq(caseWatchers.caseId, caseId));
  return rows.map((r) => r.id);
}

/** The owner an escalation step replaced keeps watching the case. */
export async function addPreviousOwnerWatcher(tx: Executor, caseId: string, userId: string, now: Date) {
  await tx.insert(caseWatchers).values({ caseId, userId, reason: 'previous_owner', createdAt: now }).onConflictDoNothing();
}
