import {
  APPROVAL_KINDS,
  APPROVAL_STATUSES,
  type ApprovalKind,
  COST_BEARERS,
  COST_CATEGORIES,
  type CostCategory,
  CUSTOMER_DECISIONS,
  DISPOSITION_KINDS,
  DISPOSITION_STATUSES,
  type DispositionKind,
  type DispositionStatus,
  REVIEW_DECISIONS,
  type ReviewDecision,
  type ROOT_CAUSES_6M,
} from '@closeloop/domain';
import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, index, jsonb, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { departments, users } from './auth.ts';
import { cases } from './cases.ts';
import { createdAt, id, nullOrOneOf, oneOf, ts, updatedAt, version } from './columns.ts';

/** The investigation of a case (调查分析): facts, 5-Why, fishbone, appraisal of returned parts. */
export const caseInvestigations = pgTable(
  'case_investigations',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id),
    facts: text('facts').notNull().default(''),
    /** `[{ why, because }]`, in order. */
    fiveWhys: jsonb('five_whys').notNull().default(sql`'[]'::jsonb`),
    /** `{ man: [], machine: [], material: [], method: [], measurement: [], environment: [] }`. */
    fishbone: jsonb('fishbone').notNull().default(sql`'{}'::jsonb`),
    rootCause6m: text('root_cause_6m').$type<(typeof ROOT_CAUSES_6M)[number]>(),
    rootCause: text('root_cause'),
    appraisalRequired: boolean('appraisal_required').notNull().default(false),
    appraisalReport: text('appraisal_report'),
    appraisedAt: ts('appraised_at'),
    /** Investigation report to management due (default 3 working days, on the SLA calendar). */
    reportDueAt: ts('report_due_at'),
    reportSubmittedAt: ts('report_submitted_at'),
    reportSubmittedById: uuid('report_submitted_by_id').references(() => users.id),
    /** Management's review of the report as submitted (总经理室批示); cleared when it is submitted again. */
    reviewDecision: text('review_decision').$type<ReviewDecision>(),
    reviewInstruction: text('review_instruction'),
    reviewedById: uuid('reviewed_by_id').references(() => users.id),
    reviewedAt: ts('reviewed_at'),
    updatedAt: updatedAt(),
    version: version(),
  },
  () => [
    check('case_investigations_review_decision_check', nullOrOneOf('review_decision', REVIEW_DECISIONS)),
    check(
      'case_investigations_review_check',
      sql`(review_decision IS NULL) = (reviewed_at IS NULL) AND (review_decision IS NULL OR report_submitted_at IS NOT NULL)`,
    ),
    check(
      'case_investigations_not_self_review_check',
      sql`reviewed_by_id IS NULL OR report_submitted_by_id IS NULL OR reviewed_by_id <> report_submitted_by_id`,
    ),
  ],
);

export const dispositions = pgTable(
  'dispositions',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** `<case number>-D<n>`; an RMA's authorisation number is `RMA-<case number>-<n>`. */
    number: text('number').notNull().unique(),
    kind: text('kind').$type<DispositionKind>().notNull(),
    status: text('status').notNull().default('proposed').$type<DispositionStatus>(),
    details: jsonb('details').notNull(),
    approvalKind: text('approval_kind').$type<ApprovalKind>(),
    amount: numeric('amount', { precision: 14, scale: 2, mode: 'number' }),
    requiresApproval: boolean('requires_approval').notNull().default(false),
    customerDecision: text('customer_decision').$type<(typeof CUSTOMER_DECISIONS)[number]>().notNull().default('pending'),
    /** The warranty (三包) evaluation at the time it was proposed, reasoning included. */
    warranty: jsonb('warranty'),
    /** `{ attachmentId, signedBy, signedAt }` of the customer's signature on the service memo. */
    signature: jsonb('signature'),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    index('dispositions_case_idx').on(t.caseId),
    index('dispositions_open_idx').on(t.kind, t.status).where(sql`status NOT IN ('done', 'refused', 'cancelled')`),
    check('dispositions_kind_check', oneOf('kind', DISPOSITION_KINDS)),
    check('dispositions_status_check', oneOf('status', DISPOSITION_STATUSES)),
    check('dispositions_customer_decision_check', oneOf('customer_decision', CUSTOMER_DECISIONS)),
  ],
);

