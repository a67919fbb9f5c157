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
  (t) => [index('login_attempts_login_at_idx').on(sql`lower(${t.login})`, t.at)],
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
    /** Number, title, description and customer name, kept for trigram search. */
    searchText: text('search_text').notNull().default(''),
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
