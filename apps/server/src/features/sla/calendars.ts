import fs from 'node:fs';
import {
  addTarget,
  type BusinessCalendar,
  type CalendarBody,
  type CalendarDayView,
  type CalendarView,
  compileCalendar,
  type DayOverride,
  DEFAULT_MAKE_UP_WINDOWS,
  DEFAULT_TIME_ZONE,
  DEFAULT_WEEK,
  type ImportCalendarBody,
  parseHolidayCnJson,
  parseICalendar,
  type TargetUnit,
  type WeekHours,
  type WorkingWindow,
} from '@closeloop/domain';
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { businessCalendars, calendarDays, slaPolicies } from '../../db/schema.ts';
import { ensure } from '../../lib/actor.ts';
import type { Ctx } from '../../lib/context.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { isUniqueViolation, rowsOf } from '../../lib/sql.ts';
import { markClocksStale } from './repository.ts';

/** Chinese public holidays shipped with the product (packages/domain/src/calendar/holidays). */
const BUILTIN_YEARS = [2025, 2026];
const builtinFile = (year: number) =>
  new URL(`../../../../../packages/domain/src/calendar/holidays/holidays-cn-${year}.json`, import.meta.url);

export const DEFAULT_CALENDAR_NAME = '中国大陆工作日 China mainland';

type CalendarRow = typeof businessCalendars.$inferSelect;

// ---------------------------------------------------------------- compiled calendars, cached by version

const compiled = new Map<string, { version: number; calendar: BusinessCalendar }>();

/**
 * The calendar ready for arithmetic. Every change to it or its days bumps its version, which refreshes the cache.
 * A caller that already read the calendar's version (see `slaContext`) passes it and costs no statement on a hit.
 */
export async function compiledCalendar(db: Executor, id: string, knownVersion?: number): Promise<BusinessCalendar> {
  const cached = compiled.get(id);
  if (cached && knownVersion !== undefined && cached.version === knownVersion) return cached.calendar;
  const [row] = await db.select().from(businessCalendars).where(eq(businessCalendars.id, id)).limit(1);
  if (!row) throw notFound('calendar', id);
  const hit = compiled.get(id);
  if (hit && hit.version === row.version) return hit.calendar;
  const days = await db.select().from(calendarDays).where(eq(calendarDays.calendarId, id));
  const calendar = compileCalendar({
    timeZone: row.timeZone,
    week: row.week as WeekHours,
    makeUpWindows: row.makeUpWindows as WorkingWindow[],
    overrides: days.map(toOverride),
  });
  compiled.set(id, { version: row.version, calendar });
  return calendar;
}

const toOverride = (d: typeof calendarDays.$inferSelect): DayOverride => ({
  date: d.date,
  kind: d.kind as DayOverride['kind'],
  ...(d.name ? { name: d.name } : {}),
  ...(d.windows ? { windows: d.windows as WorkingWindow[] } : {}),
});

// ---------------------------------------------------------------- first start

/** Create the default calendar with the shipped Chinese holidays, once (safe with several instances). */
export async function seedDefaultCalendar(db: Executor): Promise<string> {
  const inserted = await db
    .insert(businessCalendars)
    .values({
      name: DEFAULT_CALENDAR_NAME,
      timeZone: DEFAULT_TIME_ZONE,
      week: DEFAULT_WEEK,
      makeUpWindows: DEFAULT_MAKE_UP_WINDOWS,
      isDefault: true,
    })
    .onConflictDoNothing()
    .returning({ id: businessCalendars.id });
  if (inserted[0]) {
    for (const year of BUILTIN_YEARS) {
      const parsed = parseHolidayCnJson(fs.readFileSync(builtinFile(year), 'utf8'));
      if (parsed.overrides.length > 0) {
        await db
          .insert(calendarDays)
          .values(
            parsed.overrides.map((o) => ({
              calendarId: inserted[0]!.id,
              date: o.date,
              kind: o.kind,
              name: o.name ?? null,
              source: 'builtin' as const,
            })),
          )
          .onConflictDoNothing();
      }
    }
    return inserted[0].id;
  }
  const [existing] = await db
    .select({ id: businessCalendars.id })
    .from(businessCalendars)
    .where(eq(businessCalendars.name, DEFAULT_CALENDAR_NAME));
  const [fallback] = await db
    .select({ id: businessCalendars.id })
    .from(businessCalendars)
    .orderBy(asc(businessCalendars.createdAt))
    .limit(1);
  return (existing ?? fallback)!.id;
}

// ---------------------------------------------------------------- views

