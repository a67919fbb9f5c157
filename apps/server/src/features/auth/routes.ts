import {
  ApiTokenView,
  AwayBody,
  ChangePasswordBody,
  CreateApiTokenBody,
  CreateDepartmentBody,
  CreatedApiToken,
  CreateUserBody,
  DepartmentView,
  Id,
  itemsOf,
  LoginBody,
  LoginResult,
  MeView,
  RoleView,
  UpdateDepartmentBody,
  UpdateUserBody,
  UserView,
} from '@closeloop/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../lib/errors.ts';
import * as service from './service.ts';
import * as sessions from './session-service.ts';
import { SESSION_COOKIE } from './session-service.ts';
import * as tokens from './token-service.ts';

const IdParams = z.object({ id: Id });
const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/auth/login',
    {
      schema: { tags, summary: 'Sign in with login and password', body: LoginBody, response: { 200: LoginResult } },
      config: { rawBody: false },
    },
    async (request, reply) => {
      const result = await sessions.logIn(request.ctx, request.body, { ip: request.ip, userAgent: request.headers['user-agent'] });
      reply.setCookie(SESSION_COOKIE, result.secret, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.ctx.config.cookieSecure,
        expires: result.expiresAt,
      });
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  app.post('/auth/logout', { schema: { tags, summary: 'Sign out (ends the cookie session)' } }, async (request, reply) => {
    await sessions.logOut(request.ctx, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.post(
    '/auth/password',
    {
      schema: {
        tags,
        summary: 'Change your own password (signed in by cookie); your other sessions end, this one stays',
        body: ChangePasswordBody,
      },
    },
    async (request, reply) => {
      await sessions.changePassword(request.ctx, request.body, { ip: request.ip });
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags,
        summary: 'The signed-in user, with the CSRF token of the session',
        response: { 200: MeView },
      },
    },
    async (request) => {
      if (!request.actor) throw new DomainError('unauthenticated', 'not signed in');
      return { user: await sessions.getMe({ ...request.ctx, actor: request.actor }), csrfToken: request.csrfToken ?? null };
    },
  );

  app.put(
    '/me/away',
    { schema: { tags, summary: 'Mark yourself away (assignment rules skip you) or back', body: AwayBody, response: { 200: UserView } } },
    async (request) => service.setAway(request.ctx, request.body),
  );

  app.get('/users', { schema: { tags, summary: 'List users', response: { 200: itemsOf(UserView) } } }, async (request) => ({
    items: await service.listUsers(request.ctx),
  }));

  app.post(
    '/users',
    { schema: { tags, summary: 'Create a user', body: CreateUserBody, response: { 201: UserView } } },
    async (request, reply) => reply.code(201).send(await service.createUser(request.ctx, request.body)),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Edit a user: name, department, roles, active, new password',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: UserView },
      },
    },
    async (request) => service.updateUser(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/departments',
    { schema: { tags, summary: 'List departments', response: { 200: itemsOf(DepartmentView) } } },
    async (request) => ({ items: await service.listDepartments(request.ctx) }),
  );

  app.post(
    '/departments',
    { schema: { tags, summary: 'Create a department', body: CreateDepartmentBody, response: { 201: DepartmentView } } },
    async (request, reply) => reply.code(201).send(await service.createDepartment(request.ctx, request.body)),
  );

  app.patch(
    '/departments/:id',
    { schema: { tags, summary: 'Edit a department', params: IdParams, body: UpdateDepartmentBody, response: { 200: DepartmentView } } },
    async (request) => service.updateDepartment(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/roles',
    { schema: { tags, summary: 'List roles and their permissions', response: { 200: itemsOf(RoleView) } } },
    async (request) => ({
      items: await service.listRoles(request.ctx),
    }),
  );

  app.get(
    '/api-tokens',
    { schema: { tags, summary: 'List your API tokens', response: { 200: itemsOf(ApiTokenView) } } },
    async (request) => ({ items: await tokens.listApiTokens(request.ctx) }),
  );

  app.post(
    '/api-tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; the secret is shown only in this answer',
        body: CreateApiTokenBody,
        response: { 201: CreatedApiToken },
      },
    },
    async (request, reply) => reply.code(201).send(await tokens.createApiToken(request.ctx, request.body)),
  );

  app.delete(
    '/api-tokens/:id',
    { schema: { tags, summary: 'Revoke an API token', params: IdParams, response: { 200: ApiTokenView } } },
    async (request) => tokens.revokeApiToken(request.ctx, request.params.id),
  );
};
