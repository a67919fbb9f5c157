import type { Permission } from '@closeloop/domain';
import { DomainError, forbidden } from './errors.ts';

/** Who is calling, and with what rights. Sessions act with the user's permissions; tokens with their scopes ∩ the user's. */
export interface Actor {
  userId: string;
  displayName: string;
  permissions: ReadonlySet<Permission>;
  via: 'session' | 'token';
  tokenId?: string;
  /** The session's id hash, when signed in by cookie: what one's own password change keeps. */
  sessionIdHash?: string;
}

/** The timeline channel a change arrived through. */
export const channelOf = (actor: Actor) => (actor.via === 'token' ? 'api' : 'web');

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/** Named policy check: throws `forbidden` naming the missing permission. */
export function ensure(actor: Actor | undefined, permission: Permission): asserts actor is Actor {
  if (!actor) throw new DomainError('unauthenticated', 'sign in or send an API token (Authorization: Bearer …)');
  if (!actor.permissions.has(permission)) throw forbidden(permission);
}
