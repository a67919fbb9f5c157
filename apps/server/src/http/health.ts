import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Database, databaseVersion } from '../db/connection.ts';
import { authenticateSession, authenticateToken, SESSION_COOKIE } from '../features/auth/index.ts';
import { type Actor, can } from '../lib/actor.ts';
import type { Ctx } from '../lib/context.ts';

const Details = z.object({
  kind: z.enum(['embedded', 'postgres']),
  reachable: z.boolean(),
  version: z.string().optional(),
});

/** The caller of a health check, if it signed in (no CSRF: it only reads); none when that fails. */
async function callerOf(request: FastifyRequest, ctx: Ctx): Promise<Actor | undefined> {
  try {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) return await authenticateToken(ctx, bearer);
    const secret = request.cookies[SESSION_COOKIE];
    return secret ? (await authenticateSession(ctx, secret))?.actor : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `GET /api/health`: up or down and the version, for load balancers and anyone. A user who
 * manages users also sees the database kind and version. Why the database is down goes to the
 * log only: the failed statement's text is nobody's business outside.
 */
export function registerHealth(app: FastifyInstance, database: Database, version: string, makeCtx: (actor: undefined) => Ctx) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Up or down and the version; database details for users:manage',
        response: {
          200: z.object({ status: z.literal('ok'), version: z.string(), database: Details.optional() }),
          503: z.object({ status: z.literal('unavailable'), version: z.string() }),
        },
      },
    },
    async (request, reply) => {
      let dbVersion: string;
      try {
        dbVersion = await databaseVersion(database.db);
      } catch (e) {
        request.log.warn({ err: e }, 'health: database unreachable');
        return reply
          .code(503)
          .header('Retry-After', '5')
          .send({ status: 'unavailable' as const, version });
      }
      const actor = await callerOf(request, makeCtx(undefined));
      const details = actor && can(actor, 'users:manage') ? { database: { kind: database.kind, reachable: true, version: dbVersion } } : {};
      return { status: 'ok' as const, version, ...details };
    },
  );
}
