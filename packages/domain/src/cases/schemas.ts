import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, requiredText, text } from '../common/schemas.ts';
import { ClockView } from '../sla/schemas.ts';
import { CASE_ACTIONS } from './lifecycle.ts';
import {
  CASE_STATUSES,
  CASE_TYPES,
  CAUSE_CATEGORIES,
  CHANNELS,
  COMMENT_VISIBILITIES,
  CUSTOMER_DEMANDS,
  GRADES,
  LINK_KINDS,
  PRIORITIES,
  RECURRENCES,
  RESPONSIBILITY_PARTIES,
  ROOT_CAUSES_6M,
  SERVICE_KINDS,
  SEVERITIES,
  VALIDITIES,
  WATCHER_REASONS,
} from './vocabulary.ts';

const quantity = z.number().int().min(0).max(1_000_000_000);
const tag = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^,\s][^,]*$/u, 'no commas');

/** The responsibility decision (责任判定). */
export const Responsibility = z
  .object({
    party: z.enum(RESPONSIBILITY_PARTIES),
    /** Responsible department when the party is `ours`. */
    departmentId: Id.optional(),
    /** Supplier or carrier name when the party is `supplier` or `carrier`. */
    externalParty: text(200).optional(),
    reason: requiredText(2000),
  })
  .superRefine((r, ctx) => {
    if (r.party === 'ours' && !r.departmentId) {
      ctx.addIssue({ code: 'custom', path: ['departmentId'], message: 'name the responsible department' });
    }
    if ((r.party === 'supplier' || r.party === 'carrier') && !r.externalParty) {
      ctx.addIssue({ code: 'custom', path: ['externalParty'], message: `name the ${r.party}` });
    }
  });
export type Responsibility = z.infer<typeof Responsibility>;

/** Fields that may be set at registration and edited later (PROCEDURE.md §2–§3). */
const caseFields = {
  title: requiredText(200),
  /** The phenomenon as the customer describes it (现象描述). */
  description: text(20_000).default(''),
  serviceKind: z.enum(SERVICE_KINDS).optional(),
  customerId: Id.optional(),
  contactId: Id.optional(),
  contactName: text(100).optional(),
  contactPhone: text(50).optional(),
  contactEmail: z.email().max(254).optional(),
  productId: Id.optional(),
  unitId: Id.optional(),
  batchNo: text(100).optional(),
  serialNo: text(100).optional(),
  orderNo: text(100).optional(),
  partNo: text(100).optional(),
  purchaseDate: IsoDate.optional(),
  purchaseChannel: text(200).optional(),
  deliveryDate: IsoDate.optional(),
  quantityDelivered: quantity.optional(),
  /** Omit with `quantityDefectiveUndetermined: true` while the customer is still processing (客户加工中未确定). */
  quantityDefective: quantity.optional(),
  quantityDefectiveUndetermined: z.boolean().default(false),
  occurredAt: IsoDateTime.optional(),
  occurredPlace: text(500).optional(),
  environment: text(2000).optional(),
  recurrence: z.enum(RECURRENCES).default('unknown'),
  /** What the customer already tried. */
  customerActions: text(5000).optional(),
  customerDemands: z.array(z.enum(CUSTOMER_DEMANDS)).max(CUSTOMER_DEMANDS.length).default([]),
  channel: z.enum(CHANNELS),
  /** Defaults to the registering user. */
  receivedById: Id.optional(),
  /** Defaults to now. */
  receivedAt: IsoDateTime.optional(),
  /** 首问责任人; defaults to whoever received the case. */
  firstResponderId: Id.optional(),
  validity: z.enum(VALIDITIES).default('undetermined'),
  /** False for non-quality complaints (delivery, billing, attitude, human error). */
  isQualityRelated: z.boolean().default(true),
  severity: z.enum(SEVERITIES).optional(),
  grade: z.enum(GRADES).optional(),
  causeCategory: z.enum(CAUSE_CATEGORIES).optional(),
  rootCause6m: z.enum(ROOT_CAUSES_6M).optional(),
  ownerId: Id.optional(),
  departmentId: Id.optional(),
  tags: z.array(tag).max(20).default([]),
  /** An engineer must go on site (需上门): starts the on-site clock. */
  visitRequired: z.boolean().default(false),
};

const quantityRule = (
  v: { quantityDefective?: number | null; quantityDefectiveUndetermined?: boolean; quantityDelivered?: number | null },
  ctx: z.RefinementCtx,
) => {
  if (v.quantityDefectiveUndetermined && v.quantityDefective != null) {
    ctx.addIssue({
      code: 'custom',
      path: ['quantityDefective'],
      message: 'leave empty while the quantity is not yet determined',
    });
  }
  if (v.quantityDelivered != null && v.quantityDefective != null && v.quantityDefective > v.quantityDelivered) {
    ctx.addIssue({
      code: 'custom',
      path: ['quantityDefective'],
      message: 'cannot exceed the quantity delivered',
    });
  }
};

