import { CalendarDefinition, type CalendarDefinitionInput, type DayOverride } from './types.ts';
import { dayNumberOf, formatDayNumber, instantOfWallMs, isoWeekdayOfDayNumber, minutesOfTime, wallMsOf } from './zoned.ts';

/*
 * Working-time arithmetic on a compiled calendar. Every function steps by working windows and
 * days, never by minutes. A day's windows are converted to UTC once and memoised in the compiled
 * calendar, so a sweep over many cases pays the time-zone conversion once per local date.
 *
 * Conventions: windows are half-open `[start, end)`; a window's end is not working time, but a
 * deadline may land exactly on it ("the Nth working minute completes at 17:30").
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Consecutive days without working time after which a scan gives up. */
const SCAN_LIMIT_DAYS = 3 * 366;
/** Memoised days per calendar; the memo starts over when full. */
const MEMO_LIMIT = 8192;

/** A stretch of working time as instants, `[start, end)`. */
export interface WorkingInterval {
  start: Date;
  end: Date;
}

/** A calendar prepared for arithmetic by `compileCalendar`. Treat as opaque; build it once and reuse it. */
export interface BusinessCalendar {
  readonly timeZone: string;
  /** The validated definition, defaults applied. */
  readonly definition: CalendarDefinition;
  /** Overrides by local date. */
  readonly overrides: ReadonlyMap<string, DayOverride>;
  /**
   * Working windows of a local day (days since 1970-01-01) as flat UTC epoch-ms pairs
   * `[start0, end0, start1, end1, …]`, in order, non-empty and non-overlapping. Memoised.
   */
  readonly intervalsOfDay: (day: number) => readonly number[];
  /** Last day that can have working time (`Infinity` when the normal week has some). */
  readonly lastPossibleWorkingDay: number;
}

type Minutes = readonly (readonly [number, number])[];

/**
 * Validates a calendar definition (throws a ZodError naming the problem) and prepares it for
 * arithmetic. Omitted fields take the defaults: Asia/Shanghai, `DEFAULT_WEEK`, no overrides.
 */
export function compileCalendar(input: CalendarDefinitionInput): BusinessCalendar {
  const definition = CalendarDefinition.parse(input);
  const { timeZone } = definition;
  const toMinutes = (windows: readonly { start: string; end: string }[]): Minutes =>
    windows.map((w) => [minutesOfTime(w.start), minutesOfTime(w.end)] as const);
  const week = definition.week.map(toMinutes);
  const makeUp = toMinutes(definition.makeUpWindows);
  const overrides = new Map<string, DayOverride>(definition.overrides.map((o) => [o.date, o]));
  const overrideMinutes = new Map<string, Minutes>();
  for (const o of definition.overrides) if (o.kind === 'working' && o.windows) overrideMinutes.set(o.date, toMinutes(o.windows));

  let lastPossibleWorkingDay = Number.POSITIVE_INFINITY;
  if (week.every((d) => d.length === 0)) {
    const working = definition.overrides
      .filter((o) => o.kind === 'working' && (o.windows ?? definition.makeUpWindows).length > 0)
      .map((o) => dayNumberOf(o.date));
    lastPossibleWorkingDay = working.length > 0 ? Math.max(...working) : Number.NEGATIVE_INFINITY;
  }

  const memo = new Map<number, readonly number[]>();

  function windowsOf(day: number): Minutes {
    const date = formatDayNumber(day);
    const o = overrides.get(date);
    if (o?.kind === 'off') return [];
    if (o?.kind === 'working') return overrideMinutes.get(date) ?? makeUp;
    return week[isoWeekdayOfDayNumber(day) - 1] ?? [];
  }

  function computeDay(day: number): readonly number[] {
    const windows = windowsOf(day);
    if (windows.length === 0) return [];
    const midnight = day * DAY_MS; // wall milliseconds of local 00:00
    // One offset before, during and after the day: no clock change touches it (the usual case).
    const offsetAt = (wall: number) => wallMsOf(wall, timeZone) - wall;
    const o1 = offsetAt(midnight - DAY_MS);
    const constant = o1 === offsetAt(midnight + DAY_MS / 2) && o1 === offsetAt(midnight + 2 * DAY_MS);
    const toInstant = (minute: number) =>
      constant ? midnight + minute * MINUTE_MS - o1 : instantOfWallMs(midnight + minute * MINUTE_MS, timeZone);
    const out: number[] = [];
    let previousEnd = Number.NEGATIVE_INFINITY;
    for (const [s, e] of windows) {
      // Around a clock change a window can shrink, vanish or touch its neighbour; keep it well formed.
      const start = Math.max(toInstant(s), previousEnd);
      const end = toInstant(e);
      if (end > start) {
        out.push(start, end);
        previousEnd = end;
      }
    }
    return out;
  }

  function intervalsOfDay(day: number): readonly number[] {
    let iv = memo.get(day);
    if (iv === undefined) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      iv = computeDay(day);
      memo.set(day, iv);
    }
    return iv;
  }

  return { timeZone, definition, overrides, intervalsOfDay, lastPossibleWorkingDay };
}

