import { zonedTimeToInstant } from '@closeloop/domain';

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone. */
export function dateIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** UTC instant of 00:00 on `date` in `timeZone` (the domain's zone arithmetic, exact across DST changes). */
export function zonedMidnight(date: string, timeZone: string): Date {
  return zonedTimeToInstant(date, '00:00', timeZone);
}
