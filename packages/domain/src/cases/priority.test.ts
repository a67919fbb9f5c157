import { describe, expect, it } from 'vitest';
import { derivePriority, raisePriority } from './priority.ts';

describe('derived priority', () => {
  it('makes anything urgent P1', () => expect(derivePriority({ grade: 'urgent', severity: 'MI' })).toBe('P1'));
  it('makes a critical defect P1', () => expect(derivePriority({ grade: 'general', severity: 'CR' })).toBe('P1'));
  it('takes the more urgent of grade and severity', () => expect(derivePriority({ grade: 'serious', severity: 'MA' })).toBe('P2'));
  it('defaults to P3 when nothing is known', () => expect(derivePriority({})).toBe('P3'));
  it('raises a key account one step', () => {
    expect(derivePriority({ grade: 'general', customerTier: 'A' })).toBe('P3');
    expect(derivePriority({ grade: 'urgent', customerTier: 'A' })).toBe('P1');
  });
});

describe('raisePriority', () => {
  it('moves one step up and stops at P1', () => {
    expect(raisePriority('P4')).toBe('P3');
    expect(raisePriority('P2')).toBe('P1');
    expect(raisePriority('P1')).toBe('P1');
  });
});
