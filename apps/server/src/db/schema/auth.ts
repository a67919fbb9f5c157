import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt, version } from './columns.ts';

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
