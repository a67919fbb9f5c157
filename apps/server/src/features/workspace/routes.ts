import { PreferenceKey, PreferenceView, PutPreferenceBody, QueueCounts } from '@closeloop/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';

const KeyParams = z.object({ key: PreferenceKey });

export const workspaceRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['workspace'];
  app.get(
    '/me/preferences/:key',
    {
      schema: { tags, summary: 'A personal setting (saved filters, chosen columns)', params: KeyParams, response: { 200: PreferenceView } },
    },
    async (r) => service.getPreference(r.ctx, r.params.key),
  );
  app.put(
    '/me/preferences/:key',
    {
      schema: {
        tags,
        summary: 'Save a personal setting (a null value removes it)',
        params: KeyParams,
        body: PutPreferenceBody,
        response: { 200: PreferenceView },
      },
    },
    async (r) => service.putPreference(r.ctx, r.params.key, r.body.value),
  );
  app.get('/workspace/queues', { schema: { tags, summary: 'Counts of the caller’s queues', response: { 200: QueueCounts } } }, async (r) =>
    service.countQueues(r.ctx),
  );
};
