import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { assignmentRoutes } from './features/assignment/index.ts';
import { authRoutes } from './features/auth/index.ts';
import { caseRoutes } from './features/cases/index.ts';
import { customerRoutes } from './features/customers/index.ts';
import { dispositionRoutes } from './features/dispositions/index.ts';
import { investigationRoutes } from './features/investigations/index.ts';
import { notificationRoutes } from './features/notifications/index.ts';
import { settingsRoutes } from './features/settings/index.ts';
import { onCompanySettingsChanged, slaRoutes } from './features/sla/index.ts';
import { workspaceRoutes } from './features/workspace/index.ts';
import { registerAuthHook } from './http/auth-hook.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { registerHealth } from './http/health.ts';
import { registerJsonParser } from './http/json-body.ts';
import { registerFileUploads } from './http/multipart.ts';
import { registerPermissionHook } from './http/permission-hook.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import type { Actor } from './lib/actor.ts';
import type { AppDeps, Ctx } from './lib/context.ts';

export const VERSION = '0.1.0';

/** The built web app (`npm run build -w @closeloop/web`); served when present. */
export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Build the HTTP application. main.ts listens on it; tests call `app.inject()`. */
export async function buildApp(deps: AppDeps, options: { logger?: boolean | object } = {}): Promise<FastifyInstance> {
  const { config, database } = deps;
  const clock = deps.clock ?? (() => new Date());
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerSecurityHeaders(app);
  registerJsonParser(app);
  const webDist = deps.webDist === undefined ? WEB_DIST : deps.webDist;
  const serveWeb = webDist !== null && fs.existsSync(path.join(webDist, 'index.html'));
  registerErrorHandler(app, serveWeb ? (_request, reply) => reply.header('Cache-Control', 'no-cache').sendFile('index.html') : undefined);
  if (serveWeb && webDist) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (res, file) => {
        res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.header('Cache-Control', 'no-cache').sendFile('index.html'));
  }

  await app.register(fastifyCookie);
  registerFileUploads(app);
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 10, parts: 11, fieldSize: 10_000 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Closeloop API',
        version: VERSION,
        description:
          'Customer feedback and after-sales service (闭环). Sign in with POST /api/v1/auth/login (cookie + X-CSRF-Token on writes) or send an API token as `Authorization: Bearer clp_…`. Errors are application/problem+json (RFC 9457).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'closeloop_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const makeCtx = (actor: Actor | undefined): Ctx => ({ db: database.db, config, now: clock, actor });
  registerAuthHook(app, makeCtx);
  registerPermissionHook(app);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerHealth(app, database, VERSION, makeCtx);

  await app.register(
    async (api) => {
      await api.register(authRoutes);
      await api.register(customerRoutes);
      await api.register(caseRoutes);
      await api.register(workspaceRoutes);
      await api.register(notificationRoutes);
      await api.register(slaRoutes);
      await api.register(settingsRoutes, { onCompanySettingsChanged });
      await api.register(assignmentRoutes);
      // Before the dispositions: the OpenAPI document keeps the order it had when they held these routes.
      await api.register(investigationRoutes);
      await api.register(dispositionRoutes);
    },
    { prefix: '/api/v1' },
  );

  return app;
}
