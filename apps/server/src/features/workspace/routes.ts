import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';

const KeyParams = z.object({ key: z.string().regex(/^[a-zA-Z0-9._-]{1,64}$/, 'letters, digits, . _ - (at most 64)') });
const Preference = z.object({ key: z.string(), value: z.unknown(), updatedAt: z.string().nullable() });

export const workspaceRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['workspace'];
  app.get(
    '/me/preferences/:key',
    { schema: { tags, summary: 'A personal setting (saved filters, chosen columns)', params: KeyParams, response: { 200: Preference } } },
    async (r) => service.getPreference(r.ctx, r.params.key),
  );
  app.put(
    '/me/preferences/:key',
    {
      schema: {
        tags,
        summary: 'Save a personal setting (a null value removes it)',
        params: KeyParams,
        body: z.object({ value: z.unknown() }),
        response: { 200: Preference },
      },
    },
    async (r) => service.putPreference(r.ctx, r.params.key, r.body.value),
  );
  app.get(
    '/workspace/queues',
    {
      schema: {
        tags,
        summary: 'Counts of the caller’s queues',
        response: {
          200: z.object({
            mine: z.number().int(),
            department: z.number().int(),
            unassigned: z.number().int(),
            open: z.number().int(),
            recentlyUpdated: z.number().int(),
            /** Open cases past their warning threshold but not yet due. */
            dueSoon: z.number().int(),
            /** Open cases past a due time. */
            overdue: z.number().int(),
            /** A count above this means "more than countCap". */
            countCap: z.number().int(),
            departmentId: z.string().nullable(),
            userId: z.string(),
          }),
        },
      },
    },
    async (r) => service.countQueues(r.ctx),
  );
};
