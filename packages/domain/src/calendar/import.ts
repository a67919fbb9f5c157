import { z } from 'zod';
import { IsoDate } from '../common/schemas.ts';
import type { DayOverride } from './types.ts';
import { dayNumberOf, formatDayNumber } from './zoned.ts';

/** Something in an imported file that was skipped or needs a look; `where` is a field path or a line. */
export interface ImportProblem {
  /** `days[3].date`, `line 12`, or `''` for the file as a whole. */
  where: string;
  message: string;
}

/**
 * Day overrides read from a file, sorted by date, one per date, plus what was wrong with it.
 * Entries with a problem are left out; an import with problems should be shown, not saved blindly.
 */
export interface OverrideImport {
  overrides: DayOverride[];
  problems: ImportProblem[];
}

/** Longest event an iCalendar import expands into single days. */
const MAX_EVENT_DAYS = 366;

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

function zodProblems(error: z.ZodError, prefix: readonly PropertyKey[] = []): ImportProblem[] {
  return error.issues.map((i) => ({ where: pathText([...prefix, ...i.path]), message: i.message }));
}

/** Sorts by date and keeps the last override per date, noting dates listed with both kinds. */
function finish(entries: { override: DayOverride; where: string }[], problems: ImportProblem[]): OverrideImport {
  const byDate = new Map<string, DayOverride>();
  for (const { override, where } of entries) {
    const earlier = byDate.get(override.date);
    if (earlier && earlier.kind !== override.kind) {
      problems.push({ where, message: `${override.date} is listed as both ${earlier.kind} and ${override.kind}; the later entry counts` });
    }
    byDate.set(override.date, override);
  }
  const overrides = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { overrides, problems };
}

const HolidayCnFile = z.object({
  year: z.number().int().min(1900).max(2200),
  papers: z.array(z.string()).default([]),
  days: z.array(z.unknown()).max(1000),
});

const HolidayCnDay = z.object({
  name: z.string().trim().min(1).max(200),
  date: IsoDate,
  isOffDay: z.boolean(),
});

/**
 * Reads a year file of the NateScarlet/holiday-cn dataset,
 * `{ year, papers: [url], days: [{ name, date: 'YYYY-MM-DD', isOffDay }] }`: `isOffDay: true` →
 * an `off` override (holiday), `false` → a `working` override (make-up workday, 调休上班) with the
 * calendar's make-up hours. Problems name the field, e.g. `days[3].isOffDay`; a file that is not
 * JSON or not of this shape gives no overrides.
 */
export function parseHolidayCnJson(text: string): OverrideImport & { year?: number; papers: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { overrides: [], papers: [], problems: [{ where: '', message: `not JSON: ${(e as Error).message}` }] };
  }
  const file = HolidayCnFile.safeParse(data);
  if (!file.success) return { overrides: [], papers: [], problems: zodProblems(file.error) };
  const problems: ImportProblem[] = [];
  const entries: { override: DayOverride; where: string }[] = [];
  file.data.days.forEach((raw, i) => {
    const day = HolidayCnDay.safeParse(raw);
    if (!day.success) {
      problems.push(...zodProblems(day.error, ['days', i]));
      return;
    }
    const { name, date, isOffDay } = day.data;
    entries.push({ override: { date, kind: isOffDay ? 'off' : 'working', name }, where: `days[${i}]` });
  });
  return { ...finish(entries, problems), year: file.data.year, papers: file.data.papers };
}

interface ContentLine {
  name: string;
  params: string;
  value: string;
  line: number;
}

/** Splits into content lines, joining folded continuation lines (RFC 5545 §3.1). */
function contentLines(text: string): ContentLine[] {
  const out: ContentLine[] = [];
  let current: { text: string; line: number } | undefined;
  const flush = () => {
    if (!current || current.text.trim() === '') return;
    const colon = valueColon(current.text);
    const head = colon < 0 ? current.text : current.text.slice(0, colon);
    const semi = head.indexOf(';');
    out.push({
      name: (semi < 0 ? head : head.slice(0, semi)).trim().toUpperCase(),
      params: semi < 0 ? '' : head.slice(semi + 1).toUpperCase(),
      value: colon < 0 ? '' : current.text.slice(colon + 1),
      line: current.line,
    });
  };
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .forEach((raw, i) => {
      if ((raw.startsWith(' ') || raw.startsWith('\t')) && current) {
        current.text += raw.slice(1);
      } else {
        flush();
        current = { text: raw, line: i + 1 };
      }
    });
  flush();
  return out;
}

/** Index of the colon that starts the value: the first one outside a quoted parameter value. */
function valueColon(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return i;
  }
  return -1;
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Date part of a DATE or DATE-TIME value, with whether a time of day after midnight was given. */
function icsDate(value: string): { day: number; afterMidnight: boolean } | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(value.trim());
  if (!m) return undefined;
  try {
    const day = dayNumberOf(`${m[1]}-${m[2]}-${m[3]}`);
    return { day, afterMidnight: m[4] !== undefined && `${m[4]}${m[5]}${m[6]}` !== '000000' };
  } catch {
    return undefined;
  }
}

