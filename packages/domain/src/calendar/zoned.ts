/**
 * Time-zone helpers on the platform's `Intl` data, no library. Two clocks meet here:
 * an instant (epoch milliseconds, UTC) and a wall-clock time in an IANA zone. Internally a wall
 * time is carried as "wall milliseconds": the epoch value the same Y-M-D h:m:s would have in UTC,
 * so local date arithmetic is plain integer arithmetic.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `Intl` knows the zone (IANA names such as `Asia/Shanghai`, also `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC reads years 0–99 as 1900–1999.
  return year >= 0 && year < 100 ? new Date(ms).setUTCFullYear(year) : ms;
}

// "09/30/2025, 14:05:00" — the fast path; formatToParts is the fallback for anything else.
const FORMATTED = /^(\d{2})\/(\d{2})\/(\d{4,}), (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Wall-clock milliseconds of an instant in a zone: the epoch value that the local
 * Y-M-D h:m:s.ms would have in UTC. `wallMsOf(t, z) - t` is the zone's offset at `t`.
 */
export function wallMsOf(epochMs: number, timeZone: string): number {
  const f = formatterFor(timeZone);
  const subSecond = epochMs - Math.floor(epochMs / 1000) * 1000;
  const m = FORMATTED.exec(f.format(epochMs));
  if (m) return utcMs(Number(m[3]), Number(m[1]), Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6])) + subSecond;
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(epochMs)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return utcMs(parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0) + subSecond;
}

/** The zone's UTC offset at an instant, in milliseconds (Shanghai: +28 800 000). */
export function timeZoneOffsetMs(instant: Date | number, timeZone: string): number {
  const t = typeof instant === 'number' ? instant : instant.getTime();
  return wallMsOf(t, timeZone) - t;
}

/**
 * The instant (epoch ms) at which a zone's clocks show the given wall time (wall milliseconds).
 * Nonexistent times (in a spring-forward gap) move forward by the gap, so 02:30 on the day
 * Berlin skips 02:00–03:00 is 03:30 CEST; ambiguous times (fall-back) take the earlier instant.
 * Assumes at most one offset change within a day either side, which holds for every real zone.
 */
export function instantOfWallMs(wallMs: number, timeZone: string): number {
  const before = wallMsOf(wallMs - DAY_MS, timeZone) - (wallMs - DAY_MS);
  const after = wallMsOf(wallMs + DAY_MS, timeZone) - (wallMs + DAY_MS);
  const early = wallMs - before;
  if (before === after) return early;
  const late = wallMs - after;
  const earlyFits = wallMsOf(early, timeZone) === wallMs;
  const lateFits = wallMsOf(late, timeZone) === wallMs;
  if (earlyFits && lateFits) return Math.min(early, late);
  if (lateFits) return late;
  // Either the earlier offset fits, or the wall time falls in a gap: read it with the offset in
  // force before the change, which lands after the gap.
  return early;
}

/** Local calendar date and time of an instant in a zone. */
export interface ZonedDateTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM` */
  time: string;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Splits an instant into the local date and time of the zone. */
export function zonedDateTime(instant: Date, timeZone: string): ZonedDateTime {
  const wall = wallMsOf(instant.getTime(), timeZone);
  const d = new Date(wall);
  const date = formatDayNumber(Math.floor(wall / DAY_MS));
  const hour = d.getUTCHours();
  const minute = d.getUTCMinutes();
  return {
    date,
    time: `${pad2(hour)}:${pad2(minute)}`,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour,
    minute,
    second: d.getUTCSeconds(),
  };
}

/** The local date (`YYYY-MM-DD`) of an instant in a zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  return formatDayNumber(Math.floor(wallMsOf(instant.getTime(), timeZone) / DAY_MS));
}

/**
 * The instant at which a zone's clocks show `date` at `time` (`HH:MM` or `HH:MM:SS`; `24:00`
 * is midnight at the end of the day). Gaps move forward, ambiguous times take the earlier instant.
 */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): Date {
  return new Date(instantOfWallMs(dayNumberOf(date) * DAY_MS + parseTimeMs(time), timeZone));
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; throws a RangeError for anything else. */
export function dayNumberOf(date: string): number {
  const m = DATE_PATTERN.exec(date);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const ms = utcMs(y, mo, d);
    const check = new Date(ms);
    if (check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d) return ms / DAY_MS;
  }
  throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
export function formatDayNumber(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayOfDayNumber(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Adds (or with a negative `days` subtracts) calendar days to a `YYYY-MM-DD` date. */
export function addLocalDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number: ${days}`);
  return formatDayNumber(dayNumberOf(date) + days);
}

/** ISO weekday of a `YYYY-MM-DD` date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return isoWeekdayOfDayNumber(dayNumberOf(date));
}

/** Milliseconds after midnight of `HH:MM` or `HH:MM:SS` (00:00 to 24:00). */
export function parseTimeMs(time: string): number {
  const m = TIME_PATTERN.exec(time);
  if (m) {
    const h = Number(m[1]);
    const min = Number(m[2]);
    const s = Number(m[3] ?? 0);
    if ((h < 24 && min < 60 && s < 60) || (h === 24 && min === 0 && s === 0)) return ((h * 60 + min) * 60 + s) * 1000;
  }
  throw new RangeError(`not a time of day (HH:MM, 00:00–24:00): ${JSON.stringify(time)}`);
}

/** Minutes after midnight of a `HH:MM` time of day. */
export function minutesOfTime(time: string): number {
  return parseTimeMs(time) / MINUTE_MS;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
