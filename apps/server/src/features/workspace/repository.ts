import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { userPreferences, users } from '../../db/schema.ts';

export async function findPreference(db: Executor, userId: string, key: string) {
  const rows = await db
    .select()
    .from(userPreferences)
    .where(and(eq(userPreferences.userId, userId), eq(userPreferences.key, key)))
    .limit(1);
  return rows[0];
}

export async function upsertPreference(db: Executor, userId: string, key: string, value: unknown, now: Date) {
  await db
    .insert(userPreferences)
    .values({ userId, key, value, updatedAt: now })
    .onConflictDoUpdate({ target: [userPreferences.userId, userPreferences.key], set: { value: sql`excluded.value`, updatedAt: now } });
}

/** The keys a user has saved, with the user's row locked for the rest of the transaction. */
export async function lockPreferenceKeys(db: Executor, userId: string): Promise<string[]> {
  await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
  const rows = await db.select({ key: userPreferences.key }).from(userPreferences).where(eq(userPreferences.userId, userId));
  return rows.map((r) => r.key);
}
