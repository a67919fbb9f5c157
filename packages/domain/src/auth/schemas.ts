import { z } from 'zod';
import { Id, IsoDateTime, requiredText, text } from '../common/schemas.ts';

/** Every permission the system checks. Roles grant sets of them; API tokens narrow them. */
export const PERMISSIONS = [
  'cases:read',
  'cases:create',
  'cases:update',
  'cases:handle',
  'cases:approve',
  'cases:close',
  'cases:reject',
  'cases:comment',
  /** Register a case as received by someone else, or name another first responder (a clerk typing in a rep's call). */
  'cases:receive_for_others',
  'customers:read',
  'customers:write',
  'products:write',
  'users:read',
  'users:manage',
  'departments:manage',
  'roles:manage',
  'tokens:manage',
  /** Business calendars, SLA policies, assignment rules, company settings, the outbox log. */
  'sla:manage',
  /** Propose and carry out dispositions, record costs and the investigation. */
  'dispositions:write',
  /** Decide whose responsibility a problem is (责任判定). */
  'responsibility:decide',
  /** Read costs and the monthly settlement. */
  'costs:read',
  /** Edit the approval matrix (核决权限) and warranty terms. */
  'approvals:manage',
  /**
   * Change one's own things: away, preferences, notifications read. Every user holds it by being a user
   * (no role grants it); an API token holds it only when it was granted as a scope.
   */
  'profile:write',
] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

/** Permissions every signed-in user holds for themselves, whatever their roles. */
export const PERSONAL_PERMISSIONS = ['profile:write'] as const satisfies readonly Permission[];

/** The permissions roles grant: all but the personal ones. */
const ROLE_PERMISSIONS = PERMISSIONS.filter((p) => !(PERSONAL_PERMISSIONS as readonly string[]).includes(p));

export const ROLE_CODES = ['administrator', 'manager', 'deputy_gm', 'gm', 'finance', 'agent', 'quality_engineer', 'read_only'] as const;

/** Approval authority, lowest first: a role may approve what any role before it may (核决权限). */
export const APPROVAL_AUTHORITY = ['manager', 'deputy_gm', 'gm'] as const;

/** Default roles; editable by administrators after first start. */
export const DEFAULT_ROLES: ReadonlyArray<{
  code: string;
  nameZh: string;
  nameEn: string;
  permissions: readonly Permission[];
}> = [
  { code: 'administrator', nameZh: '系统管理员', nameEn: 'Administrator', permissions: ROLE_PERMISSIONS },
  {
    code: 'manager',
    nameZh: '部门经理',
    nameEn: 'Manager',
    permissions: [
      'cases:read',
      'cases:create',
      'cases:update',
      'cases:handle',
      'cases:approve',
      'cases:close',
      'cases:reject',
      'cases:comment',
      'cases:receive_for_others',
      'customers:read',
      'customers:write',
      'products:write',
      'users:read',
      'tokens:manage',
      'dispositions:write',
      'responsibility:decide',
      'costs:read',
    ],
  },
  ...(['deputy_gm', 'gm'] as const).map((code) => ({
    code,
    nameZh: code === 'gm' ? '总经理' : '副总经理',
    nameEn: code === 'gm' ? 'General manager' : 'Deputy general manager',
    permissions: [
      'cases:read',
      'cases:approve',
      'cases:comment',
      'customers:read',
      'users:read',
      'tokens:manage',
      'dispositions:write',
      'costs:read',
    ] as Permission[],
  })),
  {
    code: 'finance',
    nameZh: '财务',
    nameEn: 'Finance',
    permissions: ['cases:read', 'customers:read', 'users:read', 'costs:read'],
  },
  {
    code: 'agent',
    nameZh: '受理专员',
    nameEn: 'Agent',
    permissions: [
      'cases:read',
      'cases:create',
      'cases:update',
      'cases:handle',
      'cases:close',
      'cases:comment',
      'customers:read',
      'customers:write',
      'users:read',
      'tokens:manage',
      'dispositions:write',
    ],
  },
  {
    code: 'quality_engineer',
    nameZh: '质量工程师',
    nameEn: 'Quality engineer',
    permissions: [
      'cases:read',
      'cases:create',
      'cases:update',
      'cases:handle',
      'cases:close',
      'cases:reject',
      'cases:comment',
      'customers:read',
      'users:read',
      'tokens:manage',
      'dispositions:write',
      'responsibility:decide',
    ],
  },
  {
    code: 'read_only',
    nameZh: '只读',
    nameEn: 'Read-only',
    permissions: ['cases:read', 'customers:read', 'users:read'],
  },
];

