import { z } from 'zod';
import { Locale } from '../auth/schemas.ts';
import { Id, IsoDate, IsoDateTime, PageQuery, requiredText, text } from '../common/schemas.ts';

/** What is done for the customer (处置), each a record of its own started from a case (PROCEDURE.md §5). */
export const DISPOSITION_KINDS = [
  'explanation',
  'repair',
  'replacement',
  'refund',
  'rma',
  'spare_parts',
  'service_order',
  'compensation',
] as const;
export type DispositionKind = (typeof DISPOSITION_KINDS)[number];

/**
 * One lifecycle for every kind: proposed → (awaiting_approval → approved) → in_progress → done;
 * refused by the approver, cancelled by the handler. Kind-specific facts (goods received, parts
 * shipped, arrival on site, signature) are recorded by actions while in progress.
 */
export const DISPOSITION_STATUSES = ['proposed', 'awaiting_approval', 'approved', 'in_progress', 'done', 'refused', 'cancelled'] as const;
export type DispositionStatus = (typeof DISPOSITION_STATUSES)[number];

/** Kinds of spending the approval matrix (核决权限) is keyed by. */
export const APPROVAL_KINDS = ['compensation', 'free_replacement', 'refund', 'goodwill'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

export const COST_CATEGORIES = ['parts', 'labour', 'travel', 'freight', 'compensation', 'scrap'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

/** Who bears a cost: a department of ours (external failure cost), or it is recovered from a supplier, carrier or the customer. */
export const COST_BEARERS = ['department', 'supplier', 'carrier', 'customer'] as const;

export const CUSTOMER_DECISIONS = ['pending', 'accepted', 'refused'] as const;
/** `superseded`: the amount or kind changed before the decision and a new request replaced this one. */
export const APPROVAL_STATUSES = ['pending', 'approved', 'refused', 'superseded'] as const;

export const COMPENSATION_FORMS = ['credit_note', 'payment', 'goods'] as const;
export const RETURNED_GOODS_DISPOSITIONS = ['scrap', 'rework', 'return_to_supplier', 'restock'] as const;

const money = z.number().min(0).max(100_000_000).multipleOf(0.01);
const serial = text(100);

/**
 * Value given beyond what is owed (CNY) on a kind without an amount of its own: a free repair, free
 * parts, a free visit. The one amount the goodwill band is approved for (核决权限); nothing else.
 */
const goodwillAmount = money.optional();

const Part = z.object({ partNo: text(100).optional(), name: requiredText(200), quantity: z.number().int().min(1).max(100_000) });

/** Facts per kind, set when proposing and completed while in progress. */
export const DispositionDetails = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('explanation'), text: requiredText(10_000) }),
  z
    .object({
      kind: z.literal('repair'),
      where: z.enum(['on_site', 'factory', 'service_point']).default('factory'),
      fault: text(2000).optional(),
      workDone: text(10_000).optional(),
      chargeable: z.boolean().default(false),
      quote: money.optional(),
      goodwillAmount,
      /** Handed in or sent in for repair (送修); while not returned, the warranty counts the repair's days from it. */
      receivedOn: IsoDate.optional(),
      /** Given back to the customer (交还); completion records the day it happens when none is given. */
      returnedOn: IsoDate.optional(),
    })
    .refine((r) => !r.receivedOn || !r.returnedOn || r.returnedOn >= r.receivedOn, {
      path: ['returnedOn'],
      message: 'a repair is returned on or after the day it was received',
    }),
  z.object({
    kind: z.literal('replacement'),
    faultySerial: serial.optional(),
    replacementSerial: serial.optional(),
    quantity: z.number().int().min(1).max(1_000_000).default(1),
    value: money.optional(),
  }),
  z.object({ kind: z.literal('refund'), amount: money, reason: text(2000).optional(), paidOn: IsoDate.optional() }),
  z.object({
    kind: z.literal('rma'),
    quantity: z.number().int().min(1).max(1_000_000).default(1),
    receivedOn: IsoDate.optional(),
    receivedQuantity: z.number().int().min(0).max(1_000_000).optional(),
    inspection: text(10_000).optional(),
    inspectionPassed: z.boolean().optional(),
    goodsDisposition: z.enum(RETURNED_GOODS_DISPOSITIONS).optional(),
    goodwillAmount,
  }),
  z.object({
    kind: z.literal('spare_parts'),
    parts: z.array(Part).min(1).max(100),
    carrier: text(100).optional(),
    trackingNo: text(100).optional(),
    shippedOn: IsoDate.optional(),
    receivedOn: IsoDate.optional(),
    chargeable: z.boolean().default(false),
    goodwillAmount,
  }),
  z.object({
    kind: z.literal('service_order'),
    engineerIds: z.array(Id).max(10).default([]),
    plannedArrival: IsoDateTime.optional(),
    arrivedAt: IsoDateTime.optional(),
    departedAt: IsoDateTime.optional(),
    workDone: text(20_000).optional(),
    partsUsed: z
      .array(Part.extend({ serialOut: serial.optional(), serialIn: serial.optional() }))
      .max(100)
      .default([]),
    labourHours: z.number().min(0).max(10_000).optional(),
    travelHours: z.number().min(0).max(10_000).optional(),
    customerComment: text(2000).optional(),
    satisfaction: z.number().int().min(1).max(5).optional(),
    goodwillAmount,
  }),
  z.object({ kind: z.literal('compensation'), amount: money, form: z.enum(COMPENSATION_FORMS), note: text(2000).optional() }),
]);
export type DispositionDetails = z.infer<typeof DispositionDetails>;

