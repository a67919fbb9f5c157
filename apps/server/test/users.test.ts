import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestEnv, type TestEnv } from '../src/testing/index.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const me = async () => (await env.admin.get('/api/v1/auth/me')).json().user;

describe('administering users', () => {
  it('changes roles, department and name with the current version', async () => {
    const u = await env.userWith(['agent'], { displayName: '张敏' });
    const before = (await env.admin.get('/api/v1/users')).json().items.find((x: { id: string }) => x.id === u.userId);
    const deps = (await env.admin.get('/api/v1/departments')).json().items as { id: string; code: string }[];
    const quality = deps.find((d) => d.code === 'quality')?.id;
    const res = await env.admin.patch(`/api/v1/users/${u.userId}`, {
      version: before.version,
      displayName: '张敏（品质）',
      roles: ['quality_engineer'],
      departmentId: quality,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      displayName: '张敏（品质）',
      roles: ['quality_engineer'],
      departmentId: quality,
      version: before.version + 1,
    });
    expect(res.json().permissions).toContain('cases:reject');
    const stale = await env.admin.patch(`/api/v1/users/${u.userId}`, { version: before.version, displayName: 'x' });
    expect(stale.statusCode).toBe(409);
  });

  it('deactivating a user ends their sessions and refuses their sign-in', async () => {
    const u = await env.userWith(['agent'], { login: 'leaver' });
    expect((await u.get('/api/v1/auth/me')).statusCode).toBe(200);
    const v = (await env.admin.get('/api/v1/users')).json().items.find((x: { id: string }) => x.id === u.userId).version;
    expect((await env.admin.patch(`/api/v1/users/${u.userId}`, { version: v, isActive: false })).statusCode).toBe(200);
    expect((await u.get('/api/v1/auth/me')).statusCode).toBe(401);
    await expect(env.login('leaver', 'a-long-test-password')).rejects.toThrow(/401/);
  });

  it('sets a new password', async () => {
    const u = await env.userWith(['agent'], { login: 'forgetful' });
    const v = (await env.admin.get('/api/v1/users')).json().items.find((x: { id: string }) => x.id === u.userId).version;
    await env.admin.patch(`/api/v1/users/${u.userId}`, { version: v, password: 'brand-new-password-1' });
    await expect(env.login('forgetful', 'a-long-test-password')).rejects.toThrow(/401/);
    expect((await env.login('forgetful', 'brand-new-password-1')).auth.cookie).toBeTruthy();
  });

  it('does not let administrators lock themselves out', async () => {
    const admin = await me();
    const off = await env.admin.patch(`/api/v1/users/${admin.id}`, { version: admin.version, isActive: false });
    expect(off.statusCode).toBe(400);
    expect(off.json().errors[0].field).toBe('isActive');
    const demote = await env.admin.patch(`/api/v1/users/${admin.id}`, { version: admin.version, roles: ['agent'] });
    expect(demote.statusCode).toBe(400);
    expect(demote.json().errors[0].field).toBe('roles');
    expect((await env.login('admin', ADMIN_PASSWORD)).auth.cookie).toBeTruthy();
  });

  it('is refused to users without users:manage', async () => {
    const manager = await env.userWith(['manager']);
    const admin = await me();
    const res = await manager.patch(`/api/v1/users/${admin.id}`, { version: admin.version, displayName: 'x' });
    expect(res.statusCode).toBe(403);
  });
});

describe('installed units', () => {
  it('treats serials differing only in case as the same unit and recomputes warranty on date edits', async () => {
    const p = (
      await env.admin.post('/api/v1/products', { model: 'SM-750', name: '伺服电机', category: '电机', warrantyMonths: 18 })
    ).json();
    const u = (await env.admin.post('/api/v1/units', { serial: 'SM750-A1', productId: p.id, shipDate: '2026-01-10' })).json();
    expect(u.warrantyEnd).toBe('2027-07-10');
    const dup = await env.admin.post('/api/v1/units', { serial: 'sm750-a1', productId: p.id });
    expect(dup.statusCode).toBe(409);
    const edited = (await env.admin.patch(`/api/v1/units/${u.id}`, { version: u.version, installDate: '2026-03-01' })).json();
    expect(edited.warrantyEnd).toBe('2027-09-01');
  });
});
