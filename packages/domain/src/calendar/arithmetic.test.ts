import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarHours,
  addWorkingMinutes,
  type BusinessCalendar,
  compileCalendar,
  endOfNthWorkingDay,
  isWorkingDay,
  isWorkingTime,
  nextWorkingInstant,
  workingMinutesBetween,
  workingWindowsOn,
} from './arithmetic.ts';
import { parseHolidayCnJson } from './import.ts';
import { CalendarDefinition, type DayOverride, type WeekHours } from './types.ts';
import { localDateOf, zonedTimeToInstant } from './zoned.ts';

const dataFile = (name: string) => readFileSync(new URL(`./holidays/${name}`, import.meta.url), 'utf8');
const cnOverrides: DayOverride[] = ['holidays-cn-2025.json', 'holidays-cn-2026.json'].flatMap(
  (f) => parseHolidayCnJson(dataFile(f)).overrides,
);
const cn = compileCalendar({ timeZone: 'Asia/Shanghai', overrides: cnOverrides });

/** Shanghai wall time → instant. */
const sh = (date: string, time: string) => zonedTimeToInstant(date, time, 'Asia/Shanghai');
const at = (cal: BusinessCalendar, date: string, time: string) => zonedTimeToInstant(date, time, cal.timeZone);
/** Instant → `YYYY-MM-DD HH:MM` in the calendar's zone. */
const local = (cal: BusinessCalendar, d: Date) => {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: cal.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
  return parts.replace('T', ' ');
};

describe('the reference data copies', () => {
  const shared = new URL('../../../../../shared/data/holidays-cn/', import.meta.url);
  it.skipIf(!existsSync(shared))('match the shared reference data', () => {
    for (const y of [2025, 2026]) {
      expect(dataFile(`holidays-cn-${y}.json`)).toBe(readFileSync(new URL(`${y}.json`, shared), 'utf8'));
    }
  });
});

