import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { businessCalendars, calendarDays } from '../../db/schema.ts';
import { rowsOf } from '../../lib/sql.ts';

export type CalendarRow = typeof businessCalendars.$inferSelect;
export type CalendarDayRow = typeof calendarDays.$inferSelect;
export type CalendarDayInsert = typeof calendarDays.$inferInsert;
/** Days off and working days a calendar has in one year. */
export interface CalendarYear {
  year: number;
  off: number;
  working: number;
}

/** A calendar by id; locked for the caller's transaction when asked. */
export async function findCalendar(db: Executor, id: string, options: { forUpdate?: boolean } = {}): Promise<CalendarRow | undefined> {
  const query = db.select().from(businessCalendars).where(eq(businessCalendars.id, id)).limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/** The default calendar first, then by name. */
export const listCalendars = (db: Executor) =>
  db.select().from(businessCalendars).orderBy(sql`is_default DESC`, asc(businessCalendars.name));

/** How many days off and working days the calendar lists, per year. */
export async function yearsOf(db: Executor, calendarId: string): Promise<CalendarYear[]> {
  const rows = rowsOf<CalendarYear>(
    await db.execute(sql`
      SELECT extract(year FROM date)::int AS year,
             count(*) FILTER (WHERE kind = 'off')::int AS off,
             count(*) FILTER (WHERE kind = 'working')::int AS working
        FROM calendar_days WHERE calendar_id = ${calendarId} GROUP BY 1 ORDER BY 1`),
  );
  // Numbers, whatever the driver answers for int columns of a raw query.
  return rows.map((y) => ({ year: Number(y.year), off: Number(y.off), working: Number(y.working) }));
}

export async function insertCalendar(tx: Executor, values: typeof businessCalendars.$inferInsert): Promise<CalendarRow> {
  const [row] = await tx.insert(businessCalendars).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Insert the calendar unless one of that name exists; its id, or undefined when it existed. */
export async function insertCalendarOnce(db: Executor, values: typeof businessCalendars.$inferInsert): Promise<string | undefined> {
  const [row] = await db.insert(businessCalendars).values(values).onConflictDoNothing().returning({ id: businessCalendars.id });
  return row?.id;
}

export async function findCalendarIdByName(db: Executor, name: string): Promise<string | undefined> {
  const [row] = await db.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.name, name));
  return row?.id;
}

export async function oldestCalendarId(db: Executor): Promise<string | undefined> {
  const [row] = await db.select({ id: businessCalendars.id }).from(businessCalendars).orderBy(asc(businessCalendars.createdAt)).limit(1);
  return row?.id;
}

/** No calendar is the default any more (the caller makes another one the default). */
export async function clearDefaultCalendar(tx: Executor) {
  await tx.update(businessCalendars).set({ isDefault: false }).where(eq(businessCalendars.isDefault, true));
}

export async function updateCalendar(tx: Executor, id: string, values: Partial<typeof businessCalendars.$inferInsert>) {
  await tx.update(businessCalendars).set(values).where(eq(businessCalendars.id, id));
}

/** A new version of the calendar: compiled copies of the old one are out of date. */
export async function bumpCalendarVersion(tx: Executor, id: string, now: Date) {
  await tx
    .update(businessCalendars)
    .set({ version: sql`${businessCalendars.version} + 1`, updatedAt: now })
    .where(eq(businessCalendars.id, id));
}

export async function deleteCalendar(tx: Executor, id: string) {
  await tx.delete(businessCalendars).where(eq(businessCalendars.id, id));
}

// ---------------------------------------------------------------- days

export const daysOf = (db: Executor, calendarId: string) => db.select().from(calendarDays).where(eq(calendarDays.calendarId, calendarId));

/** The calendar's listed days from `from` to `to` (inclusive), in date order. */
export const daysBetween = (db: Executor, calendarId: string, from: string, to: string) =>
  db
    .select()
    .from(calendarDays)
    .where(and(eq(calendarDays.calendarId, calendarId), gte(calendarDays.date, from), lte(calendarDays.date, to)))
    .orderBy(asc(calendarDays.date));

/** Days that go in only where the date is not listed yet (the shipped holidays at first start). */
export async function insertDaysOnce(db: Executor, values: CalendarDayInsert[]) {
  await db.insert(calendarDays).values(values).onConflictDoNothing();
}

/** Write the day, replacing whatever the date held. */
export async function putDay(tx: Executor, values: CalendarDayInsert) {
  await tx
    .insert(calendarDays)
    .values(values)
    .onConflictDoUpdate({ target: [calendarDays.calendarId, calendarDays.date], set: values });
}

/** Imported days: they replace imported or shipped days, never one set by hand (`manual`). */
export async function putImportedDays(tx: Executor, values: CalendarDayInsert[], now: Date) {
  await tx
    .insert(calendarDays)
    .values(values)
    .onConflictDoUpdate({
      target: [calendarDays.calendarId, calendarDays.date],
      set: {
        kind: sql`excluded.kind`,
        name: sql`excluded.name`,
        windows: sql`excluded.windows`,
        source: sql`excluded.source`,
        updatedAt: now,
      },
      setWhere: sql`${calendarDays.source} <> 'manual'`,
    });
}

/** Remove one listed day; answers whether there was one. */
export async function deleteDay(tx: Executor, calendarId: string, date: string): Promise<boolean> {
  const gone = await tx
    .delete(calendarDays)
    .where(and(eq(calendarDays.calendarId, calendarId), eq(calendarDays.date, date)))
    .returning({ date: calendarDays.date });
  return gone.length > 0;
}

/** Remove the year's imported and shipped days, keeping those set by hand. */
export async function deleteImportedDaysOfYear(tx: Executor, calendarId: string, year: number) {
  await tx.execute(sql`
    DELETE FROM calendar_days WHERE calendar_id = ${calendarId} AND source <> 'manual'
       AND date >= ${`${year}-01-01`}::date AND date <= ${`${year}-12-31`}::date`);
}
