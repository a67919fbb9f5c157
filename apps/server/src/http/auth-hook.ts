import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticateSession, authenticateToken, SESSION_COOKIE } from '../features/auth/index.ts';
import type { Actor } from '../lib/actor.ts';
import type { Ctx } from '../lib/context.ts';
import { DomainError } from '../lib/errors.ts';
import { safeEqual } from '../lib/tokens.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Writes that may come without a session (they start one). */
const CSRF_EXEMPT = new Set(['/api/v1/auth/login']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined;
    /** The CSRF token of the cookie session, when signed in by cookie. */
    csrfToken: string | undefined;
    ctx: Ctx;
  }
}

/**
 * Resolve the caller on every API request: a Bearer token, or the session cookie. Cookie-authenticated
 * writes must echo the session's CSRF token in `X-CSRF-Token`; Bearer calls need none (no ambient credential).
 */
export function registerAuthHook(app: FastifyInstance, makeCtx: (actor: Actor | undefined) => Ctx) {
  app.decorateRequest('actor', undefined);
  app.decorateRequest('csrfToken', undefined);
  app.decorateRequest('ctx', undefined as unknown as Ctx);

  app.addHook('onRequest', async (request: FastifyRequest) => {
    request.ctx = makeCtx(undefined);
    if (!request.url.startsWith('/api/v1/')) return;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) throw new DomainError('unauthenticated', 'the Authorization header must be "Bearer <token>"');
      request.actor = await authenticateToken(request.ctx, match[1]);
    } else {
      const secret = request.cookies[SESSION_COOKIE];
      if (secret) {
        const session = await authenticateSession(request.ctx, secret);
        if (session) {
          request.actor = session.actor;
          request.csrfToken = session.csrfToken;
          const path = request.url.split('?')[0] ?? '';
          if (UNSAFE.has(request.method) && !CSRF_EXEMPT.has(path)) {
            const sent = request.headers['x-csrf-token'];
            if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
              throw new DomainError('csrf_failed', 'cookie-authenticated writes must send the X-CSRF-Token header from sign-in');
            }
          }
        }
      }
    }
    request.ctx = makeCtx(request.actor);
  });
}
