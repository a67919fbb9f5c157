import {
  type CustomerMessageKind,
  type MarkReadBody,
  type NotificationKind,
  type NotificationPage,
  NotificationParams,
  type NotificationsQuery,
  type NotificationView,
  type OutboxQuery,
  type OutboxView,
} from '@closeloop/domain';
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/connection.ts';
import { ensure } from '../../lib/actor.ts';
import type { Ctx } from '../../lib/context.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import * as repo from './repository.ts';
import { type MessageLocale, renderMessage } from './templates.ts';

/** What the templates need of the configuration. */
export type TemplateConfig = Pick<Config, 'timeZone' | 'publicUrl'>;

export interface NotifyUsersInput {
  kind: NotificationKind;
  userIds: string[];
  caseId?: string | null;
  params: NotificationParams;
  /** When it happened: the notification's time and when its e-mail becomes due. */
  at: Date;
  /** Names the event (e.g. `sla_breached:<caseId>:resolve:<dueAt>`); a second call with it adds nothing. */
  dedupeKey: string;
}

export interface MessageCustomerInput {
  kind: CustomerMessageKind;
  caseId: string;
  to: string;
  locale: MessageLocale;
  params: NotificationParams;
  at: Date;
  dedupeKey: string;
}

/** The JSON an `email` outbox row carries; `userId` for staff, `caseId` for customer messages. */
export interface EmailPayload {
  to: string;
  subject: string;
  text: string;
  html: string;
  locale: MessageLocale;
  template: NotificationKind | CustomerMessageKind;
  userId?: string;
}

const localeOf = (locale: string): MessageLocale => (locale === 'en-US' ? 'en-US' : 'zh-CN');

/**
 * Tell staff about something, in the caller's transaction: nothing is enqueued when it rolls back.
 *
 * Idempotent per (`dedupeKey`, user): each user gets one outbox row with the key
 * `${dedupeKey}:${userId}` — the e-mail itself (kind `email`, rendered in the user's language)
 * or, for a user without an address, a marker row (kind `in_app_only`, already `sent`, never
 * delivered). The rows are inserted with ON CONFLICT DO NOTHING and the in-app notification
 * is written only for the keys that were new, so a repeated call (a retried job, a sweep that
 * runs twice) adds neither a bell entry nor a mail. Concurrent calls with one key wait on the
 * unique index: exactly one of them inserts. Inactive and unknown users are skipped.
 */
export async function notifyUsers(
  tx: Executor,
  config: TemplateConfig,
  input: NotifyUsersInput,
  /** The recipients' rows when the caller has already read them (same shape as `findRecipients`). */
  preloaded?: Recipient[],
): Promise<void> {
  const recipients = preloaded ?? (await repo.findRecipients(tx, [...new Set(input.userIds)]));
  const { outbox, notifications } = notificationRows(config, input, recipients);
  if (outbox.length === 0) return;
  const inserted = await repo.insertOutbox(tx, outbox);
  await repo.insertNotifications(
    tx,
    notifications.filter((_n, i) => inserted.has(outbox[i]?.dedupeKey ?? '')),
  );
}

type Recipient = { id: string; email: string | null; locale: string; isActive: boolean };

/**
 * The outbox rows and bell entries `notifyUsers` writes, one of each per active recipient (same
 * index), without writing them: a caller whose dedupe key is new by construction (it names a case
 * created in the same transaction) writes them together with its other rows.
 */
export function notificationRows(config: TemplateConfig, input: NotifyUsersInput, recipients: Recipient[]) {
  const params = NotificationParams.parse(input.params);
  const active = recipients.filter((u) => u.isActive);
  const outbox: repo.OutboxInsert[] = active.map((user) => {
    const dedupeKey = `${input.dedupeKey}:${user.id}`;
    const base = { dedupeKey, caseId: input.caseId ?? null, createdAt: input.at, availableAt: input.at };
    const locale = localeOf(user.locale);
    if (!user.email) {
      return {
        ...base,
        kind: repo.IN_APP_MARKER_KIND,
        status: 'sent',
        sentAt: input.at,
        payload: { template: input.kind, userId: user.id, locale },
      };
    }
    const message = renderMessage(input.kind, locale, params, config);
    const payload: EmailPayload = { to: user.email, ...message, locale, template: input.kind, userId: user.id };
    return { ...base, kind: 'email', payload };
  });
  const notifications = active.map((user) => ({
    userId: user.id,
    caseId: input.caseId ?? null,
    kind: input.kind,
    params,
    createdAt: input.at,
  }));
  return { outbox, notifications };
}

