import { type NotificationKind, OUTBOX_STATUSES, type OutboxStatus } from '@closeloop/domain';
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { cases } from './cases.ts';
import { createdAt, oneOf, ts } from './columns.ts';

/** In-app notifications (the bell). */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    caseId: uuid('case_id').references(() => cases.id),
    kind: text('kind').$type<NotificationKind>().notNull(),
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
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
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
    check('outbox_status_check', oneOf('status', OUTBOX_STATUSES)),
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
