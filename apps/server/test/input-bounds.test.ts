import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../src/testing/index.ts';

/** Input the API must refuse (issue 8 §3): times that cannot be true, someone else's name, deep JSON, unbounded preferences. */
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const problem = (res: LightMyRequestResponse, status: number, code: string) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status, code });
  expect(res.body).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  return body as { errors?: { field: string; message: string }[]; detail: string };
};
const fields = (b: { errors?: { field: string }[] }) => (b.errors ?? []).map((e) => e.field).sort();
const complaint = (extra: Record<string, unknown> = {}) => ({ type: 'complaint', title: '轴封漏油', channel: 'phone', ...extra });
const countCases = async () => (await env.admin.get('/api/v1/cases?pageSize=1')).json().total as number;

describe('received and occurred times', () => {
  it('refuses a received time in the future and one before the backdating limit, naming the field, and keeps nothing', async () => {
    const before = await countCases();
    for (const receivedAt of ['2099-01-01T00:00:00Z', '1990-01-01T00:00:00Z']) {
      const body = problem(await env.admin.post('/api/v1/cases', complaint({ receivedAt })), 400, 'validation_failed');
      expect(fields(body)).toEqual(['receivedAt']);
    }
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(fields(problem(await env.admin.post('/api/v1/cases', complaint({ occurredAt: future })), 400, 'validation_failed'))).toEqual([
      'occurredAt',
    ]);
    expect(await countCases()).toBe(before);
  });

  it('accepts a case typed in some days after it was received, and a few minutes of clock skew', async () => {
    const receivedAt = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const res = await env.admin.post(
      '/api/v1/cases',
      complaint({ receivedAt, occurredAt: new Date(Date.now() - 12 * 86_400_000).toISOString() }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().receivedAt).toBe(receivedAt);
    const skewed = await env.admin.post('/api/v1/cases', complaint({ receivedAt: new Date(Date.now() + 60_000).toISOString() }));
    expect(skewed.statusCode, skewed.body).toBe(201);
  });

  it('follows CASE_BACKDATE_DAYS', async () => {
    const strict = await createTestEnv({ CASE_BACKDATE_DAYS: '3' });
    try {
      const receivedAt = new Date(Date.now() - 4 * 86_400_000).toISOString();
      const body = problem(await strict.admin.post('/api/v1/cases', complaint({ receivedAt })), 400, 'validation_failed');
      expect(body.errors?.[0]?.message).toContain('3 days');
    } finally {
      await strict.close();
    }
  });

  it('refuses moving the occurred time of a case into the future on edit', async () => {
    const created = (await env.admin.post('/api/v1/cases', complaint())).json();
    const res = await env.admin.patch(`/api/v1/cases/${created.id}`, { version: created.version, occurredAt: '2099-05-01T00:00:00Z' });
    expect(fields(problem(res, 400, 'validation_failed'))).toEqual(['occurredAt']);
  });
});

describe('who received the case', () => {
  it('is the caller: an agent cannot record a case as received by someone else or name another first responder', async () => {
    const agent = await env.userWith(['agent']);
    const other = await env.userWith(['agent']);
    const before = await countCases();
    for (const field of ['receivedById', 'firstResponderId']) {
      const res = await agent.post('/api/v1/cases', complaint({ [field]: other.userId }));
      const body = problem(res, 403, 'forbidden');
      expect(body.detail).toContain('cases:receive_for_others');
    }
    expect(await countCases()).toBe(before);
    // naming oneself is fine
    const own = await agent.post('/api/v1/cases', complaint({ receivedById: agent.userId, firstResponderId: agent.userId }));
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().receivedBy.id).toBe(agent.userId);
  });

  it('may be someone else for a caller with cases:receive_for_others (a manager entering a rep’s call)', async () => {
    const manager = await env.userWith(['manager']);
    const rep = await env.userWith(['agent']);
    const res = await manager.post('/api/v1/cases', complaint({ receivedById: rep.userId }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().receivedBy.id).toBe(rep.userId);
    expect(res.json().firstResponder.id).toBe(rep.userId);
  });
});

describe('deeply nested JSON', () => {
  it('answers 400 problem+json, not a 500 from recursion', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const body = `{"type":"complaint","title":"x","channel":"phone","tags":${deep}}`;
    const res = await env.admin.request('POST', '/api/v1/cases', body, { 'content-type': 'application/json' });
    const p = problem(res, 400, 'malformed_json');
    expect(p.detail).toMatch(/nested/);
    const obj = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    problem(
      await env.admin.request('PUT', '/api/v1/me/preferences/x', `{"value":${obj}}`, { 'content-type': 'application/json' }),
      400,
      'malformed_json',
    );
  });

  it('still takes ordinary nesting and brackets inside strings', async () => {
    const res = await env.admin.request(
      'PUT',
      '/api/v1/me/preferences/deep-ok',
      JSON.stringify({ value: { a: [[{ b: [1, 2, { c: '[[[[{{{{' }] }]] } }),
      { 'content-type': 'application/json' },
    );
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('personal preferences are bounded', () => {
  it('caps the size of one value and the number of keys a user keeps', async () => {
    const reader = await env.userWith(['read_only']);
    const big = 'x'.repeat(40 * 1024);
    expect(fields(problem(await reader.request('PUT', '/api/v1/me/preferences/big', { value: big }), 400, 'validation_failed'))).toEqual([
      'value',
    ]);
    for (let i = 0; i < 50; i += 1) {
      const res = await reader.request('PUT', `/api/v1/me/preferences/k${i}`, { value: { i } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const over = problem(await reader.request('PUT', '/api/v1/me/preferences/k50', { value: 1 }), 400, 'validation_failed');
    expect(fields(over)).toEqual(['key']);
    // replacing an existing key is still possible at the cap
    expect((await reader.request('PUT', '/api/v1/me/preferences/k7', { value: 'changed' })).statusCode).toBe(200);
  });
});