/** Write an e-mail to a customer, in the caller's transaction; idempotent by `dedupeKey`. */
export async function messageCustomer(tx: Executor, config: TemplateConfig, input: MessageCustomerInput): Promise<void> {
  await repo.insertOutbox(tx, [customerMessageRow(config, input)]);
}

/** The outbox row `messageCustomer` writes, without writing it. */
export function customerMessageRow(config: TemplateConfig, input: MessageCustomerInput): repo.OutboxInsert {
  const params = NotificationParams.parse(input.params);
  const message = renderMessage(input.kind, input.locale, params, config);
  const payload: EmailPayload = { to: input.to, ...message, locale: input.locale, template: input.kind };
  return { kind: 'email', dedupeKey: input.dedupeKey, caseId: input.caseId, payload, createdAt: input.at, availableAt: input.at };
}

// ---------------------------------------------------------------- the bell

function presentNotification(row: repo.NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    caseId: row.caseId,
    params: row.params as NotificationParams,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** The caller's notifications, newest first, with the unread count for the bell. */
export async function listMyNotifications(ctx: Ctx, query: NotificationsQuery): Promise<NotificationPage> {
  if (!ctx.actor) throw new DomainError('unauthenticated', 'sign in');
  const userId = ctx.actor.userId;
  const unreadOnly = query.unreadOnly === 'true';
  const [rows, total, unread] = await Promise.all([
    repo.listNotifications(ctx.db, userId, unreadOnly, query.page, query.pageSize),
    repo.countNotifications(ctx.db, userId, unreadOnly),
    repo.countNotifications(ctx.db, userId, true),
  ]);
  return { items: rows.map(presentNotification), page: query.page, pageSize: query.pageSize, total, unread };
}

/** Mark some or all of the caller's notifications read; someone else's id is `not_found`. */
export async function markNotificationsRead(ctx: Ctx, body: MarkReadBody): Promise<{ unread: number }> {
  const actor = ctx.actor;
  ensure(actor, 'profile:write');
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    if ('ids' in body) {
      const ids = [...new Set(body.ids)];
      if ((await repo.countOwnNotifications(tx, actor.userId, ids)) !== ids.length) {
        throw new DomainError('not_found', 'some of these notifications do not exist or are not yours; nothing was marked');
      }
      await repo.markNotificationsRead(tx, actor.userId, ids, at);
    } else {
      await repo.markNotificationsRead(tx, actor.userId, 'all', at);
    }
    return { unread: await repo.countNotifications(tx, actor.userId, true) };
  });
}

// ---------------------------------------------------------------- outbox log

const textOf = (payload: unknown, key: 'to' | 'subject') => {
  const value = (payload as Record<string, unknown> | null)?.[key];
  return typeof value === 'string' ? value : null;
};

function presentOutbox(row: repo.OutboxRow, attempts: repo.AttemptRow[]): OutboxView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as OutboxView['status'],
    caseId: row.caseId,
    to: textOf(row.payload, 'to'),
    subject: textOf(row.payload, 'subject'),
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    availableAt: row.availableAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    lastError: row.lastError,
    log: attempts.map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), instance: a.instance, ok: a.ok, detail: a.detail })),
  };
}

/** Outgoing messages, newest first, each with its delivery attempts. */
export async function listOutbox(ctx: Ctx, query: OutboxQuery) {
  ensure(ctx.actor, 'sla:manage');
  const filter = { status: query.status, caseId: query.caseId };
  const [rows, total] = await Promise.all([repo.listOutbox(ctx.db, filter, query.page, query.pageSize), repo.countOutbox(ctx.db, filter)]);
  const attempts = await repo.attemptsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const items = rows.map((row) =>
    presentOutbox(
      row,
      attempts.filter((a) => a.outboxId === row.id),
    ),
  );
  return { items, page: query.page, pageSize: query.pageSize, total };
}

/** Send a failed or skipped message again: due now, on the next worker run. */
export async function retryOutboxMessage(ctx: Ctx, id: number): Promise<OutboxView> {
  ensure(ctx.actor, 'sla:manage');
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findOutbox(tx, id, { forUpdate: true });
    if (!row) throw notFound('outbox message', String(id));
    if (row.status !== 'failed' && row.status !== 'skipped') {
      throw new DomainError('transition_not_allowed', `only failed or skipped messages can be retried; this one is ${row.status}`, {
        extra: { messageStatus: row.status },
      });
    }
    const updated = await repo.requeueOutbox(tx, id, now);
    return presentOutbox(updated, await repo.attemptsOf(tx, [id]));
  });
}
