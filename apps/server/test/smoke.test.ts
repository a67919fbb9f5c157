import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../src/testing/index.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe('smoke', () => {
  it('registers a complaint', async () => {
    const res = await env.admin.post('/api/v1/cases', { type: 'complaint', title: '液压泵漏油', channel: 'phone' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().number).toMatch(/^\d{4}-0001$/);
  });
});