function msOf(instant: Date, what: string): number {
  const t = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(t)) throw new RangeError(`${what} is not a valid date`);
  return t;
}

function localDay(cal: BusinessCalendar, t: number): number {
  return Math.floor(wallMsOf(t, cal.timeZone) / DAY_MS);
}

/** Throws when a scan has passed too many days without working time. */
function checkScan(cal: BusinessCalendar, day: number, idleDays: number, from: number): void {
  if (idleDays > SCAN_LIMIT_DAYS || day > cal.lastPossibleWorkingDay) {
    throw new Error(
      `the business calendar has no working time after ${formatDayNumber(from)} (scanned up to ${formatDayNumber(day)}): ` +
        'check its week hours and day overrides',
    );
  }
}

/**
 * Working windows of a local date (`YYYY-MM-DD`) as instants `[start, end)`. An `off` override
 * gives none; a `working` override its own windows or the calendar's `makeUpWindows`; any other
 * date the windows of its weekday. On days with a clock change the windows are read in the
 * zone's local time (a window reaching into a skipped hour ends that much later in wall time).
 */
export function workingWindowsOn(cal: BusinessCalendar, date: string): WorkingInterval[] {
  const iv = cal.intervalsOfDay(dayNumberOf(date));
  const out: WorkingInterval[] = [];
  for (let i = 0; i < iv.length; i += 2) out.push({ start: new Date(iv[i]!), end: new Date(iv[i + 1]!) });
  return out;
}

/** True when the local date (`YYYY-MM-DD`) has working time. */
export function isWorkingDay(cal: BusinessCalendar, date: string): boolean {
  return cal.intervalsOfDay(dayNumberOf(date)).length > 0;
}

/** True when the instant lies inside a working window (start inclusive, end exclusive). */
export function isWorkingTime(cal: BusinessCalendar, instant: Date): boolean {
  const t = msOf(instant, 'instant');
  const day = localDay(cal, t);
  for (let d = day - 1; d <= day + 1; d++) {
    const iv = cal.intervalsOfDay(d);
    for (let i = 0; i < iv.length; i += 2) if (iv[i]! <= t && t < iv[i + 1]!) return true;
  }
  return false;
}

function nextWorkingMs(cal: BusinessCalendar, t: number): number {
  const first = localDay(cal, t) - 1;
  let idle = 0;
  for (let day = first; ; day++) {
    const iv = cal.intervalsOfDay(day);
    for (let i = 0; i < iv.length; i += 2) if (iv[i + 1]! > t) return Math.max(iv[i]!, t);
    idle = iv.length === 0 ? idle + 1 : 0;
    checkScan(cal, day, idle, first + 1);
  }
}

