import type { CaseView, DispositionView } from '@closeloop/domain';
import type { Handler } from './app.tsx';

export const USER_ID = '11111111-1111-4111-8111-111111111111';
export const CUSTOMER_ID = '22222222-2222-4222-8222-222222222222';
export const PRODUCT_ID = '33333333-3333-4333-8333-333333333333';
export const UNIT_ID = '44444444-4444-4444-8444-444444444444';
export const CASE_ID = '55555555-5555-4555-8555-555555555555';

/** A complaint in `resolving`, no responsibility recorded yet. */
export function caseFixture(overrides: Partial<CaseView> = {}): CaseView {
  return {
    id: CASE_ID,
    number: '2611-0007',
    type: 'complaint',
    status: 'resolving',
    holdFromStatus: null,
    title: '加热圈不升温',
    description: '第二段加热圈温度升不上去',
    serviceKind: null,
    customer: { id: CUSTOMER_ID, name: '苏州精密机械有限公司', tier: 'A', market: 'domestic' },
    contactId: null,
    contactName: '张伟',
    contactPhone: null,
    contactEmail: null,
    product: { id: PRODUCT_ID, model: 'HX-200', name: '伺服注塑机' },
    unit: null,
    batchNo: null,
    serialNo: null,
    orderNo: null,
    partNo: null,
    purchaseDate: null,
    purchaseChannel: null,
    deliveryDate: null,
    quantityDelivered: null,
    quantityDefective: null,
    quantityDefectiveUndetermined: false,
    occurredAt: null,
    occurredPlace: null,
    environment: null,
    recurrence: 'unknown',
    customerActions: null,
    customerDemands: ['repair'],
    channel: 'phone',
    receivedBy: { id: USER_ID, displayName: '李强' },
    receivedAt: '2026-11-20T02:00:00.000Z',
    firstResponder: { id: USER_ID, displayName: '李强' },
    validity: 'undetermined',
    isQualityRelated: true,
    severity: 'MA',
    grade: 'important',
    causeCategory: null,
    rootCause6m: null,
    owner: null,
    departmentId: null,
    priority: 'P2',
    derivedPriority: 'P2',
    priorityOverride: null,
    priorityOverrideReason: null,
    responsibility: null,
    proposal: null,
    resolution: null,
    customerConfirmed: null,
    confirmationNote: null,
    closeReason: null,
    rejectionExplanation: null,
    tags: [],
    links: [],
    createdAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
    closedAt: null,
    version: 4,
    allowedActions: ['request_confirmation', 'close', 'hold'],
    visitRequired: false,
    siteArrivedAt: null,
    slaDueAt: null,
    slaBreached: false,
    clocks: [],
    watchers: [],
    ...overrides,
  };
}

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
