import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../src/testing/index.ts';

/**
 * The database goes away under a running app (here: closed under it, on either database kind).
 * Answers become 503 problem+json with Retry-After, never 500 "internal"; the anonymous health
 * check says up or down and nothing about the failed SQL.
 */
let env: TestEnv;
let token: string;

beforeAll(async () => {
  env = await createTestEnv();
  const res = await env.admin.post('/api/v1/api-tokens', { name: 'monitoring', scopes: ['cases:read'] });
  expect(res.statusCode, res.body).toBe(201);
  token = res.json().token;
});
afterAll(async () => env?.close());

describe('health while the database answers', () => {
  it('tells anonymous callers only up and the version', async () => {
    const res = await env.anonymous.get('/api/health');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('shows database details to a user who manages users, not to a reader', async () => {
    const admin = (await env.admin.get('/api/health')).json();
    expect(admin.database).toMatchObject({ kind: process.env.DATABASE_URL ? 'postgres' : 'embedded', reachable: true });
    expect(admin.database.version).toMatch(/^\d+/);
    const reader = await env.userWith(['read_only']);
    expect((await reader.get('/api/health')).json().database).toBeUndefined();
  });
});

describe('the database is gone', () => {
  beforeAll(async () => {
    await env.database.close();
  });

  it('answers API calls with 503 problem+json and Retry-After, without SQL', async () => {
    const calls = [
      () => env.admin.get('/api/v1/cases'),
      () => env.admin.post('/api/v1/cases', { type: 'inquiry', title: '停机期间', channel: 'phone' }),
      () => env.anonymous.get('/api/v1/cases', { authorization: `Bearer ${token}` }),
      () => env.anonymous.post('/api/v1/auth/login', { login: 'admin', password: 'whatever-password' }),
    ];
    for (const call of calls) {
      const res = await call();
      expect(res.statusCode, res.body).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.json()).toMatchObject({ status: 503, code: 'unavailable' });
      expect(res.body).not.toMatch(/select|insert|failed query|pglite|pool/i);
    }
  });

  it('answers the health check with 503 "unavailable" and no error text', async () => {
    for (const client of [env.anonymous, env.admin]) {
      const res = await client.get('/api/health');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'unavailable', version: expect.any(String) });
    }
  });
});