export const CreateCaseBody = z
  .object({
    type: z.enum(CASE_TYPES),
    ...caseFields,
    links: z
      .array(z.object({ caseId: Id, kind: z.enum(['related', 'duplicate', 'follow_up']) }))
      .max(20)
      .default([]),
  })
  .superRefine(quantityRule)
  .superRefine((v, ctx) => {
    if (v.serviceKind && v.type !== 'service_request') {
      ctx.addIssue({ code: 'custom', path: ['serviceKind'], message: 'only for service requests' });
    }
  });
export type CreateCaseBody = z.infer<typeof CreateCaseBody>;

/** Partial update; every field optional and nullable where it may be cleared. `version` is required. */
export const UpdateCaseBody = z
  .object({
    version: z.number().int().min(1),
    title: caseFields.title.optional(),
    description: text(20_000).optional(),
    serviceKind: z.enum(SERVICE_KINDS).nullable().optional(),
    customerId: Id.nullable().optional(),
    contactId: Id.nullable().optional(),
    contactName: text(100).nullable().optional(),
    contactPhone: text(50).nullable().optional(),
    contactEmail: z.email().max(254).nullable().optional(),
    productId: Id.nullable().optional(),
    unitId: Id.nullable().optional(),
    batchNo: text(100).nullable().optional(),
    serialNo: text(100).nullable().optional(),
    orderNo: text(100).nullable().optional(),
    partNo: text(100).nullable().optional(),
    purchaseDate: IsoDate.nullable().optional(),
    purchaseChannel: text(200).nullable().optional(),
    deliveryDate: IsoDate.nullable().optional(),
    quantityDelivered: quantity.nullable().optional(),
    quantityDefective: quantity.nullable().optional(),
    quantityDefectiveUndetermined: z.boolean().optional(),
    occurredAt: IsoDateTime.nullable().optional(),
    occurredPlace: text(500).nullable().optional(),
    environment: text(2000).nullable().optional(),
    recurrence: z.enum(RECURRENCES).optional(),
    customerActions: text(5000).nullable().optional(),
    // Built afresh: the create fields carry `.default([])`, which would reset an omitted list on every edit.
    customerDemands: z.array(z.enum(CUSTOMER_DEMANDS)).max(CUSTOMER_DEMANDS.length).optional(),
    channel: z.enum(CHANNELS).optional(),
    validity: z.enum(VALIDITIES).optional(),
    isQualityRelated: z.boolean().optional(),
    severity: z.enum(SEVERITIES).nullable().optional(),
    grade: z.enum(GRADES).nullable().optional(),
    causeCategory: z.enum(CAUSE_CATEGORIES).nullable().optional(),
    rootCause6m: z.enum(ROOT_CAUSES_6M).nullable().optional(),
    ownerId: Id.nullable().optional(),
    departmentId: Id.nullable().optional(),
    tags: z.array(tag).max(20).optional(),
    visitRequired: z.boolean().optional(),
    /** Set a priority other than the derived one; needs `priorityOverrideReason`. `null` returns to the derived priority. */
    priorityOverride: z.enum(PRIORITIES).nullable().optional(),
    priorityOverrideReason: text(500).optional(),
    responsibility: Responsibility.optional(),
  })
  .superRefine(quantityRule)
  .superRefine((v, ctx) => {
    if (v.priorityOverride && !v.priorityOverrideReason) {
      ctx.addIssue({ code: 'custom', path: ['priorityOverrideReason'], message: 'give a reason for overriding' });
    }
  });
export type UpdateCaseBody = z.infer<typeof UpdateCaseBody>;

const note = text(5000).optional();

/** Body of `POST /cases/{id}/transitions`; fields beyond `action` matter to some actions only. */
export const TransitionBody = z.object({
  action: z.enum(CASE_ACTIONS),
  /** The version the caller last saw; a stale one is refused with 409. */
  version: z.number().int().min(1).optional(),
  note,
  /** propose: the proposed handling. */
  proposal: text(10_000).optional(),
  /** request_confirmation / close: what was done. */
  resolution: text(10_000).optional(),
  /** close: the responsibility decision, if not already recorded. */
  responsibility: Responsibility.optional(),
  /** close: the customer confirmed the result. */
  customerConfirmed: z.boolean().optional(),
  /** close: how the customer confirmed, e.g. "phone call with Mr Wang". */
  confirmationNote: text(2000).optional(),
  /** close: why the case closes without the customer's confirmation. */
  closeReason: text(2000).optional(),
  /** reject: the explanation given to the customer (投诉不成立). */
  explanation: text(10_000).optional(),
  /** hold / decline / reopen. */
  reason: text(2000).optional(),
});
export type TransitionBody = z.infer<typeof TransitionBody>;

export const CommentBody = z.object({
  body: requiredText(20_000),
  visibility: z.enum(COMMENT_VISIBILITIES).default('internal'),
});
export type CommentBody = z.infer<typeof CommentBody>;

