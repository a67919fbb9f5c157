import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../src/testing/index.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe('workspace queues and preferences', () => {
  it("counts the caller's queues", async () => {
    const qe = await env.userWith(['quality_engineer'], { department: 'quality' });
    const before = (await qe.get('/api/v1/workspace/queues')).json();
    const mine = (await env.admin.post('/api/v1/cases', { type: 'complaint', title: '归我', channel: 'phone', ownerId: qe.userId })).json();
    await env.admin.post('/api/v1/cases', { type: 'complaint', title: '无人负责', channel: 'phone' });
    const after = (await qe.get('/api/v1/workspace/queues')).json();
    expect(after.mine).toBe(before.mine + 1);
    expect(after.unassigned).toBe(before.unassigned + 1);
    expect(after.open).toBe(before.open + 2);
    expect(after.recentlyUpdated).toBeGreaterThanOrEqual(2);
    await env.admin.patch(`/api/v1/cases/${mine.id}`, { version: mine.version, departmentId: after.departmentId });
    expect((await qe.get('/api/v1/workspace/queues')).json().department).toBe(after.department + 1);
  });

  it('remembers a setting per user', async () => {
    const a = await env.userWith(['agent']);
    const b = await env.userWith(['agent']);
    expect((await a.get('/api/v1/me/preferences/case-columns')).json().value).toBeNull();
    const saved = await a.request('PUT', '/api/v1/me/preferences/case-columns', { value: ['number', 'title', '客户'] });
    expect(saved.statusCode).toBe(200);
    expect((await a.get('/api/v1/me/preferences/case-columns')).json().value).toEqual(['number', 'title', '客户']);
    expect((await b.get('/api/v1/me/preferences/case-columns')).json().value).toBeNull();
    const bad = await a.request('PUT', '/api/v1/me/preferences/has space', { value: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('key');
  });
});

describe('CSV export', () => {
  it('exports the filtered cases with labels in the chosen language, safe for Excel', async () => {
    await env.admin.post('/api/v1/cases', {
      type: 'return',
      title: '=HYPERLINK("http://x")',
      channel: 'dealer',
      severity: 'MA',
      tags: ['导出'],
    });
    await env.admin.post('/api/v1/cases', { type: 'return', title: '外箱破损, 需退货', channel: 'dealer', tags: ['导出'] });
    const zh = await env.admin.get(`/api/v1/cases/export.csv?tag=${encodeURIComponent('导出')}&sort=createdAt`);
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-type']).toContain('text/csv');
    expect(zh.headers['x-total-exported']).toBe('2');
    const lines = zh.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(zh.body.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toMatch(/^编号,类型,状态,标题/);
    expect(lines[1]).toContain(',退货,新登记,');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines[2]).toContain('"外箱破损, 需退货"');
    const en = await env.admin.get(`/api/v1/cases/export.csv?tag=${encodeURIComponent('导出')}&lang=en-US`);
    expect(en.body).toContain('Number,Type,Status');
    expect(en.body).toContain(',Return,New,');
  });
});