/**
 * A new disposition. The money and its kind of spending come from the details alone (the refund or
 * compensation amount, the replacement value, a goodwill amount): the server computes the approval
 * band from them, so a second amount beside the details is refused, not ignored.
 */
export const CreateDispositionBody = z
  .object({
    details: DispositionDetails,
    note: text(2000).optional(),
  })
  .strict();
export type CreateDispositionBody = z.infer<typeof CreateDispositionBody>;

export const DISPOSITION_ACTIONS = [
  'submit',
  'approve',
  'refuse',
  'start',
  'update',
  'complete',
  'cancel',
  'customer_accept',
  'customer_refuse',
] as const;
export type DispositionAction = (typeof DISPOSITION_ACTIONS)[number];

export const DispositionActionBody = z.object({
  action: z.enum(DISPOSITION_ACTIONS),
  version: z.number().int().min(1),
  note: text(2000).optional(),
  /** update / complete: facts to merge into the details (same kind). */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type DispositionActionBody = z.infer<typeof DispositionActionBody>;

export const ApprovalView = z.object({
  id: z.number().int(),
  requiredRole: z.string(),
  amount: z.number(),
  status: z.enum(APPROVAL_STATUSES),
  requestedBy: z.object({ id: Id, displayName: z.string() }).nullable(),
  decidedBy: z.object({ id: Id, displayName: z.string() }).nullable(),
  decidedAt: IsoDateTime.nullable(),
  note: z.string().nullable(),
});

export const CostView = z.object({
  id: z.number().int(),
  dispositionId: Id.nullable(),
  category: z.enum(COST_CATEGORIES),
  amount: z.number(),
  description: z.string().nullable(),
  bearer: z.enum(COST_BEARERS),
  departmentId: Id.nullable(),
  externalParty: z.string().nullable(),
  incurredOn: IsoDate,
  recoveredAmount: z.number(),
});
export type CostView = z.infer<typeof CostView>;

export const CostBody = z
  .object({
    dispositionId: Id.optional(),
    category: z.enum(COST_CATEGORIES),
    amount: money.refine((v) => v > 0, 'must be more than 0'),
    description: text(500).optional(),
    bearer: z.enum(COST_BEARERS).optional(),
    departmentId: Id.optional(),
    externalParty: text(200).optional(),
    incurredOn: IsoDate.optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.bearer === 'supplier' || c.bearer === 'carrier') && !c.externalParty) {
      ctx.addIssue({ code: 'custom', path: ['externalParty'], message: `name the ${c.bearer}` });
    }
  });

