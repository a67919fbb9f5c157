import dayjs, { type Dayjs } from 'dayjs';
import type { WeekHours, WorkingWindow } from '../api.ts';

/** Monday to Friday 08:30–12:00 and 13:30–17:30, Saturday and Sunday off: the form's starting point for a new calendar. */
const DAY: WorkingWindow[] = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
];
export const NEW_CALENDAR_WEEK: WeekHours = [DAY, DAY, DAY, DAY, DAY, [], []];
export const NEW_CALENDAR_MAKE_UP: WorkingWindow[] = DAY;

/** ISO weekday numbers, Monday first, as the week's array index + 1. */
export const ISO_WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type IsoWeekday = (typeof ISO_WEEKDAYS)[number];

/** `HH:MM` → a dayjs on an arbitrary day; `24:00` shows as 23:59 (a time picker has no 24:00). */
export function timeValue(hhmm: string): Dayjs | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  if (hhmm === '24:00') return dayjs('2000-01-01T23:59:00');
  return dayjs(`2000-01-01T${hhmm}:00`);
}

export const timeText = (d: Dayjs) => d.format('HH:mm');

/** A sensible next window after the last one of a day. */
export function nextWindow(windows: readonly WorkingWindow[]): WorkingWindow {
  const last = windows.at(-1);
  if (!last) return { start: '08:30', end: '17:30' };
  const [h = 0, m = 0] = last.end.split(':').map(Number);
  const start = Math.min(h * 60 + m + 30, 23 * 60);
  const end = Math.min(start + 120, 24 * 60);
  const hm = (x: number) => `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
  return { start: hm(start), end: hm(end) };
}

/** `08:30–12:00、13:30–17:30` */
export const windowsText = (windows: readonly WorkingWindow[], separator: string) =>
  windows.map((w) => `${w.start}–${w.end}`).join(separator);

const sameWindows = (a: readonly WorkingWindow[], b: readonly WorkingWindow[]) =>
  a.length === b.length && a.every((w, i) => w.start === b[i]?.start && w.end === b[i]?.end);

/** Runs of consecutive weekdays with the same hours: `[{ from: 0, to: 4, windows }]` (only working runs). */
export function weekRuns(week: WeekHours): { from: number; to: number; windows: WorkingWindow[] }[] {
  const runs: { from: number; to: number; windows: WorkingWindow[] }[] = [];
  week.forEach((windows, i) => {
    const last = runs.at(-1);
    if (last && last.to === i - 1 && sameWindows(last.windows, windows)) last.to = i;
    else runs.push({ from: i, to: i, windows });
  });
  return runs.filter((r) => r.windows.length > 0);
}

/** Consecutive ISO dates collapsed into ranges: `['2026-10-01', '2026-10-02', '2026-10-05']` → two ranges. */
export function dateRanges(dates: readonly string[]): { from: string; to: string; days: number }[] {
  const sorted = [...dates].sort();
  const ranges: { from: string; to: string; days: number }[] = [];
  for (const d of sorted) {
    const last = ranges.at(-1);
    if (last && dayjs(last.to).add(1, 'day').format('YYYY-MM-DD') === d) {
      last.to = d;
      last.days += 1;
    } else ranges.push({ from: d, to: d, days: 1 });
  }
  return ranges;
}

const FALLBACK_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'UTC',
];

/** `UTC+08:00` for a zone now, or '' when the runtime cannot tell. */
export function zoneOffset(zone: string, at = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (!part) return '';
    return part === 'GMT' ? 'UTC+00:00' : part.replace('GMT', 'UTC');
  } catch {
    return '';
  }
}

/** Every IANA zone the browser knows, Asia/Shanghai first. */
export function timeZoneOptions(): { value: string; label: string }[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = FALLBACK_ZONES;
  }
  const ordered = ['Asia/Shanghai', ...zones.filter((z) => z !== 'Asia/Shanghai')];
  const now = new Date();
  return ordered.map((z) => {
    const offset = zoneOffset(z, now);
    return { value: z, label: offset ? `${z} (${offset})` : z };
  });
}