/** The instant itself when it is working time, else the start of the next working window. */
export function nextWorkingInstant(cal: BusinessCalendar, instant: Date): Date {
  return new Date(nextWorkingMs(cal, msOf(instant, 'instant')));
}

/**
 * The instant at which the Nth working minute after `start` completes. For N > 0 the result lies
 * in a window or exactly at a window's end (11:50 + 20 min with lunch 12:00–13:30 → 13:40;
 * 17:20 + 10 min → 17:30 the same day, not 08:30 the next). N = 0 gives `nextWorkingInstant`.
 * Fractional minutes count to the millisecond. Throws a RangeError for negative or non-finite N.
 */
export function addWorkingMinutes(cal: BusinessCalendar, start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`working minutes must be a finite number ≥ 0: ${minutes}`);
  const t = msOf(start, 'start');
  let remaining = Math.round(minutes * MINUTE_MS);
  if (remaining === 0) return new Date(nextWorkingMs(cal, t));
  const first = localDay(cal, t) - 1;
  let idle = 0;
  for (let day = first; ; day++) {
    const iv = cal.intervalsOfDay(day);
    for (let i = 0; i < iv.length; i += 2) {
      const end = iv[i + 1]!;
      if (end <= t) continue;
      const from = Math.max(iv[i]!, t);
      if (remaining <= end - from) return new Date(from + remaining);
      remaining -= end - from;
    }
    idle = iv.length === 0 ? idle + 1 : 0;
    checkScan(cal, day, idle, first + 1);
  }
}

function workingMsBetween(cal: BusinessCalendar, a: number, b: number): number {
  let total = 0;
  const last = localDay(cal, b);
  for (let day = localDay(cal, a) - 1; day <= last; day++) {
    const iv = cal.intervalsOfDay(day);
    for (let i = 0; i < iv.length; i += 2) {
      const s = Math.max(iv[i]!, a);
      const e = Math.min(iv[i + 1]!, b);
      if (e > s) total += e - s;
    }
  }
  return total;
}

/**
 * Working time in `[from, to)`, in minutes (fractional, millisecond precision); negative when
 * `to` is before `from`. `workingMinutesBetween(cal, s, addWorkingMinutes(cal, s, n)) === n`.
 */
export function workingMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const a = msOf(from, 'from');
  const b = msOf(to, 'to');
  if (a === b) return 0;
  return a < b ? workingMsBetween(cal, a, b) / MINUTE_MS : -workingMsBetween(cal, b, a) / MINUTE_MS;
}

/**
 * End of the last working window of the Nth working day counted strictly after the local date of
 * `start` (the day of registration does not count, whatever the time). n = 0: the end of the
 * start's own day when that is a working day (even if `start` is later), else the end of the next
 * working day. Chinese 2025 calendar: 2025-09-30 + 3 → Saturday 2025-10-11 17:30 (a make-up
 * workday after the 1–8 October holiday). Throws a RangeError unless n is a whole number ≥ 0.
 */
export function endOfNthWorkingDay(cal: BusinessCalendar, start: Date, n: number): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  const from = localDay(cal, msOf(start, 'start'));
  if (n === 0) {
    const own = cal.intervalsOfDay(from);
    if (own.length > 0) return new Date(own[own.length - 1]!);
  }
  const wanted = Math.max(n, 1);
  let count = 0;
  let idle = 0;
  for (let day = from + 1; ; day++) {
    const iv = cal.intervalsOfDay(day);
    if (iv.length > 0) {
      count++;
      idle = 0;
      if (count === wanted) return new Date(iv[iv.length - 1]!);
    } else {
      idle++;
      checkScan(cal, day, idle, from + 1);
    }
  }
}

/** Plain elapsed time: `start` plus `hours` (fractional allowed, negative subtracts), to the millisecond. */
export function addCalendarHours(start: Date, hours: number): Date {
  if (!Number.isFinite(hours)) throw new RangeError(`hours must be a finite number: ${hours}`);
  return new Date(msOf(start, 'start') + Math.round(hours * HOUR_MS));
}
