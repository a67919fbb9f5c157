import fs from 'node:fs';
import path from 'node:path';
import {
  type AwayBody,
  type ChangePasswordBody,
  type CreateApiTokenBody,
  type CreateDepartmentBody,
  type CreateUserBody,
  DEFAULT_DEPARTMENTS,
  DEFAULT_ROLES,
  type LoginBody,
  PASSWORD_PROBLEM_TEXT,
  PERSONAL_PERMISSIONS,
  type Permission,
  passwordProblem,
  type UpdateDepartmentBody,
  type UpdateUserBody,
} from '@closeloop/domain';
import type { z } from 'zod';
import { type Actor, ensure } from '../../lib/actor.ts';
import type { ActorCtx, Ctx } from '../../lib/context.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../lib/sql.ts';
import { randomToken, sha256 } from '../../lib/tokens.ts';
import { dummyPasswordHash, generatePassword, hashPassword, verifyPassword } from './password.ts';
import { presentApiToken, presentDepartment, presentRole, presentUser } from './presenter.ts';
import * as repo from './repository.ts';

/** The cookie that carries a browser's session secret. */
export const SESSION_COOKIE = 'closeloop_session';

const TOKEN_PREFIX = 'clp_';

const unauthenticated = (message: string) => new DomainError('unauthenticated', message);

/** Refuse a password the policy refuses (packages/domain/src/auth/password-policy.ts), naming the field and the reason. */
function ensureAcceptablePassword(field: string, password: string, login: string) {
  const problem = passwordProblem(password, { login });
  if (problem) throw invalidField(field, PASSWORD_PROBLEM_TEXT[problem], problem);
}

/** A user's permissions: what the roles grant, and the personal ones every user holds. */
export const permissionsOfUser = (rolePermissions: readonly string[]) =>
  new Set([...rolePermissions, ...PERSONAL_PERMISSIONS] as Permission[]);

/** When a session started at `createdAt` and used at `now` ends: idle lifetime, never past the absolute one. */
function sessionEnd(ctx: Ctx, createdAt: Date, now: Date) {
  const idle = now.getTime() + ctx.config.sessionTtlHours * 3600_000;
  const absolute = createdAt.getTime() + ctx.config.sessionMaxAgeHours * 3600_000;
  return new Date(Math.min(idle, absolute));
}

/**
 * Login throttling (README "Sign-in throttling"). Failures are counted per (login, address) pair, so an
 * attacker's guesses slow down the attacker's address only:
 * - pair: from the 5th failure since the pair's last success (within a day), each further attempt waits
 *   1 minute after the last failure, doubling per failure up to 15 minutes;
 * - address ceiling: 50 failures from one address within 15 minutes refuse that address's attempts on
 *   logins it has not signed in to within 30 days (people behind the same proxy who work there keep in);
 * - account ceiling: 30 failures on one login within an hour, from any addresses, refuse attempts from
 *   addresses that login has not signed in from within 30 days (the owner at his usual desk keeps in).
 */
export const THROTTLE = {
  pairFreeFailures: 5,
  pairFirstDelayMs: 60_000,
  pairMaxDelayMs: 15 * 60_000,
  pairMemoryMs: 24 * 3600_000,
  addressLimit: 50,
  addressWindowMs: 15 * 60_000,
  accountLimit: 30,
  accountWindowMs: 3600_000,
  knownPairMs: 30 * 24 * 3600_000,
} as const;

/** Seconds the next attempt of this pair must wait, or undefined when it may go ahead. */
async function throttleWait(ctx: Ctx, login: string, ip: string, now: Date, beforeAttemptId?: number) {
  const t = THROTTLE;
  const state = await repo.throttleState(ctx.db, {
    login,
    ip,
    beforeAttemptId,
    pairSince: new Date(now.getTime() - t.pairMemoryMs),
    addressSince: new Date(now.getTime() - t.addressWindowMs),
    addressLimit: t.addressLimit,
    accountSince: new Date(now.getTime() - t.accountWindowMs),
    accountLimit: t.accountLimit,
  });
  const until: number[] = [];
  if (state.pairFailures >= t.pairFreeFailures && state.pairLastFailure) {
    const delay = Math.min(t.pairFirstDelayMs * 2 ** (state.pairFailures - t.pairFreeFailures), t.pairMaxDelayMs);
    until.push(state.pairLastFailure.getTime() + delay);
  }
  const knownPair = state.pairLastSuccess !== undefined && state.pairLastSuccess.getTime() > now.getTime() - t.knownPairMs;
  if (!knownPair && state.addressLimitReachedAt) until.push(state.addressLimitReachedAt.getTime() + t.addressWindowMs);
  if (!knownPair && state.accountLimitReachedAt) until.push(state.accountLimitReachedAt.getTime() + t.accountWindowMs);
  const wait = Math.max(0, ...until) - now.getTime();
  return wait > 0 ? Math.ceil(wait / 1000) : undefined;
}

