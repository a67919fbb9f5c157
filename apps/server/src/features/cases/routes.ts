import {
  AttachmentView,
  CaseSummary,
  CaseView,
  CommentBody,
  CreateCaseBody,
  EventView,
  ExportCasesQuery,
  Id,
  itemsOf,
  LinkBody,
  ListCasesQuery,
  pageOf,
  TransitionBody,
  TransitionResult,
  UpdateCaseBody,
} from '@closeloop/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../lib/file-store.ts';
import { dateIn } from '../../lib/time.ts';
import { attachFile, listAttachments, openAttachment } from './attachment-service.ts';
import { exportCasesCsv } from './export-service.ts';
import * as service from './service.ts';
import { transitionCase } from './transition-service.ts';

/** A case is addressed by its id or its number (`2611-0007`). */
const CaseParams = z.object({ id: z.string().min(1).max(64).describe('case id (UUID) or number, e.g. 2611-0007') });
const tags = ['cases'];

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/cases',
    {
      config: { permission: 'cases:create' },
      schema: {
        tags,
        summary: 'Register a case',
        description:
          'Send an `Idempotency-Key` header to make retries safe: the same key returns the same case (200, `Idempotency-Replayed: true`).',
        headers: z.object({
          'idempotency-key': z
            .string()
            .min(1)
            .max(200)
            .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
            .optional(),
        }),
        body: CreateCaseBody,
        response: { 200: CaseView, 201: CaseView },
      },
    },
    async (request, reply) => {
      const result = await service.openCase(request.ctx, request.body, { idempotencyKey: request.headers['idempotency-key'] });
      if (result.replayed) reply.header('Idempotency-Replayed', 'true');
      return reply
        .code(result.replayed ? 200 : 201)
        .header('Location', `/api/v1/cases/${result.case.id}`)
        .send(result.case);
    },
  );

  app.get(
    '/cases',
    {
      config: { permission: 'cases:read' },
      schema: { tags, summary: 'Find cases', querystring: ListCasesQuery, response: { 200: pageOf(CaseSummary) } },
    },
    async (request) => service.listCases(request.ctx, request.query),
  );

  app.get(
    '/cases/export.csv',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'Export the cases of a filter as CSV (UTF-8 with BOM, for Excel)',
        querystring: ExportCasesQuery,
      },
    },
    async (request, reply) => {
      const { lang, ...query } = request.query;
      const result = await exportCasesCsv(request.ctx, { ...query, page: 1, pageSize: 1 }, lang);
      const stamp = dateIn(request.ctx.config.timeZone, request.ctx.now());
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', contentDisposition('attachment', `cases-${stamp}.csv`))
        .header('X-Total-Exported', String(result.count))
        .header('X-Truncated', String(result.truncated))
        .send(result.csv);
    },
  );

  app.get(
    '/cases/:id',
    { config: { permission: 'cases:read' }, schema: { tags, summary: 'Read a case', params: CaseParams, response: { 200: CaseView } } },
    async (request) => service.getCase(request.ctx, request.params.id),
  );

  app.patch(
    '/cases/:id',
    {
      config: { permission: 'cases:update' },
      schema: {
        tags,
        summary: 'Edit a case (needs its current version)',
        params: CaseParams,
        body: UpdateCaseBody,
        response: { 200: CaseView },
      },
    },
    async (request) => service.updateCase(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/cases/:id/transitions',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'Move a case through its lifecycle',
        description: 'The case read lists `allowedActions` for the caller. `reopen` returns the new linked case as `createdCase`.',
        params: CaseParams,
        body: TransitionBody,
        response: { 200: TransitionResult },
      },
    },
    async (request) => transitionCase(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/cases/:id/events',
    {
      config: { permission: 'cases:read' },
      schema: { tags, summary: 'The case timeline', params: CaseParams, response: { 200: itemsOf(EventView) } },
    },
    async (request) => ({ items: await service.listCaseEvents(request.ctx, request.params.id) }),
  );

  app.post(
    '/cases/:id/comments',
    {
      config: { permission: 'cases:comment' },
      schema: {
        tags,
        summary: 'Comment (internal or customer-visible)',
        params: CaseParams,
        body: CommentBody,
        response: { 201: EventView },
      },
    },
    async (request, reply) => reply.code(201).send(await service.commentOnCase(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/cases/:id/links',
    {
      config: { permission: 'cases:update' },
      schema: { tags, summary: 'Link two cases', params: CaseParams, body: LinkBody, response: { 200: CaseView } },
    },
    async (request) => service.linkCases(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/cases/:id/attachments',
    {
      config: { permission: 'cases:read' },
      schema: { tags, summary: 'List attachments', params: CaseParams, response: { 200: itemsOf(AttachmentView) } },
    },
    async (request) => ({ items: await listAttachments(request.ctx, request.params.id) }),
  );

  app.post(
    '/cases/:id/attachments',
    {
      config: { permission: 'cases:comment' },
      schema: {
        tags,
        summary: 'Upload an attachment (multipart/form-data, field `file`)',
        params: CaseParams,
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentView },
      },
    },
    async (request, reply) => {
      const view = await attachFile(request.ctx, request.params.id, await request.receiveFile('file'));
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/cases/:id/attachments/:attachmentId',
    {
      config: { permission: 'cases:read' },
      schema: { tags, summary: 'Download an attachment', params: CaseParams.extend({ attachmentId: Id }) },
    },
    async (request, reply) => {
      const { meta, stream, disposition } = await openAttachment(request.ctx, request.params.id, request.params.attachmentId);
      return reply
        .header('Content-Type', meta.contentType)
        .header('Content-Length', String(meta.size))
        .header('Content-Disposition', contentDisposition(disposition, meta.filename))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'")
        .header('ETag', `"${meta.sha256}"`)
        .send(stream);
    },
  );
};
