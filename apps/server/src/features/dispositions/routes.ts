import {
  APPROVAL_KINDS,
  ApprovalRuleView,
  CaseWarrantyQuery,
  CaseWarrantyView,
  CostBody,
  CostSummary,
  CostView,
  DispositionActionBody,
  DispositionActionResult,
  DispositionQueues,
  DispositionView,
  Id,
  itemsOf,
  ListDispositionsQuery,
  MemoQuery,
  ProposeDispositionBody,
  PutApprovalRulesBody,
  PutWarrantyTermsBody,
  pageOf,
  RecoveryBody,
  SettlementQuery,
  SettlementView,
  SignatureBody,
  WarrantyTermsView,
} from '@closeloop/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as actions from './actions.ts';
import * as approvalRules from './approval-rules.ts';
import * as costs from './costs.ts';
import { serviceMemoPdf } from './memo/service.ts';
import * as service from './service.ts';
import * as signature from './signature.ts';
import * as warranty from './warranty.ts';

const CaseParams = z.object({ id: z.string().min(1).max(64) });
const IdParams = z.object({ id: Id });

export const dispositionRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['dispositions'];

  // ---- warranty
  app.get(
    '/cases/:id/warranty',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'Warranty (三包) entitlements with the reasoning, line by line',
        params: CaseParams,
        querystring: CaseWarrantyQuery,
        response: { 200: CaseWarrantyView },
      },
    },
    (r) => warranty.evaluateCaseWarranty(r.ctx, r.params.id, r.query),
  );
  app.get(
    '/warranty-terms',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'Warranty terms per product category (others: consumer-goods defaults)',
        response: { 200: itemsOf(WarrantyTermsView) },
      },
    },
    async (r) => ({ items: await warranty.listWarrantyTerms(r.ctx) }),
  );
  app.put(
    '/warranty-terms/:category',
    {
      config: { permission: 'approvals:manage' },
      schema: {
        tags,
        summary: 'Set the warranty terms of a product category',
        params: z.object({ category: z.string().trim().min(1).max(100) }),
        body: PutWarrantyTermsBody,
        response: { 200: WarrantyTermsView },
      },
    },
    (r) => warranty.putWarrantyTerms(r.ctx, r.params.category, r.body),
  );

  // ---- dispositions
  app.get(
    '/cases/:id/dispositions',
    {
      config: { permission: 'cases:read' },
      schema: { tags, summary: 'Dispositions of a case', params: CaseParams, response: { 200: itemsOf(DispositionView) } },
    },
    async (r) => ({ items: await service.listCaseDispositions(r.ctx, r.params.id) }),
  );
  app.post(
    '/cases/:id/dispositions',
    {
      config: { permission: 'dispositions:write' },
      schema: {
        tags,
        summary: 'Propose a disposition (explanation, repair, replacement, refund, RMA, spare parts, service order, compensation)',
        params: CaseParams,
        body: ProposeDispositionBody,
        response: { 201: DispositionView },
      },
    },
    async (r, reply) => reply.code(201).send(await service.proposeDisposition(r.ctx, r.params.id, r.body)),
  );
  app.get(
    '/dispositions',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'Dispositions across cases',
        querystring: ListDispositionsQuery,
        response: { 200: pageOf(DispositionView) },
      },
    },
    (r) => service.listDispositions(r.ctx, r.query),
  );
  app.get(
    '/dispositions/queues',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'Returns awaiting goods, parts in transit, visits planned today, approvals waiting for me',
        response: { 200: DispositionQueues },
      },
    },
    (r) => service.dispositionQueues(r.ctx),
  );
  app.get(
    '/dispositions/:id',
    {
      config: { permission: 'cases:read' },
      schema: { tags, summary: 'A disposition', params: IdParams, response: { 200: DispositionView } },
    },
    (r) => service.getDisposition(r.ctx, r.params.id),
  );
  app.post(
    '/dispositions/:id/actions',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'submit, approve, refuse, start, update, complete, cancel, customer_accept, customer_refuse',
        params: IdParams,
        body: DispositionActionBody,
        response: { 200: DispositionActionResult },
      },
    },
    (r) => actions.actOnDisposition(r.ctx, r.params.id, r.body),
  );
  app.post(
    '/dispositions/:id/signature',
    {
      config: { permission: 'dispositions:write' },
      schema: {
        tags,
        summary: "The customer's signature on the service memo (PNG, base64 or data URL)",
        params: IdParams,
        body: SignatureBody,
        response: { 200: DispositionView },
      },
    },
    (r) => signature.signServiceOrder(r.ctx, r.params.id, r.body),
  );
  app.get(
    '/dispositions/:id/memo.pdf',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'The printable service memo (PDF)',
        params: IdParams,
        querystring: MemoQuery,
      },
    },
    async (r, reply) => {
      const { pdf, filename } = await serviceMemoPdf(r.ctx, r.params.id, r.query.lang);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${filename}"`).send(pdf);
    },
  );

  // ---- costs
  app.get(
    '/cases/:id/costs',
    {
      config: { permission: 'costs:read' },
      schema: { tags, summary: 'Costs of a case with totals', params: CaseParams, response: { 200: CostSummary } },
    },
    (r) => costs.caseCostSummary(r.ctx, r.params.id),
  );
  app.post(
    '/cases/:id/costs',
    {
      config: { permission: 'dispositions:write' },
      schema: { tags, summary: 'Record a cost', params: CaseParams, body: CostBody, response: { 201: CostView } },
    },
    async (r, reply) => reply.code(201).send(await costs.addCost(r.ctx, r.params.id, r.body)),
  );
  app.post(
    '/costs/:id/recovery',
    {
      config: { permission: 'dispositions:write' },
      schema: {
        tags,
        summary: 'Amount recovered from the supplier or carrier',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: RecoveryBody,
        response: { 200: CostView },
      },
    },
    (r) => costs.recordRecovery(r.ctx, r.params.id, r.body.amount),
  );
  app.get(
    '/costs/settlement',
    {
      config: { permission: 'costs:read' },
      schema: { tags, summary: 'Monthly settlement for finance', querystring: SettlementQuery, response: { 200: SettlementView } },
    },
    (r) => costs.settlement(r.ctx, r.query.month),
  );

  // ---- approval matrix
  app.get(
    '/approval-rules',
    {
      config: { permission: 'cases:read' },
      schema: { tags, summary: 'The approval matrix (核决权限)', response: { 200: itemsOf(ApprovalRuleView) } },
    },
    async (r) => ({ items: await approvalRules.listApprovalRules(r.ctx) }),
  );
  app.put(
    '/approval-rules/:kind',
    {
      config: { permission: 'approvals:manage' },
      schema: {
        tags,
        summary: 'Replace the amount bands of one kind of spending',
        params: z.object({ kind: z.enum(APPROVAL_KINDS) }),
        body: PutApprovalRulesBody,
        response: { 200: itemsOf(ApprovalRuleView) },
      },
    },
    async (r) => ({ items: await approvalRules.replaceApprovalRules(r.ctx, r.params.kind, r.body.bands) }),
  );
};
