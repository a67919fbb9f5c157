import type { CreateApiTokenBody } from '@closeloop/domain';
import { type Actor, ensure } from '../../lib/actor.ts';
import type { Ctx } from '../../lib/context.ts';
import { DomainError, invalidField, notFound } from '../../lib/errors.ts';
import { randomToken, sha256 } from '../../lib/tokens.ts';
import { actorFor, unauthenticated } from './access.ts';
import { presentApiToken } from './presenter.ts';
import * as repo from './repository.ts';

/** API tokens: issued to a user with scopes, acting with scopes ∩ the user's permissions. */

export const TOKEN_PREFIX = 'clp_';

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
