import { and, asc, count, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { apiTokens, departments, loginAttempts, roles, sessions, userRoles, users } from '../../db/schema.ts';
import { rowsOf } from '../../lib/sql.ts';

export type UserRow = typeof users.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;
export type RoleRow = typeof roles.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function findUserByLogin(db: Executor, login: string) {
  const rows = await db.select().from(users).where(sql`lower(${users.login}) = lower(${login})`).limit(1);
  return rows[0];
}

export async function findUserById(db: Executor, id: string) {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

/** A user's roles as `[{ code, permissions }]`, computed inside the query that reads the user. */
const accessOf = sql<{ code: string; permissions: string[] }[]>`(
  SELECT coalesce(jsonb_agg(jsonb_build_object('code', r.code, 'permissions', r.permissions) ORDER BY r.code), '[]'::jsonb)
    FROM ${userRoles} ur JOIN ${roles} r ON r.id = ur.role_id WHERE ur.user_id = ${users.id})`;

const accessFrom = (list: { code: string; permissions: string[] }[]) => {
  const permissions = new Set<string>();
  for (const r of list) for (const p of r.permissions) permissions.add(p);
  return { roles: list.map((r) => r.code), permissions: [...permissions] };
};

/** An API token with its owner, roles and permissions, in one statement. */
export async function findApiTokenWithUser(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({ token: apiTokens, user: users, access: accessOf })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, tokenHash))
    .limit(1);
  return row ? { token: row.token, user: row.user, access: accessFrom(row.access) } : undefined;
}

/** A live session with its user, roles and permissions, in one statement. */
export async function findLiveSessionWithUser(db: Executor, idHash: string, now: Date) {
  const [row] = await db
    .select({ session: sessions, user: users, access: accessOf })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now)))
    .limit(1);
  return row ? { session: row.session, user: row.user, access: accessFrom(row.access) } : undefined;
}

