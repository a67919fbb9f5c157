import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { departments, settings } from '../../db/schema.ts';

/** The stored value of one settings key, or undefined before anyone saved it. */
export async function readSetting(db: Executor, key: string): Promise<unknown> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key)).limit(1);
  return row?.value;
}

export async function writeSetting(tx: Executor, key: string, value: unknown, now: Date) {
  await tx
    .insert(settings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
}

export async function departmentExists(db: Executor, id: string): Promise<boolean> {
  const [d] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
  return d !== undefined;
}

export async function departmentIdByCode(db: Executor, code: string): Promise<string | null> {
  const [d] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, code)).limit(1);
  return d?.id ?? null;
}
