import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type CASE_EVENT_DATA, CASE_EVENT_KINDS, CaseEvent, type CaseEventKind, EventView, parseCaseEvent } from './events.ts';

const caseId = '0b9f3c52-6a0e-4a53-9a55-3d1f0e6b8c01';
const otherId = '5d2f1a77-1b3c-4e8f-8a90-7c6d5e4f3a21';
const at = '2026-03-02T08:30:00.000Z';

/** One example of each kind's data; a new kind without one fails the typecheck. */
const EXAMPLES = {
  created: { number: '2603-0001', type: 'complaint', intakeChannel: 'phone' },
  updated: null,
  commented: null,
  transition: { action: 'acknowledge', from: 'new', to: 'acknowledged' },
  linked: { caseId: otherId, number: '2603-0002', kind: 'related' },
  reopened: { newCase: { caseId: otherId, number: '2603-0003' } },
  attachment_added: { attachmentId: otherId, filename: '现场照片.png', size: 2048, contentType: 'image/png' },
  assigned_by_rule: { ruleId: otherId, ruleName: '华东液压' },
  clocks_reset: { clocks: ['first_reply', 'resolve'] },
  site_arrived: { arrivedAt: at },
  sla_warning: { clock: 'first_reply', dueAt: at },
  sla_breached: { clock: 'resolve', dueAt: at },
  sla_escalated: { clock: 'resolve', level: 2, notified: 3, reassignedTo: otherId, priority: { from: 'P3', to: 'P2' } },
  disposition_proposed: { dispositionId: otherId, number: '2603-0001-D1', kind: 'refund', amount: 1200, requiredRole: 'manager' },
  disposition_approval_requested: {
    dispositionId: otherId,
    number: '2603-0001-D1',
    requiredRole: 'gm',
    amount: 20000,
    previousAmount: 1200,
    reason: 'amount_changed',
  },
  disposition_approved: { dispositionId: otherId, number: '2603-0001-D1', amount: 1200, role: 'manager' },
  disposition_refused: { dispositionId: otherId, number: '2603-0001-D1', amount: 1200, role: 'manager' },
  disposition_updated: {
    dispositionId: otherId,
    number: '2603-0001-D1',
    kind: 'compensation',
    action: 'customer_refuse',
    from: 'approved',
    to: 'refused',
    newCaseId: otherId,
  },
  service_memo_signed: { dispositionId: otherId, number: '2603-0001-D2', signedBy: '王工', attachmentId: otherId },
  cost_recorded: { costId: 7, category: 'parts', amount: 360.5, bearer: 'supplier', departmentId: null, externalParty: '宁波密封件厂' },
  cost_recovered: { costId: 7, amount: 360.5, from: '宁波密封件厂' },
  investigation_updated: { fields: ['facts', 'rootCause'] },
  investigation_reported: { late: false, dueAt: at },
  investigation_reviewed: { decision: 'returned', instruction: '补充鉴定报告' },
} satisfies { [K in CaseEventKind]: z.input<(typeof CASE_EVENT_DATA)[K]> };

const view = (kind: string, data: unknown) => ({
  id: '1',
  at,
  kind,
  actor: null,
  channel: 'system',
  changes: [],
  body: null,
  visibility: null,
  data,
});

describe('case event kinds', () => {
  it.each(CASE_EVENT_KINDS)('parses an example of %s', (kind) => {
    expect(CaseEvent.parse({ kind, data: EXAMPLES[kind] })).toEqual({ kind, data: EXAMPLES[kind] });
    expect(EventView.safeParse(view(kind, EXAMPLES[kind])).success).toBe(true);
  });

  it('refuses a kind that is not in the list', () => {
    expect(CaseEvent.safeParse({ kind: 'status_changed', data: null }).success).toBe(false);
    expect(parseCaseEvent('status_changed', null)).toBeUndefined();
  });

  it('refuses data that does not fit the kind', () => {
    expect(CaseEvent.safeParse({ kind: 'transition', data: { action: 'close' } }).success).toBe(false);
    expect(CaseEvent.safeParse({ kind: 'sla_warning', data: { clock: 'lunch', dueAt: at } }).success).toBe(false);
    expect(parseCaseEvent('linked', { caseId, number: '2603-0002', kind: 'sibling' })).toBeUndefined();
  });

  it('lets a writer leave out the data of kinds that have none', () => {
    expect(CaseEvent.parse({ kind: 'commented' })).toEqual({ kind: 'commented', data: null });
  });

  it('shows a cost event without its amount to callers lacking costs:read', () => {
    const { amount: _amount, ...withoutAmount } = EXAMPLES.cost_recorded;
    expect(EventView.safeParse(view('cost_recorded', withoutAmount)).success).toBe(true);
    expect(CaseEvent.safeParse({ kind: 'cost_recorded', data: withoutAmount }).success).toBe(false);
  });

  it('shows a stored row that does not parse as unrecognized, with its recorded kind', () => {
    const row = { ...view('unrecognized', { to: 'closed' }), recordedKind: 'transition' };
    expect(EventView.parse(row)).toEqual(row);
    expect(EventView.safeParse(view('transition', { to: 'closed' })).success).toBe(false);
  });
});