const tooManyAttempts = (retryAfterSeconds: number) =>
  new DomainError(
    'too_many_attempts',
    `too many failed sign-ins; try again in ${retryAfterSeconds < 120 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`}`,
    { extra: { retryAfterSeconds } },
  );

/**
 * Run a password `check` under the throttle: refuse while this pair must wait, else record the attempt
 * as failed, and count again among the attempts recorded before it, so that of concurrent attempts only
 * those within the limit get a password check. `check` throws when the password is wrong (the attempt
 * stays a failure); otherwise the attempt is marked succeeded.
 */
async function throttleLogin<T>(ctx: Ctx, login: string, ip: string, now: Date, check: () => Promise<T>): Promise<T> {
  const waiting = await throttleWait(ctx, login, ip, now);
  if (waiting) throw tooManyAttempts(waiting);
  const attemptId = await repo.recordLoginAttempt(ctx.db, login, ip, false, now);
  const raced = await throttleWait(ctx, login, ip, now, attemptId);
  if (raced) {
    // No password was checked: this attempt is not a failure.
    await repo.deleteLoginAttempt(ctx.db, attemptId);
    throw tooManyAttempts(raced);
  }
  const result = await check();
  await repo.markLoginAttemptSucceeded(ctx.db, attemptId);
  return result;
}

/** Check the password under the login throttle; opens a session. */
export async function logIn(ctx: Ctx, input: LoginBody, meta: { ip: string; userAgent: string | undefined }) {
  const now = ctx.now();
  const user = await throttleLogin(ctx, input.login, meta.ip, now, async () => {
    const found = await repo.findUserByLogin(ctx.db, input.login);
    // With no such user, still spend the time of a hash check so timing does not reveal which logins exist.
    const stored = found?.isActive ? found.passwordHash : await dummyPasswordHash();
    const ok = (await verifyPassword(stored, input.password)) && found?.isActive === true;
    if (!found || !ok) throw unauthenticated('wrong login or password');
    return found;
  });

  const secret = randomToken();
  const csrfToken = randomToken();
  const expiresAt = sessionEnd(ctx, now, now);
  await repo.insertSession(ctx.db, {
    idHash: sha256(secret),
    userId: user.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
  });
  const access = (await repo.rolesOfUsers(ctx.db, [user.id])).get(user.id);
  return { secret, expiresAt, csrfToken, user: presentUser(user, access, ctx.now()) };
}

/** Ends the cookie session. A token cannot: it would end a session it does not own (revoke the token instead). */
export async function logOut(ctx: Ctx, secret: string | undefined) {
  if (ctx.actor?.via === 'token') {
    throw new DomainError('forbidden', 'an API token does not sign out; revoke it with DELETE /api/v1/api-tokens/{id}');
  }
  if (secret) await repo.deleteSession(ctx.db, sha256(secret));
}

/** The acting user with the permissions they act with (a token's scopes ∩ the user's), read in the same statement as the credential. */
function actorFor(found: { user: repo.UserRow; access: { roles: string[]; permissions: string[] } }, scopes?: string[]) {
  const { user, access } = found;
  if (!user.isActive) return undefined;
  let permissions = permissionsOfUser(access.permissions);
  if (scopes) permissions = new Set([...permissions].filter((p) => scopes.includes(p)));
  return { user, access, permissions };
}

/**
 * The session behind a cookie secret, sliding its idle expiry up to its absolute lifetime
 * (SESSION_MAX_AGE_HOURS after sign-in); undefined when absent or expired.
 */
export async function authenticateSession(ctx: Ctx, secret: string) {
  const now = ctx.now();
  const idHash = sha256(secret);
  const live = await repo.findLiveSessionWithUser(ctx.db, idHash, now);
  if (!live) return undefined;
  const session = live.session;
  // Also for sessions stored before the absolute lifetime existed (their expiry was not capped).
  if (now >= new Date(session.createdAt.getTime() + ctx.config.sessionMaxAgeHours * 3600_000)) return undefined;
  const found = actorFor(live);
  if (!found) return undefined;
  // Slide the expiry at most once a minute to keep reads cheap.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await repo.touchSession(ctx.db, idHash, now, sessionEnd(ctx, session.createdAt, now));
  }
  const actor: Actor = {
    userId: found.user.id,
    displayName: found.user.displayName,
    permissions: found.permissions,
    via: 'session',
    sessionIdHash: idHash,
  };
  return { actor, csrfToken: session.csrfToken, user: presentUser(found.user, found.access, ctx.now()) };
}

/** The actor behind a Bearer token; throws when the token is unknown, revoked or expired. */
export async function authenticateToken(ctx: Ctx, token: string): Promise<Actor> {
  const withUser = await repo.findApiTokenWithUser(ctx.db, sha256(token));
  const row = withUser?.token;
  const now = ctx.now();
  if (!withUser || !row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) {
    throw unauthenticated('the API token is unknown, revoked or expired');
  }
  const found = actorFor(withUser, row.scopes);
  if (!found) throw unauthenticated('the API token belongs to a disabled user');
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await repo.markApiTokenUsed(ctx.db, row.id, now);
  }
  return {
    userId: found.user.id,
    displayName: found.user.displayName,
    permissions: found.permissions,
    via: 'token',
    tokenId: row.id,
  };
}

export async function getMe(ctx: ActorCtx) {
  const user = await repo.findUserById(ctx.db, ctx.actor.userId);
  if (!user) throw notFound('user', ctx.actor.userId);
  const access = (await repo.rolesOfUsers(ctx.db, [user.id])).get(user.id);
  return presentUser(user, access, ctx.now());
}

// ---------------------------------------------------------------- API tokens

export async function createApiToken(ctx: Ctx, input: CreateApiTokenBody) {
  ensure(ctx.actor, 'tokens:manage');
  if (ctx.actor.via === 'token') throw new DomainError('forbidden', 'API tokens cannot create API tokens; sign in');
  const beyond = input.scopes.filter((s) => !ctx.actor?.permissions.has(s));
  if (beyond.length > 0) throw invalidField('scopes', `you do not hold ${beyond.join(', ')} yourself`, 'scope_exceeds_owner');
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= ctx.now()) throw invalidField('expiresAt', 'must be in the future');
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  const row = await repo.insertApiToken(ctx.db, {
    name: input.name,
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    tokenHash: sha256(token),
    userId: ctx.actor.userId,
    scopes: [...new Set(input.scopes)],
    createdAt: ctx.now(),
    expiresAt,
  });
  return { ...presentApiToken(row), token };
}

export async function listApiTokens(ctx: Ctx) {
  ensure(ctx.actor, 'tokens:manage');
  return (await repo.listApiTokensOf(ctx.db, ctx.actor.userId)).map(presentApiToken);
}

export async function revokeApiToken(ctx: Ctx, id: string) {
  ensure(ctx.actor, 'tokens:manage');
  const row = await repo.revokeApiToken(ctx.db, id, ctx.actor.userId, ctx.now());
  if (!row) throw notFound('active API token', id);
  return presentApiToken(row);
}

// ---------------------------------------------------------------- users, departments, roles

export async function listUsers(ctx: Ctx) {
  ensure(ctx.actor, 'users:read');
  const rows = await repo.listUsers(ctx.db);
  const access = await repo.rolesOfUsers(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentUser(r, access.get(r.id), ctx.now()));
}

export async function createUser(ctx: Ctx, input: CreateUserBody) {
  ensure(ctx.actor, 'users:manage');
  ensureAcceptablePassword('password', input.password, input.login);
  return ctx.db.transaction(async (tx) => {
    if (await repo.findUserByLogin(tx, input.login)) throw invalidField('login', 'is taken', 'duplicate');
    const roleRows = await repo.findRolesByCode(tx, input.roles);
    const missing = input.roles.filter((c) => !roleRows.some((r) => r.code === c));
    if (missing.length > 0) throw invalidField('roles', `unknown role ${missing.join(', ')}`);
    if (input.departmentId && !(await repo.findDepartment(tx, input.departmentId))) {
      throw invalidField('departmentId', 'no such department');
    }
    const row = await repo.insertUser(
      tx,
      {
        login: input.login,
        displayName: input.displayName,
        email: input.email ?? null,
        locale: input.locale,
        departmentId: input.departmentId ?? null,
        passwordHash: await hashPassword(input.password),
      },
      roleRows.map((r) => r.id),
    );
    return presentUser(
      row,
      { roles: roleRows.map((r) => r.code), permissions: [...new Set(roleRows.flatMap((r) => r.permissions))] },
      ctx.now(),
    );
  });
}

/** An administrator edits a user. Nobody can lock themselves out: no self-deactivation, no dropping one's own administrator role. */
export async function updateUser(ctx: Ctx, id: string, input: UpdateUserBody) {
  ensure(ctx.actor, 'users:manage');
  const actor = ctx.actor;
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findUserById(tx, id);
    if (!current) throw notFound('user', id);
    if (current.version !== input.version) throw versionConflict('the user', current.version);
    const { version, roles, password, awayUntil, ...fields } = input;
    if (id === actor.userId && fields.isActive === false) throw invalidField('isActive', 'you cannot deactivate yourself');
    if (password) ensureAcceptablePassword('password', password, current.login);
    let roleRows: Awaited<ReturnType<typeof repo.findRolesByCode>> | undefined;
    if (roles) {
      roleRows = await repo.findRolesByCode(tx, roles);
      const missing = roles.filter((c) => !roleRows?.some((r) => r.code === c));
      if (missing.length > 0) throw invalidField('roles', `unknown role ${missing.join(', ')}`);
      if (id === actor.userId && !roles.includes('administrator')) {
        const had = (await repo.rolesOfUsers(tx, [id])).get(id)?.roles ?? [];
        if (had.includes('administrator')) throw invalidField('roles', 'you cannot remove your own administrator role');
      }
    }
    if (fields.departmentId && !(await repo.findDepartment(tx, fields.departmentId)))
      throw invalidField('departmentId', 'no such department');
    const values: Parameters<typeof repo.updateUser>[3] = { ...fields };
    if (awayUntil !== undefined) values.awayUntil = awayUntil === null ? null : new Date(awayUntil);
    if (password) values.passwordHash = await hashPassword(password);
    const row = await repo.updateUser(
      tx,
      id,
      version,
      values,
      roleRows?.map((r) => r.id),
    );
    if (!row) throw versionConflict('the user', current.version);
    if (password || fields.isActive === false) await repo.deleteSessionsOf(tx, id);
    // A reset assumes the old password is known to someone else: whatever it opened ends, tokens too.
    if (password) await repo.revokeApiTokensOf(tx, id, ctx.now());
    const access = (await repo.rolesOfUsers(tx, [id])).get(id);
    return presentUser(row, access, ctx.now());
  });
}

/**
 * Change one's own password: the current one must be right (wrong guesses count as failed sign-ins of
 * this login from this address, so the throttle applies); the user's other sessions end, this one stays.
 * API tokens stay: they are integrations the user created and revokes on their own (README).
 */
export async function changePassword(ctx: Ctx, input: ChangePasswordBody, meta: { ip: string }) {
  const actor = ctx.actor;
  ensure(actor, 'profile:write');
  if (actor.via !== 'session' || !actor.sessionIdHash) {
    throw new DomainError('forbidden', 'sign in to change your password; an API token cannot');
  }
  const sessionIdHash = actor.sessionIdHash;
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user) throw notFound('user', actor.userId);
  const now = ctx.now();
  await throttleLogin(ctx, user.login, meta.ip, now, async () => {
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw invalidField('currentPassword', 'is not your current password', 'wrong_password');
    }
  });
  if (input.newPassword === input.currentPassword) {
    throw invalidField('newPassword', 'is the current password', 'password_unchanged');
  }
  ensureAcceptablePassword('newPassword', input.newPassword, user.login);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    const current = await repo.findUserById(tx, user.id);
    if (!current) throw notFound('user', user.id);
    const row = await repo.updateUser(tx, user.id, current.version, { passwordHash });
    if (!row) throw versionConflict('the user', current.version);
    await repo.deleteSessionsOf(tx, user.id, { except: sessionIdHash });
  });
}

/** Anyone signed in marks themselves away or back (assignment rules skip people who are away). */
export async function setAway(ctx: Ctx, input: AwayBody) {
  ensure(ctx.actor, 'profile:write');
  const id = ctx.actor.userId;
  const until = input.away && input.awayUntil ? new Date(input.awayUntil) : null;
  if (until && until <= ctx.now()) throw invalidField('awayUntil', 'must be in the future');
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findUserById(tx, id);
    if (!current) throw notFound('user', id);
    const row = await repo.updateUser(tx, id, current.version, { away: input.away, awayUntil: until }, undefined);
    if (!row) throw versionConflict('the user', current.version);
    return presentUser(row, (await repo.rolesOfUsers(tx, [id])).get(id), ctx.now());
  });
}

export async function listDepartments(ctx: Ctx) {
  ensure(ctx.actor, 'users:read');
  return (await repo.listDepartments(ctx.db)).map(presentDepartment);
}

export async function createDepartment(ctx: Ctx, input: z.infer<typeof CreateDepartmentBody>) {
  ensure(ctx.actor, 'departments:manage');
  const row = await repo.insertDepartment(ctx.db, { ...input, headUserId: input.headUserId ?? null });
  if (!row) throw invalidField('code', 'is taken', 'duplicate');
  return presentDepartment(row);
}

export async function updateDepartment(ctx: Ctx, id: string, input: z.infer<typeof UpdateDepartmentBody>) {
  ensure(ctx.actor, 'departments:manage');
  const { version, ...values } = input;
  const row = await repo.updateDepartment(ctx.db, id, version, values);
  if (row) return presentDepartment(row);
  const current = await repo.findDepartment(ctx.db, id);
  if (!current) throw notFound('department', id);
  throw versionConflict('the department', current.version);
}

export async function listRoles(ctx: Ctx) {
  ensure(ctx.actor, 'users:read');
  return (await repo.listRoles(ctx.db)).map(presentRole);
}

// ---------------------------------------------------------------- first start

/** The default roles (kept up to date with the code at every start) and, on an empty database, the default departments. */
export async function seedAccessDefaults(ctx: Ctx) {
  for (const r of DEFAULT_ROLES) {
    await repo.upsertRole(ctx.db, { code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, permissions: [...r.permissions], isSystem: true });
  }
  const existing = await repo.listDepartments(ctx.db);
  if (existing.length === 0) {
    for (const d of DEFAULT_DEPARTMENTS) await repo.insertDepartment(ctx.db, { ...d });
  }
}

/**
 * Create the administrator `admin` when no user exists. Returns the generated password (once)
 * when none was configured.
 */
export async function createFirstAdministrator(
  ctx: Ctx,
): Promise<{ adminCreated: boolean; generatedPassword?: string; passwordFile?: string }> {
  if ((await repo.countUsers(ctx.db)) > 0) return { adminCreated: false };

  const generated = ctx.config.adminPassword ? undefined : generatePassword();
  const password = ctx.config.adminPassword ?? (generated as string);
  const [adminRole] = await repo.findRolesByCode(ctx.db, ['administrator']);
  const gm = (await repo.listDepartments(ctx.db)).find((d) => d.code === 'gm_office');
  try {
    await repo.insertUser(
      ctx.db,
      {
        login: 'admin',
        displayName: '系统管理员 Administrator',
        locale: 'zh-CN',
        departmentId: gm?.id ?? null,
        passwordHash: await hashPassword(password),
      },
      adminRole ? [adminRole.id] : [],
    );
  } catch (e) {
    // Another instance created it at the same moment.
    if (isUniqueViolation(e)) return { adminCreated: false };
    throw e;
  }
  if (!generated) return { adminCreated: true };
  const passwordFile = path.join(ctx.config.dataDir, 'admin-password.txt');
  fs.mkdirSync(ctx.config.dataDir, { recursive: true });
  fs.writeFileSync(passwordFile, `${generated}\n`, { mode: 0o600 });
  fs.chmodSync(passwordFile, 0o600);
  return { adminCreated: true, generatedPassword: generated, passwordFile };
}