export const LinkBody = z.object({ caseId: Id, kind: z.enum(['related', 'duplicate', 'follow_up']) });

export const PersonRef = z.object({ id: Id, displayName: z.string() }).nullable();

export const CaseView = z.object({
  id: Id,
  number: z.string(),
  type: z.enum(CASE_TYPES),
  status: z.enum(CASE_STATUSES),
  holdFromStatus: z.enum(CASE_STATUSES).nullable(),
  title: z.string(),
  description: z.string(),
  serviceKind: z.enum(SERVICE_KINDS).nullable(),
  customer: z.object({ id: Id, name: z.string(), tier: z.string(), market: z.string() }).nullable(),
  contactId: Id.nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  product: z.object({ id: Id, model: z.string(), name: z.string() }).nullable(),
  unit: z.object({ id: Id, serial: z.string(), warrantyEnd: z.string().nullable() }).nullable(),
  batchNo: z.string().nullable(),
  serialNo: z.string().nullable(),
  orderNo: z.string().nullable(),
  partNo: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  purchaseChannel: z.string().nullable(),
  deliveryDate: z.string().nullable(),
  quantityDelivered: z.number().int().nullable(),
  quantityDefective: z.number().int().nullable(),
  quantityDefectiveUndetermined: z.boolean(),
  occurredAt: IsoDateTime.nullable(),
  occurredPlace: z.string().nullable(),
  environment: z.string().nullable(),
  recurrence: z.enum(RECURRENCES),
  customerActions: z.string().nullable(),
  customerDemands: z.array(z.enum(CUSTOMER_DEMANDS)),
  channel: z.enum(CHANNELS),
  receivedBy: PersonRef,
  receivedAt: IsoDateTime,
  firstResponder: PersonRef,
  validity: z.enum(VALIDITIES),
  isQualityRelated: z.boolean(),
  severity: z.enum(SEVERITIES).nullable(),
  grade: z.enum(GRADES).nullable(),
  causeCategory: z.enum(CAUSE_CATEGORIES).nullable(),
  rootCause6m: z.enum(ROOT_CAUSES_6M).nullable(),
  owner: PersonRef,
  departmentId: Id.nullable(),
  /** Effective priority: the override when set, else the derived one. */
  priority: z.enum(PRIORITIES),
  derivedPriority: z.enum(PRIORITIES),
  priorityOverride: z.enum(PRIORITIES).nullable(),
  priorityOverrideReason: z.string().nullable(),
  responsibility: z
    .object({
      party: z.enum(RESPONSIBILITY_PARTIES),
      departmentId: Id.nullable(),
      externalParty: z.string().nullable(),
      reason: z.string(),
    })
    .nullable(),
  proposal: z.string().nullable(),
  resolution: z.string().nullable(),
  customerConfirmed: z.boolean().nullable(),
  confirmationNote: z.string().nullable(),
  closeReason: z.string().nullable(),
  rejectionExplanation: z.string().nullable(),
  tags: z.array(z.string()),
  links: z.array(z.object({ caseId: Id, number: z.string(), kind: z.enum(LINK_KINDS) })),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  closedAt: IsoDateTime.nullable(),
  version: z.number().int(),
  /** Actions the caller may take now, from the transition table and their permissions. */
  allowedActions: z.array(z.enum(CASE_ACTIONS)),
  visitRequired: z.boolean(),
  siteArrivedAt: IsoDateTime.nullable(),
  /** Earliest due time of the clocks still counting. */
  slaDueAt: IsoDateTime.nullable(),
  /** Some deadline of this case was missed (stays true). */
  slaBreached: z.boolean(),
  clocks: z.array(ClockView),
  /** People following the case besides the owner; the first responder always is one. */
  watchers: z.array(z.object({ userId: Id, displayName: z.string(), reason: z.enum(WATCHER_REASONS) })),
});
export type CaseView = z.infer<typeof CaseView>;

/** A row of the case list: the columns a queue shows. */
export const CaseSummary = CaseView.pick({
  id: true,
  number: true,
  type: true,
  status: true,
  title: true,
  severity: true,
  grade: true,
  priority: true,
  channel: true,
  departmentId: true,
  receivedAt: true,
  createdAt: true,
  updatedAt: true,
  version: true,
}).extend({
  customer: z.object({ id: Id, name: z.string() }).nullable(),
  product: z.object({ id: Id, model: z.string() }).nullable(),
  owner: PersonRef,
  slaDueAt: IsoDateTime.nullable(),
  slaWarnAt: IsoDateTime.nullable(),
  slaBreached: z.boolean(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const AttachmentView = z.object({
  id: Id,
  caseId: Id,
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: PersonRef,
  createdAt: IsoDateTime,
});
export type AttachmentView = z.infer<typeof AttachmentView>;

/** `POST /cases/{id}/transitions`: the case after the action and, for `reopen`, the new linked case. */
export const TransitionResult = z.object({ case: CaseView, createdCase: CaseView.nullable() });
export type TransitionResult = z.infer<typeof TransitionResult>;
