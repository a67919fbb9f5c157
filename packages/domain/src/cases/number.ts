/**
 * Case numbers are `YYMM-NNNN` (编号原则): two-digit year and month of registration in the
 * configured time zone, then a serial that restarts each month. Past 9999 the serial simply widens.
 */
export function casePeriod(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: '2-digit', month: '2-digit' }).formatToParts(at);
  const year = parts.find((p) => p.type === 'year')?.value ?? '00';
  const month = parts.find((p) => p.type === 'month')?.value ?? '00';
  return `${year}${month}`;
}

export function formatCaseNumber(period: string, serial: number): string {
  return `${period}-${String(serial).padStart(4, '0')}`;
}

export const CASE_NUMBER_PATTERN = /^\d{4}-\d{4,}$/;
