import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { assignmentRules, departments, users } from '../../db/schema.ts';
import { reorderRows } from '../../lib/order.ts';
import { rowsOf } from '../../lib/sql.ts';

export type RuleRow = typeof assignmentRules.$inferSelect;
export type RuleInsert = typeof assignmentRules.$inferInsert;

// ---------------------------------------------------------------- rules

/** Every rule in the order they are tried. */
export const listRules = (db: Executor): Promise<RuleRow[]> =>
  db.select().from(assignmentRules).orderBy(asc(assignmentRules.position), asc(assignmentRules.createdAt));

/** Active rules in the order they are tried. */
export const activeRules = (db: Executor): Promise<RuleRow[]> =>
  db
    .select()
    .from(assignmentRules)
    .where(eq(assignmentRules.isActive, true))
    .orderBy(asc(assignmentRules.position), asc(assignmentRules.createdAt));

/** A rule by id, locked for the caller's transaction. */
export async function findRuleForUpdate(tx: Executor, id: string): Promise<RuleRow | undefined> {
  const [row] = await tx.select().from(assignmentRules).where(eq(assignmentRules.id, id)).for('update');
  return row;
}

/** The position after the last rule. */
export async function nextRulePosition(tx: Executor): Promise<number> {
  const [row] = await tx.select({ next: sql<number>`coalesce(max(${assignmentRules.position}), 0) + 1` }).from(assignmentRules);
  return Number(row?.next ?? 1);
}

export async function insertRule(tx: Executor, values: RuleInsert): Promise<RuleRow> {
  const [row] = await tx.insert(assignmentRules).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateRule(tx: Executor, id: string, values: Partial<RuleInsert>): Promise<RuleRow> {
  const [row] = await tx.update(assignmentRules).set(values).where(eq(assignmentRules.id, id)).returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

/** Remove a rule; answers whether there was one. */
export async function deleteRule(tx: Executor, id: string): Promise<boolean> {
  const gone = await tx.delete(assignmentRules).where(eq(assignmentRules.id, id)).returning({ id: assignmentRules.id });
  return gone.length > 0;
}

/** Positions 1…n in the order of `ids`, which must name every rule once. */
export const reorderRules = (tx: Executor, ids: string[]) => reorderRows(tx, assignmentRules, ids, 'rule');

/** The person a round-robin rule chose last, with the rule locked so concurrent cases take turns. */
export async function lockLastChosen(tx: Executor, ruleId: string): Promise<string | null> {
  const [row] = await tx
    .select({ last: assignmentRules.lastUserId })
    .from(assignmentRules)
    .where(eq(assignmentRules.id, ruleId))
    .for('update');
  return row?.last ?? null;
}

export async function setLastChosen(tx: Executor, ruleId: string, userId: string | null) {
  await tx.update(assignmentRules).set({ lastUserId: userId }).where(eq(assignmentRules.id, ruleId));
}

// ---------------------------------------------------------------- people and departments

export async function departmentExists(db: Executor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
  return row !== undefined;
}

/** Which of these users exist. */
export async function existingUserIds(db: Executor, ids: string[]): Promise<Set<string>> {
  const rows = await db.select({ id: users.id }).from(users).where(inArray(users.id, ids));
  return new Set(rows.map((r) => r.id));
}

/** Active members of the department, by login. */
export async function activeMembersOf(tx: Executor, departmentId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.departmentId, departmentId), eq(users.isActive, true)))
    .orderBy(asc(users.login));
  return rows.map((r) => r.id);
}

/** Which of these users are active and not away at `now` (an away period that has ended counts as back). */
export async function presentUserIds(tx: Executor, ids: string[], now: Date): Promise<Set<string>> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        inArray(users.id, ids),
        eq(users.isActive, true),
        or(eq(users.away, false), sql`${users.awayUntil} IS NOT NULL AND ${users.awayUntil} <= ${now}`),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

export async function departmentOfUser(tx: Executor, userId: string): Promise<string | null> {
  const [row] = await tx.select({ d: users.departmentId }).from(users).where(eq(users.id, userId));
  return row?.d ?? null;
}

/** How many open (not closed or rejected) cases each of these users owns; users with none are absent. */
export async function openCaseCounts(tx: Executor, userIds: string[]): Promise<Map<string, number>> {
  const rows = rowsOf<{ owner_id: string; n: number }>(
    await tx.execute(sql`
      SELECT owner_id, count(*)::int AS n FROM cases
       WHERE status NOT IN ('closed', 'rejected') AND owner_id IN (${sql.join(
         userIds.map((id) => sql`${id}::uuid`),
         sql`, `,
       )})
       GROUP BY owner_id`),
  );
  return new Map(rows.map((r) => [r.owner_id, Number(r.n)]));
}
