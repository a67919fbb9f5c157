import { z } from 'zod';
import { ROOT_CAUSES_6M } from '../cases/vocabulary.ts';
import { Id, text } from '../common/schemas.ts';
import { WARRANTY_EXCLUSIONS, WarrantyEvaluation } from '../warranty/evaluate.ts';
import { CategoryTerms } from '../warranty/terms.ts';
import { CostView, CreateDispositionBody, DISPOSITION_KINDS, DISPOSITION_STATUSES } from './schemas.ts';

/**
 * The remaining shapes of the disposition API (investigation, warranty, queues, costs, signature),
 * so server and web app share them.
 */

/** The fishbone's branches (鱼骨图): the six M's. */
export const FISHBONE_BRANCHES = ROOT_CAUSES_6M;

const branch = z.array(z.string().trim().min(1).max(500)).max(30).default([]);

/** `PUT /cases/{id}/investigation`: facts, 5-Why, fishbone (6M), root cause, appraisal of returned parts. */
export const InvestigationBody = z.object({
  version: z.number().int().min(0),
  facts: z.string().trim().max(20_000).optional(),
  fiveWhys: z
    .array(z.object({ why: z.string().trim().min(1).max(1000), because: z.string().trim().max(1000).default('') }))
    .max(10)
    .optional(),
  fishbone: z
    .object({ man: branch, machine: branch, material: branch, method: branch, measurement: branch, environment: branch })
    .partial()
    .optional(),
  rootCause6m: z.enum(ROOT_CAUSES_6M).nullable().optional(),
  rootCause: z.string().trim().max(5000).nullable().optional(),
  appraisalRequired: z.boolean().optional(),
  appraisalReport: z.string().trim().max(20_000).nullable().optional(),
});
export type InvestigationBody = z.infer<typeof InvestigationBody>;

/**
 * Where the investigation report stands: not submitted yet, submitted and waiting for management's
 * review, accepted, or returned to be edited and submitted again.
 */
export const INVESTIGATION_REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type InvestigationReportStatus = (typeof INVESTIGATION_REPORT_STATUSES)[number];

/** What management decides on the report (总经理室批示). */
export const REVIEW_DECISIONS = ['accepted', 'returned'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** `POST /cases/{id}/investigation/review`: the decision and the instruction (批示), required to return the report. */
export const InvestigationReviewBody = z
  .object({
    decision: z.enum(REVIEW_DECISIONS),
    instruction: text(5000).optional(),
    /** The version of the record the reviewer read; a different one is a conflict. */
    version: z.number().int().min(0).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.decision === 'returned' && !b.instruction) {
      ctx.addIssue({ code: 'custom', path: ['instruction'], message: 'say what is to be done before the report comes back' });
    }
  });
export type InvestigationReviewBody = z.infer<typeof InvestigationReviewBody>;

const Person = z.object({ id: Id, displayName: z.string() });

/** The investigation record of a case (调查分析); version 0 = nothing saved yet. */
export const InvestigationView = z.object({
  caseId: Id,
  facts: z.string(),
  fiveWhys: z.array(z.object({ why: z.string(), because: z.string() })),
  fishbone: z.record(z.string(), z.array(z.string())),
  rootCause6m: z.string().nullable(),
  rootCause: z.string().nullable(),
  appraisalRequired: z.boolean(),
  appraisalReport: z.string().nullable(),
  appraisedAt: z.string().nullable(),
  /** 3 working days after the first save. */
  reportDueAt: z.string().nullable(),
  reportSubmittedAt: z.string().nullable(),
  reportSubmittedBy: Person.nullable(),
  reportStatus: z.enum(INVESTIGATION_REPORT_STATUSES),
  /** Management's review of the report as submitted; null until it is reviewed (and again once it is resubmitted). */
  review: z
    .object({
      decision: z.enum(REVIEW_DECISIONS),
      instruction: z.string().nullable(),
      reviewedBy: Person.nullable(),
      reviewedAt: z.string(),
    })
    .nullable(),
  version: z.number().int(),
});
export type InvestigationView = z.infer<typeof InvestigationView>;

/** `GET /cases/{id}/warranty` query: the fault, an exclusion, the price paid. */
export const CaseWarrantyQuery = z.object({
  faultCode: z.string().trim().min(1).max(100).optional(),
  exclusion: z.enum(WARRANTY_EXCLUSIONS).optional(),
  price: z.coerce.number().min(0).max(100_000_000).optional(),
});
export type CaseWarrantyQuery = z.infer<typeof CaseWarrantyQuery>;

/** The warranty evaluation of a case, with the sale date and product category it used. */
export const CaseWarrantyView = WarrantyEvaluation.extend({ saleDate: z.string().nullable(), category: z.string().nullable() });
export type CaseWarrantyView = z.infer<typeof CaseWarrantyView>;

/** `POST /cases/{id}/dispositions`: optionally with the warranty evaluation stored alongside. */
export const ProposeDispositionBody = CreateDispositionBody.extend({
  withWarranty: z
    .object({
      faultCode: z.string().max(100).optional(),
      exclusion: z.enum(WARRANTY_EXCLUSIONS).optional(),
      price: z.number().min(0).optional(),
    })
    .optional(),
}).strict();
export type ProposeDispositionBody = z.infer<typeof ProposeDispositionBody>;

export const DispositionQueueItem = z.object({
  id: Id,
  number: z.string(),
  caseId: Id,
  caseNumber: z.string(),
  kind: z.enum(DISPOSITION_KINDS),
  status: z.enum(DISPOSITION_STATUSES),
});
export type DispositionQueueItem = z.infer<typeof DispositionQueueItem>;

/** `GET /dispositions/queues`: the work lists. */
export const DispositionQueues = z.object({
  returnsAwaitingGoods: z.array(DispositionQueueItem),
  partsInTransit: z.array(DispositionQueueItem),
  visitsToday: z.array(DispositionQueueItem),
  approvalsForMe: z.array(DispositionQueueItem),
});
export type DispositionQueues = z.infer<typeof DispositionQueues>;

/** `POST /dispositions/{id}/signature`: the customer's signature on the service memo. */
export const SignatureBody = z.object({
  /** PNG as base64 or a `data:image/png;base64,` URL. */
  pngBase64: z.string().min(100).max(2_000_000),
  signedBy: z.string().trim().min(1).max(100),
  version: z.number().int(),
});
export type SignatureBody = z.infer<typeof SignatureBody>;

/** `GET /cases/{id}/costs`: the case's costs with totals by category and by who bears them. */
export const CostSummary = z.object({
  items: z.array(CostView),
  total: z.number(),
  recovered: z.number(),
  net: z.number(),
  byCategory: z.record(z.string(), z.number()),
  byBearer: z.record(z.string(), z.number()),
});
export type CostSummary = z.infer<typeof CostSummary>;

/** `GET /warranty-terms` items: a product category's deviations from the consumer-goods defaults. */
export const WarrantyTermsView = z.object({ category: z.string(), terms: CategoryTerms, version: z.number().int() });
export type WarrantyTermsView = z.infer<typeof WarrantyTermsView>;

/** `PUT /warranty-terms/{category}`. */
export const PutWarrantyTermsBody = z.object({ terms: CategoryTerms, version: z.number().int().optional() });
export type PutWarrantyTermsBody = z.infer<typeof PutWarrantyTermsBody>;
