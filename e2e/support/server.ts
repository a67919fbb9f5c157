import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, WEB_DIST } from '../../apps/server/src/app.ts';
import { bootstrap } from '../../apps/server/src/bootstrap.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { runSlaSweep } from '../../apps/server/src/features/sla/sweep.ts';
import { openTestDatabase } from '../../apps/server/src/testing/index.ts';

export const ADMIN_PASSWORD = 'e2e-admin-password';

export interface E2EServer {
  url: string;
  app: FastifyInstance;
  /** Call the API as admin (Bearer token), for test setup. */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** GET as admin and hand back the response as it is (files such as PDFs). */
  raw(path: string): Promise<Response>;
  /** Run the SLA timer once now (the server under test runs no background jobs). */
  sweep(): Promise<unknown>;
  close(): Promise<void>;
}

/** Start Closeloop on a fresh database (embedded, or DATABASE_URL's server) serving the built web app. */
export async function startServer(): Promise<E2EServer> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`the web app is not built (${WEB_DIST}); run npm run build -w @closeloop/web`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-e2e-'));
  const config = loadConfig({ DATA_DIR: dir, CLOSELOOP_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
  const { database, drop } = await openTestDatabase();
  await bootstrap({ db: database.db, config, now: () => new Date(), actor: undefined });
  const app = await buildApp({ database, config });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const tokenRes = await fetch(`${url}/api/v1/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({
      name: 'e2e setup',
      scopes: [
        'cases:read',
        'cases:create',
        'cases:update',
        'customers:read',
        'customers:write',
        'products:write',
        'users:read',
        'users:manage',
        'sla:manage',
        'dispositions:write',
        'responsibility:decide',
        'costs:read',
        'approvals:manage',
      ],
    }),
  });
  const { token } = (await tokenRes.json()) as { token: string };

  return {
    url,
    app,
    async api<T>(method: string, p: string, body?: unknown) {
      const res = await fetch(`${url}/api/v1${p}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const data = (await res.json()) as T;
      if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${JSON.stringify(data)}`);
      return data;
    },
    raw: (p: string) => fetch(`${url}/api/v1${p}`, { headers: { authorization: `Bearer ${token}` } }),
    sweep: () => runSlaSweep({ db: database.db, config, now: () => new Date() }),
    async close() {
      await app.close();
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