async function present(db: Executor, row: CalendarRow): Promise<CalendarView> {
  const years = rowsOf<{ year: number; off: number; working: number }>(
    await db.execute(sql`
      SELECT extract(year FROM date)::int AS year,
             count(*) FILTER (WHERE kind = 'off')::int AS off,
             count(*) FILTER (WHERE kind = 'working')::int AS working
        FROM calendar_days WHERE calendar_id = ${row.id} GROUP BY 1 ORDER BY 1`),
  );
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    week: row.week as WeekHours,
    makeUpWindows: row.makeUpWindows as WorkingWindow[],
    isDefault: row.isDefault,
    years: years.map((y) => ({ year: Number(y.year), off: Number(y.off), working: Number(y.working) })),
    version: row.version,
  };
}

async function load(db: Executor, id: string, forUpdate = false) {
  const q = db.select().from(businessCalendars).where(eq(businessCalendars.id, id)).limit(1);
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('calendar', id);
  return row;
}

/** Changing a calendar changes deadlines: bump its version and let the sweep recompute open clocks. */
async function touch(tx: Executor, id: string, now: Date) {
  await tx
    .update(businessCalendars)
    .set({ version: sql`${businessCalendars.version} + 1`, updatedAt: now })
    .where(eq(businessCalendars.id, id));
  await markClocksStale(tx, now);
}

export async function listCalendars(ctx: Ctx): Promise<CalendarView[]> {
  ensure(ctx.actor, 'cases:read');
  const rows = await ctx.db.select().from(businessCalendars).orderBy(sql`is_default DESC`, asc(businessCalendars.name));
  return Promise.all(rows.map((r) => present(ctx.db, r)));
}

export async function getCalendar(ctx: Ctx, id: string): Promise<CalendarView> {
  ensure(ctx.actor, 'cases:read');
  return present(ctx.db, await load(ctx.db, id));
}

/** The week must have some working time, or no deadline could ever be computed. */
function checkWeek(week: WeekHours | undefined, makeUp: WorkingWindow[] | undefined) {
  if (week?.every((d) => d.length === 0)) throw invalidField('week', 'a calendar needs working hours on at least one day of the week');
  if (makeUp?.length === 0) throw invalidField('makeUpWindows', 'give the working hours of a make-up workday');
}

export async function createCalendar(ctx: Ctx, input: CalendarBody): Promise<CalendarView> {
  ensure(ctx.actor, 'sla:manage');
  checkWeek(input.week, input.makeUpWindows);
  const now = ctx.now();
  try {
    const row = await ctx.db.transaction(async (tx) => {
      if (input.isDefault) await tx.update(businessCalendars).set({ isDefault: false }).where(eq(businessCalendars.isDefault, true));
      const [r] = await tx
        .insert(businessCalendars)
        .values({ ...input, isDefault: input.isDefault ?? false, createdAt: now, updatedAt: now })
        .returning();
      return r!;
    });
    return present(ctx.db, row);
  } catch (e) {
    if (isUniqueViolation(e))
      throw new DomainError('duplicate', `a calendar named ${input.name} exists`, { errors: [{ field: 'name', message: 'already used' }] });
    throw e;
  }
}

