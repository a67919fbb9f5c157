import fs from 'node:fs';
import path from 'node:path';
import {
  type AwayBody,
  type CreateDepartmentBody,
  type CreateUserBody,
  DEFAULT_DEPARTMENTS,
  DEFAULT_ROLES,
  type UpdateDepartmentBody,
  type UpdateUserBody,
} from '@closeloop/domain';
import type { z } from 'zod';
import { ensure } from '../../lib/actor.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../lib/sql.ts';
import { ensureAcceptablePassword } from './access.ts';
import { generatePassword, hashPassword } from './password.ts';
import { presentDepartment, presentRole, presentUser } from './presenter.ts';
import * as repo from './repository.ts';

/** Users, departments and roles; the defaults and the first administrator. */

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
