import type { Permission } from '@closeloop/domain';
import type { FastifyInstance } from 'fastify';
import { ensure } from '../lib/actor.ts';
import { DomainError } from '../lib/errors.ts';

/**
 * What a route needs before its input is even read: a permission, any signed-in caller, or
 * nothing. Services still check the fact (the action in the body, the amount, the approver); this
 * only answers 401/403 before 400, so a caller without the right learns nothing from validation.
 */
export type RoutePermission = Permission | 'signed_in' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
  }
}

/** API routes that answer anonymous callers; every other `/api/v1` route needs a caller at least. */
const PUBLIC = new Set(['/api/v1/auth/login', '/api/v1/auth/logout']);

export function registerPermissionHook(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const route = request.routeOptions.url;
    if (!route?.startsWith('/api/v1/')) return;
    const need = request.routeOptions.config.permission ?? (PUBLIC.has(route) ? 'public' : 'signed_in');
    if (need === 'public') return;
    if (!request.actor) throw new DomainError('unauthenticated', 'sign in or send an API token (Authorization: Bearer …)');
    if (need !== 'signed_in') ensure(request.actor, need);
  });
}
