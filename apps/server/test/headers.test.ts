import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { bootstrap } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { openTestDatabase } from '../src/testing/index.ts';

/** The app served with a small built web app, as in production. */
let app: FastifyInstance;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-headers-'));
  const web = path.join(dir, 'web');
  fs.mkdirSync(path.join(web, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><html><body><div id="root"></div></body></html>');
  fs.writeFileSync(path.join(web, 'assets', 'index-abc123.js'), 'console.log(1)');
  const { database, drop } = await openTestDatabase();
  const config = loadConfig({
    DATA_DIR: dir,
    CLOSELOOP_ADMIN_PASSWORD: 'admin-password-for-tests',
    LOG_LEVEL: 'silent',
  } as NodeJS.ProcessEnv);
  await bootstrap({ db: database.db, config, now: () => new Date(), actor: undefined });
  app = await buildApp({ database, config, webDist: web });
  await app.ready();
  cleanup = async () => {
    await app.close();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
});
afterAll(async () => cleanup?.());

const directives = (res: LightMyRequestResponse) =>
  Object.fromEntries(
    String(res.headers['content-security-policy'] ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values.join(' ')];
      }),
  );

const expectBaseHeaders = (res: LightMyRequestResponse) => {
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  const csp = directives(res);
  expect(csp['frame-ancestors']).toBe("'none'");
  expect(csp['object-src']).toBe("'none'");
  expect(csp['base-uri']).toBe("'self'");
  expect(csp['default-src']).toBe("'self'");
  return csp;
};

describe('security headers', () => {
  it.each([
    ['the web app', '/', 200],
    ['a client-side route', '/cases/2601-0001', 200],
    ['a static asset', '/assets/index-abc123.js', 200],
    ['the OpenAPI document', '/api/openapi.json', 200],
    ['health', '/api/health', 200],
    ['an API read without sign-in (401)', '/api/v1/cases', 401],
    ['an unknown API route (404)', '/api/v1/no-such-thing', 404],
  ])('sends the policy on %s', async (_what, url, status) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(status);
    const csp = expectBaseHeaders(res);
    expect(csp['script-src']).toBe("'self'");
    expect(csp['style-src']).toBe("'self' 'unsafe-inline'");
    expect(csp['img-src']).toBe("'self' data: blob:");
    expect(csp['connect-src']).toBe("'self'");
    expect(csp['form-action']).toBe("'self'");
  });

  it('sends them on errors: a malformed body and a refused write', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: '{"login":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expectBaseHeaders(bad);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { kind: 'company', name: '无权客户', country: 'CN' },
    });
    expect(refused.statusCode).toBe(401);
    expectBaseHeaders(refused);
  });

  it('gives the API documentation a policy Swagger UI can run under, still unframeable', async () => {
    const page = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui-bundle.js');
    const csp = expectBaseHeaders(page);
    expect(csp['script-src']).toBe("'self'");
    const redirect = await app.inject({ method: 'GET', url: '/api/docs' });
    expectBaseHeaders(redirect);
    const asset = await app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' });
    expect(asset.statusCode).toBe(200);
    expectBaseHeaders(asset);
  });
});
