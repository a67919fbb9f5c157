import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  dayNumberOf,
  instantOfWallMs,
  isoWeekday,
  isValidTimeZone,
  localDateOf,
  parseTimeMs,
  timeZoneOffsetMs,
  wallMsOf,
  zonedDateTime,
  zonedTimeToInstant,
} from './zoned.ts';

const iso = (date: string, time: string, zone: string) => zonedTimeToInstant(date, time, zone).toISOString();
const HOUR = 3_600_000;

describe('instants in a zone', () => {
  it('reads the local date and time of an instant', () => {
    // 2026-10-31 17:30 UTC is already 1 November in Shanghai.
    const at = new Date('2026-10-31T17:30:00Z');
    expect(localDateOf(at, 'Asia/Shanghai')).toBe('2026-11-01');
    expect(localDateOf(at, 'UTC')).toBe('2026-10-31');
    expect(zonedDateTime(at, 'Asia/Shanghai')).toEqual({
      date: '2026-11-01',
      time: '01:30',
      year: 2026,
      month: 11,
      day: 1,
      hour: 1,
      minute: 30,
      second: 0,
    });
  });
  it('knows the offsets', () => {
    expect(timeZoneOffsetMs(new Date('2025-07-01T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * HOUR);
    expect(timeZoneOffsetMs(new Date('2025-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(1 * HOUR);
    expect(timeZoneOffsetMs(new Date('2025-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
    expect(timeZoneOffsetMs(new Date('2025-07-15T12:00:00Z'), 'America/New_York')).toBe(-4 * HOUR);
    expect(timeZoneOffsetMs(new Date('2025-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * HOUR);
  });
  it('keeps milliseconds', () => {
    const t = Date.UTC(2025, 5, 1, 3, 4, 5, 678);
    expect(wallMsOf(t, 'Asia/Shanghai') - t).toBe(8 * HOUR);
  });
  it('validates zone names', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('wall time to instant', () => {
  it('converts in a zone without clock changes', () => {
    expect(iso('2025-09-30', '17:30', 'Asia/Shanghai')).toBe('2025-09-30T09:30:00.000Z');
    expect(iso('2025-01-01', '00:00', 'Asia/Shanghai')).toBe('2024-12-31T16:00:00.000Z');
    expect(iso('2025-09-30', '24:00', 'Asia/Shanghai')).toBe('2025-09-30T16:00:00.000Z');
    expect(iso('2025-09-30', '08:30:15', 'UTC')).toBe('2025-09-30T08:30:15.000Z');
  });
  it('moves nonexistent times forward (Berlin, last Sunday of March)', () => {
    expect(iso('2025-03-30', '01:59', 'Europe/Berlin')).toBe('2025-03-30T00:59:00.000Z');
    expect(iso('2025-03-30', '02:00', 'Europe/Berlin')).toBe('2025-03-30T01:00:00.000Z');
    expect(iso('2025-03-30', '02:30', 'Europe/Berlin')).toBe('2025-03-30T01:30:00.000Z'); // 03:30 CEST
    expect(iso('2025-03-30', '03:00', 'Europe/Berlin')).toBe('2025-03-30T01:00:00.000Z');
    expect(iso('2025-03-30', '09:00', 'Europe/Berlin')).toBe('2025-03-30T07:00:00.000Z');
  });
  it('takes the earlier of ambiguous times (Berlin, last Sunday of October)', () => {
    expect(iso('2025-10-26', '01:59', 'Europe/Berlin')).toBe('2025-10-25T23:59:00.000Z');
    expect(iso('2025-10-26', '02:00', 'Europe/Berlin')).toBe('2025-10-26T00:00:00.000Z'); // CEST
    expect(iso('2025-10-26', '02:30', 'Europe/Berlin')).toBe('2025-10-26T00:30:00.000Z');
    expect(iso('2025-10-26', '03:00', 'Europe/Berlin')).toBe('2025-10-26T02:00:00.000Z');
  });
  it('handles New York and a southern-hemisphere zone', () => {
    expect(iso('2025-03-09', '02:30', 'America/New_York')).toBe('2025-03-09T07:30:00.000Z'); // 03:30 EDT
    expect(iso('2025-11-02', '01:30', 'America/New_York')).toBe('2025-11-02T05:30:00.000Z'); // EDT, the earlier
    expect(iso('2025-11-02', '02:00', 'America/New_York')).toBe('2025-11-02T07:00:00.000Z');
    expect(iso('2025-04-06', '02:30', 'Australia/Sydney')).toBe('2025-04-05T15:30:00.000Z'); // AEDT, the earlier
    expect(iso('2025-10-05', '02:30', 'Australia/Sydney')).toBe('2025-10-04T16:30:00.000Z'); // 03:30 AEDT
  });
  it('round-trips every instant, or lands on the earlier one of an ambiguous wall time', () => {
    const zones = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) }), fc.constantFrom(...zones), (t, zone) => {
        const wall = wallMsOf(t, zone);
        const back = instantOfWallMs(wall, zone);
        expect(wallMsOf(back, zone)).toBe(wall);
        expect(back === t || t - back === HOUR).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('local dates', () => {
  it('adds days across months, years and leap days', () => {
    expect(addLocalDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addLocalDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addLocalDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addLocalDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addLocalDays('2025-09-30', 0)).toBe('2025-09-30');
  });
  it('gives ISO weekdays, Monday = 1', () => {
    expect(isoWeekday('2025-09-29')).toBe(1);
    expect(isoWeekday('2025-10-11')).toBe(6);
    expect(isoWeekday('2025-10-12')).toBe(7);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-29')).toBe(1);
  });
  it('rejects what is not a date or a time', () => {
    expect(() => dayNumberOf('2025-02-29')).toThrow(RangeError);
    expect(() => dayNumberOf('2025-9-30')).toThrow(/YYYY-MM-DD/);
    expect(() => addLocalDays('2025-01-01', 0.5)).toThrow(RangeError);
    expect(() => parseTimeMs('24:01')).toThrow(RangeError);
    expect(() => parseTimeMs('12:60')).toThrow(RangeError);
    expect(parseTimeMs('24:00')).toBe(24 * HOUR);
  });
});
