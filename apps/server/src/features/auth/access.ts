import { PASSWORD_PROBLEM_TEXT, PERSONAL_PERMISSIONS, type Permission, passwordProblem } from '@closeloop/domain';
import { DomainError, invalidField } from '../../lib/errors.ts';
import type * as repo from './repository.ts';

/** Who a credential acts as, and the rules every credential change follows. */

export const unauthenticated = (message: string) => new DomainError('unauthenticated', message);

/** Refuse a password the policy refuses (packages/domain/src/auth/password-policy.ts), naming the field and the reason. */
export function ensureAcceptablePassword(field: string, password: string, login: string) {
  const problem = passwordProblem(password, { login });
  if (problem) throw invalidField(field, PASSWORD_PROBLEM_TEXT[problem], problem);
}

/** A user's permissions: what the roles grant, and the personal ones every user holds. */
export const permissionsOfUser = (rolePermissions: readonly string[]) =>
  new Set([...rolePermissions, ...PERSONAL_PERMISSIONS] as Permission[]);

/** The acting user with the permissions they act with (a token's scopes ∩ the user's), read in the same statement as the credential. */
export function actorFor(found: { user: repo.UserRow; access: { roles: string[]; permissions: string[] } }, scopes?: string[]) {
  const { user, access } = found;
  if (!user.isActive) return undefined;
  let permissions = permissionsOfUser(access.permissions);
  if (scopes) permissions = new Set([...permissions].filter((p) => scopes.includes(p)));
  return { user, access, permissions };
}