describe('working days with the Chinese 2025/2026 calendar', () => {
  it('counts 3 working days after 30 September 2025 to Saturday 11 October 17:30 (make-up day)', () => {
    for (const time of ['00:00', '08:00', '12:30', '17:30', '23:59']) {
      expect(local(cn, endOfNthWorkingDay(cn, sh('2025-09-30', time), 3))).toBe('2025-10-11 17:30');
    }
    expect(endOfNthWorkingDay(cn, sh('2025-09-30', '10:00'), 3).toISOString()).toBe('2025-10-11T09:30:00.000Z');
    expect(local(cn, endOfNthWorkingDay(cn, sh('2025-09-30', '10:00'), 1))).toBe('2025-10-09 17:30');
    expect(local(cn, endOfNthWorkingDay(cn, sh('2025-09-30', '10:00'), 4))).toBe('2025-10-13 17:30');
  });
  it('treats a weekend make-up day as a working day and the holidays as off', () => {
    expect(isWorkingDay(cn, '2025-09-28')).toBe(true); // Sunday, make-up
    expect(isWorkingDay(cn, '2025-10-11')).toBe(true); // Saturday, make-up
    expect(isWorkingDay(cn, '2025-10-08')).toBe(false); // Wednesday, holiday
    expect(isWorkingDay(cn, '2025-10-12')).toBe(false); // plain Sunday
    expect(workingWindowsOn(cn, '2025-10-11').map((w) => [w.start.toISOString(), w.end.toISOString()])).toEqual([
      ['2025-10-11T00:30:00.000Z', '2025-10-11T04:00:00.000Z'],
      ['2025-10-11T05:30:00.000Z', '2025-10-11T09:30:00.000Z'],
    ]);
    expect(workingWindowsOn(cn, '2025-10-01')).toEqual([]);
  });
  it('bridges the 2026 Spring Festival (off 15–23 February, make-up Saturdays 14 and 28 February)', () => {
    expect(isWorkingDay(cn, '2026-02-14')).toBe(true);
    expect(isWorkingDay(cn, '2026-02-16')).toBe(false);
    expect(isWorkingDay(cn, '2026-02-23')).toBe(false);
    expect(isWorkingDay(cn, '2026-02-28')).toBe(true);
    expect(local(cn, endOfNthWorkingDay(cn, sh('2026-02-12', '15:00'), 1))).toBe('2026-02-13 17:30');
    expect(local(cn, endOfNthWorkingDay(cn, sh('2026-02-12', '15:00'), 2))).toBe('2026-02-14 17:30');
    expect(local(cn, endOfNthWorkingDay(cn, sh('2026-02-12', '15:00'), 3))).toBe('2026-02-24 17:30');
    expect(local(cn, addWorkingMinutes(cn, sh('2026-02-14', '17:00'), 60))).toBe('2026-02-24 09:00');
    expect(workingMinutesBetween(cn, sh('2026-02-13', '00:00'), sh('2026-02-25', '00:00'))).toBe(3 * 450);
    expect(workingMinutesBetween(cn, sh('2026-02-23', '00:00'), sh('2026-03-01', '00:00'))).toBe(5 * 450); // 24–27 + Sat 28
  });
  it('bridges the 2026 Mid-Autumn and National Day holidays with their make-up days', () => {
    expect(isWorkingDay(cn, '2026-09-20')).toBe(true); // Sunday, make-up
    expect(isWorkingDay(cn, '2026-09-25')).toBe(false); // Friday, Mid-Autumn
    expect(isWorkingDay(cn, '2026-10-07')).toBe(false);
    expect(isWorkingDay(cn, '2026-10-10')).toBe(true); // Saturday, make-up
    const start = sh('2026-09-30', '16:00');
    expect([1, 2, 3, 4].map((n) => local(cn, endOfNthWorkingDay(cn, start, n)))).toEqual([
      '2026-10-08 17:30',
      '2026-10-09 17:30',
      '2026-10-10 17:30',
      '2026-10-12 17:30',
    ]);
    expect(local(cn, addWorkingMinutes(cn, sh('2026-09-24', '17:00'), 30))).toBe('2026-09-24 17:30');
    expect(local(cn, addWorkingMinutes(cn, sh('2026-09-24', '17:00'), 31))).toBe('2026-09-28 08:31');
  });
  it('skips a weekday holiday (Labour Day 2025, Thursday 1 to Monday 5 May)', () => {
    expect(isWorkingDay(cn, '2025-05-01')).toBe(false);
    expect(local(cn, addWorkingMinutes(cn, sh('2025-04-30', '17:00'), 60))).toBe('2025-05-06 09:00');
    expect(local(cn, nextWorkingInstant(cn, sh('2025-05-02', '10:00')))).toBe('2025-05-06 08:30');
    expect(workingMinutesBetween(cn, sh('2025-04-30', '00:00'), sh('2025-05-06', '00:00'))).toBe(450);
  });
  it('skips a plain weekend', () => {
    expect(isWorkingDay(cn, '2025-03-08')).toBe(false);
    expect(local(cn, addWorkingMinutes(cn, sh('2025-03-07', '17:00'), 60))).toBe('2025-03-10 09:00');
    expect(local(cn, endOfNthWorkingDay(cn, sh('2025-03-07', '09:00'), 1))).toBe('2025-03-10 17:30');
    expect(workingMinutesBetween(cn, sh('2025-03-07', '17:00'), sh('2025-03-10', '09:00'))).toBe(60);
  });
});

