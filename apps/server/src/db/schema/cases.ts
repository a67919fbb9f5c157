import {
  CASE_EVENT_KINDS,
  CASE_STATUSES,
  CASE_TYPES,
  type CAUSE_CATEGORIES,
  type CaseEventKind,
  type CaseStatus,
  type CaseType,
  type CHANNELS,
  COMMENT_VISIBILITIES,
  GRADES,
  type Grade,
  type LINK_KINDS,
  PRIORITIES,
  type Priority,
  type RECURRENCES,
  type ResponsibilityParty,
  type ROOT_CAUSES_6M,
  type SERVICE_KINDS,
  SEVERITIES,
  type Severity,
  type VALIDITIES,
  WATCHER_REASONS,
} from '@closeloop/domain';
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { departments, users } from './auth.ts';
import { createdAt, id, nullOrOneOf, oneOf, ts, updatedAt, version } from './columns.ts';
import { contacts, customers, products, units } from './customers.ts';

/** Last serial handed out per month; incremented inside the creating transaction, so numbers have no gaps. */
export const caseNumberCounters = pgTable('case_number_counters', {
  period: text('period').primaryKey(),
  lastSerial: integer('last_serial').notNull(),
});

export const cases = pgTable(
  'cases',
  {
    id: id(),
    number: text('number').notNull().unique(),
    type: text('type').$type<CaseType>().notNull(),
    status: text('status').$type<CaseStatus>().notNull().default('new'),
    holdFromStatus: text('hold_from_status').$type<CaseStatus>(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    serviceKind: text('service_kind').$type<(typeof SERVICE_KINDS)[number]>(),
    customerId: uuid('customer_id').references(() => customers.id),
    contactId: uuid('contact_id').references(() => contacts.id),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    productId: uuid('product_id').references(() => products.id),
    unitId: uuid('unit_id').references(() => units.id),
    batchNo: text('batch_no'),
    serialNo: text('serial_no'),
    orderNo: text('order_no'),
    partNo: text('part_no'),
    purchaseDate: date('purchase_date', { mode: 'string' }),
    purchaseChannel: text('purchase_channel'),
    deliveryDate: date('delivery_date', { mode: 'string' }),
    quantityDelivered: integer('quantity_delivered'),
    quantityDefective: integer('quantity_defective'),
    quantityDefectiveUndetermined: boolean('quantity_defective_undetermined').notNull().default(false),
    occurredAt: ts('occurred_at'),
    occurredPlace: text('occurred_place'),
    environment: text('environment'),
    recurrence: text('recurrence').$type<(typeof RECURRENCES)[number]>().notNull().default('unknown'),
    customerActions: text('customer_actions'),
    customerDemands: text('customer_demands').array().notNull().default(sql`'{}'::text[]`),
    channel: text('channel').$type<(typeof CHANNELS)[number]>().notNull(),
    receivedById: uuid('received_by_id').references(() => users.id),
    receivedAt: ts('received_at').notNull(),
    firstResponderId: uuid('first_responder_id').references(() => users.id),
    validity: text('validity').$type<(typeof VALIDITIES)[number]>().notNull().default('undetermined'),
    isQualityRelated: boolean('is_quality_related').notNull().default(true),
    severity: text('severity').$type<Severity>(),
    grade: text('grade').$type<Grade>(),
    causeCategory: text('cause_category').$type<(typeof CAUSE_CATEGORIES)[number]>(),
    rootCause6m: text('root_cause_6m').$type<(typeof ROOT_CAUSES_6M)[number]>(),
    ownerId: uuid('owner_id').references(() => users.id),
    departmentId: uuid('department_id').references(() => departments.id),
    /** Effective priority (override or derived), stored for sorting and filtering. */
    priority: text('priority').$type<Priority>().notNull(),
    derivedPriority: text('derived_priority').$type<Priority>().notNull(),
    priorityOverride: text('priority_override').$type<Priority>(),
    priorityOverrideReason: text('priority_override_reason'),
    responsibilityParty: text('responsibility_party').$type<ResponsibilityParty>(),
    responsibilityDepartmentId: uuid('responsibility_department_id').references(() => departments.id),
    responsibilityExternalParty: text('responsibility_external_party'),
    responsibilityReason: text('responsibility_reason'),
    proposal: text('proposal'),
    resolution: text('resolution'),
    customerConfirmed: boolean('customer_confirmed'),
    confirmationNote: text('confirmation_note'),
    closeReason: text('close_reason'),
    rejectionExplanation: text('rejection_explanation'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** An engineer must go on site (需上门): starts the on-site clock. */
    visitRequired: boolean('visit_required').notNull().default(false),
    siteArrivedAt: ts('site_arrived_at'),
    /** Earliest due / warning time of the running clocks, kept for queues and sorting. */
    slaDueAt: ts('sla_due_at'),
    slaWarnAt: ts('sla_warn_at'),
    /** Some clock of this case was breached (stays true: the figures stay honest). */
    slaBreached: boolean('sla_breached').notNull().default(false),
    /** Number, title, description and customer name, kept for trigram search. */
    searchText: text('search_text').notNull().default(''),
    /** Two-character pieces of search_text with a non-ASCII character (migration 0010): finds 2-character Chinese terms. */
    searchBigrams: text('search_bigrams').array().notNull().default(sql`'{}'::text[]`),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    closedAt: ts('closed_at'),
    version: version(),
  },
  (t) => [
    check('cases_type_check', oneOf('type', CASE_TYPES)),
    check('cases_status_check', oneOf('status', CASE_STATUSES)),
    check('cases_severity_check', nullOrOneOf('severity', SEVERITIES)),
    check('cases_grade_check', nullOrOneOf('grade', GRADES)),
    check('cases_priority_check', oneOf('priority', PRIORITIES)),
    check('cases_quantity_check', sql`quantity_defective IS NULL OR quantity_defective >= 0`),
    check('cases_rejected_explained_check', sql`status <> 'rejected' OR coalesce(rejection_explanation, '') <> ''`),
    check('cases_on_hold_check', sql`(status = 'on_hold') = (hold_from_status IS NOT NULL)`),
    // Sort indexes match ORDER BY exactly (…DESC, id DESC; DESC sorts NULLS FIRST) so the first page is read straight off them.
    index('cases_created_idx').on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('cases_updated_idx').on(t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('cases_received_idx').on(t.receivedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The open queue (status NOT IN closed/rejected — the exact text the list query emits), by date and by priority.
    index('cases_open_created_idx')
      .on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`status NOT IN ('closed', 'rejected')`),
    index('cases_open_priority_idx')
      .on(t.priority, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`status NOT IN ('closed', 'rejected')`),
    index('cases_open_priority_desc_idx')
      .on(t.priority.desc().nullsFirst(), t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`status NOT IN ('closed', 'rejected')`),
    index('cases_severity_type_idx').on(t.severity, t.type),
    index('cases_status_created_idx').on(t.status, t.createdAt.desc()),
    index('cases_owner_status_idx').on(t.ownerId, t.status),
    index('cases_department_status_idx').on(t.departmentId, t.status),
    index('cases_customer_idx').on(t.customerId, t.createdAt.desc()),
    index('cases_product_idx').on(t.productId, t.createdAt.desc()),
    index('cases_unit_idx').on(t.unitId),
    index('cases_tags_idx').using('gin', t.tags),
    index('cases_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('cases_search_bigrams_idx').using('gin', t.searchBigrams),
    index('cases_open_due_idx').on(t.slaDueAt, t.id).where(sql`status NOT IN ('closed', 'rejected') AND sla_due_at IS NOT NULL`),
    index('cases_open_warn_idx').on(t.slaWarnAt, t.id).where(sql`status NOT IN ('closed', 'rejected') AND sla_warn_at IS NOT NULL`),
  ],
);

/** People who follow a case besides its owner; the first responder (首问责任人) always does. */
export const caseWatchers = pgTable(
  'case_watchers',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').$type<(typeof WATCHER_REASONS)[number]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.userId] }),
    index('case_watchers_user_idx').on(t.userId),
    check('case_watchers_reason_check', oneOf('reason', WATCHER_REASONS)),
  ],
);

export const caseLinks = pgTable(
  'case_links',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    linkedCaseId: uuid('linked_case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').$type<(typeof LINK_KINDS)[number]>().notNull(),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.linkedCaseId] }), check('case_links_not_self_check', sql`case_id <> linked_case_id`)],
);

/** The timeline: one row per change, comment or upload. Never updated, never deleted. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    at: ts('at').notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
    /** How the change arrived: web, api (token), email, system. */
    channel: text('channel').notNull(),
    /** One of `CASE_EVENT_KINDS` (packages/domain/src/cases/events.ts), which also types `data` by kind. */
    kind: text('kind').$type<CaseEventKind>().notNull(),
    /** `[{ field, from, to }]` for every changed field. */
    changes: jsonb('changes').notNull().default(sql`'[]'::jsonb`),
    body: text('body'),
    visibility: text('visibility').$type<(typeof COMMENT_VISIBILITIES)[number]>(),
    data: jsonb('data'),
  },
  (t) => [
    index('case_events_case_idx').on(t.caseId, t.id),
    check('case_events_visibility_check', nullOrOneOf('visibility', COMMENT_VISIBILITIES)),
    check('case_events_kind_check', oneOf('kind', CASE_EVENT_KINDS)),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    /** Path relative to the attachment directory (content-addressed). */
    storageKey: text('storage_key').notNull(),
    uploadedById: uuid('uploaded_by_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_case_idx').on(t.caseId)],
);

/** `Idempotency-Key` of `POST /cases`: the same key from the same user returns the same case. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
