import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();
const updatedAt = () => ts('updated_at').notNull().defaultNow();
const version = () => integer('version').notNull().default(1);

/** `col IN ('a','b')` check for a closed vocabulary. */
const oneOf = (column: string, values: readonly string[]) => sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);

// ---------------------------------------------------------------- people and access

export const departments = pgTable('departments', {
  id: id(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  headUserId: uuid('head_user_id'),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

export const roles = pgTable('roles', {
  id: id(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  permissions: text('permissions').array().notNull().default(sql`'{}'::text[]`),
  isSystem: boolean('is_system').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const users = pgTable(
  'users',
  {
    id: id(),
    login: text('login').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    locale: text('locale').notNull().default('zh-CN'),
    /** Marked away (休假, 出差): assignment rules skip the person; ends by itself at `awayUntil` when set. */
    away: boolean('away').notNull().default(false),
    awayUntil: ts('away_until'),
    passwordHash: text('password_hash').notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [uniqueIndex('users_login_lower_idx').on(sql`lower(${t.login})`)],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleId] })],
);

/** A signed-in browser. The cookie carries a random secret; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed and successful sign-ins, for throttling across instances. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    login: text('login').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('login_attempts_login_at_idx').on(sql`lower(${t.login})`, t.at), index('login_attempts_ip_at_idx').on(t.ip, t.at)],
);

export const apiTokens = pgTable('api_tokens', {
  id: id(),
  name: text('name').notNull(),
  /** First characters of the secret, shown so a person can tell tokens apart. */
  prefix: text('prefix').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  scopes: text('scopes').array().notNull(),
  createdAt: createdAt(),
  expiresAt: ts('expires_at'),
  lastUsedAt: ts('last_used_at'),
  revokedAt: ts('revoked_at'),
});

// ---------------------------------------------------------------- customer archive

/** Feeds customer codes `C000001`. */
export const customerCodeSeq = pgSequence('customer_code_seq');

export const customers = pgTable(
  'customers',
  {
    id: id(),
    /** Human reference, `C000123`. */
    code: text('code').notNull().unique(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    country: text('country').notNull(),
    province: text('province'),
    city: text('city'),
    address: text('address'),
    market: text('market').notNull(),
    tier: text('tier').notNull(),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    check('customers_kind_check', oneOf('kind', ['company', 'person'])),
    check('customers_market_check', oneOf('market', ['domestic', 'foreign'])),
    check('customers_tier_check', oneOf('tier', ['A', 'B', 'C', 'D'])),
    index('customers_name_trgm_idx').using('gin', sql`(${t.name} || ' ' || coalesce(${t.nameEn}, '')) gin_trgm_ops`),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    name: text('name').notNull(),
    title: text('title'),
    phone: text('phone'),
    email: text('email'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('contacts_customer_idx').on(t.customerId)],
);

export const products = pgTable('products', {
  id: id(),
  model: text('model').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  category: text('category').notNull(),
  productLine: text('product_line'),
  warrantyMonths: integer('warranty_months').notNull().default(12),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

/** An installed unit (a serial-numbered product at a customer). */
export const units = pgTable(
  'units',
  {
    id: id(),
    /** Unique regardless of letter case: `SN-1` and `sn-1` are one unit. */
    serial: text('serial').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    customerId: uuid('customer_id').references(() => customers.id),
    batch: text('batch'),
    shipDate: date('ship_date', { mode: 'string' }),
    installDate: date('install_date', { mode: 'string' }),
    warrantyEnd: date('warranty_end', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('units_serial_lower_idx').on(sql`lower(${t.serial})`),
    index('units_customer_idx').on(t.customerId),
    index('units_product_idx').on(t.productId),
  ],
);

// ---------------------------------------------------------------- case register

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
    type: text('type').notNull(),
    status: text('status').notNull().default('new'),
    holdFromStatus: text('hold_from_status'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    serviceKind: text('service_kind'),
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
    recurrence: text('recurrence').notNull().default('unknown'),
    customerActions: text('customer_actions'),
    customerDemands: text('customer_demands').array().notNull().default(sql`'{}'::text[]`),
    channel: text('channel').notNull(),
    receivedById: uuid('received_by_id').references(() => users.id),
    receivedAt: ts('received_at').notNull(),
    firstResponderId: uuid('first_responder_id').references(() => users.id),
    validity: text('validity').notNull().default('undetermined'),
    isQualityRelated: boolean('is_quality_related').notNull().default(true),
    severity: text('severity'),
    grade: text('grade'),
    causeCategory: text('cause_category'),
    rootCause6m: text('root_cause_6m'),
    ownerId: uuid('owner_id').references(() => users.id),
    departmentId: uuid('department_id').references(() => departments.id),
    /** Effective priority (override or derived), stored for sorting and filtering. */
    priority: text('priority').notNull(),
    derivedPriority: text('derived_priority').notNull(),
    priorityOverride: text('priority_override'),
    priorityOverrideReason: text('priority_override_reason'),
    responsibilityParty: text('responsibility_party'),
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
    check('cases_type_check', oneOf('type', ['complaint', 'inquiry', 'service_request', 'return', 'suggestion'])),
    check(
      'cases_status_check',
      oneOf('status', [
        'new',
        'acknowledged',
        'investigating',
        'proposing',
        'awaiting_approval',
        'resolving',
        'awaiting_confirmation',
        'on_hold',
        'closed',
        'rejected',
      ]),
    ),
    check('cases_severity_check', sql`severity IS NULL OR severity IN ('CR', 'MA', 'MI')`),
    check('cases_grade_check', sql`grade IS NULL OR grade IN ('general', 'important', 'serious', 'urgent')`),
    check('cases_priority_check', oneOf('priority', ['P1', 'P2', 'P3', 'P4'])),
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
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.userId] }),
    index('case_watchers_user_idx').on(t.userId),
    check('case_watchers_reason_check', oneOf('reason', ['first_responder', 'previous_owner', 'manual'])),
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
    kind: text('kind').notNull(),
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
    kind: text('kind').notNull(),
    /** `[{ field, from, to }]` for every changed field. */
    changes: jsonb('changes').notNull().default(sql`'[]'::jsonb`),
    body: text('body'),
    visibility: text('visibility'),
    data: jsonb('data'),
  },
  (t) => [
    index('case_events_case_idx').on(t.caseId, t.id),
    check('case_events_visibility_check', sql`visibility IS NULL OR visibility IN ('internal', 'customer')`),
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

// ---------------------------------------------------------------- personal settings

/** Per-user settings the web app remembers: saved filters, chosen columns. */
export const userPreferences = pgTable(
  'user_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

// ---------------------------------------------------------------- deadlines (SLA)

/** A business calendar: time zone, weekly working hours, and days that differ (holidays, 调休). */
export const businessCalendars = pgTable(
  'business_calendars',
  {
    id: id(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull(),
    /** Seven lists of `{ start, end }` windows, Monday first. */
    week: jsonb('week').notNull(),
    /** Working hours of a make-up workday (调休上班) unless the day names its own. */
    makeUpWindows: jsonb('make_up_windows').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('business_calendars_name_idx').on(t.name),
    uniqueIndex('business_calendars_default_idx').on(t.isDefault).where(sql`is_default`),
  ],
);

/** A date that differs from the normal week: a day off, or a weekend day worked (调休). */
export const calendarDays = pgTable(
  'calendar_days',
  {
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendars.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    name: text('name'),
    windows: jsonb('windows'),
    source: text('source').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.calendarId, t.date] }),
    check('calendar_days_kind_check', oneOf('kind', ['off', 'working'])),
    check('calendar_days_source_check', oneOf('source', ['builtin', 'import', 'manual'])),
  ],
);

/** Ordered SLA policies; the first whose conditions match a case applies. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: id(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    /** `{ types?, severities?, grades?, regions?, tiers?, productLines?, anyOf? }`: each a list; absent = any; `anyOf` the same lists, one must match. */
    conditions: jsonb('conditions').notNull(),
    /** `{ acknowledge?, first_reply?, on_site?, resolve? }`, each `{ amount, unit }`. */
    targets: jsonb('targets').notNull(),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendars.id),
    pauseStatuses: text('pause_statuses').array().notNull(),
    warningPercent: integer('warning_percent').notNull().default(75),
    /** Escalation ladder: `[{ after: { amount, unit }, notify: [...], reassignTo?, raisePriority }]`. */
    escalation: jsonb('escalation').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [index('sla_policies_position_idx').on(t.position), check('sla_policies_warning_check', sql`warning_percent BETWEEN 1 AND 99`)],
);

/** One deadline of one case, recomputed from the timeline; `nextCheckAt` drives the sweep. */
export const caseClocks = pgTable(
  'case_clocks',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    policyId: uuid('policy_id').references(() => slaPolicies.id, { onDelete: 'set null' }),
    startedAt: ts('started_at').notNull(),
    dueAt: ts('due_at'),
    warnAt: ts('warn_at'),
    state: text('state').notNull(),
    pausedMs: bigint('paused_ms', { mode: 'number' }).notNull().default(0),
    pausedSince: ts('paused_since'),
    stoppedAt: ts('stopped_at'),
    warnedAt: ts('warned_at'),
    breachedAt: ts('breached_at'),
    /** How many escalation steps have been carried out since the breach. */
    escalationLevel: integer('escalation_level').notNull().default(0),
    /** When the sweep must look at this clock next (warning, breach, next step); null = never. */
    nextCheckAt: ts('next_check_at'),
    /** Set when policies or calendars changed: the sweep recomputes before acting. */
    stale: boolean('stale').notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.kind] }),
    index('case_clocks_next_check_idx').on(t.nextCheckAt).where(sql`next_check_at IS NOT NULL`),
    check('case_clocks_kind_check', oneOf('kind', ['acknowledge', 'first_reply', 'on_site', 'resolve'])),
    check('case_clocks_state_check', oneOf('state', ['running', 'paused', 'met', 'breached'])),
  ],
);

