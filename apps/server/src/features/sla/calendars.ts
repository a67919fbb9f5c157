import fs from 'node:fs';
import {
  addTarget,
  type BusinessCalendar,
  type CalendarBody,
  type CalendarDayView,
  type CalendarView,
  compileCalendar,
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
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import type { Ctx } from '../../lib/context.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../lib/sql.ts';
import { transaction } from '../../lib/transaction.ts';
import * as repo from './calendar-repository.ts';
import { canManageDeadlines, canReadDeadlines } from './policy.ts';
import { findPolicyUsingCalendar } from './policy-repository.ts';
import { dayOverrideOf, presentCalendar, presentCalendarDay } from './presenter.ts';
import { markClocksStale } from './repository.ts';

/** Chinese public holidays shipped with the product (packages/domain/src/calendar/holidays). */
const BUILTIN_YEARS = [2025, 2026];
const builtinFile = (year: number) =>
  new URL(`../../../../../packages/domain/src/calendar/holidays/holidays-cn-${year}.json`, import.meta.url);

export const DEFAULT_CALENDAR_NAME = '中国大陆工作日 China mainland';

// ---------------------------------------------------------------- compiled calendars, cached by version

const compiled = new Map<string, { version: number; calendar: BusinessCalendar }>();

/**
 * The calendar ready for arithmetic. Every change to it or its days bumps its version, which refreshes the cache.
 * A caller that already read the calendar's version (see `slaContext`) passes it and costs no statement on a hit.
 */
export async function compiledCalendar(db: Executor, id: string, knownVersion?: number): Promise<BusinessCalendar> {
  const cached = compiled.get(id);
  if (cached && knownVersion !== undefined && cached.version === knownVersion) return cached.calendar;
  const row = await repo.findCalendar(db, id);
  if (!row) throw notFound('calendar', id);
  const hit = compiled.get(id);
  if (hit && hit.version === row.version) return hit.calendar;
  const days = await repo.daysOf(db, id);
  const calendar = compileCalendar({
    timeZone: row.timeZone,
    week: row.week as WeekHours,
    makeUpWindows: row.makeUpWindows as WorkingWindow[],
    overrides: days.map(dayOverrideOf),
  });
  compiled.set(id, { version: row.version, calendar });
  return calendar;
}

// ---------------------------------------------------------------- first start

/** Create the default calendar with the shipped Chinese holidays, once (safe with several instances). */
export async function seedDefaultCalendar(db: Executor): Promise<string> {
  const insertedId = await repo.insertCalendarOnce(db, {
    name: DEFAULT_CALENDAR_NAME,
    timeZone: DEFAULT_TIME_ZONE,
    week: DEFAULT_WEEK,
    makeUpWindows: DEFAULT_MAKE_UP_WINDOWS,
    isDefault: true,
  });
  if (insertedId) {
    for (const year of BUILTIN_YEARS) {
      const parsed = parseHolidayCnJson(fs.readFileSync(builtinFile(year), 'utf8'));
      if (parsed.overrides.length > 0) {
        await repo.insertDaysOnce(
          db,
          parsed.overrides.map((o) => ({ calendarId: insertedId, date: o.date, kind: o.kind, name: o.name ?? null, source: 'builtin' })),
        );
      }
    }
    return insertedId;
  }
  const existing = await repo.findCalendarIdByName(db, DEFAULT_CALENDAR_NAME);
  const fallback = await repo.oldestCalendarId(db);
  return (existing ?? fallback)!;
}

// ---------------------------------------------------------------- use cases

async function loadCalendar(db: Executor, id: string, options: { forUpdate?: boolean } = {}) {
  const row = await repo.findCalendar(db, id, options);
  if (!row) throw notFound('calendar', id);
  return row;
}

const viewOf = async (db: Executor, row: repo.CalendarRow) => presentCalendar(row, await repo.yearsOf(db, row.id));

/** Changing a calendar changes deadlines: bump its version and let the sweep recompute open clocks. */
async function touch(tx: Executor, id: string, now: Date) {
  await repo.bumpCalendarVersion(tx, id, now);
  await markClocksStale(tx, now);
}

/** The week must have some working time, or no deadline could ever be computed. */
function checkWeek(week: WeekHours | undefined, makeUp: WorkingWindow[] | undefined) {
  if (week?.every((d) => d.length === 0)) throw invalidField('week', 'a calendar needs working hours on at least one day of the week');
  if (makeUp?.length === 0) throw invalidField('makeUpWindows', 'give the working hours of a make-up workday');
}

/** A name already taken answers `duplicate` on the name field. */
function nameTaken(e: unknown, name: string | undefined) {
  return isUniqueViolation(e)
    ? new DomainError('duplicate', `a calendar named ${name} exists`, { errors: [{ field: 'name', message: 'already used' }] })
    : e;
}

export async function listCalendars(ctx: Ctx): Promise<CalendarView[]> {
  canReadDeadlines(ctx.actor);
  const rows = await repo.listCalendars(ctx.db);
  return Promise.all(rows.map((r) => viewOf(ctx.db, r)));
}

export async function getCalendar(ctx: Ctx, id: string): Promise<CalendarView> {
  canReadDeadlines(ctx.actor);
  return viewOf(ctx.db, await loadCalendar(ctx.db, id));
}

export async function createCalendar(ctx: Ctx, input: CalendarBody): Promise<CalendarView> {
  canManageDeadlines(ctx.actor);
  checkWeek(input.week, input.makeUpWindows);
  const now = ctx.now();
  try {
    const row = await transaction(ctx, async (tx) => {
      if (input.isDefault) await repo.clearDefaultCalendar(tx);
      return repo.insertCalendar(tx, { ...input, isDefault: input.isDefault ?? false, createdAt: now, updatedAt: now });
    });
    return await viewOf(ctx.db, row);
  } catch (e) {
    throw nameTaken(e, input.name);
  }
}

export async function updateCalendar(ctx: Ctx, id: string, input: Partial<CalendarBody> & { version: number }): Promise<CalendarView> {
  canManageDeadlines(ctx.actor);
  checkWeek(input.week, input.makeUpWindows);
  const now = ctx.now();
  try {
    await transaction(ctx, async (tx) => {
      const current = await loadCalendar(tx, id, { forUpdate: true });
      if (current.version !== input.version) throw versionConflict(`calendar ${current.name}`, current.version);
      if (input.isDefault === false && current.isDefault) throw invalidField('isDefault', 'make another calendar the default instead');
      if (input.isDefault && !current.isDefault) await repo.clearDefaultCalendar(tx);
      const { version: _v, ...fields } = input;
      await repo.updateCalendar(tx, id, { ...fields, updatedAt: now });
      await touch(tx, id, now);
    });
  } catch (e) {
    throw nameTaken(e, input.name);
  }
  // The answer to an allowed change: not checked against the read permission again (a token may hold sla:manage only).
  return viewOf(ctx.db, await loadCalendar(ctx.db, id));
}

export async function deleteCalendar(ctx: Ctx, id: string): Promise<void> {
  canManageDeadlines(ctx.actor);
  await transaction(ctx, async (tx) => {
    const current = await loadCalendar(tx, id, { forUpdate: true });
    if (current.isDefault)
      throw new DomainError('guard_failed', 'the default calendar cannot be deleted; make another one the default first');
    const used = await findPolicyUsingCalendar(tx, id);
    if (used) throw new DomainError('guard_failed', `the SLA policy "${used.name}" uses this calendar`);
    await repo.deleteCalendar(tx, id);
  });
  compiled.delete(id);
}

export async function listDays(ctx: Ctx, id: string, from: string, to: string): Promise<CalendarDayView[]> {
  canReadDeadlines(ctx.actor);
  if (to < from) throw invalidField('to', 'must not be before from');
  await loadCalendar(ctx.db, id);
  return (await repo.daysBetween(ctx.db, id, from, to)).map(presentCalendarDay);
}

/** Mark one date as a day off or a working day (调休), replacing what was there. */
export async function putDay(
  ctx: Ctx,
  id: string,
  date: string,
  input: { kind: 'off' | 'working'; name?: string | undefined; windows?: WorkingWindow[] | undefined },
): Promise<CalendarDayView> {
  canManageDeadlines(ctx.actor);
  if (input.kind === 'off' && input.windows?.length) throw invalidField('windows', 'a day off has no working hours');
  const now = ctx.now();
  const day = {
    calendarId: id,
    date,
    kind: input.kind,
    name: input.name || null,
    windows: input.windows?.length ? input.windows : null,
    source: 'manual' as const,
    updatedAt: now,
  };
  await transaction(ctx, async (tx) => {
    await loadCalendar(tx, id, { forUpdate: true });
    await repo.putDay(tx, day);
    await touch(tx, id, now);
  });
  return presentCalendarDay(day);
}

/** Return a date to the normal week. */
export async function deleteDay(ctx: Ctx, id: string, date: string): Promise<void> {
  canManageDeadlines(ctx.actor);
  const now = ctx.now();
  await transaction(ctx, async (tx) => {
    await loadCalendar(tx, id, { forUpdate: true });
    if (!(await repo.deleteDay(tx, id, date))) throw notFound('calendar day', date);
    await touch(tx, id, now);
  });
}

/** Load a year's holidays from the holiday-cn JSON or an iCalendar file. Nothing is written when the file has problems. */
export async function importDays(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof ImportCalendarBody>,
): Promise<{ imported: number; years: number[] }> {
  canManageDeadlines(ctx.actor);
  const parsed = input.format === 'holiday_cn_json' ? parseHolidayCnJson(input.content) : parseICalendar(input.content);
  if (parsed.problems.length > 0) {
    throw new DomainError('validation_failed', `the file has ${parsed.problems.length} problem(s): ${parsed.problems[0]!.message}`, {
      errors: parsed.problems.slice(0, 50).map((p) => ({ field: `content${p.where ? `: ${p.where}` : ''}`, message: p.message })),
    });
  }
  if (parsed.overrides.length === 0) throw invalidField('content', 'the file has no days');
  const years = [...new Set(parsed.overrides.map((o) => Number(o.date.slice(0, 4))))].sort();
  const now = ctx.now();
  await transaction(ctx, async (tx) => {
    await loadCalendar(tx, id, { forUpdate: true });
    if (input.replace) {
      for (const year of years) await repo.deleteImportedDaysOfYear(tx, id, year);
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
      await repo.putImportedDays(tx, chunk, now);
    }
    await touch(tx, id, now);
  });
  return { imported: parsed.overrides.length, years };
}

/** What a deadline of `amount unit` from `from` comes to on this calendar. */
export async function previewDeadline(ctx: Ctx, id: string, from: string, amount: number, unit: TargetUnit) {
  canReadDeadlines(ctx.actor);
  if (unit === 'working_days' && !Number.isInteger(amount)) throw invalidField('amount', 'working days are whole days');
  const calendar = await compiledCalendar(ctx.db, id);
  return { dueAt: addTarget(calendar, new Date(from), amount, unit).toISOString() };
}