const WORKING_SUMMARY = /班|\bwork(?:ing)?[\s-]?days?\b/i;
const NOT_WORKING_SUMMARY = /\bnon[\s-]?work|\bno[\s-]work/i;

/** Whether an event's title marks a working day: 补班, 上班, 调休上班, "workday", "working day". */
export function isWorkingDaySummary(summary: string): boolean {
  return WORKING_SUMMARY.test(summary) && !NOT_WORKING_SUMMARY.test(summary);
}

interface EventDraft {
  line: number;
  start?: string;
  end?: string;
  duration?: string;
  summary?: string;
  recurring?: boolean;
}

/**
 * Reads the all-day events of an iCalendar file (VCALENDAR/VEVENT). DTSTART is a date
 * (`;VALUE=DATE:20251001`) or a date-time, of which only the date as written counts; DTEND is
 * exclusive and expands multi-day events (a DTEND date-time after midnight includes its date);
 * without DTEND an event is one day (DURATION `P<n>D`/`P<n>W` is honoured). An event whose
 * SUMMARY contains 班 (补班, 上班, 调休上班) or "workday"/"working day" becomes a `working`
 * override, any other an `off` one; the SUMMARY (unfolded, unescaped) is its name. Sorted by
 * date; on a date given twice the later event counts. Recurrence rules are not expanded.
 */
export function parseICalendar(text: string): OverrideImport {
  const problems: ImportProblem[] = [];
  const entries: { override: DayOverride; where: string }[] = [];
  const lines = contentLines(text);
  if (!lines.some((l) => l.name === 'BEGIN' && l.value.trim().toUpperCase() === 'VCALENDAR')) {
    return { overrides: [], problems: [{ where: '', message: 'not an iCalendar file: no BEGIN:VCALENDAR' }] };
  }
  const stack: string[] = [];
  let event: EventDraft | undefined;
  for (const l of lines) {
    if (l.name === 'BEGIN') {
      const component = l.value.trim().toUpperCase();
      stack.push(component);
      if (component === 'VEVENT') event = { line: l.line };
      continue;
    }
    if (l.name === 'END') {
      const component = l.value.trim().toUpperCase();
      if (stack.pop() !== component)
        problems.push({ where: `line ${l.line}`, message: `END:${component} does not close the open component` });
      if (component === 'VEVENT' && event) {
        addEvent(event, entries, problems);
        event = undefined;
      }
      continue;
    }
    // Properties of components inside an event (VALARM) are not the event's.
    if (!event || stack[stack.length - 1] !== 'VEVENT') continue;
    if (l.name === 'DTSTART') event.start = l.value;
    else if (l.name === 'DTEND') event.end = l.value;
    else if (l.name === 'DURATION') event.duration = l.value;
    else if (l.name === 'SUMMARY') event.summary = unescapeText(l.value).trim();
    else if (l.name === 'RRULE' || l.name === 'RDATE') event.recurring = true;
  }
  if (event) problems.push({ where: `line ${event.line}`, message: 'event not closed with END:VEVENT; left out' });
  return finish(entries, problems);
}

function addEvent(event: EventDraft, entries: { override: DayOverride; where: string }[], problems: ImportProblem[]): void {
  const where = `line ${event.line}`;
  const start = event.start === undefined ? undefined : icsDate(event.start);
  if (!start) {
    problems.push({
      where,
      message: event.start === undefined ? 'event without DTSTART; left out' : `DTSTART ${event.start} is not a date`,
    });
    return;
  }
  let endExclusive = start.day + 1;
  if (event.end !== undefined) {
    const end = icsDate(event.end);
    if (!end) {
      problems.push({ where, message: `DTEND ${event.end} is not a date; taken as a one-day event` });
    } else {
      const e = end.day + (end.afterMidnight ? 1 : 0);
      if (e > start.day) endExclusive = e;
      else if (!(e === start.day && event.start?.includes('T'))) {
        problems.push({ where, message: `DTEND ${event.end} is not after DTSTART; taken as a one-day event` });
      }
    }
  } else if (event.duration !== undefined) {
    const d = /^P(\d+)([DW])$/i.exec(event.duration.trim());
    if (d) endExclusive = start.day + Math.max(1, Number(d[1]) * (d[2]!.toUpperCase() === 'W' ? 7 : 1));
    else problems.push({ where, message: `DURATION ${event.duration} is not whole days; taken as a one-day event` });
  }
  if (endExclusive - start.day > MAX_EVENT_DAYS) {
    problems.push({ where, message: `event spans ${endExclusive - start.day} days (more than ${MAX_EVENT_DAYS}); left out` });
    return;
  }
  if (event.recurring) problems.push({ where, message: 'recurring event: only its first occurrence is imported' });
  const name = event.summary ? event.summary.slice(0, 200) : undefined;
  const kind = name && isWorkingDaySummary(name) ? 'working' : 'off';
  for (let day = start.day; day < endExclusive; day++) {
    entries.push({ override: { date: formatDayNumber(day), kind, ...(name ? { name } : {}) }, where });
  }
}
