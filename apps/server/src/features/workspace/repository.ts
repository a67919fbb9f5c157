import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { userPreferences } from '../../db/schema.ts';

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
