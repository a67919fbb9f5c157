import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { Client, createTestEnv, type TestEnv } from '../src/testing/index.ts';

let env: TestEnv;
const PASSWORD = 'a-long-test-password';
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const fieldError = (res: LightMyRequestResponse, field: string) => {
  expect(res.statusCode, res.body).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body.code).toBe('validation_failed');
  const error = (body.errors as { field: string; code?: string; message: string }[]).find((e) => e.field === field);
  expect(error, res.body).toBeDefined();
  return error as { field: string; code?: string; message: string };
};

const versionOf = async (userId: string) =>
  ((await env.admin.get('/api/v1/users')).json().items as { id: string; version: number }[]).find((u) => u.id === userId)?.version ?? 0;

describe('weak passwords are refused wherever a password is set', () => {
  const weak = [
    ['          ', 'password_too_short'],
    ['aaaaaaaaaa', 'password_trivial'],
    ['1234567890', 'password_trivial'],
    ['password12', 'password_common'],
    ['woaini1314', 'password_common'],
    ['qwertyuiop', 'password_trivial'],
  ] as const;

  it.each(weak)('refuses %j when an administrator creates a user (%s)', async (password, code) => {
    const res = await env.admin.post('/api/v1/users', { login: 'weak.user', displayName: '弱密码', roles: ['agent'], password });
    expect(fieldError(res, 'password').code).toBe(code);
  });

  it('refuses a password built on the login', async () => {
    const res = await env.admin.post('/api/v1/users', {
      login: 'zhang.wei',
      displayName: '张伟',
      roles: ['agent'],
      password: 'Zhang.Wei2024',
    });
    expect(fieldError(res, 'password').code).toBe('password_contains_login');
  });

  it.each(weak)('refuses %j as an administrator’s reset (%s)', async (password, code) => {
    const user = await env.userWith(['agent']);
    const res = await env.admin.patch(`/api/v1/users/${user.userId}`, { version: await versionOf(user.userId), password });
    expect(fieldError(res, 'password').code).toBe(code);
    expect((await user.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it.each(weak)('refuses %j as one’s own new password (%s)', async (password, code) => {
    const user = await env.userWith(['agent']);
    const res = await user.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: password });
    expect(fieldError(res, 'newPassword').code).toBe(code);
  });

  it('refuses to start with a weak CLOSELOOP_ADMIN_PASSWORD, naming the variable', () => {
    for (const password of ['password12', 'aaaaaaaaaaaa', 'admin12345678']) {
      expect(() => loadConfig({ CLOSELOOP_ADMIN_PASSWORD: password } as NodeJS.ProcessEnv)).toThrow(ConfigError);
      expect(() => loadConfig({ CLOSELOOP_ADMIN_PASSWORD: password } as NodeJS.ProcessEnv)).toThrow(/CLOSELOOP_ADMIN_PASSWORD/);
    }
    expect(loadConfig({ CLOSELOOP_ADMIN_PASSWORD: 'admin-password-for-tests' } as NodeJS.ProcessEnv).adminPassword).toBe(
      'admin-password-for-tests',
    );
  });
});

describe('changing one’s own password', () => {
  it('needs the current password, ends the user’s other sessions and keeps this one', async () => {
    const user = await env.userWith(['agent'], { login: 'changer' });
    const other = await env.login('changer', PASSWORD);
    const bystander = await env.userWith(['agent']);
    const res = await user.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'fresh-Password-2026' });
    expect(res.statusCode, res.body).toBe(204);
    expect((await user.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await bystander.get('/api/v1/auth/me')).statusCode).toBe(200);
    await expect(env.login('changer', PASSWORD)).rejects.toThrow(/401/);
    expect((await env.login('changer', 'fresh-Password-2026')).auth.cookie).toBeTruthy();
  });

  it('keeps the user’s API tokens (they are revoked separately)', async () => {
    const user = await env.userWith(['agent']);
    const token = (await user.post('/api/v1/api-tokens', { name: 'ERP', scopes: ['cases:read'] })).json().token;
    const res = await user.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'fresh-Password-2026' });
    expect(res.statusCode, res.body).toBe(204);
    expect((await new Client(env.app, { bearer: token }).get('/api/v1/cases')).statusCode).toBe(200);
  });

  it('refuses a wrong current password with a field error, not 401 (which would sign the web app out)', async () => {
    const user = await env.userWith(['agent']);
    const res = await user.post('/api/v1/auth/password', { currentPassword: 'not-my-password', newPassword: 'fresh-Password-2026' });
    expect(fieldError(res, 'currentPassword').code).toBe('wrong_password');
    expect((await user.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('counts wrong current passwords as failed sign-ins, so guessing it is throttled', async () => {
    env.clock.now = new Date();
    try {
      const user = await env.userWith(['agent']);
      for (let i = 0; i < 5; i += 1) {
        const res = await user.post('/api/v1/auth/password', { currentPassword: `guess-${i}`, newPassword: 'fresh-Password-2026' });
        expect(fieldError(res, 'currentPassword').code).toBe('wrong_password');
      }
      const res = await user.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'fresh-Password-2026' });
      expect(res.statusCode, res.body).toBe(429);
      expect(Number(res.headers['retry-after'])).toBe(60);
    } finally {
      env.clock.now = undefined;
    }
  });

  it('refuses the same password again', async () => {
    const user = await env.userWith(['agent']);
    const res = await user.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(fieldError(res, 'newPassword').code).toBe('password_unchanged');
  });

  it('is refused to anonymous callers and to API tokens', async () => {
    expect((await env.anonymous.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'x' })).statusCode).toBe(401);
    const user = await env.userWith(['agent']);
    const token = (await user.post('/api/v1/api-tokens', { name: 'all', scopes: ['cases:read', 'profile:write'] })).json().token;
    const res = await new Client(env.app, { bearer: token }).post('/api/v1/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'fresh-Password-2026',
    });
    expect(res.statusCode, res.body).toBe(403);
    expect((await env.login(`${(await user.get('/api/v1/auth/me')).json().user.login}`, PASSWORD)).auth.cookie).toBeTruthy();
  });
});

describe('an administrator’s reset', () => {
  it('ends all of the user’s sessions and revokes the user’s API tokens', async () => {
    const user = await env.userWith(['agent'], { login: 'reset.me' });
    const token = (await user.post('/api/v1/api-tokens', { name: 'ERP', scopes: ['cases:read'] })).json().token;
    const api = new Client(env.app, { bearer: token });
    expect((await api.get('/api/v1/cases')).statusCode).toBe(200);
    const res = await env.admin.patch(`/api/v1/users/${user.userId}`, {
      version: await versionOf(user.userId),
      password: 'reset-by-Admin-2026',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await user.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await api.get('/api/v1/cases')).statusCode).toBe(401);
    expect((await env.login('reset.me', 'reset-by-Admin-2026')).auth.cookie).toBeTruthy();
  });
});
