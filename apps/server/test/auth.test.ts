import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { bootstrap } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { rowsOf } from '../src/lib/sql.ts';
import { ADMIN_PASSWORD, Client, createTestEnv, openTestDatabase, type TestEnv } from '../src/testing/index.ts';

let env: TestEnv;
const PASSWORD = 'a-long-test-password';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());
afterEach(() => {
  // Every test that pins the clock gets real time back.
  env.clock.now = undefined;
});

const loginRaw = (login: string, password: string, remoteAddress = '127.0.0.1') =>
  env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password }, remoteAddress });

/** The session cookie (`name=value`) a login answer sets. */
const sessionCookie = (res: LightMyRequestResponse) => String(res.headers['set-cookie']).split(';')[0] ?? '';

const expectProblem = (res: LightMyRequestResponse, status: number, code: string) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status, code });
  expect(typeof body.type).toBe('string');
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  return body;
};

const newCustomer = (name = '测试客户') => ({ kind: 'company', name, country: 'CN' });

const userCount = async (db: TestEnv['database']['db'], login: string) =>
  Number(rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM users WHERE login = ${login}`))[0]?.n);

describe('signing in', () => {
  it('returns the user and a CSRF token and sets an HttpOnly SameSite session cookie', async () => {
    const res = await loginRaw('admin', ADMIN_PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ login: 'admin', isActive: true });
    expect(body.user.roles).toContain('administrator');
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(typeof body.csrfToken).toBe('string');
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(32);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^closeloop_session=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=(Lax|Strict)/i);
    expect(cookie).toMatch(/Path=\//);
    // The session secret is only in the cookie, never in the body.
    const secret = cookie.split(';')[0]?.split('=')[1] ?? '';
    expect(res.body).not.toContain(secret);
  });

  it('refuses a wrong password with 401 problem+json', async () => {
    const body = expectProblem(await loginRaw('admin', 'not-the-password'), 401, 'unauthenticated');
    expect(body.detail).toBe('wrong login or password');
  });

  it('answers an unknown login exactly like a wrong password, so logins cannot be enumerated', async () => {
    const wrong = expectProblem(await loginRaw('admin', 'not-the-password'), 401, 'unauthenticated');
    const unknown = expectProblem(await loginRaw('nobody-by-this-name', 'not-the-password'), 401, 'unauthenticated');
    expect(unknown.title).toBe(wrong.title);
    expect(unknown.detail).toBe(wrong.detail);
    expect(unknown.type).toBe(wrong.type);
  });

  it('matches the login case-insensitively', async () => {
    const res = await loginRaw('ADMIN', ADMIN_PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
  });

  it('refuses an empty login or password with 400', async () => {
    const res = await env.anonymous.post('/api/v1/auth/login', { login: '', password: '' });
    const body = expectProblem(res, 400, 'validation_failed');
    const fields = body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['login', 'password']));
  });
});

describe('login throttling', () => {
  /** Pin the clock and advance it a second per call, as real attempts are apart in time. */
  const pinClock = () => {
    const start = new Date();
    env.clock.now = start;
    return {
      start,
      tick: () => {
        env.clock.now = new Date((env.clock.now ?? start).getTime() + 1000);
      },
    };
  };

  /** Set the pinned clock to `start` + `ms`. */
  const at = (start: Date, ms: number) => {
    env.clock.now = new Date(start.getTime() + ms);
  };

  it('throttles the attacker’s address on a login while the owner signs in from another address', async () => {
    const { start, tick } = pinClock();
    await env.userWith(['agent'], { login: 'throttled.agent' });
    const attacker = '203.0.113.50';
    for (let i = 0; i < 5; i += 1) {
      tick();
      expectProblem(await loginRaw('throttled.agent', `wrong-password-${i}`, attacker), 401, 'unauthenticated');
    }
    tick();
    // Five failures from this address: it waits a minute after the last one, even with the right password.
    const locked = await loginRaw('throttled.agent', PASSWORD, attacker);
    expectProblem(locked, 429, 'too_many_attempts');
    expect(Number(locked.headers['retry-after'])).toBe(60 - 1);
    expect(locked.headers['set-cookie']).toBeUndefined();
    // Another spelling of the same login is the same login.
    expectProblem(await loginRaw('THROTTLED.agent', PASSWORD, attacker), 429, 'too_many_attempts');
    // The owner, at his desk, is not locked out.
    const owner = await loginRaw('throttled.agent', PASSWORD, '198.51.100.10');
    expect(owner.statusCode, owner.body).toBe(200);
    // Nor does the owner's sign-in lift the attacker's throttle.
    expectProblem(await loginRaw('throttled.agent', PASSWORD, attacker), 429, 'too_many_attempts');
    at(start, 5 * 1000 + 61 * 1000);
    expect((await loginRaw('throttled.agent', PASSWORD, attacker)).statusCode).toBe(200);
  });

  it('doubles the wait after each further failure, up to 15 minutes', async () => {
    const start = new Date();
    env.clock.now = start;
    await env.userWith(['agent'], { login: 'doubled.agent' });
    const attacker = '203.0.113.51';
    let t = 0;
    for (let i = 0; i < 5; i += 1) {
      t += 1000;
      at(start, t);
      expectProblem(await loginRaw('doubled.agent', 'wrong-password', attacker), 401, 'unauthenticated');
    }
    for (const wait of [60, 120, 240, 480, 900, 900]) {
      // A second before the wait is over: refused, and told how long is left.
      at(start, t + (wait - 1) * 1000);
      const early = await loginRaw('doubled.agent', 'wrong-password', attacker);
      expectProblem(early, 429, 'too_many_attempts');
      expect(Number(early.headers['retry-after'])).toBe(1);
      // Once it is over, the next guess is checked (and fails again).
      t += wait * 1000;
      at(start, t);
      expectProblem(await loginRaw('doubled.agent', 'wrong-password', attacker), 401, 'unauthenticated');
    }
    // A right password after the wait resets the count for the pair.
    t += 900 * 1000;
    at(start, t);
    expect((await loginRaw('doubled.agent', PASSWORD, attacker)).statusCode).toBe(200);
    t += 1000;
    at(start, t);
    expectProblem(await loginRaw('doubled.agent', 'wrong-password', attacker), 401, 'unauthenticated');
    t += 1000;
    at(start, t);
    expect((await loginRaw('doubled.agent', PASSWORD, attacker)).statusCode).toBe(200);
  });

  it('does not throttle another account behind the same address', async () => {
    const { tick } = pinClock();
    const proxy = '192.0.2.77';
    await env.userWith(['agent'], { login: 'victim.behind.proxy' });
    await env.userWith(['agent'], { login: 'colleague.behind.proxy' });
    for (let i = 0; i < 8; i += 1) {
      tick();
      await loginRaw('victim.behind.proxy', 'wrong-password', proxy);
    }
    tick();
    expectProblem(await loginRaw('victim.behind.proxy', PASSWORD, proxy), 429, 'too_many_attempts');
    expect((await loginRaw('colleague.behind.proxy', PASSWORD, proxy)).statusCode).toBe(200);
  });

  it('slows an attacker spread over many addresses, but not the owner at his usual address', async () => {
    const { tick } = pinClock();
    await env.userWith(['agent'], { login: 'spread.target' });
    const usual = '198.51.100.30';
    tick();
    expect((await loginRaw('spread.target', PASSWORD, usual)).statusCode).toBe(200);
    for (let i = 0; i < 30; i += 1) {
      tick();
      expectProblem(await loginRaw('spread.target', `guess-${i}`, `10.9.${i}.1`), 401, 'unauthenticated');
    }
    tick();
    // A new address, even with the right password, waits while the account is under attack.
    const fresh = await loginRaw('spread.target', PASSWORD, '10.9.200.1');
    expectProblem(fresh, 429, 'too_many_attempts');
    expect(Number(fresh.headers['retry-after'])).toBeGreaterThan(0);
    // The owner from the address he signed in from before gets in.
    expect((await loginRaw('spread.target', PASSWORD, usual)).statusCode).toBe(200);
  });

  it('checks at most five passwords when wrong attempts arrive all at once', async () => {
    const { tick } = pinClock();
    await env.userWith(['agent'], { login: 'raced.agent' });
    tick();
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => loginRaw('raced.agent', `guess-${i}`, '198.51.100.7')));
    const statuses = guesses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
    expectProblem(await loginRaw('raced.agent', PASSWORD, '198.51.100.7'), 429, 'too_many_attempts');
  });

  it('throttles an address after fifty failed sign-ins across different logins', async () => {
    const { tick } = pinClock();
    const attacker = '203.0.113.9';
    for (let i = 0; i < 50; i += 1) {
      tick();
      expectProblem(await loginRaw(`sprayed-${i}`, 'password123', attacker), 401, 'unauthenticated');
    }
    tick();
    expectProblem(await loginRaw('admin', ADMIN_PASSWORD, attacker), 429, 'too_many_attempts');
    expect((await loginRaw('admin', ADMIN_PASSWORD, '198.51.100.200')).statusCode).toBe(200);
  });

  it('keeps letting in, behind a throttled address, the people who signed in from it before', async () => {
    const { tick } = pinClock();
    const office = '203.0.113.10';
    await env.userWith(['agent'], { login: 'office.regular' });
    tick();
    expect((await loginRaw('office.regular', PASSWORD, office)).statusCode).toBe(200);
    for (let i = 0; i < 50; i += 1) {
      tick();
      expectProblem(await loginRaw(`office-sprayed-${i}`, 'password123', office), 401, 'unauthenticated');
    }
    tick();
    expectProblem(await loginRaw('admin', ADMIN_PASSWORD, office), 429, 'too_many_attempts');
    expect((await loginRaw('office.regular', PASSWORD, office)).statusCode).toBe(200);
  });

  it('does not lock other logins out when one is throttled', async () => {
    const { tick } = pinClock();
    await env.userWith(['agent'], { login: 'victim.agent' });
    await env.userWith(['agent'], { login: 'bystander.agent' });
    for (let i = 0; i < 5; i += 1) {
      tick();
      await loginRaw('victim.agent', 'wrong-password');
    }
    tick();
    expectProblem(await loginRaw('victim.agent', PASSWORD), 429, 'too_many_attempts');
    expect((await loginRaw('bystander.agent', PASSWORD)).statusCode).toBe(200);
  });

  it('counts only failures since the last successful sign-in', async () => {
    const { tick } = pinClock();
    await env.userWith(['agent'], { login: 'forgetful.agent' });
    for (let i = 0; i < 4; i += 1) {
      tick();
      await loginRaw('forgetful.agent', 'wrong-password');
    }
    tick();
    expect((await loginRaw('forgetful.agent', PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i += 1) {
      tick();
      await loginRaw('forgetful.agent', 'wrong-password');
    }
    tick();
    expect((await loginRaw('forgetful.agent', PASSWORD)).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('GET /auth/me answers the signed-in user and the session CSRF token', async () => {
    const res = await env.admin.get('/api/v1/auth/me');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.login).toBe('admin');
    expect(res.json().user.permissions).toContain('users:manage');
    expect(res.json().csrfToken).toBe(env.admin.auth.csrfToken);
  });

  it('GET /auth/me without a session is 401', async () => {
    expectProblem(await env.anonymous.get('/api/v1/auth/me'), 401, 'unauthenticated');
  });

  it('treats an unknown session cookie as not signed in', async () => {
    const forged = new Client(env.app, { cookie: 'closeloop_session=forged-secret' });
    expectProblem(await forged.get('/api/v1/auth/me'), 401, 'unauthenticated');
  });

  it('logout ends the session: the same cookie is refused afterwards', async () => {
    const session = await env.login('admin', ADMIN_PASSWORD);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(200);
    const out = await session.post('/api/v1/auth/logout');
    expect(out.statusCode, out.body).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/closeloop_session=;/);
    expectProblem(await session.get('/api/v1/auth/me'), 401, 'unauthenticated');
    expectProblem(await session.get('/api/v1/customers'), 401, 'unauthenticated');
  });

  it('expires a session SESSION_TTL_HOURS after its last use', async () => {
    const start = new Date();
    env.clock.now = start;
    const user = await env.userWith(['agent']);
    const ttl = env.config.sessionTtlHours * HOUR;
    const maxAge = env.config.sessionMaxAgeHours * HOUR;
    expect(maxAge).toBeGreaterThan(ttl);
    env.clock.now = new Date(start.getTime() + ttl - MINUTE);
    expect((await user.get('/api/v1/auth/me')).statusCode).toBe(200);
    // That use slid the expiry past the first TTL.
    env.clock.now = new Date(start.getTime() + ttl + MINUTE);
    expect((await user.get('/api/v1/auth/me')).statusCode).toBe(200);
    // Unused for a TTL, it is gone.
    env.clock.now = new Date(start.getTime() + 2 * ttl + 2 * MINUTE);
    expectProblem(await user.get('/api/v1/auth/me'), 401, 'unauthenticated');
  });

  it('refuses a session kept alive past SESSION_MAX_AGE_HOURS after sign-in', async () => {
    const start = new Date();
    env.clock.now = start;
    const user = await env.userWith(['agent']);
    const maxAge = env.config.sessionMaxAgeHours * HOUR;
    // Used every hour, the idle expiry never comes ...
    for (let t = HOUR; t < maxAge; t += HOUR) {
      env.clock.now = new Date(start.getTime() + t - MINUTE);
      expect((await user.get('/api/v1/auth/me')).statusCode, `after ${t / HOUR} h`).toBe(200);
    }
    // ... but the session ends at its absolute lifetime, however recently it was used.
    env.clock.now = new Date(start.getTime() + maxAge + MINUTE);
    expectProblem(await user.get('/api/v1/auth/me'), 401, 'unauthenticated');
    expectProblem(await user.get('/api/v1/cases'), 401, 'unauthenticated');
  });

  it('sets the cookie to end no later than the absolute lifetime', async () => {
    const res = await loginRaw('admin', ADMIN_PASSWORD);
    const expires = /Expires=([^;]+)/i.exec(String(res.headers['set-cookie']))?.[1];
    const ends = new Date(expires ?? '').getTime();
    const limit = Date.now() + Math.min(env.config.sessionTtlHours, env.config.sessionMaxAgeHours) * HOUR;
    expect(ends).toBeLessThanOrEqual(limit + MINUTE);
  });

  it('expires an unused session after exactly SESSION_TTL_HOURS', async () => {
    const start = new Date();
    env.clock.now = start;
    const user = await env.userWith(['agent']);
    env.clock.now = new Date(start.getTime() + env.config.sessionTtlHours * HOUR + MINUTE);
    expectProblem(await user.get('/api/v1/auth/me'), 401, 'unauthenticated');
    expectProblem(await user.get('/api/v1/customers'), 401, 'unauthenticated');
  });
});

describe('CSRF protection of cookie sessions', () => {
  let cookieOnly: Client;
  let session: Client;
  beforeAll(async () => {
    session = await env.userWith(['agent']);
    cookieOnly = new Client(env.app, { cookie: session.auth.cookie ?? '' });
  });

  it('refuses a cookie-authenticated write without X-CSRF-Token with 403 csrf_failed', async () => {
    const body = expectProblem(await cookieOnly.post('/api/v1/customers', newCustomer()), 403, 'csrf_failed');
    expect(body.detail).toMatch(/X-CSRF-Token/);
  });

  it('refuses a cookie-authenticated write with a wrong X-CSRF-Token', async () => {
    const res = await cookieOnly.post('/api/v1/customers', newCustomer(), { 'x-csrf-token': 'wrong-token' });
    expectProblem(res, 403, 'csrf_failed');
    const otherSession = await env.login('admin', ADMIN_PASSWORD);
    const res2 = await cookieOnly.post('/api/v1/customers', newCustomer(), { 'x-csrf-token': otherSession.auth.csrfToken ?? '' });
    expectProblem(res2, 403, 'csrf_failed');
  });

  it('refuses PATCH and DELETE without the token too', async () => {
    const created = await session.post('/api/v1/customers', newCustomer('CSRF 客户'));
    expect(created.statusCode).toBe(201);
    const { id, version } = created.json();
    expectProblem(await cookieOnly.patch(`/api/v1/customers/${id}`, { version, tier: 'A' }), 403, 'csrf_failed');
    expectProblem(await cookieOnly.delete(`/api/v1/api-tokens/${id}`), 403, 'csrf_failed');
    expectProblem(await cookieOnly.post('/api/v1/auth/logout'), 403, 'csrf_failed');
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('accepts a cookie-authenticated write with the right X-CSRF-Token', async () => {
    const res = await cookieOnly.post('/api/v1/customers', newCustomer(), { 'x-csrf-token': session.auth.csrfToken ?? '' });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('lets reads through without a CSRF token', async () => {
    expect((await cookieOnly.get('/api/v1/customers')).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  let agent: Client & { userId: string };
  beforeAll(async () => {
    agent = await env.userWith(['agent'], { login: 'token.owner' });
  });

  it('shows the secret once, starting clp_, and never in the list', async () => {
    const res = await agent.post('/api/v1/api-tokens', { name: 'ERP 集成', scopes: ['cases:read', 'customers:read'] });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.token).toMatch(/^clp_[A-Za-z0-9_-]{20,}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    expect(created).toMatchObject({ name: 'ERP 集成', scopes: ['cases:read', 'customers:read'], revokedAt: null, expiresAt: null });

    const list = await agent.get('/api/v1/api-tokens');
    expect(list.statusCode).toBe(200);
    const mine = list.json().items.find((t: { id: string }) => t.id === created.id);
    expect(mine).toMatchObject({ name: 'ERP 集成', prefix: created.prefix });
    expect(mine).not.toHaveProperty('token');
    expect(list.body).not.toContain(created.token);
    // Stored only as a hash.
    const rows = rowsOf<{ token_hash: string }>(
      await env.database.db.execute(sql`SELECT token_hash FROM api_tokens WHERE id = ${created.id}`),
    );
    expect(rows[0]?.token_hash).not.toContain(created.token);
  });

  it('lists only the caller’s own tokens', async () => {
    await env.admin.post('/api/v1/api-tokens', { name: 'admin-only', scopes: ['cases:read'] });
    const list = (await agent.get('/api/v1/api-tokens')).json().items as { name: string }[];
    expect(list.map((t) => t.name)).not.toContain('admin-only');
  });

  it('authenticates writes by Bearer token without a CSRF token', async () => {
    const token = (await agent.post('/api/v1/api-tokens', { name: 'writer', scopes: ['customers:read', 'customers:write'] })).json().token;
    const api = new Client(env.app, { bearer: token });
    const res = await api.post('/api/v1/customers', newCustomer('令牌客户'));
    expect(res.statusCode, res.body).toBe(201);
    expect((await api.get(`/api/v1/customers/${res.json().id}`)).statusCode).toBe(200);
  });

  it('limits a token to its scopes and names the missing permission', async () => {
    const token = (await agent.post('/api/v1/api-tokens', { name: 'read cases', scopes: ['cases:read'] })).json().token;
    const api = new Client(env.app, { bearer: token });
    expect((await api.get('/api/v1/cases')).statusCode).toBe(200);
    const write = expectProblem(
      await api.post('/api/v1/cases', { type: 'inquiry', title: '令牌不能登记', channel: 'phone' }),
      403,
      'forbidden',
    );
    expect(write.permission).toBe('cases:create');
    expect(write.detail).toContain('cases:create');
    const read = expectProblem(await api.get('/api/v1/customers'), 403, 'forbidden');
    expect(read.permission).toBe('customers:read');
  });

  it('refuses scopes the owner does not hold, naming the field scopes', async () => {
    const res = await agent.post('/api/v1/api-tokens', { name: 'too much', scopes: ['cases:read', 'users:manage'] });
    const body = expectProblem(res, 400, 'validation_failed');
    expect(body.errors).toEqual([expect.objectContaining({ field: 'scopes' })]);
    expect(body.errors[0].message).toContain('users:manage');
  });

  it('refuses an unknown scope with 400', async () => {
    const body = expectProblem(
      await agent.post('/api/v1/api-tokens', { name: 'bad', scopes: ['cases:everything'] }),
      400,
      'validation_failed',
    );
    expect(body.errors[0].field).toMatch(/^scopes/);
  });

  it('does not let a token create further tokens', async () => {
    const token = (await agent.post('/api/v1/api-tokens', { name: 'manager', scopes: ['tokens:manage'] })).json().token;
    const api = new Client(env.app, { bearer: token });
    expectProblem(await api.post('/api/v1/api-tokens', { name: 'child', scopes: ['tokens:manage'] }), 403, 'forbidden');
  });

  it('stops accepting a revoked token', async () => {
    const created = (await agent.post('/api/v1/api-tokens', { name: 'to revoke', scopes: ['cases:read'] })).json();
    const api = new Client(env.app, { bearer: created.token });
    expect((await api.get('/api/v1/cases')).statusCode).toBe(200);
    const revoked = await agent.delete(`/api/v1/api-tokens/${created.id}`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    expectProblem(await api.get('/api/v1/cases'), 401, 'unauthenticated');
    // Revoking twice: nothing active left to revoke.
    expectProblem(await agent.delete(`/api/v1/api-tokens/${created.id}`), 404, 'not_found');
  });

  it('does not let one user revoke another user’s token', async () => {
    const created = (await env.admin.post('/api/v1/api-tokens', { name: 'admin token', scopes: ['cases:read'] })).json();
    expectProblem(await agent.delete(`/api/v1/api-tokens/${created.id}`), 404, 'not_found');
    expect((await new Client(env.app, { bearer: created.token }).get('/api/v1/cases')).statusCode).toBe(200);
  });

  it('stops accepting a token after its expiry', async () => {
    const start = new Date();
    env.clock.now = start;
    const expiresAt = new Date(start.getTime() + HOUR).toISOString();
    const created = await agent.post('/api/v1/api-tokens', { name: 'one hour', scopes: ['cases:read'], expiresAt });
    expect(created.statusCode, created.body).toBe(201);
    const api = new Client(env.app, { bearer: created.json().token });
    expect((await api.get('/api/v1/cases')).statusCode).toBe(200);
    env.clock.now = new Date(start.getTime() + HOUR + MINUTE);
    expectProblem(await api.get('/api/v1/cases'), 401, 'unauthenticated');
  });

  it('refuses an expiry in the past', async () => {
    const res = await agent.post('/api/v1/api-tokens', { name: 'stale', scopes: ['cases:read'], expiresAt: '2020-01-01T00:00:00Z' });
    const body = expectProblem(res, 400, 'validation_failed');
    expect(body.errors[0].field).toBe('expiresAt');
  });

  it('refuses an unknown Bearer token with 401', async () => {
    const api = new Client(env.app, { bearer: 'clp_this-token-does-not-exist' });
    expectProblem(await api.get('/api/v1/cases'), 401, 'unauthenticated');
  });

  it.each([
    ['Basic YWRtaW46cGFzc3dvcmQ=', 'a Basic header'],
    ['Bearer', 'a Bearer scheme with no token'],
    ['Bearer two words', 'a token with a space'],
    ['clp_abcdef', 'a token without the scheme'],
  ])('refuses a malformed Authorization header (%s: %s) with 401', async (header) => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { authorization: header } });
    expectProblem(res, 401, 'unauthenticated');
  });

  it('does not fall back to the cookie when a bad Authorization header is sent', async () => {
    const res = await env.admin.get('/api/v1/customers', { authorization: 'Basic Zm9v' });
    expectProblem(res, 401, 'unauthenticated');
  });
});

describe('personal endpoints with API tokens', () => {
  let owner: Client & { userId: string };
  let reader: Client;
  beforeAll(async () => {
    owner = await env.userWith(['agent'], { login: 'personal.owner' });
    const token = (await owner.post('/api/v1/api-tokens', { name: 'read only', scopes: ['cases:read'] })).json().token;
    reader = new Client(env.app, { bearer: token });
  });

  it('lets a token read who its owner is and the owner’s settings and notifications', async () => {
    expect((await reader.get('/api/v1/auth/me')).json().user.login).toBe('personal.owner');
    expect((await reader.get('/api/v1/me/preferences/case-list')).statusCode).toBe(200);
    expect((await reader.get('/api/v1/me/notifications')).statusCode).toBe(200);
  });

  it('does not let a cases:read token set its owner away', async () => {
    const res = await reader.request('PUT', '/api/v1/me/away', { away: true });
    expect(expectProblem(res, 403, 'forbidden').permission).toBe('profile:write');
    expect((await owner.get('/api/v1/auth/me')).json().user.away).toBe(false);
  });

  it('does not let a cases:read token change its owner’s preferences or mark notifications read', async () => {
    const pref = await reader.request('PUT', '/api/v1/me/preferences/case-list', { value: { columns: ['hijacked'] } });
    expect(expectProblem(pref, 403, 'forbidden').permission).toBe('profile:write');
    expect((await owner.get('/api/v1/me/preferences/case-list')).json().value).toBeNull();
    const read = await reader.post('/api/v1/me/notifications/read', { all: true });
    expect(expectProblem(read, 403, 'forbidden').permission).toBe('profile:write');
  });

  it('does not let a token sign its owner out, even sent beside the owner’s cookie', async () => {
    const res = await reader.post('/api/v1/auth/logout', undefined, { cookie: owner.auth.cookie ?? '' });
    expectProblem(res, 403, 'forbidden');
    expect((await owner.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('lets a token granted profile:write do it, and only for its owner', async () => {
    const token = (await owner.post('/api/v1/api-tokens', { name: 'presence', scopes: ['profile:write'] })).json().token;
    const presence = new Client(env.app, { bearer: token });
    const res = await presence.request('PUT', '/api/v1/me/away', { away: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: owner.userId, away: true });
    expect((await presence.request('PUT', '/api/v1/me/away', { away: false })).statusCode).toBe(200);
  });

  it('gives every signed-in user profile:write, whatever the roles', async () => {
    const ro = await env.userWith(['read_only']);
    expect((await ro.get('/api/v1/auth/me')).json().user.permissions).toContain('profile:write');
    expect((await ro.request('PUT', '/api/v1/me/away', { away: true })).statusCode).toBe(200);
    expect((await ro.request('PUT', '/api/v1/me/preferences/case-list', { value: { pageSize: 50 } })).statusCode).toBe(200);
  });
});

describe('permissions', () => {
  it('answers an unauthenticated call with 401', async () => {
    expectProblem(await env.anonymous.get('/api/v1/customers'), 401, 'unauthenticated');
    expectProblem(await env.anonymous.post('/api/v1/customers', newCustomer()), 401, 'unauthenticated');
    expectProblem(await env.anonymous.get('/api/v1/users'), 401, 'unauthenticated');
  });

  it('lets a read_only user read but answers every write with 403 naming the permission', async () => {
    const reader = await env.userWith(['read_only']);
    expect((await reader.get('/api/v1/customers')).statusCode).toBe(200);
    expect((await reader.get('/api/v1/cases')).statusCode).toBe(200);
    const customer = expectProblem(await reader.post('/api/v1/customers', newCustomer()), 403, 'forbidden');
    expect(customer.permission).toBe('customers:write');
    const kase = expectProblem(
      await reader.post('/api/v1/cases', { type: 'inquiry', title: '只读用户', channel: 'phone' }),
      403,
      'forbidden',
    );
    expect(kase.permission).toBe('cases:create');
    const product = expectProblem(await reader.post('/api/v1/products', { model: 'RO-1', name: '只读', category: '泵' }), 403, 'forbidden');
    expect(product.permission).toBe('products:write');
    const user = await reader.post('/api/v1/users', { login: 'ro-made', displayName: 'x', roles: ['agent'], password: PASSWORD });
    expect(expectProblem(user, 403, 'forbidden').permission).toBe('users:manage');
    const token = expectProblem(await reader.post('/api/v1/api-tokens', { name: 'ro', scopes: ['cases:read'] }), 403, 'forbidden');
    expect(token.permission).toBe('tokens:manage');
  });

  it('does not let an agent manage users or departments', async () => {
    const agent = await env.userWith(['agent']);
    const dept = await agent.post('/api/v1/departments', { code: 'agent_dept', nameZh: '部门', nameEn: 'Dept' });
    expect(expectProblem(dept, 403, 'forbidden').permission).toBe('departments:manage');
  });
});

describe('users', () => {
  it('lets an administrator create a user, storing only an argon2id hash of the password', async () => {
    const res = await env.admin.post('/api/v1/users', {
      login: 'wang.fang',
      displayName: '王芳',
      email: 'wang.fang@example.com',
      roles: ['agent', 'quality_engineer'],
      password: 'correct horse battery',
    });
    expect(res.statusCode, res.body).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({ login: 'wang.fang', displayName: '王芳', locale: 'zh-CN', isActive: true });
    expect(user.roles.sort()).toEqual(['agent', 'quality_engineer']);
    expect(user.permissions).toEqual(expect.arrayContaining(['cases:reject', 'customers:write']));
    expect(res.body).not.toContain('correct horse battery');
    expect(user).not.toHaveProperty('passwordHash');

    const rows = rowsOf<{ password_hash: string }>(
      await env.database.db.execute(sql`SELECT password_hash FROM users WHERE login = ${'wang.fang'}`),
    );
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0]?.password_hash).not.toContain('correct horse battery');

    expect((await loginRaw('wang.fang', 'correct horse battery')).statusCode).toBe(200);
    const list = (await env.admin.get('/api/v1/users')).json().items as { login: string }[];
    expect(list.map((u) => u.login)).toContain('wang.fang');
  });

  it('refuses a duplicate login (in any letter case), naming the field login', async () => {
    const first = await env.admin.post('/api/v1/users', { login: 'li.lei', displayName: '李雷', roles: ['agent'], password: PASSWORD });
    expect(first.statusCode).toBe(201);
    const dup = await env.admin.post('/api/v1/users', { login: 'Li.Lei', displayName: '李雷2', roles: ['agent'], password: PASSWORD });
    expect(dup.statusCode).toBeGreaterThanOrEqual(400);
    expect(dup.statusCode).toBeLessThan(500);
    expect(dup.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(dup.json().errors).toEqual([expect.objectContaining({ field: 'login' })]);
    expect(await userCount(env.database.db, 'Li.Lei')).toBe(0);
  });

  it('refuses an unknown role with 400 naming roles', async () => {
    const res = await env.admin.post('/api/v1/users', { login: 'han.mei', displayName: '韩梅', roles: ['superuser'], password: PASSWORD });
    const body = expectProblem(res, 400, 'validation_failed');
    expect(body.errors).toEqual([expect.objectContaining({ field: 'roles' })]);
    expect(body.errors[0].message).toContain('superuser');
    expect(await userCount(env.database.db, 'han.mei')).toBe(0);
  });

  it('refuses a short password and a bad login with the fields named', async () => {
    const res = await env.admin.post('/api/v1/users', { login: 'bad login!', displayName: 'x', roles: ['agent'], password: 'short' });
    const body = expectProblem(res, 400, 'validation_failed');
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['login', 'password']));
  });
});

describe('departments and roles', () => {
  it('has the nine departments of the procedure after first start', async () => {
    const res = await env.admin.get('/api/v1/departments');
    expect(res.statusCode).toBe(200);
    const codes = (res.json().items as { code: string }[]).map((d) => d.code);
    expect(codes).toEqual(
      expect.arrayContaining(['sales', 'service', 'quality', 'production', 'rnd', 'purchasing', 'warehouse', 'finance', 'gm_office']),
    );
    const quality = res.json().items.find((d: { code: string }) => d.code === 'quality');
    expect(quality).toMatchObject({ nameZh: '品质部', isActive: true, version: 1 });
  });

  it('creates and edits a department with optimistic versioning; a stale version is 409 with currentVersion', async () => {
    const created = await env.admin.post('/api/v1/departments', { code: 'logistics', nameZh: '物流部', nameEn: 'Logistics' });
    expect(created.statusCode, created.body).toBe(201);
    const dept = created.json();
    expect(dept).toMatchObject({ code: 'logistics', nameZh: '物流部', version: 1, headUserId: null, isActive: true });

    const edited = await env.admin.patch(`/api/v1/departments/${dept.id}`, { version: 1, nameEn: 'Logistics & shipping' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ nameEn: 'Logistics & shipping', nameZh: '物流部', version: 2 });

    const stale = await env.admin.patch(`/api/v1/departments/${dept.id}`, { version: 1, nameEn: 'Lost update' });
    const body = expectProblem(stale, 409, 'version_conflict');
    expect(body.currentVersion).toBe(2);
    const list = (await env.admin.get('/api/v1/departments')).json().items as { id: string; nameEn: string }[];
    expect(list.find((d) => d.id === dept.id)?.nameEn).toBe('Logistics & shipping');
  });

  it('answers 404 for editing a department that does not exist', async () => {
    const res = await env.admin.patch('/api/v1/departments/00000000-0000-4000-8000-000000000000', { version: 1, nameEn: 'x' });
    expectProblem(res, 404, 'not_found');
  });

  it('refuses a second department with the same code, naming code', async () => {
    const res = await env.admin.post('/api/v1/departments', { code: 'sales', nameZh: '销售二部', nameEn: 'Sales 2' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'code' })]);
  });

  it('lists the default roles with their permissions', async () => {
    const res = await env.admin.get('/api/v1/roles');
    expect(res.statusCode).toBe(200);
    const roles = res.json().items as { code: string; permissions: string[]; isSystem: boolean }[];
    expect(roles.map((r) => r.code).sort()).toEqual([
      'administrator',
      'agent',
      'deputy_gm',
      'finance',
      'gm',
      'manager',
      'quality_engineer',
      'read_only',
    ]);
    const readOnly = roles.find((r) => r.code === 'read_only');
    expect(readOnly?.permissions.sort()).toEqual(['cases:read', 'customers:read', 'users:read']);
    expect(roles.every((r) => r.isSystem)).toBe(true);
  });
});

describe('first-start bootstrap', () => {
  it('does not create a second administrator when run again', async () => {
    const ctx = { db: env.database.db, config: env.config, now: () => new Date(), actor: undefined };
    const again = await bootstrap(ctx);
    expect(again.adminCreated).toBe(false);
    expect(await userCount(env.database.db, 'admin')).toBe(1);
    // A configured password is never written to disk.
    expect(fs.existsSync(path.join(env.config.dataDir, 'admin-password.txt'))).toBe(false);
    const roles = (await env.admin.get('/api/v1/roles')).json().items as unknown[];
    expect(roles).toHaveLength(8);
  });

  it('generates an administrator password when none is configured, writes it 0600 to DATA_DIR, and it signs in', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-bootstrap-'));
    const { database, drop } = await openTestDatabase();
    try {
      const config = loadConfig({ DATA_DIR: dir } as NodeJS.ProcessEnv);
      expect(config.adminPassword).toBeUndefined();
      const ctx = { db: database.db, config, now: () => new Date(), actor: undefined };

      const first = await bootstrap(ctx);
      expect(first.adminCreated).toBe(true);
      expect(first.generatedPassword).toMatch(/^[A-Za-z0-9]{20}$/);
      const file = path.join(dir, 'admin-password.txt');
      expect(first.passwordFile).toBe(file);
      expect(fs.readFileSync(file, 'utf8').trim()).toBe(first.generatedPassword);
      if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);

      const second = await bootstrap(ctx);
      expect(second).toEqual({ adminCreated: false });
      expect(await userCount(database.db, 'admin')).toBe(1);
      expect(fs.readFileSync(file, 'utf8').trim()).toBe(first.generatedPassword);
      const deps = rowsOf<{ n: number }>(await database.db.execute(sql`SELECT count(*)::int AS n FROM departments`));
      expect(Number(deps[0]?.n)).toBe(9);

      const app = await buildApp({ database, config, webDist: null });
      try {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { login: 'admin', password: first.generatedPassword },
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().user.roles).toEqual(['administrator']);
        const me = await new Client(app, { cookie: sessionCookie(res) }).get('/api/v1/auth/me');
        expect(me.json().user.login).toBe('admin');
      } finally {
        await app.close();
      }
    } finally {
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