export const DispositionView = z.object({
  id: Id,
  caseId: Id,
  caseNumber: z.string(),
  number: z.string(),
  kind: z.enum(DISPOSITION_KINDS),
  status: z.enum(DISPOSITION_STATUSES),
  details: DispositionDetails,
  /** Computed from the details: what kind of spending this is for the approval matrix. */
  approvalKind: z.enum(APPROVAL_KINDS).nullable(),
  /** Computed from the details: the amount approved and paid (CNY). */
  amount: z.number().nullable(),
  requiresApproval: z.boolean(),
  customerDecision: z.enum(CUSTOMER_DECISIONS),
  warranty: z.unknown().nullable(),
  approvals: z.array(ApprovalView),
  /** Left out for callers without `costs:read`. */
  costs: z.array(CostView).optional().describe('Costs of this disposition; left out for callers without costs:read'),
  /** Left out for callers without `costs:read`. */
  costTotal: z.number().optional().describe('Sum of the costs; left out for callers without costs:read'),
  signature: z.object({ attachmentId: Id, signedBy: z.string(), signedAt: IsoDateTime }).nullable(),
  allowedActions: z.array(z.enum(DISPOSITION_ACTIONS)),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type DispositionView = z.infer<typeof DispositionView>;

/** `GET /dispositions`: dispositions across cases; `open` = not done, refused or cancelled. */
export const ListDispositionsQuery = PageQuery.extend({
  kind: z.enum(DISPOSITION_KINDS).optional(),
  status: z.enum(DISPOSITION_STATUSES).optional(),
  open: z.enum(['true', 'false']).optional(),
});
export type ListDispositionsQuery = z.infer<typeof ListDispositionsQuery>;

/** `POST /dispositions/{id}/actions`: the disposition after the action, and the case a refused customer decision reopened. */
export const DispositionActionResult = z.object({ disposition: DispositionView, createdCaseId: Id.nullable() });
export type DispositionActionResult = z.infer<typeof DispositionActionResult>;

/** `GET /dispositions/{id}/memo.pdf`: the language of the printed memo. */
export const MemoQuery = z.object({ lang: Locale.default('zh-CN') });

export const ApprovalRuleBody = z
  .object({
    kind: z.enum(APPROVAL_KINDS),
    /** Amounts above this (CNY)… */
    minAmount: money.default(0),
    /** …up to and including this; null = no upper limit. */
    maxAmount: money.nullable().default(null),
    /** Role code that must approve (e.g. manager, deputy_gm, gm). */
    roleCode: requiredText(64),
  })
  .refine((r) => r.maxAmount === null || r.maxAmount > r.minAmount, { path: ['maxAmount'], message: 'must be above minAmount' });

export const ApprovalRuleView = z.object({
  id: Id,
  kind: z.enum(APPROVAL_KINDS),
  minAmount: z.number(),
  maxAmount: z.number().nullable(),
  roleCode: z.string(),
  version: z.number().int(),
});
export type ApprovalRuleView = z.infer<typeof ApprovalRuleView>;

/** `PUT /approval-rules/{kind}`: every amount band of one kind of spending, replacing the old ones. */
export const PutApprovalRulesBody = z.object({ bands: z.array(ApprovalRuleBody).min(1).max(20) });
export type PutApprovalRulesBody = z.infer<typeof PutApprovalRulesBody>;

/** `POST /costs/{id}/recovery`: the amount got back from the supplier or carrier (CNY). */
export const RecoveryBody = z.object({ amount: z.number().min(0).max(100_000_000) });
export type RecoveryBody = z.infer<typeof RecoveryBody>;

/** Monthly settlement for finance: external failure cost by department, product and customer. */
export const SettlementQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM') });
export const SettlementView = z.object({
  month: z.string(),
  total: z.number(),
  recovered: z.number(),
  byDepartment: z.array(z.object({ departmentId: Id.nullable(), amount: z.number(), cases: z.number().int() })),
  byProduct: z.array(z.object({ productId: Id.nullable(), model: z.string().nullable(), amount: z.number() })),
  byCustomer: z.array(z.object({ customerId: Id.nullable(), name: z.string().nullable(), amount: z.number() })),
  byCategory: z.record(z.string(), z.number()),
  recoveries: z.array(z.object({ bearer: z.string(), externalParty: z.string().nullable(), amount: z.number(), recovered: z.number() })),
});
