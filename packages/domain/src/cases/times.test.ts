import { describe, expect, it } from 'vitest';
import { caseTimeProblems } from './times.ts';

const now = new Date('2026-12-07T08:00:00Z');
const at = (iso: string) => new Date(iso);

describe('caseTimeProblems', () => {
  it('accepts now, a few minutes of clock skew and a case typed in weeks later', () => {
    expect(caseTimeProblems({ receivedAt: now }, now)).toEqual([]);
    expect(caseTimeProblems({ receivedAt: at('2026-12-07T08:04:59Z') }, now)).toEqual([]);
    expect(caseTimeProblems({ receivedAt: at('2026-10-09T08:00:00Z') }, now)).toEqual([]);
  });

  it('refuses a received time in the future (the deadline would never breach)', () => {
    expect(caseTimeProblems({ receivedAt: at('2099-01-01T00:00:00Z') }, now)).toEqual([
      { field: 'receivedAt', message: 'cannot be in the future' },
    ]);
    expect(caseTimeProblems({ receivedAt: at('2026-12-07T08:05:01Z') }, now)).toHaveLength(1);
  });

  it('refuses a received time beyond the backdating limit (it would breach at once)', () => {
    const [p] = caseTimeProblems({ receivedAt: at('1990-01-01T00:00:00Z') }, now);
    expect(p?.field).toBe('receivedAt');
    expect(p?.message).toContain('60 days');
    expect(caseTimeProblems({ receivedAt: at('2026-10-08T07:59:59Z') }, now)).toHaveLength(1);
    expect(caseTimeProblems({ receivedAt: at('2026-10-08T07:59:59Z') }, now, { maxBackdateDays: 365, skewMinutes: 5 })).toEqual([]);
  });

  it('refuses a problem that occurs in the future or after the case was received', () => {
    expect(caseTimeProblems({ occurredAt: at('2030-01-01T00:00:00Z') }, now)).toEqual([
      { field: 'occurredAt', message: 'cannot be in the future' },
    ]);
    expect(caseTimeProblems({ receivedAt: at('2026-12-01T00:00:00Z'), occurredAt: at('2026-12-03T00:00:00Z') }, now)).toEqual([
      { field: 'occurredAt', message: 'cannot be after the case was received' },
    ]);
    expect(caseTimeProblems({ receivedAt: at('2026-12-01T00:00:00Z'), occurredAt: at('2015-06-01T00:00:00Z') }, now)).toEqual([]);
  });
});
