import type { DepartmentView, UserView } from '@closeloop/domain';
import { PERSONAL_PERMISSIONS } from '@closeloop/domain';
import type { ApiTokenRow, DepartmentRow, RoleRow, UserRow } from './repository.ts';

/** `now` decides whether an absence (away until …) is still running. */
export const presentUser = (row: UserRow, access: { roles: string[]; permissions: string[] } | undefined, now: Date): UserView => ({
  id: row.id,
  login: row.login,
  displayName: row.displayName,
  email: row.email,
  locale: row.locale === 'en-US' ? 'en-US' : 'zh-CN',
  departmentId: row.departmentId,
  roles: access?.roles ?? [],
  permissions: [...new Set([...(access?.permissions ?? []), ...PERSONAL_PERMISSIONS])] as UserView['permissions'],
  isActive: row.isActive,
  away: row.away && (row.awayUntil === null || row.awayUntil > now),
  awayUntil: row.awayUntil ? row.awayUntil.toISOString() : null,
  createdAt: row.createdAt.toISOString(),
  version: row.version,
});

export const presentDepartment = (row: DepartmentRow): DepartmentView => ({
  id: row.id,
  code: row.code,
  nameZh: row.nameZh,
  nameEn: row.nameEn,
  headUserId: row.headUserId,
  isActive: row.isActive,
  version: row.version,
});

export const presentRole = (row: RoleRow) => ({
  id: row.id,
  code: row.code,
  nameZh: row.nameZh,
  nameEn: row.nameEn,
  permissions: row.permissions as UserView['permissions'],
  isSystem: row.isSystem,
});

export const presentApiToken = (row: ApiTokenRow) => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes as UserView['permissions'],
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt?.toISOString() ?? null,
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});
