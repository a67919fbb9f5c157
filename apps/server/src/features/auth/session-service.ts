import type { ChangePasswordBody, LoginBody } from '@closeloop/domain';
import { type Actor, ensure } from '../../lib/actor.ts';
import type { ActorCtx, Ctx } from '../../lib/context.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { randomToken, sha256 } from '../../lib/tokens.ts';
import { actorFor, ensureAcceptablePassword, unauthenticated } from './access.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.ts';
import { presentUser } from './presenter.ts';
import * as repo from './repository.ts';

/** Signing in and out, the browser session, one's own password. */

/** The cookie that carries a browser's session secret. */
export const SESSION_COOKIE = 'closeloop_session';

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

export async function getMe(ctx: ActorCtx) {
  const user = await repo.findUserById(ctx.db, ctx.actor.userId);
  if (!user) throw notFound('user', ctx.actor.userId);
  const access = (await repo.rolesOfUsers(ctx.db, [user.id])).get(user.id);
  return presentUser(user, access, ctx.now());
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