describe('working minutes', () => {
  it('steps over the lunch break', () => {
    expect(local(cn, addWorkingMinutes(cn, sh('2025-03-05', '11:50'), 20))).toBe('2025-03-05 13:40');
    expect(local(cn, addWorkingMinutes(cn, sh('2025-03-05', '11:50'), 10))).toBe('2025-03-05 12:00');
    expect(local(cn, addWorkingMinutes(cn, sh('2025-03-05', '12:30'), 10))).toBe('2025-03-05 13:40');
    expect(workingMinutesBetween(cn, sh('2025-03-05', '11:50'), sh('2025-03-05', '13:40'))).toBe(20);
  });
  it('ends on a window end rather than at the next start', () => {
    expect(local(cn, addWorkingMinutes(cn, sh('2025-03-05', '17:20'), 10))).toBe('2025-03-05 17:30');
    expect(local(cn, addWorkingMinutes(cn, sh('2025-03-05', '08:30'), 450))).toBe('2025-03-05 17:30');
    expect(local(cn, addWorkingMinutes(cn, sh('2025-03-05', '08:30'), 451))).toBe('2025-03-06 08:31');
  });
  it('starts at night and at weekends from the next working instant', () => {
    expect(local(cn, addWorkingMinutes(cn, sh('2025-03-05', '22:00'), 30))).toBe('2025-03-06 09:00');
    expect(local(cn, addWorkingMinutes(cn, sh('2025-03-06', '03:00'), 30))).toBe('2025-03-06 09:00');
    expect(local(cn, addWorkingMinutes(cn, sh('2025-03-08', '10:00'), 0))).toBe('2025-03-10 08:30');
    expect(local(cn, addWorkingMinutes(cn, sh('2025-03-05', '17:30'), 0))).toBe('2025-03-06 08:30');
    expect(addWorkingMinutes(cn, sh('2025-03-05', '10:00'), 0)).toEqual(sh('2025-03-05', '10:00'));
  });
  it('counts fractional minutes to the millisecond', () => {
    expect(addWorkingMinutes(cn, sh('2025-03-05', '11:59'), 1.5).toISOString()).toBe(
      new Date(sh('2025-03-05', '13:30').getTime() + 30_000).toISOString(),
    );
    expect(workingMinutesBetween(cn, sh('2025-03-05', '10:00'), new Date(sh('2025-03-05', '10:00').getTime() + 1))).toBeCloseTo(
      1 / 60_000,
      12,
    );
  });
  it('is negative when the end comes first', () => {
    expect(workingMinutesBetween(cn, sh('2025-03-10', '09:00'), sh('2025-03-07', '17:00'))).toBe(-60);
    expect(workingMinutesBetween(cn, sh('2025-03-10', '09:00'), sh('2025-03-10', '09:00'))).toBe(0);
  });
  it('knows working time from its edges', () => {
    expect(isWorkingTime(cn, sh('2025-03-05', '08:30'))).toBe(true);
    expect(isWorkingTime(cn, new Date(sh('2025-03-05', '12:00').getTime() - 1))).toBe(true);
    expect(isWorkingTime(cn, sh('2025-03-05', '12:00'))).toBe(false);
    expect(isWorkingTime(cn, sh('2025-03-08', '10:00'))).toBe(false);
    expect(isWorkingTime(cn, sh('2025-10-11', '10:00'))).toBe(true);
  });
  it('rejects meaningless arguments', () => {
    expect(() => addWorkingMinutes(cn, sh('2025-03-05', '10:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingMinutes(cn, sh('2025-03-05', '10:00'), Number.NaN)).toThrow(RangeError);
    expect(() => addWorkingMinutes(cn, new Date(Number.NaN), 1)).toThrow(/not a valid date/);
    expect(() => endOfNthWorkingDay(cn, sh('2025-03-05', '10:00'), 1.5)).toThrow(RangeError);
    expect(() => isWorkingDay(cn, '2025-02-30')).toThrow(RangeError);
  });
});

describe('end of the Nth working day', () => {
  it('n = 0 is the end of the start day when it is a working day, else of the next', () => {
    expect(local(cn, endOfNthWorkingDay(cn, sh('2025-03-05', '10:00'), 0))).toBe('2025-03-05 17:30');
    expect(local(cn, endOfNthWorkingDay(cn, sh('2025-03-05', '20:00'), 0))).toBe('2025-03-05 17:30');
    expect(local(cn, endOfNthWorkingDay(cn, sh('2025-03-08', '10:00'), 0))).toBe('2025-03-10 17:30');
  });
  it('reads the start day in the calendar zone', () => {
    // 2025-03-06 17:00 UTC is Friday 7 March 01:00 in Shanghai.
    expect(local(cn, endOfNthWorkingDay(cn, new Date('2025-03-06T17:00:00Z'), 1))).toBe('2025-03-10 17:30');
  });
});

describe('make-up days with their own hours', () => {
  it('uses an override’s windows, else the calendar’s make-up windows', () => {
    const custom = compileCalendar({
      timeZone: 'Asia/Shanghai',
      makeUpWindows: [{ start: '09:00', end: '15:00' }],
      overrides: cnOverrides.map((o) => (o.date === '2025-10-11' ? { ...o, windows: [{ start: '09:00', end: '12:00' }] } : o)),
    });
    expect(local(custom, endOfNthWorkingDay(custom, sh('2025-09-30', '10:00'), 3))).toBe('2025-10-11 12:00');
    expect(local(custom, addWorkingMinutes(custom, sh('2025-10-10', '17:00'), 60))).toBe('2025-10-11 09:30');
    expect(workingWindowsOn(custom, '2025-09-28').map((w) => local(custom, w.end))).toEqual(['2025-09-28 15:00']);
    expect(workingMinutesBetween(custom, sh('2025-10-11', '00:00'), sh('2025-10-12', '00:00'))).toBe(180);
  });
  it('adds no time for make-up days when the calendar has no make-up windows', () => {
    const none = compileCalendar({ timeZone: 'Asia/Shanghai', makeUpWindows: [], overrides: cnOverrides });
    expect(isWorkingDay(none, '2025-10-11')).toBe(false);
    expect(local(none, endOfNthWorkingDay(none, sh('2025-09-30', '10:00'), 3))).toBe('2025-10-13 17:30');
  });
});

const BERLIN_WEEK: WeekHours = [1, 2, 3, 4, 5, 6, 7].map((d) => (d <= 5 ? [{ start: '09:00', end: '17:00' }] : []));
const berlin = compileCalendar({ timeZone: 'Europe/Berlin', week: BERLIN_WEEK });
const allDay = compileCalendar({ timeZone: 'Europe/Berlin', week: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]) });

describe('a zone with clock changes (Europe/Berlin, Monday–Friday 09:00–17:00)', () => {
  it('keeps wall-clock hours across the March change', () => {
    expect(local(berlin, addWorkingMinutes(berlin, at(berlin, '2025-03-28', '16:00'), 120))).toBe('2025-03-31 10:00');
    expect(addWorkingMinutes(berlin, at(berlin, '2025-03-28', '16:00'), 120).toISOString()).toBe('2025-03-31T08:00:00.000Z');
    expect(workingMinutesBetween(berlin, at(berlin, '2025-03-28', '09:00'), at(berlin, '2025-03-31', '17:00'))).toBe(960);
    expect(local(berlin, endOfNthWorkingDay(berlin, at(berlin, '2025-03-28', '12:00'), 1))).toBe('2025-03-31 17:00');
  });
  it('keeps wall-clock hours across the October change', () => {
    expect(addWorkingMinutes(berlin, at(berlin, '2025-10-24', '16:00'), 120).toISOString()).toBe('2025-10-27T09:00:00.000Z');
    expect(workingMinutesBetween(berlin, at(berlin, '2025-10-24', '09:00'), at(berlin, '2025-10-27', '17:00'))).toBe(960);
  });
  it('counts the real length of the changeover Sundays', () => {
    expect(workingMinutesBetween(allDay, at(allDay, '2025-03-30', '00:00'), at(allDay, '2025-03-31', '00:00'))).toBe(23 * 60);
    expect(workingMinutesBetween(allDay, at(allDay, '2025-10-26', '00:00'), at(allDay, '2025-10-27', '00:00'))).toBe(25 * 60);
    expect(local(allDay, addWorkingMinutes(allDay, at(allDay, '2025-03-30', '01:00'), 90))).toBe('2025-03-30 03:30');
    expect(local(allDay, addWorkingMinutes(allDay, at(allDay, '2025-10-26', '01:00'), 180))).toBe('2025-10-26 03:00');
  });
  it('keeps a window reaching into the skipped hour well formed', () => {
    const night = compileCalendar({
      timeZone: 'Europe/Berlin',
      week: [
        [],
        [],
        [],
        [],
        [],
        [],
        [
          { start: '01:00', end: '02:30' },
          { start: '03:00', end: '04:00' },
        ],
      ],
    });
    // 01:00 CET → 02:30 (read as 03:30 CEST) is 1.5 h; the next window starts inside it and keeps the rest.
    expect(workingWindowsOn(night, '2025-03-30').map((w) => [w.start.toISOString(), w.end.toISOString()])).toEqual([
      ['2025-03-30T00:00:00.000Z', '2025-03-30T01:30:00.000Z'],
      ['2025-03-30T01:30:00.000Z', '2025-03-30T02:00:00.000Z'],
    ]);
  });
});

describe('calendar definitions', () => {
  it('fills in the defaults', () => {
    const def = CalendarDefinition.parse({});
    expect(def.timeZone).toBe('Asia/Shanghai');
    expect(def.week[0]).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(def.week[5]).toEqual([]);
    expect(def.overrides).toEqual([]);
  });
  it('names what is wrong', () => {
    const messages = (input: unknown) => {
      const r = CalendarDefinition.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    const monday = (windows: unknown) => ({ week: [windows, [], [], [], [], [], []] });
    expect(
      messages(
        monday([
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ]),
      ),
    ).toEqual(['week.0.1: working windows overlap: 08:00–12:00 and 11:00–13:00']);
    expect(
      messages(
        monday([
          { start: '13:00', end: '17:00' },
          { start: '08:00', end: '12:00' },
        ]),
      ),
    ).toEqual(['week.0.1: working windows out of order: 08:00 comes before 13:00']);
    expect(messages(monday([{ start: '12:00', end: '08:00' }]))[0]).toMatch(/must end after it starts/);
    expect(messages(monday([{ start: '8:00', end: '12:00' }]))[0]).toMatch(/HH:MM/);
    expect(messages({ timeZone: 'China/Beijing' })[0]).toMatch(/^timeZone: .*IANA/);
    expect(messages({ week: [[], [], [], [], [], [], []] })[0]).toMatch(/no working time/);
    expect(
      messages({ week: [[], [], [], [], [], [], []], makeUpWindows: [], overrides: [{ date: '2025-10-11', kind: 'working' }] })[0],
    ).toMatch(/^week: the calendar has no working time/);
    expect(
      messages({
        overrides: [
          { date: '2025-10-01', kind: 'off' },
          { date: '2025-10-01', kind: 'working' },
        ],
      }),
    ).toEqual(['overrides.1.date: 2025-10-01 already has an override (#0)']);
    expect(messages({ overrides: [{ date: '2025-10-01', kind: 'off', windows: [{ start: '09:00', end: '10:00' }] }] })[0]).toMatch(
      /day off has no working windows/,
    );
    expect(messages({ week: [[]] })[0]).toMatch(/seven days/);
  });
});

describe('a calendar without working time', () => {
  it('fails clearly instead of looping', () => {
    const once = compileCalendar({ week: [[], [], [], [], [], [], []], overrides: [{ date: '2025-01-04', kind: 'working' }] });
    expect(local(once, addWorkingMinutes(once, sh('2025-01-01', '00:00'), 60))).toBe('2025-01-04 09:30');
    expect(() => addWorkingMinutes(once, sh('2025-01-04', '09:00'), 1000)).toThrow(/no working time after/);
    expect(() => nextWorkingInstant(once, sh('2025-01-05', '09:00'))).toThrow(/no working time after/);
    expect(() => endOfNthWorkingDay(once, sh('2025-01-01', '09:00'), 2)).toThrow(/no working time after/);
    expect(workingMinutesBetween(once, sh('2025-01-01', '00:00'), sh('2026-01-01', '00:00'))).toBe(450);
  });
  it('gives up after three years of days off', () => {
    const overrides: DayOverride[] = [];
    for (let d = Date.UTC(2025, 0, 1); d < Date.UTC(2029, 0, 1); d += 86_400_000) {
      overrides.push({ date: new Date(d).toISOString().slice(0, 10), kind: 'off' });
    }
    const closed = compileCalendar({ overrides });
    expect(() => addWorkingMinutes(closed, sh('2025-01-01', '00:00'), 1)).toThrow(/no working time after 2025-01-01/);
  });
});

describe('addCalendarHours', () => {
  it('adds elapsed time regardless of the calendar', () => {
    expect(addCalendarHours(new Date('2025-03-29T23:00:00Z'), 24).toISOString()).toBe('2025-03-30T23:00:00.000Z');
    expect(addCalendarHours(new Date('2025-03-29T23:00:00Z'), -1.5).toISOString()).toBe('2025-03-29T21:30:00.000Z');
  });
});

describe('properties', () => {
  const from = Date.UTC(2024, 11, 31, 16); // 2025-01-01 00:00 Shanghai
  const to = Date.UTC(2026, 11, 31, 16);
  const instant = fc.integer({ min: from, max: to }).map((t) => new Date(t));
  /** Up to ten working days, in milliseconds turned into minutes. */
  const minutes = fc.integer({ min: 0, max: 10 * 450 * 60_000 }).map((ms) => ms / 60_000);
  const calendars = fc.constantFrom(cn, berlin);
  const runs = { numRuns: 400 };

  it('workingMinutesBetween(s, addWorkingMinutes(s, n)) = n', () => {
    fc.assert(
      fc.property(calendars, instant, minutes, (cal, s, n) => {
        expect(Math.abs(workingMinutesBetween(cal, s, addWorkingMinutes(cal, s, n)) - n)).toBeLessThan(1e-6);
      }),
      runs,
    );
  });
  it('never ends strictly outside a working window', () => {
    fc.assert(
      fc.property(calendars, instant, minutes, (cal, s, n) => {
        const r = addWorkingMinutes(cal, s, n);
        if (n === 0) expect(isWorkingTime(cal, r)).toBe(true);
        else expect(isWorkingTime(cal, new Date(r.getTime() - 1))).toBe(true); // start < r ≤ end
        expect(r.getTime()).toBeGreaterThanOrEqual(s.getTime());
      }),
      runs,
    );
  });
  it('is monotonic in n', () => {
    fc.assert(
      fc.property(calendars, instant, minutes, minutes, (cal, s, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(addWorkingMinutes(cal, s, lo).getTime()).toBeLessThanOrEqual(addWorkingMinutes(cal, s, hi).getTime());
      }),
      runs,
    );
  });
  it('endOfNthWorkingDay lands on the end of the last window of a working day, n working days later', () => {
    fc.assert(
      fc.property(calendars, instant, fc.integer({ min: 1, max: 15 }), (cal, s, n) => {
        const r = endOfNthWorkingDay(cal, s, n);
        const date = localDateOf(r, cal.timeZone);
        const windows = workingWindowsOn(cal, date);
        expect(windows.at(-1)?.end).toEqual(r);
        let count = 0;
        for (let d = new Date(`${localDateOf(s, cal.timeZone)}T00:00:00Z`); ; ) {
          d = new Date(d.getTime() + 86_400_000);
          const iso = d.toISOString().slice(0, 10);
          if (isWorkingDay(cal, iso)) count++;
          if (iso === date) break;
        }
        expect(count).toBe(n);
      }),
      runs,
    );
  });
  it('splits: between(a, c) = between(a, b) + between(b, c)', () => {
    fc.assert(
      fc.property(calendars, instant, instant, instant, (cal, a, b, c) => {
        const sum = workingMinutesBetween(cal, a, b) + workingMinutesBetween(cal, b, c);
        expect(Math.abs(workingMinutesBetween(cal, a, c) - sum)).toBeLessThan(1e-6);
      }),
      runs,
    );
  });
});
