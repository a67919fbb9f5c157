import { describe, expect, it } from 'vitest';
import {
  allowedDispositionActions,
  checkDispositionTransition,
  DISPOSITION_TRANSITIONS,
  type DispositionState,
  dispositionActions,
  mayApprove,
  rolesMayApprove,
} from './lifecycle.ts';
import { DISPOSITION_STATUSES } from './schemas.ts';

const repair = (over: Partial<DispositionState> = {}): DispositionState => ({
  kind: 'repair',
  status: 'proposed',
  requiresApproval: false,
  customerDecision: 'pending',
  ...over,
});

describe('disposition lifecycle', () => {
  it('submits to approval only when the matrix requires one', () => {
    expect(checkDispositionTransition(repair({ requiresApproval: true }), 'submit')).toEqual({ ok: true, to: 'awaiting_approval' });
    expect(checkDispositionTransition(repair(), 'submit')).toEqual({ ok: true, to: 'approved' });
  });

  it('is done with an explanation once it is submitted', () => {
    expect(checkDispositionTransition(repair({ kind: 'explanation' }), 'submit')).toEqual({ ok: true, to: 'done' });
  });

  it('moves approve → approved, refuse → refused, start → in progress, complete → done, cancel → cancelled', () => {
    expect(checkDispositionTransition(repair({ status: 'awaiting_approval' }), 'approve')).toEqual({ ok: true, to: 'approved' });
    expect(checkDispositionTransition(repair({ status: 'awaiting_approval' }), 'refuse')).toEqual({ ok: true, to: 'refused' });
    expect(checkDispositionTransition(repair({ status: 'approved' }), 'start')).toEqual({ ok: true, to: 'in_progress' });
    expect(checkDispositionTransition(repair({ status: 'in_progress' }), 'complete')).toEqual({ ok: true, to: 'done' });
    expect(checkDispositionTransition(repair({ status: 'approved' }), 'cancel')).toEqual({ ok: true, to: 'cancelled' });
  });

  it('records facts without moving: an update, the customer accepting', () => {
    expect(checkDispositionTransition(repair({ status: 'in_progress' }), 'update')).toEqual({ ok: true, to: 'in_progress' });
    expect(checkDispositionTransition(repair({ status: 'approved' }), 'customer_accept')).toEqual({ ok: true, to: 'approved' });
  });

  it('cancels a disposition the customer refuses', () => {
    expect(checkDispositionTransition(repair(), 'customer_refuse')).toEqual({ ok: true, to: 'cancelled' });
  });

  it('refuses an action the status does not allow, naming the allowed ones', () => {
    expect(checkDispositionTransition(repair({ status: 'approved' }), 'complete')).toEqual({
      ok: false,
      reason: 'not_allowed_from_status',
      from: 'approved',
      allowed: ['start', 'update', 'cancel', 'customer_accept', 'customer_refuse'],
    });
  });

  it('asks the customer only once, and never about an explanation', () => {
    expect(checkDispositionTransition(repair({ customerDecision: 'accepted' }), 'customer_refuse').ok).toBe(false);
    expect(dispositionActions(repair({ kind: 'explanation' }))).toEqual(['submit', 'update', 'cancel']);
  });

  it('allows nothing once a disposition is closed', () => {
    for (const status of ['done', 'refused', 'cancelled'] as const) expect(dispositionActions(repair({ status }))).toEqual([]);
  });

  it('offers every status its actions in one order', () => {
    const offered = Object.fromEntries(DISPOSITION_STATUSES.map((status) => [status, dispositionActions(repair({ status }))]));
    expect(offered).toEqual({
      proposed: ['submit', 'update', 'cancel', 'customer_accept', 'customer_refuse'],
      awaiting_approval: ['approve', 'refuse', 'update', 'cancel', 'customer_accept', 'customer_refuse'],
      approved: ['start', 'update', 'cancel', 'customer_accept', 'customer_refuse'],
      in_progress: ['complete', 'update', 'cancel', 'customer_accept', 'customer_refuse'],
      done: [],
      refused: [],
      cancelled: [],
    });
  });

  it('offers approving and refusing only to those with approval authority', () => {
    const waiting = repair({ status: 'awaiting_approval' });
    expect(allowedDispositionActions(waiting, new Set(['dispositions:write']))).toEqual([
      'update',
      'cancel',
      'customer_accept',
      'customer_refuse',
    ]);
    expect(allowedDispositionActions(waiting, new Set(['cases:approve']))).toEqual(['approve', 'refuse']);
    expect(allowedDispositionActions(waiting, undefined)).toEqual([]);
    expect(DISPOSITION_TRANSITIONS.approve.permission).toBe('cases:approve');
  });
});

describe('approval authority', () => {
  it('lets a role at or above the band approve, and a role outside the ladder only its own band', () => {
    expect(mayApprove(['gm'], 'manager')).toBe(true);
    expect(mayApprove(['manager'], 'deputy_gm')).toBe(false);
    expect(mayApprove(['finance'], 'finance')).toBe(true);
    expect(mayApprove(['gm'], 'finance')).toBe(false);
  });

  it('names the roles that may approve a band', () => {
    expect(rolesMayApprove('manager')).toEqual(['manager', 'deputy_gm', 'gm']);
    expect(rolesMayApprove('gm')).toEqual(['gm']);
    expect(rolesMayApprove('finance')).toEqual(['finance']);
    for (const required of ['manager', 'deputy_gm', 'gm', 'finance']) {
      for (const role of rolesMayApprove(required)) expect(mayApprove([role], required)).toBe(true);
    }
  });
});