/** One approval request of a disposition (核决权限): the role the matrix names for its amount. */
export const dispositionApprovals = pgTable(
  'disposition_approvals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dispositionId: uuid('disposition_id')
      .notNull()
      .references(() => dispositions.id),
    requiredRole: text('required_role').notNull(),
    amount: numeric('amount', { precision: 14, scale: 2, mode: 'number' }).notNull(),
    status: text('status').notNull().default('pending').$type<(typeof APPROVAL_STATUSES)[number]>(),
    requestedById: uuid('requested_by_id').references(() => users.id),
    /** Who proposed the disposition: like the requester, never its approver. */
    proposedById: uuid('proposed_by_id').references(() => users.id),
    requestedAt: ts('requested_at').notNull(),
    decidedById: uuid('decided_by_id').references(() => users.id),
    decidedAt: ts('decided_at'),
    note: text('note'),
  },
  (t) => [
    index('disposition_approvals_pending_idx').on(t.requiredRole).where(sql`status = 'pending'`),
    index('disposition_approvals_disposition_idx').on(t.dispositionId),
    /** `superseded`: the amount or kind changed before the decision; a new request replaced it. */
    check('disposition_approvals_status_check', oneOf('status', APPROVAL_STATUSES)),
    check('disposition_approvals_not_self_check', sql`decided_by_id IS NULL OR decided_by_id <> requested_by_id`),
    check(
      'disposition_approvals_not_proposer_check',
      sql`decided_by_id IS NULL OR proposed_by_id IS NULL OR decided_by_id <> proposed_by_id`,
    ),
  ],
);

/** The approval matrix: amount bands per kind of spending → the role that approves. */
export const approvalRules = pgTable(
  'approval_rules',
  {
    id: id(),
    kind: text('kind').$type<ApprovalKind>().notNull(),
    minAmount: numeric('min_amount', { precision: 14, scale: 2, mode: 'number' }).notNull().default(0),
    maxAmount: numeric('max_amount', { precision: 14, scale: 2, mode: 'number' }),
    roleCode: text('role_code').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    index('approval_rules_kind_idx').on(t.kind, t.minAmount),
    check('approval_rules_kind_check', oneOf('kind', APPROVAL_KINDS)),
    check('approval_rules_band_check', sql`max_amount IS NULL OR max_amount > min_amount`),
  ],
);

/** Costs of a case (质量损失): charged to a department (external failure cost) or recovered from a supplier, carrier or customer. */
export const caseCosts = pgTable(
  'case_costs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    dispositionId: uuid('disposition_id').references(() => dispositions.id),
    category: text('category').$type<CostCategory>().notNull(),
    amount: numeric('amount', { precision: 14, scale: 2, mode: 'number' }).notNull(),
    description: text('description'),
    bearer: text('bearer').$type<(typeof COST_BEARERS)[number]>().notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    externalParty: text('external_party'),
    incurredOn: date('incurred_on', { mode: 'string' }).notNull(),
    recoveredAmount: numeric('recovered_amount', { precision: 14, scale: 2, mode: 'number' }).notNull().default(0),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('case_costs_case_idx').on(t.caseId),
    index('case_costs_month_idx').on(t.incurredOn),
    check('case_costs_category_check', oneOf('category', COST_CATEGORIES)),
    check('case_costs_bearer_check', oneOf('bearer', COST_BEARERS)),
    check('case_costs_amount_check', sql`amount > 0 AND recovered_amount >= 0 AND recovered_amount <= amount`),
  ],
);

/** Warranty (三包) terms per product category; categories without a row use the consumer-goods defaults. */
export const warrantyTerms = pgTable('warranty_terms', {
  category: text('category').primaryKey(),
  terms: jsonb('terms').notNull(),
  updatedAt: updatedAt(),
  version: version(),
});
