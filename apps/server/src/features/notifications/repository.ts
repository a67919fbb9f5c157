import type { OutboxStatus } from '@closeloop/domain';
import { and, asc, count, desc, eq, inArray, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { notifications, outbox, outboxAttempts, users } from '../../db/schema.ts';
import { offsetOf } from '../../lib/sql.ts';

export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxInsert = typeof outbox.$inferInsert;
export type NotificationRow = typeof notifications.$inferSelect;
export type AttemptRow = typeof outboxAttempts.$inferSelect;

/**
 * Outbox kind of the rows that only mark a notification as enqueued for a user without an
 * e-mail address; written already `sent`, never delivered, hidden from the outbox log.
 */
export const IN_APP_MARKER_KIND = 'in_app_only';

// ---------------------------------------------------------------- enqueue

export function findRecipients(db: Executor, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .select({ id: users.id, email: users.email, locale: users.locale, isActive: users.isActive })
    .from(users)
    .where(inArray(users.id, userIds));
}

/** Insert what is new; an existing dedupe key is left alone. Answers the keys actually inserted. */
export async function insertOutbox(tx: Executor, rows: OutboxInsert[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await tx
    .insert(outbox)
    .values(rows)
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ dedupeKey: outbox.dedupeKey });
  return new Set(inserted.map((r) => r.dedupeKey));
}

export async function insertNotifications(tx: Executor, rows: (typeof notifications.$inferInsert)[]) {
  if (rows.length === 0) return;
  await tx.insert(notifications).values(rows);
}

// ---------------------------------------------------------------- the bell

const mine = (userId: string, unreadOnly: boolean) =>
  unreadOnly ? and(eq(notifications.userId, userId), isNull(notifications.readAt)) : eq(notifications.userId, userId);

export function listNotifications(db: Executor, userId: string, unreadOnly: boolean, page: number, pageSize: number) {
  return db
    .select()
    .from(notifications)
    .where(mine(userId, unreadOnly))
    .orderBy(desc(notifications.id))
    .limit(pageSize)
    .offset(offsetOf(page, pageSize));
}

export async function countNotifications(db: Executor, userId: string, unreadOnly: boolean): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(mine(userId, unreadOnly));
  return row?.n ?? 0;
}

/** How many of `ids` belong to the user. */
export async function countOwnNotifications(db: Executor, userId: string, ids: number[]): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), inArray(notifications.id, ids)));
  return row?.n ?? 0;
}

/** Mark the user's unread notifications read: those in `ids`, or all. */
export async function markNotificationsRead(tx: Executor, userId: string, ids: number[] | 'all', at: Date) {
  const where = [eq(notifications.userId, userId), isNull(notifications.readAt)];
  if (ids !== 'all') where.push(inArray(notifications.id, ids));
  await tx
    .update(notifications)
    .set({ readAt: at })
    .where(and(...where));
}

// ---------------------------------------------------------------- outbox log

export interface OutboxFilter {
  status?: OutboxStatus | undefined;
  caseId?: string | undefined;
}

function outboxWhere(f: OutboxFilter): SQL | undefined {
  const where: SQL[] = [ne(outbox.kind, IN_APP_MARKER_KIND)];
  if (f.status) where.push(eq(outbox.status, f.status));
  if (f.caseId) where.push(eq(outbox.caseId, f.caseId));
  return and(...where);
}

export function listOutbox(db: Executor, filter: OutboxFilter, page: number, pageSize: number) {
  return db.select().from(outbox).where(outboxWhere(filter)).orderBy(desc(outbox.id)).limit(pageSize).offset(offsetOf(page, pageSize));
}

export async function countOutbox(db: Executor, filter: OutboxFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(outbox).where(outboxWhere(filter));
  return row?.n ?? 0;
}

export function attemptsOf(db: Executor, outboxIds: number[]) {
  if (outboxIds.length === 0) return Promise.resolve([]);
  return db.select().from(outboxAttempts).where(inArray(outboxAttempts.outboxId, outboxIds)).orderBy(asc(outboxAttempts.id));
}

export async function findOutbox(db: Executor, id: number, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select()
    .from(outbox)
    .where(and(eq(outbox.id, id), ne(outbox.kind, IN_APP_MARKER_KIND)))
    .limit(1);
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

/** Put a message back in the queue, due at `at`. */
export async function requeueOutbox(tx: Executor, id: number, at: Date) {
  const [row] = await tx
    .update(outbox)
    .set({ status: 'pending', availableAt: at, lockedUntil: null, lockedBy: null })
    .where(eq(outbox.id, id))
    .returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

// ---------------------------------------------------------------- delivery

/**
 * Claim up to `limit` due messages for `instance`: pending ones whose time has come, and
 * `sending` ones whose lease ran out (their worker died). SKIP LOCKED lets concurrent workers
 * claim disjoint rows; the status/lease re-check on the locked row keeps a row claimed once.
 */
export function claimDueOutbox(db: Executor, input: { now: Date; lockedUntil: Date; instance: string; limit: number }) {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      or(
        and(eq(outbox.status, 'pending'), sql`${outbox.availableAt} <= ${input.now}`),
        and(eq(outbox.status, 'sending'), lt(outbox.lockedUntil, input.now)),
      ),
    )
    .orderBy(asc(outbox.availableAt), asc(outbox.id))
    .limit(input.limit)
    .for('update', { skipLocked: true });
  return db
    .update(outbox)
    .set({ status: 'sending', lockedUntil: input.lockedUntil, lockedBy: input.instance, attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, due))
    .returning();
}

/** Extend this instance's lease on a claimed row; false when the row is no longer ours. */
export async function renewLease(db: Executor, id: number, instance: string, lockedUntil: Date): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({ lockedUntil })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'sending'), eq(outbox.lockedBy, instance)))
    .returning({ id: outbox.id });
  return rows.length > 0;
}

/** Record the outcome of this instance's attempt; the row changes only while this instance holds it. */
export async function finishAttempt(
  tx: Executor,
  input: {
    id: number;
    instance: string;
    values: Pick<OutboxInsert, 'status' | 'availableAt' | 'lastError' | 'sentAt'>;
    attempt: Omit<typeof outboxAttempts.$inferInsert, 'outboxId' | 'instance'>;
  },
) {
  await tx
    .update(outbox)
    .set({ ...input.values, lockedUntil: null, lockedBy: null })
    .where(and(eq(outbox.id, input.id), eq(outbox.status, 'sending'), eq(outbox.lockedBy, input.instance)));
  await tx.insert(outboxAttempts).values({ ...input.attempt, outboxId: input.id, instance: input.instance });
}