/** Every breach, written when it happens and never removed: overdue work counts against the department that held it. */
export const slaBreaches = pgTable(
  'sla_breaches',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    clock: text('clock').notNull(),
    dueAt: ts('due_at').notNull(),
    recordedAt: ts('recorded_at').notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    ownerId: uuid('owner_id').references(() => users.id),
    policyId: uuid('policy_id').references(() => slaPolicies.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('sla_breaches_case_clock_due_idx').on(t.caseId, t.clock, t.dueAt),
    index('sla_breaches_department_idx').on(t.departmentId, t.recordedAt),
  ],
);

/** Warnings and escalation steps carried out, for the escalations view. */
export const slaEscalations = pgTable(
  'sla_escalations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    clock: text('clock').notNull(),
    /** 0 = warning; 1… = the breach ladder's steps. */
    level: integer('level').notNull(),
    at: ts('at').notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    ownerId: uuid('owner_id').references(() => users.id),
    /** `{ notified: [userId], reassignedTo?, priority?: { from, to } }`. */
    actions: jsonb('actions').notNull(),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedById: uuid('acknowledged_by_id').references(() => users.id),
  },
  (t) => [uniqueIndex('sla_escalations_once_idx').on(t.caseId, t.clock, t.level, t.at), index('sla_escalations_at_idx').on(t.at.desc())],
);

