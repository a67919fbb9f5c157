import { MarkReadBody, MarkReadResult, NotificationPage, NotificationsQuery, OutboxQuery, OutboxView, pageOf } from '@closeloop/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';

const OutboxParams = z.object({ id: z.coerce.number().int().positive().describe('outbox message id') });
const tags = ['notifications'];

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me/notifications',
    {
      config: { permission: 'signed_in' },
      schema: {
        tags,
        summary: 'My notifications (the bell), newest first, with the unread count',
        querystring: NotificationsQuery,
        response: { 200: NotificationPage },
      },
    },
    async (request) => service.listMyNotifications(request.ctx, request.query),
  );

  app.post(
    '/me/notifications/read',
    {
      config: { permission: 'signed_in' },
      schema: {
        tags,
        summary: 'Mark some (ids) or all of my notifications read',
        body: MarkReadBody,
        response: { 200: MarkReadResult },
      },
    },
    async (request) => service.markNotificationsRead(request.ctx, request.body),
  );

  app.get(
    '/admin/outbox',
    {
      config: { permission: 'sla:manage' },
      schema: {
        tags,
        summary: 'Outgoing messages and their delivery attempts',
        querystring: OutboxQuery,
        response: { 200: pageOf(OutboxView) },
      },
    },
    async (request) => service.listOutbox(request.ctx, request.query),
  );

  app.post(
    '/admin/outbox/:id/retry',
    {
      config: { permission: 'sla:manage' },
      schema: {
        tags,
        summary: 'Send a failed or skipped message again',
        params: OutboxParams,
        response: { 200: OutboxView },
      },
    },
    async (request) => service.retryOutboxMessage(request.ctx, request.params.id),
  );
};