/** Role codes and the union of their permissions for each user. */
export async function rolesOfUsers(db: Executor, userIds: string[]) {
  if (userIds.length === 0) return new Map<string, { roles: string[]; permissions: string[] }>();
  const rows = await db
    .select({ userId: userRoles.userId, code: roles.code, permissions: roles.permissions })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(
      sql`${userRoles.userId} IN (${sql.join(
        userIds.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  const out = new Map<string, { roles: string[]; permissions: string[] }>();
  for (const r of rows) {
    const entry = out.get(r.userId) ?? { roles: [], permissions: [] };
    entry.roles.push(r.code);
    for (const p of r.permissions) if (!entry.permissions.includes(p)) entry.permissions.push(p);
    out.set(r.userId, entry);
  }
  return out;
}

export const listUsers = (db: Executor) => db.select().from(users).orderBy(asc(users.login));

export async function insertUser(db: Executor, values: typeof users.$inferInsert, roleIds: string[]) {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  if (roleIds.length > 0) await db.insert(userRoles).values(roleIds.map((roleId) => ({ userId: row.id, roleId })));
  return row;
}

export const listRoles = (db: Executor) => db.select().from(roles).orderBy(asc(roles.code));

export async function findRolesByCode(db: Executor, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .select()
    .from(roles)
    .where(
      sql`${roles.code} IN (${sql.join(
        codes.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    );
}

export async function upsertRole(db: Executor, values: typeof roles.$inferInsert) {
  await db.insert(roles).values(values).onConflictDoNothing({ target: roles.code });
}

export const listDepartments = (db: Executor) => db.select().from(departments).orderBy(asc(departments.code));

export async function findDepartment(db: Executor, id: string) {
  const rows = await db.select().from(departments).where(eq(departments.id, id)).limit(1);
  return rows[0];
}

export async function insertDepartment(db: Executor, values: typeof departments.$inferInsert) {
  const rows = await db.insert(departments).values(values).onConflictDoNothing({ target: departments.code }).returning();
  return rows[0];
}

/** Update when the version matches; returns undefined on a stale version. */
export async function updateDepartment(
  db: Executor,
  id: string,
  expectedVersion: number,
  values: Partial<typeof departments.$inferInsert>,
) {
  const rows = await db
    .update(departments)
    .set({ ...values, updatedAt: sql`now()`, version: sql`${departments.version} + 1` })
    .where(and(eq(departments.id, id), eq(departments.version, expectedVersion)))
    .returning();
  return rows[0];
}

export const countUsers = async (db: Executor) => (await db.select({ n: count() }).from(users))[0]?.n ?? 0;

// ---------------------------------------------------------------- sessions

export async function insertSession(db: Executor, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

export async function touchSession(db: Executor, idHash: string, now: Date, expiresAt: Date) {
  await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(db: Executor, idHash: string) {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

// ---------------------------------------------------------------- login throttling

export async function recordLoginAttempt(db: Executor, login: string, ip: string, succeeded: boolean, at: Date) {
  const [row] = await db
    .insert(loginAttempts)
    .values({ login: login.toLowerCase(), ip, succeeded, at })
    .returning({ id: loginAttempts.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function markLoginAttemptSucceeded(db: Executor, id: number) {
  await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, id));
}

export async function deleteLoginAttempt(db: Executor, id: number) {
  await db.delete(loginAttempts).where(eq(loginAttempts.id, id));
}

/**
 * What the login throttle needs, in one query: the pair's failures recorded after its last success (and
 * since `pairSince`),
 * the pair's last success, and when the address and the login reached their limits (the time of the
 * `limit`-th newest failure in the window; null while under it). `beforeAttemptId` counts only attempts
 * recorded before that one.
 */
export async function throttleState(
  db: Executor,
  q: {
    login: string;
    ip: string;
    beforeAttemptId: number | undefined;
    pairSince: Date;
    addressSince: Date;
    addressLimit: number;
    accountSince: Date;
    accountLimit: number;
  },
) {
  const before = q.beforeAttemptId === undefined ? sql`` : sql`AND id < ${q.beforeAttemptId}`;
  const login = q.login.toLowerCase();
  const result = await db.execute(sql`
    WITH pair_success AS (
      SELECT max(id) AS id, max(at) AS at FROM login_attempts
      WHERE lower(login) = ${login} AND ip = ${q.ip} AND succeeded ${before}
    ), pair_failures AS (
      SELECT count(*)::int AS n, max(at) AS last FROM login_attempts
      WHERE lower(login) = ${login} AND ip = ${q.ip} AND NOT succeeded ${before}
        AND at > ${q.pairSince} AND id > coalesce((SELECT id FROM pair_success), 0)
    )
    SELECT
      (SELECT n FROM pair_failures) AS pair_failures,
      (SELECT last FROM pair_failures) AS pair_last_failure,
      (SELECT at FROM pair_success) AS pair_last_success,
      (SELECT at FROM login_attempts WHERE ip = ${q.ip} AND NOT succeeded AND at > ${q.addressSince} ${before}
        ORDER BY at DESC OFFSET ${q.addressLimit - 1} LIMIT 1) AS address_limit_at,
      (SELECT at FROM login_attempts WHERE lower(login) = ${login} AND NOT succeeded AND at > ${q.accountSince} ${before}
        ORDER BY at DESC OFFSET ${q.accountLimit - 1} LIMIT 1) AS account_limit_at`);
  type Row = Record<
    'pair_failures' | 'pair_last_failure' | 'pair_last_success' | 'address_limit_at' | 'account_limit_at',
    string | number | Date | null
  >;
  const row = rowsOf<Row>(result)[0];
  const time = (v: unknown) => (v === null || v === undefined ? undefined : new Date(v as string));
  return {
    pairFailures: Number(row?.pair_failures ?? 0),
    pairLastFailure: time(row?.pair_last_failure),
    pairLastSuccess: time(row?.pair_last_success),
    addressLimitReachedAt: time(row?.address_limit_at),
    accountLimitReachedAt: time(row?.account_limit_at),
  };
}

// ---------------------------------------------------------------- API tokens

export async function insertApiToken(db: Executor, values: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export const listApiTokensOf = (db: Executor, userId: string) =>
  db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(asc(apiTokens.createdAt));

export async function revokeApiToken(db: Executor, id: string, userId: string, at: Date) {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning();
  return rows[0];
}

export async function markApiTokenUsed(db: Executor, id: string, at: Date) {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

/** Update when the version matches; replaces the roles when `roleIds` is given. Undefined on a stale version. */
export async function updateUser(
  db: Executor,
  id: string,
  expectedVersion: number,
  values: Partial<typeof users.$inferInsert>,
  roleIds?: string[],
) {
  const rows = await db
    .update(users)
    .set({ ...values, updatedAt: sql`now()`, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, id), eq(users.version, expectedVersion)))
    .returning();
  const row = rows[0];
  if (row && roleIds) {
    await db.delete(userRoles).where(eq(userRoles.userId, id));
    if (roleIds.length) await db.insert(userRoles).values(roleIds.map((roleId) => ({ userId: id, roleId })));
  }
  return row;
}

/** End a user's sessions, all or all but `except` (an id hash). */
export async function deleteSessionsOf(db: Executor, userId: string, options: { except?: string } = {}) {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), options.except ? ne(sessions.idHash, options.except) : undefined));
}

export async function revokeApiTokensOf(db: Executor, userId: string, at: Date) {
  await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}
