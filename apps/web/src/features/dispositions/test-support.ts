import type { DispositionView } from '@closeloop/domain';
import { CASE_ID, type Handler, USER_ID } from '../cases/detail/test-support.tsx';

export const DISPOSITION_ID = '66666666-6666-4666-8666-666666666666';

export const ROLES = [
  { id: '77777777-7777-4777-8777-000000000001', code: 'manager', nameZh: '部门经理', nameEn: 'Manager', permissions: [], isSystem: true },
  {
    id: '77777777-7777-4777-8777-000000000002',
    code: 'deputy_gm',
    nameZh: '副总经理',
    nameEn: 'Deputy GM',
    permissions: [],
    isSystem: true,
  },
  { id: '77777777-7777-4777-8777-000000000003', code: 'gm', nameZh: '总经理', nameEn: 'General manager', permissions: [], isSystem: true },
  { id: '77777777-7777-4777-8777-000000000004', code: 'agent', nameZh: '受理专员', nameEn: 'Agent', permissions: [], isSystem: true },
];

/** A compensation of ¥8,000 waiting for the general manager's approval. */
export function dispositionFixture(overrides: Partial<DispositionView> = {}): DispositionView {
  return {
    id: DISPOSITION_ID,
    caseId: CASE_ID,
    caseNumber: '2611-0007',
    number: '2611-0007-D1',
    kind: 'compensation',
    status: 'awaiting_approval',
    details: { kind: 'compensation', amount: 8000, form: 'credit_note' },
    approvalKind: 'compensation',
    amount: 8000,
    requiresApproval: true,
    customerDecision: 'pending',
    warranty: null,
    approvals: [
      {
        id: 1,
        requiredRole: 'gm',
        amount: 8000,
        status: 'pending',
        requestedBy: { id: USER_ID, displayName: '李强' },
        decidedBy: null,
        decidedAt: null,
        note: null,
      },
    ],
    costs: [],
    costTotal: 0,
    signature: null,
    allowedActions: ['approve', 'refuse', 'update', 'cancel', 'customer_accept', 'customer_refuse'],
    createdAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
    version: 3,
    ...overrides,
  };
}

/** Answers the look-ups every disposition component makes (users, roles, departments), then `next`. */
export const lookups =
  (next?: Handler): Handler =>
  (call) => {
    if (call.path === '/users') return { body: { items: [] } };
    if (call.path === '/roles') return { body: { items: ROLES } };
    if (call.path === '/departments') return { body: { items: [] } };
    return next?.(call);
  };
