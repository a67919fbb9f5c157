import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { settings, slaPolicies } from '../../db/schema.ts';
import { reorderRows } from '../../lib/order.ts';

export type PolicyRow = typeof slaPolicies.$inferSelect;
export type PolicyInsert = typeof slaPolicies.$inferInsert;

/** Every policy in the order they are tried. */
export const listPolicies = (db: Executor): Promise<PolicyRow[]> =>
  db.select().from(slaPolicies).orderBy(asc(slaPolicies.position), asc(slaPolicies.createdAt));

/** Active policies in the order they are tried (a small table: read whole). */
export const activePolicies = (db: Executor): Promise<PolicyRow[]> =>
  db.select().from(slaPolicies).where(eq(slaPolicies.isActive, true)).orderBy(asc(slaPolicies.position), asc(slaPolicies.createdAt));

/** A policy by id, locked for the caller's transaction. */
export async function findPolicyForUpdate(tx: Executor, id: string): Promise<PolicyRow | undefined> {
  const [row] = await tx.select().from(slaPolicies).where(eq(slaPolicies.id, id)).for('update');
  return row;
}

/** A policy that uses the calendar, if any. */
export async function findPolicyUsingCalendar(db: Executor, calendarId: string): Promise<{ name: string } | undefined> {
  const [row] = await db.select({ name: slaPolicies.name }).from(slaPolicies).where(eq(slaPolicies.calendarId, calendarId)).limit(1);
  return row;
}

/** The position after the last policy. */
export async function nextPolicyPosition(tx: Executor): Promise<number> {
  const [row] = await tx.select({ next: sql<number>`coalesce(max(${slaPolicies.position}), 0) + 1` }).from(slaPolicies);
  return Number(row?.next ?? 1);
}

export async function insertPolicy(tx: Executor, values: PolicyInsert): Promise<PolicyRow> {
  const [row] = await tx.insert(slaPolicies).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updatePolicy(tx: Executor, id: string, values: Partial<PolicyInsert>): Promise<PolicyRow> {
  const [row] = await tx.update(slaPolicies).set(values).where(eq(slaPolicies.id, id)).returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

/** Remove a policy; answers whether there was one. */
export async function deletePolicy(tx: Executor, id: string): Promise<boolean> {
  const gone = await tx.delete(slaPolicies).where(eq(slaPolicies.id, id)).returning({ id: slaPolicies.id });
  return gone.length > 0;
}

/** Positions 1…n in the order of `ids`, which must name every policy once. */
export const reorderPolicies = (tx: Executor, ids: string[]) => reorderRows(tx, slaPolicies, ids, 'policy');

/** Claim the one-time seeding of the default policies: true for the instance that gets it. */
export async function claimPolicySeeding(db: Executor): Promise<boolean> {
  const claimed = await db
    .insert(settings)
    .values({ key: 'seeded:sla_policies', value: true })
    .onConflictDoNothing()
    .returning({ key: settings.key });
  return claimed.length > 0;
}
