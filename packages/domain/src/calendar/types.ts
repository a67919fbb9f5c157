import { z } from 'zod';
import { IsoDate } from '../common/schemas.ts';
import { isValidTimeZone } from './zoned.ts';

/** Wall-clock time of day `HH:MM`, `00:00` to `24:00` (24:00 = midnight at the end of the day). */
export const TimeOfDay = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time of day as HH:MM, 00:00–24:00');
export type TimeOfDay = z.infer<typeof TimeOfDay>;

/** One stretch of working time within a day, `[start, end)` in local wall-clock time. */
export const WorkingWindow = z
  .object({ start: TimeOfDay, end: TimeOfDay })
  .refine((w) => w.start < w.end, { path: ['end'], message: 'a working window must end after it starts' });
export type WorkingWindow = z.infer<typeof WorkingWindow>;

/** A day's working windows: in order and not overlapping (touching is allowed). */
export const WorkingWindows = z
  .array(WorkingWindow)
  .max(48)
  .superRefine((windows, ctx) => {
    for (let i = 1; i < windows.length; i++) {
      const prev = windows[i - 1]!;
      const w = windows[i]!;
      if (w.start < prev.start) {
        ctx.addIssue({ code: 'custom', path: [i], message: `working windows out of order: ${w.start} comes before ${prev.start}` });
      } else if (w.start < prev.end) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `working windows overlap: ${prev.start}–${prev.end} and ${w.start}–${w.end}`,
        });
      }
    }
  });

/** Working hours of the normal week: seven lists of windows, index 0 = Monday … 6 = Sunday (ISO order). */
export const WeekHours = z.array(WorkingWindows).length(7, 'the week has seven days, Monday first');
export type WeekHours = z.infer<typeof WeekHours>;

export const DAY_OVERRIDE_KINDS = ['off', 'working'] as const;
export type DayOverrideKind = (typeof DAY_OVERRIDE_KINDS)[number];

/**
 * An exception to the normal week on one local date. `off`: a public holiday or other day off.
 * `working`: a day that is worked although the week says otherwise, typically a weekend day that
 * is a make-up workday (调休上班); its `windows` default to the calendar's `makeUpWindows`.
 */
export const DayOverride = z
  .object({
    date: IsoDate,
    kind: z.enum(DAY_OVERRIDE_KINDS),
    name: z.string().trim().max(200).optional(),
    windows: WorkingWindows.optional(),
  })
  .superRefine((o, ctx) => {
    if (o.windows === undefined) return;
    if (o.kind === 'off') {
      ctx.addIssue({ code: 'custom', path: ['windows'], message: 'a day off has no working windows' });
    } else if (o.windows.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['windows'],
        message: 'a working day needs at least one window (leave windows out for the make-up hours)',
      });
    }
  });
export type DayOverride = z.infer<typeof DayOverride>;

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const DEFAULT_DAY: WorkingWindow[] = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

/** Monday to Friday 08:30–12:00 and 13:30–17:30; Saturday and Sunday off. */
export const DEFAULT_WEEK: WeekHours = [DEFAULT_DAY, DEFAULT_DAY, DEFAULT_DAY, DEFAULT_DAY, DEFAULT_DAY, [], []];

/** Hours of a make-up workday when its override names none: the default weekday's. */
export const DEFAULT_MAKE_UP_WINDOWS: WorkingWindow[] = DEFAULT_DAY;

/**
 * A business calendar: the zone its wall-clock times are read in, the normal week, the hours of
 * make-up workdays and the per-date overrides (at most one per date).
 */
export const CalendarDefinition = z
  .object({
    timeZone: z.string().refine(isValidTimeZone, { message: 'an IANA time zone such as Asia/Shanghai' }).default(DEFAULT_TIME_ZONE),
    week: WeekHours.default(DEFAULT_WEEK),
    /** Hours of a `working` override without windows of its own (empty: such overrides add no time). */
    makeUpWindows: WorkingWindows.default(DEFAULT_MAKE_UP_WINDOWS),
    overrides: z.array(DayOverride).max(20_000).default([]),
  })
  .superRefine((def, ctx) => {
    const seen = new Map<string, number>();
    def.overrides.forEach((o, i) => {
      const first = seen.get(o.date);
      if (first === undefined) seen.set(o.date, i);
      else ctx.addIssue({ code: 'custom', path: ['overrides', i, 'date'], message: `${o.date} already has an override (#${first})` });
    });
    const workingOverride = def.overrides.some((o) => o.kind === 'working' && (o.windows ?? def.makeUpWindows).length > 0);
    if (def.week.every((day) => day.length === 0) && !workingOverride) {
      ctx.addIssue({
        code: 'custom',
        path: ['week'],
        message: 'the calendar has no working time: give at least one weekday working hours',
      });
    }
  });
export type CalendarDefinition = z.infer<typeof CalendarDefinition>;
/** A calendar definition as accepted by `compileCalendar`: omitted fields take the defaults. */
export type CalendarDefinitionInput = z.input<typeof CalendarDefinition>;
