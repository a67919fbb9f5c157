import { describe, expect, it } from 'vitest';
import { allowedActions, type CaseLifecycleState, checkTransition } from './lifecycle.ts';

const complaint = (over: Partial<CaseLifecycleState> = {}): CaseLifecycleState => ({
  type: 'complaint',
  status: 'resolving',
  holdFromStatus: null,
  responsibilityParty: null,
  ...over,
});

describe('case lifecycle', () => {
  it('acknowledges a new case', () => {
    expect(checkTransition(complaint({ status: 'new' }), { action: 'acknowledge' })).toEqual({ ok: true, to: 'acknowledged' });
  });

  it('refuses an action the status does not allow', () => {
    expect(checkTransition(complaint({ status: 'new' }), { action: 'close', customerConfirmed: true })).toEqual({
      ok: false,
      reason: 'not_allowed_from_status',
      from: 'new',
    });
  });

  it('refuses to close a complaint without a responsibility decision', () => {
    const r = checkTransition(complaint(), { action: 'close', customerConfirmed: true });
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.reason === 'guard_failed' && r.violations.map((v) => v.field)).toEqual(['responsibility']);
  });

  it("refuses to close a complaint without the customer's confirmation or a reason", () => {
    const r = checkTransition(complaint({ responsibilityParty: 'ours' }), { action: 'close' });
    expect(r.ok === false && r.reason === 'guard_failed' && r.violations.map((v) => v.code)).toEqual(['confirmation_or_reason_required']);
  });

  it('closes a complaint with a decision and a recorded reason instead of confirmation', () => {
    expect(
      checkTransition(complaint({ responsibilityParty: 'supplier' }), { action: 'close', closeReason: 'customer unreachable for 10 days' }),
    ).toEqual({
      ok: true,
      to: 'closed',
    });
  });

  it('closes a complaint when the decision comes with the close action', () => {
    expect(checkTransition(complaint(), { action: 'close', responsibility: { party: 'customer' }, customerConfirmed: true })).toEqual({
      ok: true,
      to: 'closed',
    });
  });

  it('closes an inquiry without a responsibility decision', () => {
    expect(checkTransition(complaint({ type: 'inquiry', status: 'acknowledged' }), { action: 'close' })).toEqual({
      ok: true,
      to: 'closed',
    });
  });

  it('requires the explanation given to the customer to reject', () => {
    const r = checkTransition(complaint({ status: 'investigating' }), { action: 'reject', explanation: '  ' });
    expect(r.ok === false && r.reason === 'guard_failed' && r.violations[0]?.field).toBe('explanation');
    expect(checkTransition(complaint({ status: 'investigating' }), { action: 'reject', explanation: '非我司产品' })).toEqual({
      ok: true,
      to: 'rejected',
    });
  });

  it('holds and resumes to the status held before', () => {
    expect(checkTransition(complaint({ status: 'investigating' }), { action: 'hold', reason: 'waiting for samples' })).toEqual({
      ok: true,
      to: 'on_hold',
    });
    expect(checkTransition(complaint({ status: 'on_hold', holdFromStatus: 'investigating' }), { action: 'resume' })).toEqual({
      ok: true,
      to: 'investigating',
    });
  });

  it('reopens only finished cases, leaving their status alone, and needs a reason', () => {
    expect(checkTransition(complaint({ status: 'closed' }), { action: 'reopen', reason: 'customer rejects the conclusion' })).toEqual({
      ok: true,
      to: 'closed',
    });
    expect(checkTransition(complaint({ status: 'closed' }), { action: 'reopen' }).ok).toBe(false);
    expect(checkTransition(complaint({ status: 'resolving' }), { action: 'reopen', reason: 'x' }).ok).toBe(false);
  });

  it('lists only the actions the status and the permissions allow', () => {
    const agent = new Set(['cases:handle', 'cases:close']);
    expect(allowedActions({ status: 'new' }, agent)).toEqual(['acknowledge', 'hold']);
    expect(allowedActions({ status: 'awaiting_approval' }, agent)).toEqual(['hold']);
    expect(allowedActions({ status: 'awaiting_approval' }, new Set(['cases:approve']))).toEqual(['approve', 'decline']);
    expect(allowedActions({ status: 'closed' }, new Set())).toEqual([]);
  });
});