// ---------------------------------------------------------------- assignment

/** Ordered routing rules applied to a new case that names no owner or department. */
export const assignmentRules = pgTable(
  'assignment_rules',
  {
    id: id(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    /** `{ types?, causeCategories?, productLines?, regions?, customerIds? }`. */
    conditions: jsonb('conditions').notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    strategy: text('strategy').notNull(),
    /** Candidates, in order (fixed: the first one present; round-robin: in turn). */
    userIds: uuid('user_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Round-robin: who was chosen last. */
    lastUserId: uuid('last_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  () => [check('assignment_rules_strategy_check', oneOf('strategy', ['fixed', 'round_robin', 'fewest_open']))],
);

// ---------------------------------------------------------------- notifications

/** In-app notifications (the bell). */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    caseId: uuid('case_id').references(() => cases.id),
    kind: text('kind').notNull(),
    /** Values the template fills in (case number, title, clock, due time…). */
    params: jsonb('params').notNull(),
    createdAt: createdAt(),
    readAt: ts('read_at'),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.id.desc()),
    index('notifications_unread_idx').on(t.userId).where(sql`read_at IS NULL`),
  ],
);

/**
 * Side effects written in the same transaction as the change and delivered after commit
 * (e-mail today). A worker claims rows with FOR UPDATE SKIP LOCKED; `dedupeKey` makes the
 * enqueue idempotent.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    payload: jsonb('payload').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    availableAt: ts('available_at').notNull().defaultNow(),
    lockedUntil: ts('locked_until'),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    uniqueIndex('outbox_dedupe_idx').on(t.dedupeKey),
    index('outbox_pending_idx').on(t.availableAt).where(sql`status = 'pending'`),
    index('outbox_case_idx').on(t.caseId),
    check('outbox_status_check', oneOf('status', ['pending', 'sending', 'sent', 'failed', 'skipped'])),
  ],
);

/** Each delivery attempt of an outbox message: when, by which instance, the outcome. */
export const outboxAttempts = pgTable(
  'outbox_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    outboxId: bigint('outbox_id', { mode: 'number' })
      .notNull()
      .references(() => outbox.id),
    attempt: integer('attempt').notNull(),
    at: ts('at').notNull(),
    instance: text('instance').notNull(),
    ok: boolean('ok').notNull(),
    detail: text('detail'),
  },
  (t) => [index('outbox_attempts_outbox_idx').on(t.outboxId)],
);

