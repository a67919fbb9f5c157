import { describe, expect, it } from 'vitest';
import { casePeriod, formatCaseNumber } from './number.ts';

describe('case numbers', () => {
  it('takes the month in the configured time zone', () => {
    // 2026-10-31 17:30 UTC is already 1 November in Shanghai.
    const at = new Date('2026-10-31T17:30:00Z');
    expect(casePeriod(at, 'Asia/Shanghai')).toBe('2611');
    expect(casePeriod(at, 'UTC')).toBe('2610');
  });
  it('pads the serial to four digits and widens past 9999', () => {
    expect(formatCaseNumber('2611', 7)).toBe('2611-0007');
    expect(formatCaseNumber('2611', 12345)).toBe('2611-12345');
  });
});
