import { z } from 'zod';
import { Id, IsoDateTime } from '../common/schemas.ts';

/** What a staff member is told about, in the app (the bell) and by e-mail. */
export const NOTIFICATION_KINDS = ['case_assigned', 'sla_warning', 'sla_breached', 'sla_escalated', 'approval_requested'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Messages to customers (e-mail only). */
export const CUSTOMER_MESSAGE_KINDS = ['customer_acknowledgement'] as const;
export type CustomerMessageKind = (typeof CUSTOMER_MESSAGE_KINDS)[number];

/**
 * Values a template fills in. Everything optional: each kind uses what it needs.
 * Times are ISO instants; the template formats them in the reader's language and time zone.
 */
export const NotificationParams = z.object({
  caseNumber: z.string().optional(),
  caseTitle: z.string().optional(),
  clock: z.string().optional(),
  dueAt: IsoDateTime.optional(),
  level: z.number().int().optional(),
  actorName: z.string().optional(),
  customerName: z.string().optional(),
  /** Signs customer messages (the manufacturer's name). */
  companyName: z.string().optional(),
  reason: z.string().optional(),
  /** `approval_requested`: the disposition waiting for a decision and its amount (yuan). */
  dispositionNumber: z.string().optional(),
  amount: z.number().optional(),
});
export type NotificationParams = z.infer<typeof NotificationParams>;

export const NotificationView = z.object({
  id: z.number().int(),
  kind: z.enum(NOTIFICATION_KINDS),
  caseId: Id.nullable(),
  params: NotificationParams,
  createdAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationsQuery = z.object({
  unreadOnly: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationsQuery = z.infer<typeof NotificationsQuery>;

export const NotificationPage = z.object({
  items: z.array(NotificationView),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  unread: z.number().int(),
});
export type NotificationPage = z.infer<typeof NotificationPage>;

/** Mark some (ids) or all notifications read. */
export const MarkReadBody = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }),
  z.object({ all: z.literal(true) }),
]);
export type MarkReadBody = z.infer<typeof MarkReadBody>;

/** `POST /me/notifications/read`: how many stay unread. */
export const MarkReadResult = z.object({ unread: z.number().int() });
export type MarkReadResult = z.infer<typeof MarkReadResult>;

/** `skipped`: no SMTP server configured (SMTP_URL unset) when it was due. */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const OutboxAttemptView = z.object({
  attempt: z.number().int(),
  at: IsoDateTime,
  instance: z.string(),
  ok: z.boolean(),
  detail: z.string().nullable(),
});

/** One outgoing message and its delivery log. */
export const OutboxView = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  caseId: Id.nullable(),
  to: z.string().nullable(),
  subject: z.string().nullable(),
  attempts: z.number().int(),
  createdAt: IsoDateTime,
  availableAt: IsoDateTime,
  sentAt: IsoDateTime.nullable(),
  lastError: z.string().nullable(),
  log: z.array(OutboxAttemptView),
});
export type OutboxView = z.infer<typeof OutboxView>;

export const OutboxQuery = z.object({
  status: z.enum(OUTBOX_STATUSES).optional(),
  caseId: Id.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;