/** Company-wide settings an administrator changes at run time (company province, GM office…). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

// ---------------------------------------------------------------- investigation and dispositions

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
    rootCause6m: text('root_cause_6m'),
    rootCause: text('root_cause'),
    appraisalRequired: boolean('appraisal_required').notNull().default(false),
    appraisalReport: text('appraisal_report'),
    appraisedAt: ts('appraised_at'),
    /** Investigation report to management due (default 3 working days, on the SLA calendar). */
    reportDueAt: ts('report_due_at'),
    reportSubmittedAt: ts('report_submitted_at'),
    reportSubmittedById: uuid('report_submitted_by_id').references(() => users.id),
    /** Management's review of the report as submitted (总经理室批示); cleared when it is submitted again. */
    reviewDecision: text('review_decision'),
    reviewInstruction: text('review_instruction'),
    reviewedById: uuid('reviewed_by_id').references(() => users.id),
    reviewedAt: ts('reviewed_at'),
    updatedAt: updatedAt(),
    version: version(),
  },
  () => [
    check('case_investigations_review_decision_check', sql`review_decision IS NULL OR review_decision IN ('accepted', 'returned')`),
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
    kind: text('kind').notNull(),
    status: text('status').notNull().default('proposed'),
    details: jsonb('details').notNull(),
    approvalKind: text('approval_kind'),
    amount: numeric('amount', { precision: 14, scale: 2, mode: 'number' }),
    requiresApproval: boolean('requires_approval').notNull().default(false),
    customerDecision: text('customer_decision').notNull().default('pending'),
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
    check(
      'dispositions_kind_check',
      oneOf('kind', ['explanation', 'repair', 'replacement', 'refund', 'rma', 'spare_parts', 'service_order', 'compensation']),
    ),
    check(
      'dispositions_status_check',
      oneOf('status', ['proposed', 'awaiting_approval', 'approved', 'in_progress', 'done', 'refused', 'cancelled']),
    ),
    check('dispositions_customer_decision_check', oneOf('customer_decision', ['pending', 'accepted', 'refused'])),
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
    status: text('status').notNull().default('pending'),
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
    check('disposition_approvals_status_check', oneOf('status', ['pending', 'approved', 'refused', 'superseded'])),
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
    kind: text('kind').notNull(),
    minAmount: numeric('min_amount', { precision: 14, scale: 2, mode: 'number' }).notNull().default(0),
    maxAmount: numeric('max_amount', { precision: 14, scale: 2, mode: 'number' }),
    roleCode: text('role_code').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    index('approval_rules_kind_idx').on(t.kind, t.minAmount),
    check('approval_rules_kind_check', oneOf('kind', ['compensation', 'free_replacement', 'refund', 'goodwill'])),
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
    category: text('category').notNull(),
    amount: numeric('amount', { precision: 14, scale: 2, mode: 'number' }).notNull(),
    description: text('description'),
    bearer: text('bearer').notNull(),
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
    check('case_costs_category_check', oneOf('category', ['parts', 'labour', 'travel', 'freight', 'compensation', 'scrap'])),
    check('case_costs_bearer_check', oneOf('bearer', ['department', 'supplier', 'carrier', 'customer'])),
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