export async function updateCalendar(ctx: Ctx, id: string, input: Partial<CalendarBody> & { version: number }): Promise<CalendarView> {
  ensure(ctx.actor, 'sla:manage');
  checkWeek(input.week, input.makeUpWindows);
  const now = ctx.now();
  try {
    await ctx.db.transaction(async (tx) => {
      const current = await load(tx, id, true);
      if (current.version !== input.version) throw versionConflict(`calendar ${current.name}`, current.version);
      if (input.isDefault === false && current.isDefault) throw invalidField('isDefault', 'make another calendar the default instead');
      if (input.isDefault && !current.isDefault) {
        await tx.update(businessCalendars).set({ isDefault: false }).where(eq(businessCalendars.isDefault, true));
      }
      const { version: _v, ...fields } = input;
      await tx
        .update(businessCalendars)
        .set({ ...fields, updatedAt: now })
        .where(eq(businessCalendars.id, id));
      await touch(tx, id, now);
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new DomainError('duplicate', `a calendar named ${input.name} exists`, { errors: [{ field: 'name', message: 'already used' }] });
    throw e;
  }
  return getCalendar(ctx, id);
}

export async function deleteCalendar(ctx: Ctx, id: string): Promise<void> {
  ensure(ctx.actor, 'sla:manage');
  await ctx.db.transaction(async (tx) => {
    const current = await load(tx, id, true);
    if (current.isDefault)
      throw new DomainError('guard_failed', 'the default calendar cannot be deleted; make another one the default first');
    const [used] = await tx.select({ name: slaPolicies.name }).from(slaPolicies).where(eq(slaPolicies.calendarId, id)).limit(1);
    if (used) throw new DomainError('guard_failed', `the SLA policy "${used.name}" uses this calendar`);
    await tx.delete(businessCalendars).where(eq(businessCalendars.id, id));
  });
  compiled.delete(id);
}

export async function listDays(ctx: Ctx, id: string, from: string, to: string): Promise<CalendarDayView[]> {
  ensure(ctx.actor, 'cases:read');
  if (to < from) throw invalidField('to', 'must not be before from');
  await load(ctx.db, id);
  const rows = await ctx.db
    .select()
    .from(calendarDays)
    .where(and(eq(calendarDays.calendarId, id), gte(calendarDays.date, from), lte(calendarDays.date, to)))
    .orderBy(asc(calendarDays.date));
  return rows.map((r) => ({ ...toOverride(r), source: r.source as CalendarDayView['source'] }));
}

/** Mark one date as a day off or a working day (调休), replacing what was there. */
export async function putDay(
  ctx: Ctx,
  id: string,
  date: string,
  input: { kind: 'off' | 'working'; name?: string | undefined; windows?: WorkingWindow[] | undefined },
): Promise<CalendarDayView> {
  ensure(ctx.actor, 'sla:manage');
  if (input.kind === 'off' && input.windows?.length) throw invalidField('windows', 'a day off has no working hours');
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await load(tx, id, true);
    const values = {
      calendarId: id,
      date,
      kind: input.kind,
      name: input.name || null,
      windows: input.windows?.length ? input.windows : null,
      source: 'manual' as const,
      updatedAt: now,
    };
    await tx
      .insert(calendarDays)
      .values(values)
      .onConflictDoUpdate({ target: [calendarDays.calendarId, calendarDays.date], set: values });
    await touch(tx, id, now);
  });
  return {
    date,
    kind: input.kind,
    ...(input.name ? { name: input.name } : {}),
    ...(input.windows?.length ? { windows: input.windows } : {}),
    source: 'manual',
  };
}

/** Return a date to the normal week. */
export async function deleteDay(ctx: Ctx, id: string, date: string): Promise<void> {
  ensure(ctx.actor, 'sla:manage');
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await load(tx, id, true);
    const gone = await tx
      .delete(calendarDays)
      .where(and(eq(calendarDays.calendarId, id), eq(calendarDays.date, date)))
      .returning({ date: calendarDays.date });
    if (gone.length === 0) throw notFound('calendar day', date);
    await touch(tx, id, now);
  });
}

/** Load a year's holidays from the holiday-cn JSON or an iCalendar file. Nothing is written when the file has problems. */
export async function importDays(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof ImportCalendarBody>,
): Promise<{ imported: number; years: number[] }> {
  ensure(ctx.actor, 'sla:manage');
  const parsed = input.format === 'holiday_cn_json' ? parseHolidayCnJson(input.content) : parseICalendar(input.content);
  if (parsed.problems.length > 0) {
    throw new DomainError('validation_failed', `the file has ${parsed.problems.length} problem(s): ${parsed.problems[0]!.message}`, {
      errors: parsed.problems.slice(0, 50).map((p) => ({ field: `content${p.where ? `: ${p.where}` : ''}`, message: p.message })),
    });
  }
  if (parsed.overrides.length === 0) throw invalidField('content', 'the file has no days');
  const years = [...new Set(parsed.overrides.map((o) => Number(o.date.slice(0, 4))))].sort();
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await load(tx, id, true);
    if (input.replace) {
      for (const year of years) {
        await tx.execute(sql`
          DELETE FROM calendar_days WHERE calendar_id = ${id} AND source <> 'manual'
             AND date >= ${`${year}-01-01`}::date AND date <= ${`${year}-12-31`}::date`);
      }
    }
    for (let i = 0; i < parsed.overrides.length; i += 500) {
      const chunk = parsed.overrides.slice(i, i + 500).map((o) => ({
        calendarId: id,
        date: o.date,
        kind: o.kind,
        name: o.name ?? null,
        windows: o.windows ?? null,
        source: 'import' as const,
        updatedAt: now,
      }));
      // Days an administrator set by hand win over an import.
      await tx
        .insert(calendarDays)
        .values(chunk)
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
    await touch(tx, id, now);
  });
  return { imported: parsed.overrides.length, years };
}

/** What a deadline of `amount unit` from `from` comes to on this calendar. */
export async function previewDeadline(ctx: Ctx, id: string, from: string, amount: number, unit: TargetUnit) {
  ensure(ctx.actor, 'cases:read');
  if (unit === 'working_days' && !Number.isInteger(amount)) throw invalidField('amount', 'working days are whole days');
  const calendar = await compiledCalendar(ctx.db, id);
  return { dueAt: addTarget(calendar, new Date(from), amount, unit).toISOString() };
}
