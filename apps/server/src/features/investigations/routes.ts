import { InvestigationBody, InvestigationReviewBody, InvestigationView } from '@closeloop/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';

const CaseParams = z.object({ id: z.string().min(1).max(64) });

export const investigationRoutes: FastifyPluginAsyncZod = async (app) => {
  // Documented beside the dispositions, where the investigation sat until it became its own feature.
  const tags = ['dispositions'];
  app.get(
    '/cases/:id/investigation',
    {
      config: { permission: 'cases:read' },
      schema: { tags, summary: 'The investigation record of a case', params: CaseParams, response: { 200: InvestigationView } },
    },
    (r) => service.getInvestigation(r.ctx, r.params.id),
  );
  app.put(
    '/cases/:id/investigation',
    {
      config: { permission: 'dispositions:write' },
      schema: {
        tags,
        summary: 'Save facts, 5-Why, fishbone, root cause, appraisal',
        params: CaseParams,
        body: InvestigationBody,
        response: { 200: InvestigationView },
      },
    },
    (r) => service.saveInvestigation(r.ctx, r.params.id, r.body),
  );
  app.post(
    '/cases/:id/investigation/report',
    {
      config: { permission: 'dispositions:write' },
      schema: { tags, summary: 'Submit the investigation report to management', params: CaseParams, response: { 200: InvestigationView } },
    },
    (r) => service.submitInvestigationReport(r.ctx, r.params.id),
  );
  app.post(
    '/cases/:id/investigation/review',
    {
      config: { permission: 'cases:approve' },
      schema: {
        tags,
        summary: 'Review the submitted investigation report: accept it, or return it with the instruction (批示)',
        params: CaseParams,
        body: InvestigationReviewBody,
        response: { 200: InvestigationView },
      },
    },
    (r) => service.reviewInvestigationReport(r.ctx, r.params.id, r.body),
  );
};
