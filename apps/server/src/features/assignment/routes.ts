import { AssignmentRuleBody, AssignmentRuleView, Id, itemsOf, ReorderBody, UpdateAssignmentRuleBody } from '@closeloop/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';

const IdParams = z.object({ id: Id });

export const assignmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['assignment'];
  app.get(
    '/assignment-rules',
    {
      config: { permission: 'cases:read' },
      schema: { tags, summary: 'Assignment rules in the order they are tried', response: { 200: itemsOf(AssignmentRuleView) } },
    },
    async (r) => ({ items: await service.listRules(r.ctx) }),
  );
  app.post(
    '/assignment-rules',
    {
      config: { permission: 'sla:manage' },
      schema: { tags, summary: 'Add an assignment rule (at the end)', body: AssignmentRuleBody, response: { 201: AssignmentRuleView } },
    },
    async (r, reply) => reply.code(201).send(await service.createRule(r.ctx, r.body)),
  );
  app.patch(
    '/assignment-rules/:id',
    {
      config: { permission: 'sla:manage' },
      schema: {
        tags,
        summary: 'Change an assignment rule',
        params: IdParams,
        body: UpdateAssignmentRuleBody,
        response: { 200: AssignmentRuleView },
      },
    },
    (r) => service.updateRule(r.ctx, r.params.id, r.body),
  );
  app.delete(
    '/assignment-rules/:id',
    { config: { permission: 'sla:manage' }, schema: { tags, summary: 'Remove an assignment rule', params: IdParams } },
    async (r, reply) => {
      await service.deleteRule(r.ctx, r.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/assignment-rules/reorder',
    {
      config: { permission: 'sla:manage' },
      schema: { tags, summary: 'Put the rules in a new order', body: ReorderBody, response: { 200: itemsOf(AssignmentRuleView) } },
    },
    async (r) => ({ items: await service.reorderRules(r.ctx, r.body.ids) }),
  );
};