/** Departments from the procedure (§1); editable. */
export const DEFAULT_DEPARTMENTS = [
  { code: 'sales', nameZh: '销售部', nameEn: 'Sales' },
  { code: 'service', nameZh: '售后服务部', nameEn: 'After-sales service' },
  { code: 'quality', nameZh: '品质部', nameEn: 'Quality' },
  { code: 'production', nameZh: '生产部', nameEn: 'Production' },
  { code: 'rnd', nameZh: '研发部', nameEn: 'R&D' },
  { code: 'purchasing', nameZh: '采购部', nameEn: 'Purchasing' },
  { code: 'warehouse', nameZh: '仓库', nameEn: 'Warehouse' },
  { code: 'finance', nameZh: '财务部', nameEn: 'Finance' },
  { code: 'gm_office', nameZh: '总经理室', nameEn: 'GM office' },
] as const;

export const Locale = z.enum(['zh-CN', 'en-US']);

export const LoginBody = z.object({
  login: requiredText(100),
  password: z.string().min(1).max(1000),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const UserView = z.object({
  id: Id,
  login: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  locale: Locale,
  departmentId: Id.nullable(),
  roles: z.array(z.string()),
  permissions: z.array(Permission),
  isActive: z.boolean(),
  /** Away (休假, 出差): assignment rules skip them; `awayUntil` ends it by itself. */
  away: z.boolean(),
  awayUntil: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  version: z.number().int(),
});
export type UserView = z.infer<typeof UserView>;

export const LoginResult = z.object({ user: UserView, csrfToken: z.string() });
export type LoginResult = z.infer<typeof LoginResult>;

/** `GET /auth/me`: the signed-in user; `csrfToken` is null for a caller with an API token (no cookie session). */
export const MeView = z.object({ user: UserView, csrfToken: z.string().nullable() });
export type MeView = z.infer<typeof MeView>;

export const CreateUserBody = z.object({
  login: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[\p{L}\p{N}._@-]+$/u, 'letters, digits and . _ @ - only'),
  displayName: requiredText(100),
  email: z.email().max(254).optional(),
  locale: Locale.default('zh-CN'),
  departmentId: Id.optional(),
  roles: z.array(z.string().max(64)).min(1).max(10),
  password: z.string().min(10).max(200),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

/** An administrator's edit of a user; `password` sets a new one (the user's sessions end). */
export const UpdateUserBody = z.object({
  version: z.number().int(),
  displayName: requiredText(100).optional(),
  email: z.email().max(254).nullable().optional(),
  locale: Locale.optional(),
  departmentId: Id.nullable().optional(),
  roles: z.array(z.string().max(64)).min(1).max(10).optional(),
  isActive: z.boolean().optional(),
  password: z.string().min(10).max(200).optional(),
  away: z.boolean().optional(),
  awayUntil: IsoDateTime.nullable().optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const DepartmentView = z.object({
  id: Id,
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  headUserId: Id.nullable(),
  isActive: z.boolean(),
  version: z.number().int(),
});
export type DepartmentView = z.infer<typeof DepartmentView>;

export const CreateDepartmentBody = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9_]+$/, 'lower-case letters, digits and _ only'),
  nameZh: requiredText(100),
  nameEn: requiredText(100),
  headUserId: Id.nullable().optional(),
});
export const UpdateDepartmentBody = z.object({
  version: z.number().int(),
  nameZh: requiredText(100).optional(),
  nameEn: requiredText(100).optional(),
  headUserId: Id.nullable().optional(),
  isActive: z.boolean().optional(),
});

export const RoleView = z.object({
  id: Id,
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  permissions: z.array(Permission),
  isSystem: z.boolean(),
});

export const CreateApiTokenBody = z.object({
  name: requiredText(100),
  /** Permissions the token may use; never more than its owner has. */
  scopes: z.array(Permission).min(1).max(PERMISSIONS.length),
  expiresAt: IsoDateTime.optional(),
});
export type CreateApiTokenBody = z.infer<typeof CreateApiTokenBody>;

export const ApiTokenView = z.object({
  id: Id,
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(Permission),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime.nullable(),
  lastUsedAt: IsoDateTime.nullable(),
  revokedAt: IsoDateTime.nullable(),
});
/** The secret appears once, in the answer to its creation. */
export const CreatedApiToken = ApiTokenView.extend({ token: z.string() });

export const userName = text(100);

/**
 * One's own password change. `newPassword` follows the password policy (password-policy.ts); the
 * current one proves it is the person, not someone at an unlocked screen.
 */
export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(1).max(200),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

/** Mark oneself away (or back); `awayUntil` ends the absence by itself. */
export const AwayBody = z.object({ away: z.boolean(), awayUntil: IsoDateTime.nullable().optional() });
export type AwayBody = z.infer<typeof AwayBody>;
